import type { Evidence, Finding, Hold } from '../model/assessment.js';
import { wordsForPath } from '../model/clinical-fields.js';
import { formatValue } from '../explain/render.js';
import { presentEvidence, presentHold, veinNamer, veinNames, type VeinNamer } from '../explain/present.js';
import { citationMarkdown, escapeMarkdown } from './markdown-escape.js';

import { sourceList, type Footnote } from './sources.js';

/**
 * Writes one numbered source as Markdown: its title, the parts cited, and its link.
 * @param note - the source
 * @returns the Markdown, without the number
 */
export const footnoteMarkdown = (note: Footnote): string =>
  citationMarkdown(`${note.title}${note.locators.length === 0 ? '' : `, ${note.locators.join(', ')}`}`, note.url);

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
    ...(finding.changedBy === undefined ? [] : [`**Changed by** ${escapeMarkdown(finding.changedBy)}.`, '']),
    '**Sources**',
    '',
    ...sourceList([finding]).footnotes.map((note) => `${note.number}. ${footnoteMarkdown(note)}`),
  ];
  return lines.join('\n');
};

// Several findings on one card: a section per finding (its summary with footnote numbers, then its
// body lines), and one numbered list of their sources, each cited once.
const withSources = (findings: readonly Finding[], bodyOf: (finding: Finding) => readonly string[]): string => {
  const sources = sourceList(findings);
  const sections = findings.map((finding) => {
    const numbers = sources.numbersOf(finding);
    return `### ${escapeMarkdown(finding.summary)}${numbers.length === 0 ? '' : ` [${numbers.join(',')}]`}\n\n${bodyOf(finding).join('\n')}`;
  });
  const list = sources.footnotes.map((note) => `${note.number}. ${footnoteMarkdown(note)}`);
  return [...sections, ...(list.length === 0 ? [] : [`**Sources**\n\n${list.join('\n')}`])].join('\n\n');
};

/**
 * Writes the body of the card that gathers informational findings, kept short: per finding its
 * summary with footnote numbers, its explanation and veins; then one numbered list of the sources.
 * The values each finding read stay in the card's extension.
 * @param findings - the informational findings, in the assessment's order
 * @param name - names the request's veins
 * @returns the Markdown
 */
export const infoMarkdown = (findings: readonly Finding[], name: VeinNamer = veinNamer()): string =>
  withSources(findings, (finding) => [
    escapeMarkdown(finding.detail),
    ...(finding.veinIds === undefined || finding.veinIds.length === 0 ? [] : ['', `**Veins:** ${escapeMarkdown(veinNames(finding.veinIds, name))}`]),
    ...(finding.changedBy === undefined ? [] : ['', `**Changed by** ${escapeMarkdown(finding.changedBy)}.`]),
  ]);

/**
 * Writes the body of a card that gathers several findings that each need action (e.g. every dose
 * limit an order breaks): per finding its summary with footnote numbers, its explanation, the
 * patient's values and what would change it; then one numbered list of the sources.
 * @param findings - the findings, in the assessment's order
 * @param name - names the request's veins
 * @returns the Markdown
 */
export const actionMarkdown = (findings: readonly Finding[], name: VeinNamer = veinNamer()): string =>
  withSources(findings, (finding) =>
    [
      escapeMarkdown(finding.detail),
      '',
      ...evidenceTable(finding.evidence, name),
      ...(finding.resolution === undefined ? [] : [`**What would change this:** ${escapeMarkdown(finding.resolution)}`, '']),
      ...limitLines(finding).flatMap((line) => [line, '']),
      ...(finding.changedBy === undefined ? [] : [`**Changed by** ${escapeMarkdown(finding.changedBy)}.`, '']),
    ].join('\n').trimEnd().split('\n'),
  );

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
