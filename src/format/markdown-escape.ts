// Markdown that shows text as written: escaping for paragraphs, table cells and code spans, and safe links.

/**
 * Escapes text so that GitHub-flavoured Markdown shows it as written, inside a paragraph or a table
 * cell: emphasis, code, link, HTML, table and strikethrough characters, entity references, and line breaks.
 * @param text - plain text
 * @returns the text with those characters backslash-escaped
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]<>|~]/g, (char) => `\\${char}`)
    // "&amp;" or "&#60;" would show as the character it names.
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    // An underscore inside a word never starts emphasis in GFM (file names such as 001_85d9.txt).
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');

// Text that starts a list item must not itself start a list ("- ", "+ ", "2. ") or a heading.
export const escapeLineStart = (text: string): string => text.replace(/^[#+-]/, (start) => `\\${start}`).replace(/^(\d+)([.)])/, '$1\\$2');

/**
 * Writes text as a GitHub-flavoured Markdown code span that shows it as written, whatever backticks
 * it holds: the fence is one backtick longer than the longest run inside.
 * @param text - plain text, on one line (line breaks become spaces)
 * @param options - `inTable`: the span is in a table cell, where a `|` must be escaped even in code
 * @returns the code span
 */
export const codeSpan = (text: string, options: { readonly inTable?: boolean } = {}): string => {
  const line = text.replace(/[\r\n]+/g, ' ');
  const content = options.inTable === true ? line.replace(/\|/g, '\\|') : line;
  const fence = '`'.repeat(Math.max(0, ...[...content.matchAll(/`+/g)].map((run) => run[0].length)) + 1);
  // A space on each side when the text starts or ends with a backtick (or a space, which the pair would lose).
  const pad = /^[` ]|[` ]$/.test(content) && content.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
};

/**
 * Tells whether a citation's URL may become a link: http and https only. Any other scheme
 * (`javascript:`, `data:`, `vbscript:`, `file:`), which an overlay could give a source, would run
 * or open something on a click.
 * @param url - the URL
 * @returns true for an absolute http or https URL without spaces
 */
export const isLinkableUrl = (url: string): boolean => /^https?:\/\/\S+$/i.test(url);

// A URL inside (...) ends at white space or an unbalanced parenthesis; they are percent-encoded,
// as are control characters and angle brackets.
const escapeUrl = (url: string): string =>
  url.replace(/[\s\p{Cc}()<>]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

// A label is plain text: one line, no leading or trailing spaces (four leading spaces would start code).
const labelText = (label: string): string => escapeLineStart(escapeMarkdown(label.replace(/\s+/g, ' ').trim()));

/**
 * Writes one citation as Markdown: a link when its URL is http(s), else the label with the URL as code.
 * @param label - the citation's label
 * @param url - its URL, if any
 * @returns the Markdown
 */
export const citationMarkdown = (label: string, url?: string): string => {
  const text = labelText(label);
  if (url === undefined) return text;
  // Written with spaces or parentheses, an http(s) URL is still one to link, once they are encoded.
  return /^https?:\/\/\S/i.test(url) ? `[${text}](${escapeUrl(url)})` : `${text} (${codeSpan(url)})`;
};

