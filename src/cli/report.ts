import { formatPath, type Issues } from '../model/issues.js';

/**
 * Renders input issues one per line, each with its path.
 * @param issues - the issues
 * @returns the text, ending with a newline
 */
export const formatIssues = (issues: Issues): string =>
  `The request is invalid:\n${issues.map((i) => `  ${formatPath(i.path)}: ${i.message} [${i.code}]`).join('\n')}\n`;
