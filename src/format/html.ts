export const formatHtml = (a: unknown, d: unknown): string => '';
