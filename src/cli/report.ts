import type { Assessment, Finding } from '../model/assessment.js';
import { wordsForPath } from '../model/clinical-fields.js';
import { formatPath, type Issues } from '../model/issues.js';
import { SEVERITIES } from '../model/vocabulary.js';
import {
  jurisdictionWords,
  presentEvidence,
  presentHold,
  SESSION_STATUS_WORDS,
  veinNamer,
  veinNames,
  type VeinNamer,
} from '../explain/present.js';

const formatNumber = (value: number): string => String(Number(value.toFixed(2)));

const totalsLine = (assessment: Assessment): string => {
  const { totals, limits } = assessment.session;
  const estimated = totals.liquidVolumeEstimated ? ' (estimated)' : '';
  const parts = [`liquid ${formatNumber(totals.liquidVolumeMl)}${estimated} of ${formatNumber(limits.maxVolumeMl)} mL`];
  if (totals.foamVolumeMl > 0) parts.push(`foam ${formatNumber(totals.foamVolumeMl)} of ${formatNumber(limits.maxFoamVolumeMl)} mL`);
  parts.push(`${formatNumber(totals.containerEquivalents)} of ${limits.maxContainers} containers (2 mL each)`);
  if (totals.dailyLiquidVolumeMl !== totals.liquidVolumeMl) parts.push(`liquid ${formatNumber(totals.dailyLiquidVolumeMl)} mL that day`);
  if (totals.dailyPolidocanolMg !== undefined) {
    const cap = limits.maxPolidocanolMg === undefined ? 'no weight-based cap (body weight not documented)' : `cap ${formatNumber(limits.maxPolidocanolMg)} mg`;
    parts.push(`polidocanol ${formatNumber(totals.dailyPolidocanolMg)} mg that day, ${cap}`);
  }
  return parts.join('; ');
};

const sessionLines = (assessment: Assessment, name: VeinNamer): string[] => {
  const { status, holds, heldVeinIds, deferredVeinIds } = assessment.session;
  const lines = [`Session:  ${status}: ${SESSION_STATUS_WORDS[status]}`];
  if (status === 'not-planned') return lines;
  lines.push(`          ${totalsLine(assessment)}`);
  if (holds.length > 0) {
    lines.push(status === 'held' ? 'Held until:' : 'Also pending:');
    for (const hold of holds) {
      const { reason, resolution } = presentHold(hold, name);
      lines.push(`  - ${reason}`, `    What would release it: ${resolution}`);
    }
  }
  if (heldVeinIds.length > 0) lines.push(`Held veins: ${veinNames(heldVeinIds, name)}`);
  if (deferredVeinIds.length > 0) lines.push(`Deferred veins: ${veinNames(deferredVeinIds, name)}`);
  return lines;
};

const findingLines = (finding: Finding, name: VeinNamer): string[] => {
  const lines = [`  ${finding.summary}`, `    Why: ${finding.detail}`];
  if (finding.evidence.length > 0) {
    const values = finding.evidence.map((e) => presentEvidence(e, name)).map((e) => `${e.what}: ${e.patient} (applies when ${e.firesWhen})`);
    lines.push(`    Values: ${values.join('; ')}`);
  }
  if (finding.veinIds !== undefined && finding.veinIds.length > 0) lines.push(`    Veins: ${veinNames(finding.veinIds, name)}`);
  if (finding.unconfirmed !== undefined && finding.unconfirmed.length > 0) lines.push(`    To document: ${finding.unconfirmed.map(wordsForPath).join('; ')}`);
  if (finding.resolution !== undefined) lines.push(`    What would change it: ${finding.resolution}`);
  lines.push('    Sources:', ...finding.sources.map((s) => `      - ${s.label}${s.url === undefined ? '' : ` <${s.url}>`}`));
  return lines;
};

/**
 * Renders an assessment as a report a clinician can read: status, session with its holds and its
 * held and deferred veins, then findings grouped by severity with reason, values, resolution and
 * sources. It names veins and facts in clinical words and never shows request paths, fact names,
 * limit names or rule ids (CONTRACT §4.6); `--json` gives the data with them.
 * @param assessment - the assessment
 * @param request - the assessed request, to name veins by label or kind, side and region
 * @returns the report text, ending with a newline
 */
export const formatReport = (assessment: Assessment, request?: unknown): string => {
  const name = veinNamer(request);
  const lines = [
    `Sclerotherapy assessment (${assessment.ruleSet.name} ${assessment.ruleSet.version}, as of ${assessment.asOf}; ${jurisdictionWords(assessment.jurisdiction)})`,
    '',
    `Status:   ${assessment.status}`,
    ...sessionLines(assessment, name),
  ];
  if (assessment.unconfirmed.length > 0) lines.push(`To document: ${assessment.unconfirmed.map(wordsForPath).join('; ')}`);
  for (const severity of SEVERITIES) {
    const group = assessment.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${group.length})`, ...group.flatMap((f) => findingLines(f, name)));
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
