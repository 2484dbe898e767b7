/**
 * Escapes text for HTML element content and attribute values.
 * @param text - plain text
 * @returns the text with &, <, >, " and ' as character references
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
