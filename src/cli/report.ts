import type { Assessment, Finding } from '../model/assessment.js';
import { formatPath, type Issues } from '../model/issues.js';
import { SEVERITIES } from '../model/vocabulary.js';

const formatNumber = (value: number): string => String(Number(value.toFixed(2)));

const formatValue = (value: unknown): string =>
  typeof value === 'number' ? formatNumber(value) : Array.isArray(value) ? `[${value.map(formatValue).join(', ')}]` : String(value);

const sessionLine = (assessment: Assessment): string => {
  const { status, totals, limits } = assessment.session;
  if (status === 'not-planned') return 'not planned';
  const parts = [
    `${formatNumber(totals.volumeMl)} of ${formatNumber(limits.maxVolumeMl)} mL`,
    `${totals.containers} of ${limits.maxContainers} containers`,
  ];
  if (totals.dailyVolumeMl !== totals.volumeMl) parts.push(`${formatNumber(totals.dailyVolumeMl)} mL that day`);
  if (totals.dailyPolidocanolMg !== undefined) {
    const cap = limits.maxPolidocanolMg === undefined ? 'no weight-based limit (weight not documented)' : `limit ${formatNumber(limits.maxPolidocanolMg)} mg`;
    parts.push(`polidocanol ${formatNumber(totals.dailyPolidocanolMg)} mg that day, ${cap}`);
  }
  return `${status} (${parts.join('; ')})`;
};

const findingLines = (finding: Finding): string[] => {
  const lines = [`  ${finding.ruleId}: ${finding.summary}`, `    Why: ${finding.detail}`];
  if (finding.evidence.length > 0) {
    const values = finding.evidence.map((e) => `${e.fact} = ${formatValue(e.actual)} (${e.operator} ${formatValue(e.expected)})`);
    lines.push(`    Values: ${values.join('; ')}`);
  }
  if (finding.veinIds !== undefined) lines.push(`    Veins: ${finding.veinIds.join(', ')}`);
  if (finding.resolution !== undefined) lines.push(`    What would change it: ${finding.resolution}`);
  lines.push('    Sources:', ...finding.sources.map((s) => `      - ${s.label}${s.url === undefined ? '' : ` <${s.url}>`}`));
  return lines;
};

/**
 * Renders an assessment as a report a clinician can read: status, session, then findings grouped by
 * severity with reason, values, resolution and sources.
 * @param assessment - the assessment
 * @returns the report text, ending with a newline
 */
export const formatReport = (assessment: Assessment): string => {
  const lines = [
    `Sclerotherapy assessment (${assessment.ruleSet.name} ${assessment.ruleSet.version}, as of ${assessment.asOf})`,
    '',
    `Status:   ${assessment.status}`,
    `Session:  ${sessionLine(assessment)}`,
  ];
  if (assessment.session.deferredVeinIds.length > 0) lines.push(`Deferred: ${assessment.session.deferredVeinIds.join(', ')}`);
  if (assessment.unconfirmed.length > 0) lines.push(`To confirm: ${assessment.unconfirmed.join(', ')}`);
  for (const severity of SEVERITIES) {
    const group = assessment.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${group.length})`, ...group.flatMap(findingLines));
  }
  lines.push('', 'Decision support only: the findings advise the treating clinician, who makes the decision.');
  return `${lines.join('\n')}\n`;
};

/**
 * Renders input issues one per line, each with its path.
 * @param issues - the issues
 * @returns the text, ending with a newline
 */
export const formatIssues = (issues: Issues): string =>
  `The request is invalid:\n${issues.map((i) => `  ${formatPath(i.path)}: ${i.message} [${i.code}]`).join('\n')}\n`;
