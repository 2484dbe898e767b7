import type { Citation, Evidence, Finding } from '../../../model/assessment.js';
import { formatValue } from '../../../explain/render.js';

const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  equal: 'is',
  notEqual: 'is not',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'includes',
  doesNotContain: 'does not include',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is more than',
  greaterThanInclusive: 'is at least',
};

/**
 * Escapes text so that GitHub-flavoured Markdown shows it as written, inside a paragraph or a table
 * cell: emphasis, code, link, HTML, table and strikethrough characters, and line breaks.
 * @param text - plain text
 * @returns the text with those characters backslash-escaped
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]<>|~]/g, (char) => `\\${char}`)
    // An underscore inside a word never starts emphasis in GFM (file names such as 001_85d9.txt).
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');

// Text that starts a list item must not itself start a list ("- ", "+ ", "2. ") or a heading.
const escapeLineStart = (text: string): string => text.replace(/^[#+-]/, (start) => `\\${start}`).replace(/^(\d+)([.)])/, '$1\\$2');

// A URL inside (...) ends at a space or an unbalanced parenthesis; both are percent-encoded.
const escapeUrl = (url: string): string => url.replace(/[ ()<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

const citation = (source: Citation): string => {
  const label = escapeLineStart(escapeMarkdown(source.label));
  return source.url === undefined ? label : `[${label}](${escapeUrl(source.url)})`;
};

const evidenceRow = (evidence: Evidence): string => {
  const what = evidence.about === undefined ? `\`${evidence.fact}\`` : `${escapeMarkdown(evidence.about)} (\`${evidence.fact}\`)`;
  const from = evidence.expectedFrom === undefined ? '' : ` (\`${evidence.expectedFrom}\`)`;
  const rule = `${OPERATOR_WORDS[evidence.operator] ?? escapeMarkdown(evidence.operator)} ${escapeMarkdown(formatValue(evidence.expected))}${from}`;
  return `| ${what} | ${escapeMarkdown(formatValue(evidence.actual))} | ${rule} |`;
};

const evidenceTable = (evidence: readonly Evidence[]): readonly string[] =>
  evidence.length === 0 ? [] : ['**Patient values**', '', '| Value | Patient | Rule fires when it |', '| --- | --- | --- |', ...evidence.map(evidenceRow), ''];

const limitLines = (finding: Finding): readonly string[] =>
  (finding.limits ?? [])
    .filter((limit) => limit.changedBy !== undefined)
    .map((limit) => `Limit \`${limit.name}\` is ${formatValue(limit.value)} ${escapeMarkdown(limit.unit)}, changed from ${formatValue(limit.baseValue)} by ${escapeMarkdown(limit.changedBy ?? '')}.`);

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
    ...(finding.unconfirmed === undefined || finding.unconfirmed.length === 0 ? [] : [`**To confirm:** ${finding.unconfirmed.map((p) => `\`${p}\``).join(', ')}`, '']),
    ...limitLines(finding).flatMap((line) => [line, '']),
    '**Sources**',
    '',
    ...finding.sources.map((source, index) => `${index + 1}. ${citation(source)}`),
    '',
    `Rule \`${finding.ruleId}\` (${finding.category}, ${finding.effect}).`,
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
