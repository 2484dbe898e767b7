import type { Citation, Evidence, Finding } from '../../../model/assessment.js';
import { formatValue } from '../../../explain/render.js';
import { OPERATOR_WORDS } from '../../../rules/describe-rules.js';

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
const escapeLineStart = (text: string): string => text.replace(/^[#+-]/, (start) => `\\${start}`).replace(/^(\d+)([.)])/, '$1\\$2');

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

const citation = (source: Citation): string => {
  const label = labelText(source.label);
  if (source.url === undefined) return label;
  // Written with spaces or parentheses, an http(s) URL is still one to link, once they are encoded.
  return /^https?:\/\/\S/i.test(source.url) ? `[${label}](${escapeUrl(source.url)})` : `${label} (${codeSpan(source.url)})`;
};

const evidenceRow = (evidence: Evidence): string => {
  const fact = codeSpan(evidence.fact, { inTable: true });
  const what = evidence.about === undefined ? fact : `${escapeMarkdown(evidence.about)} (${fact})`;
  const from = evidence.expectedFrom === undefined ? '' : ` (${codeSpan(evidence.expectedFrom, { inTable: true })})`;
  const rule = `${OPERATOR_WORDS[evidence.operator] ?? escapeMarkdown(evidence.operator)} ${escapeMarkdown(formatValue(evidence.expected))}${from}`;
  return `| ${what} | ${escapeMarkdown(formatValue(evidence.actual))} | ${rule} |`;
};

const evidenceTable = (evidence: readonly Evidence[]): readonly string[] =>
  evidence.length === 0 ? [] : ['**Patient values**', '', '| Value | Patient | Rule fires when it |', '| --- | --- | --- |', ...evidence.map(evidenceRow), ''];

const limitLines = (finding: Finding): readonly string[] =>
  (finding.limits ?? [])
    .filter((limit) => limit.changedBy !== undefined)
    .map((limit) => `Limit ${codeSpan(limit.name)} is ${formatValue(limit.value)} ${escapeMarkdown(limit.unit)}, changed from ${formatValue(limit.baseValue)} by ${escapeMarkdown(limit.changedBy ?? '')}.`);

/**
 * Writes the body of a finding in GitHub-flavoured Markdown: the reason, the patient's values, what
 * would change it, the veins and fields concerned, and the citations with their links.
 * @param finding - the finding
 * @returns the Markdown, without a heading
 */
export const findingMarkdown = (finding: Finding): string => {
  const lines = [
    `**Why:** ${escapeMarkdown(finding.detail)}`,
    '',
    ...evidenceTable(finding.evidence),
    ...(finding.resolution === undefined ? [] : [`**What would change this:** ${escapeMarkdown(finding.resolution)}`, '']),
    ...(finding.veinIds === undefined || finding.veinIds.length === 0 ? [] : [`**Veins:** ${finding.veinIds.map(escapeMarkdown).join(', ')}`, '']),
    ...(finding.unconfirmed === undefined || finding.unconfirmed.length === 0 ? [] : [`**To confirm:** ${finding.unconfirmed.map((p) => codeSpan(p)).join(', ')}`, '']),
    ...limitLines(finding).flatMap((line) => [line, '']),
    '**Sources**',
    '',
    ...finding.sources.map((source, index) => `${index + 1}. ${citation(source)}`),
    '',
    `Rule ${codeSpan(finding.ruleId)} (${finding.category}, ${finding.effect}).`,
  ];
  return lines.join('\n');
};

/**
 * Writes the body of the card that gathers informational findings: one section per finding.
 * @param findings - the informational findings, in the assessment's order
 * @returns the Markdown
 */
export const infoMarkdown = (findings: readonly Finding[]): string =>
  findings.map((finding) => `### ${escapeMarkdown(finding.summary)}\n\n${findingMarkdown(finding)}`).join('\n\n');
