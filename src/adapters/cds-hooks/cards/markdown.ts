import type { Citation, Evidence, Finding, Hold } from '../../../model/assessment.js';
import { wordsForPath } from '../../../model/clinical-fields.js';
import { formatValue } from '../../../explain/render.js';
import { presentEvidence, presentHold, veinNamer, veinNames, type VeinNamer } from '../../../explain/present.js';

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

// Evidence is data: the card shows it in clinical words, never by fact or limit name (CONTRACT §4.6).
const evidenceRow = (evidence: Evidence, name: VeinNamer): string => {
  const { what, patient, firesWhen } = presentEvidence(evidence, name);
  return `| ${escapeMarkdown(what)} | ${escapeMarkdown(patient)} | ${escapeMarkdown(firesWhen)} |`;
};

const evidenceTable = (evidence: readonly Evidence[], name: VeinNamer): readonly string[] =>
  evidence.length === 0
    ? []
    : ['**Patient values**', '', '| Value | Patient | Applies when |', '| --- | --- | --- |', ...evidence.map((e) => evidenceRow(e, name)), ''];

const limitLines = (finding: Finding): readonly string[] =>
  (finding.limits ?? [])
    .filter((limit) => limit.changedBy !== undefined)
    .map(
      (limit) =>
        `The clinic's rules (${escapeMarkdown(limit.changedBy ?? '')}) set a value this finding uses to ${formatValue(limit.value)} ${escapeMarkdown(limit.unit)}, instead of ${formatValue(limit.baseValue)} ${escapeMarkdown(limit.unit)}.`,
    );

/**
 * Writes the body of a finding in GitHub-flavoured Markdown: the reason, the patient's values, what
 * would change it, the veins and facts concerned, and the citations with their links. Veins are
 * named, facts are in clinical words; rule ids, request paths, fact and limit names stay in the
 * card's data, not its text.
 * @param finding - the finding
 * @param name - names the request's veins; without the request, veins are named generically
 * @returns the Markdown, without a heading
 */
export const findingMarkdown = (finding: Finding, name: VeinNamer = veinNamer()): string => {
  const lines = [
    `**Why:** ${escapeMarkdown(finding.detail)}`,
    '',
    ...evidenceTable(finding.evidence, name),
    ...(finding.resolution === undefined ? [] : [`**What would change this:** ${escapeMarkdown(finding.resolution)}`, '']),
    ...(finding.veinIds === undefined || finding.veinIds.length === 0 ? [] : [`**Veins:** ${escapeMarkdown(veinNames(finding.veinIds, name))}`, '']),
    ...(finding.unconfirmed === undefined || finding.unconfirmed.length === 0
      ? []
      : [`**To document:** ${escapeMarkdown(finding.unconfirmed.map(wordsForPath).join('; '))}`, '']),
    ...limitLines(finding).flatMap((line) => [line, '']),
    '**Sources**',
    '',
    ...finding.sources.map((source, index) => `${index + 1}. ${citation(source)}`),
  ];
  return lines.join('\n');
};

/**
 * Writes the body of the card that gathers informational findings: one section per finding.
 * @param findings - the informational findings, in the assessment's order
 * @param name - names the request's veins
 * @returns the Markdown
 */
export const infoMarkdown = (findings: readonly Finding[], name: VeinNamer = veinNamer()): string =>
  findings.map((finding) => `### ${escapeMarkdown(finding.summary)}\n\n${findingMarkdown(finding, name)}`).join('\n\n');

/**
 * Writes the body of the card of a held session: each hold in words, the veins it holds by name,
 * and what would release it.
 * @param holds - the session's holds, in order
 * @param name - names the request's veins
 * @returns the Markdown
 */
export const holdsMarkdown = (holds: readonly Hold[], name: VeinNamer = veinNamer()): string =>
  [
    'The plan may be acceptable, but not yet. Before it can go ahead:',
    '',
    ...holds.flatMap((hold, index) => {
      const { reason, resolution } = presentHold(hold, name);
      return [`${index + 1}. **${escapeMarkdown(reason)}.** ${escapeMarkdown(resolution)}`];
    }),
  ].join('\n');
