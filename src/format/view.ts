// The content of every view of an assessment, in clinical words, before any format is applied: the
// text, Markdown and HTML renderers only lay it out.
import type { Assessment, AssessedVein, Finding } from '../model/assessment.js';
import { wordsForPath } from '../model/clinical-fields.js';
import { formatValue } from '../explain/render.js';
import { jurisdictionWords, presentEvidence, presentHold, veinNamer, veinNames, type VeinNamer } from '../explain/present.js';
import { CATEGORY_WORDS, SESSION_VERDICT_WORDS, STATUS_WORDS } from './words.js';
import { sourceList, type Footnote } from './sources.js';

/** Brief: verdict, reasons, what to do. Full: also every finding with its reasons, values and sources. */
export type Detail = 'brief' | 'full';

/** One reason for the verdict: a critical or warning finding, in one sentence. */
export interface Reason {
  readonly severity: 'critical' | 'warning';
  readonly text: string;
  readonly changedBy?: string;
  readonly footnotes: readonly number[];
}

/** One finding in full. */
export interface FindingView {
  readonly severity: Finding['severity'];
  readonly summary: string;
  readonly detail: string;
  readonly values: readonly string[];
  readonly veins?: string;
  readonly toDocument?: string;
  readonly resolution?: string;
  readonly changedBy?: string;
  readonly footnotes: readonly number[];
  /** For the full view only: the rule and its raw conditions, as the JSON has them. */
  readonly technical: string;
}

/** Everything a view shows. */
export interface AssessmentView {
  readonly title: string;
  readonly header: readonly string[];
  readonly patient: string;
  readonly session: string;
  readonly sessionLines: readonly string[];
  readonly reasons: readonly Reason[];
  readonly toDo: readonly string[];
  readonly advice: string | undefined;
  readonly findings: readonly FindingView[];
  readonly footnotes: readonly Footnote[];
  readonly veins: readonly AssessedVein[];
  readonly disclaimer: string;
}

const namerOf = (assessment: Assessment): VeinNamer =>
  veinNamer({ veins: (assessment.veins ?? []).map((vein) => ({ id: vein.id, label: vein.name })) });

const overlayWords = (assessment: Assessment): string | undefined => {
  const overlay = assessment.ruleSet.overlay;
  if (overlay === undefined) return undefined;
  const on = overlay.approvedOn === undefined ? '' : ` on ${overlay.approvedOn}`;
  return `${overlay.name} ${overlay.version} (approved by ${overlay.approvedBy}${on})`;
};

const totalsLine = (assessment: Assessment): string => {
  const { totals, limits } = assessment.session;
  const estimated = totals.liquidVolumeEstimated ? ' (estimated)' : '';
  const parts = [`liquid ${formatValue(totals.liquidVolumeMl)}${estimated} of ${formatValue(limits.maxVolumeMl)} mL`];
  if (totals.foamVolumeMl > 0) parts.push(`foam ${formatValue(totals.foamVolumeMl)} of ${formatValue(limits.maxFoamVolumeMl)} mL`);
  parts.push(`${formatValue(totals.containerEquivalents)} of ${formatValue(limits.maxContainers)} vials (2 mL each)`);
  if (totals.dailyLiquidVolumeMl !== totals.liquidVolumeMl) parts.push(`liquid ${formatValue(totals.dailyLiquidVolumeMl)} mL over the day`);
  if (totals.dailyPolidocanolMg !== undefined) {
    parts.push(
      limits.maxPolidocanolMg === undefined
        ? `polidocanol ${formatValue(totals.dailyPolidocanolMg)} mg today (no weight-based cap: weight not documented)`
        : `polidocanol ${formatValue(totals.dailyPolidocanolMg)} of ${formatValue(limits.maxPolidocanolMg)} mg today`,
    );
  }
  return parts.join(' · ');
};

const sessionLines = (assessment: Assessment, name: VeinNamer): string[] => {
  const { session } = assessment;
  if (session.status === 'not-planned') return [];
  const veins = assessment.veins ?? [];
  const byFate = (fate: AssessedVein['fate']): string[] => veins.filter((v) => v.fate === fate).map((v) => v.id);
  const lines: string[] = [];
  const treat = byFate('treat');
  const held = [...new Set([...byFate('held'), ...session.heldVeinIds])];
  const deferred = [...new Set([...byFate('deferred'), ...session.deferredVeinIds])];
  const blocked = byFate('blocked');
  if (treat.length > 0) lines.push(`Treat today: ${veinNames(treat, name)}`);
  if (deferred.length > 0) lines.push(`Deferred: ${veinNames(deferred, name)}`);
  if (held.length > 0) lines.push(`Held: ${veinNames(held, name)}`);
  if (blocked.length > 0) lines.push(`Planned, not yet cleared: ${veinNames(blocked, name)}`);
  lines.push(totalsLine(assessment));
  return lines;
};

// The patient's values that a finding compares with a limit, e.g. "10.5 mL; limit 10 mL".
const limitValues = (finding: Finding): string[] =>
  finding.severity !== 'critical'
    ? []
    : finding.evidence.flatMap((evidence) => {
    const limit = finding.limits?.find((l) => evidence.expectedFrom === `limits.${l.name}`);
    return limit === undefined || typeof evidence.actual !== 'number'
      ? []
      : [`${formatValue(evidence.actual)} ${limit.unit}; limit ${formatValue(limit.value)} ${limit.unit}`];
  });

const reasonOf = (finding: Finding, name: VeinNamer, numbers: readonly number[]): Reason => {
  const about = [...(finding.veinIds === undefined || finding.veinIds.length === 0 ? [] : [veinNames(finding.veinIds, name)]), ...limitValues(finding)];
  return {
    severity: finding.severity === 'critical' ? 'critical' : 'warning',
    text: `${finding.summary.replace(/\.$/, '')}${about.length === 0 ? '' : ` (${about.join('; ')})`}.`,
    ...(finding.changedBy === undefined ? {} : { changedBy: finding.changedBy }),
    footnotes: numbers,
  };
};

// Holds for missing information become one question with everything to document; other holds say what would release them.
const toDoLines = (assessment: Assessment, name: VeinNamer): string[] => {
  const holdPaths = assessment.session.holds.flatMap((hold) => hold.paths ?? []);
  const toDocument = [...new Set([...holdPaths, ...assessment.unconfirmed].map(wordsForPath))];
  const others = assessment.session.holds
    .filter((hold) => hold.reason !== 'unconfirmed')
    .map((hold) => {
      const { reason, resolution } = presentHold(hold, name);
      return `${reason}: ${resolution}`;
    });
  return [...(toDocument.length === 0 ? [] : [`Can these be documented: ${toDocument.join('; ')}?`]), ...others];
};

const adviceLine = (findings: readonly Finding[]): string | undefined => {
  const info = findings.filter((f) => f.severity === 'info');
  if (info.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const finding of info) counts.set(CATEGORY_WORDS[finding.category], (counts.get(CATEGORY_WORDS[finding.category]) ?? 0) + 1);
  return `${info.length}: ${[...counts].map(([words, count]) => (count === 1 ? words : `${words} ×${count}`)).join(', ')}`;
};

const findingView = (finding: Finding, name: VeinNamer, numbers: readonly number[]): FindingView => {
  const values = finding.evidence.map((e) => presentEvidence(e, name)).map((e) => `${e.what}: ${e.patient} (applies when ${e.firesWhen})`);
  const raw = finding.evidence.map((e) => `${e.fact} = ${JSON.stringify(e.actual) ?? 'undefined'} (${e.operator} ${JSON.stringify(e.expected) ?? 'undefined'})`);
  return {
    severity: finding.severity,
    summary: finding.summary,
    detail: finding.detail,
    values,
    ...(finding.veinIds === undefined || finding.veinIds.length === 0 ? {} : { veins: veinNames(finding.veinIds, name) }),
    ...(finding.unconfirmed === undefined || finding.unconfirmed.length === 0 ? {} : { toDocument: finding.unconfirmed.map(wordsForPath).join('; ') }),
    ...(finding.resolution === undefined ? {} : { resolution: finding.resolution }),
    ...(finding.changedBy === undefined ? {} : { changedBy: finding.changedBy }),
    footnotes: numbers,
    technical: [`rule ${finding.ruleId} (${finding.effect})`, ...raw].join('; '),
  };
};

/**
 * Builds what every view shows: the header, the verdicts, the reasons with their footnotes, what to
 * do, the advice count, the findings in full (for the full view) and the numbered sources.
 * @param assessment - the assessment
 * @param detail - brief or full
 * @returns the view's content
 */
export const buildView = (assessment: Assessment, detail: Detail): AssessmentView => {
  const name = namerOf(assessment);
  const decisive = assessment.findings.filter((f) => f.severity !== 'info');
  const sources = sourceList(detail === 'full' ? assessment.findings : decisive);
  const overlay = overlayWords(assessment);
  return {
    title: 'Sclerotherapy check',
    header: [
      assessment.asOf,
      `${assessment.ruleSet.name} ${assessment.ruleSet.version}`,
      ...(overlay === undefined ? [] : [overlay]),
      jurisdictionWords(assessment.jurisdiction),
    ],
    patient: STATUS_WORDS[assessment.status],
    session: SESSION_VERDICT_WORDS[assessment.session.status],
    sessionLines: sessionLines(assessment, name),
    reasons: decisive.map((f) => reasonOf(f, name, sources.numbersOf(f))),
    toDo: toDoLines(assessment, name),
    advice: adviceLine(assessment.findings),
    findings: detail === 'full' ? assessment.findings.map((f) => findingView(f, name, sources.numbersOf(f))) : [],
    footnotes: sources.footnotes,
    veins: assessment.veins ?? [],
    disclaimer: 'Decision support only: the findings advise; the treating clinician decides.',
  };
};
