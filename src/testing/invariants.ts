import * as E from 'fp-ts/lib/Either.js';
import { assess, type AssessOptions } from '../assess.js';
import type { Assessment } from '../model/assessment.js';
import type { AssessmentRequest, Vein } from '../model/request-schema.js';
import { STATUSES, type SessionStatus, type Status } from '../model/vocabulary.js';
import { CONTRAINDICATION_FIELDS, HISTORY_FIELDS } from '../model/clinical-fields.js';
import { defaultRuleSet } from '../rules/default-rule-set.js';
import { RISK_FACTORS, cleanHistory, type RiskFactor } from './risk-factors.js';

/**
 * The safety invariants of the library as reusable checks. They are written from RULES.md and
 * CONTRACT.md, not from the library's own fact derivation, so a clinic can property-test its
 * overlay with them. Each check returns the violations it found; an empty list means it holds.
 */

/**
 * Ranks a status: higher is worse.
 * @param status - the status
 * @returns its rank
 */
export const statusRank = (status: Status): number => STATUSES.indexOf(status);

/**
 * Ranks a session status: higher is worse; `not-planned` ranks with `approved`.
 * @param status - the session status
 * @returns its rank
 */
export const sessionRank = (status: SessionStatus): number =>
  ({ 'not-planned': 0, approved: 0, 'approved-with-deferrals': 1, held: 2, blocked: 3 })[status];

const isApproved = (assessment: Assessment): boolean => assessment.session.status.startsWith('approved');

const sameDayPriors = (request: AssessmentRequest) =>
  (request.priorSessions ?? []).filter((p) => p.date === request.plannedSession?.date);

const dailyVolume = (request: AssessmentRequest): number =>
  (request.plannedSession?.totalVolumeMl ?? 0) + sameDayPriors(request).reduce((sum, p) => sum + p.totalVolumeMl, 0);

const dailyPolidocanolMg = (request: AssessmentRequest, unknownPercent: number): number => {
  const session = request.plannedSession;
  const planned = session?.agent === 'polidocanol' ? session.totalVolumeMl * session.concentrationPercent * 10 : 0;
  const prior = sameDayPriors(request)
    .filter((p) => p.agent === 'polidocanol')
    .reduce((sum, p) => sum + p.totalVolumeMl * (p.concentrationPercent ?? unknownPercent) * 10, 0);
  return planned + prior;
};

const sameLeg = (a: Vein, b: Vein): boolean =>
  a.region === 'leg' && b.region === 'leg' && (a.side === undefined || b.side === undefined || a.side === b.side);

const spiderTargetsBehindVaricose = (request: AssessmentRequest): readonly string[] => {
  const session = request.plannedSession;
  if (session === undefined) return [];
  const targets = request.veins.filter((v) => session.targetVeinIds.includes(v.id));
  const varicose = request.veins.filter((v) => v.kind === 'varicose' && (v.status !== 'treated' || session.targetVeinIds.includes(v.id)));
  const reflux = request.duplexUltrasound?.truncalReflux ?? [];
  return targets
    .filter((t) => t.kind !== 'varicose' && t.region === 'leg')
    .filter((t) => varicose.some((v) => sameLeg(t, v)) || (reflux.length > 0 && (t.side === undefined || reflux.includes(t.side))))
    .map((t) => t.id);
};

const hasAbsoluteContraindication = (request: AssessmentRequest): boolean => {
  const h = request.history;
  const agent = request.plannedSession?.agent;
  return (
    (agent !== undefined && (h.sclerosantAllergies ?? []).includes(agent)) ||
    h.acuteThromboembolism === true ||
    h.severeAcuteIllness === true ||
    h.localInfectionAtTreatmentSite === true ||
    h.mobility === 'bedridden' ||
    h.peripheralArterialDisease === 'critical' ||
    h.severeReactionToPriorSclerotherapy === true
  );
};

const EPSILON = 1e-6;

/**
 * (a) Checks that an approved session is within every limit in `session.limits`, daily totals included.
 * @param request - a valid request
 * @param assessment - its assessment (with whatever rule set the caller used)
 * @param unknownPriorPercent - the strength assumed for a same-day polidocanol session with none recorded
 * @returns the violations, as sentences
 */
export const checkApprovedWithinLimits = (
  request: AssessmentRequest,
  assessment: Assessment,
  unknownPriorPercent: number = defaultRuleSet.limits.unknownPriorPolidocanolPercent,
): readonly string[] => {
  const session = request.plannedSession;
  if (!isApproved(assessment) || session === undefined) return [];
  const { limits } = assessment.session;
  const violations: string[] = [];
  if (session.totalVolumeMl > limits.maxVolumeMl) violations.push(`approved ${session.totalVolumeMl} mL over ${limits.maxVolumeMl} mL`);
  if (session.containers > limits.maxContainers) violations.push(`approved ${session.containers} containers over ${limits.maxContainers}`);
  const day = dailyVolume(request);
  if (day > limits.maxVolumeMl + EPSILON) violations.push(`approved a day total of ${day} mL over ${limits.maxVolumeMl} mL`);
  const mg = dailyPolidocanolMg(request, unknownPriorPercent);
  if (session.agent === 'polidocanol' && limits.maxPolidocanolMg !== undefined && mg > limits.maxPolidocanolMg + EPSILON) {
    violations.push(`approved ${mg} mg of polidocanol in a day over ${limits.maxPolidocanolMg} mg`);
  }
  return violations;
};

/**
 * (b) Checks that no approved target is a spider or reticular vein on a leg with an untreated
 * varicose vein (targets of the same session count as untreated) or truncal reflux.
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkVaricoseBeforeSpider = (request: AssessmentRequest, assessment: Assessment): readonly string[] => {
  if (!isApproved(assessment)) return [];
  const behind = spiderTargetsBehindVaricose(request).filter((id) => !assessment.session.deferredVeinIds.includes(id));
  return behind.length === 0 ? [] : [`approved treating ${behind.join(', ')} on a leg with an untreated varicose vein or truncal reflux`];
};

/**
 * (c) Checks that a documented absolute contraindication gives `not-candidate` and no approved session.
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkContraindicationsExclude = (request: AssessmentRequest, assessment: Assessment): readonly string[] => {
  if (!hasAbsoluteContraindication(request)) return [];
  return [
    ...(assessment.status === 'not-candidate' ? [] : [`an absolute contraindication gave "${assessment.status}"`]),
    ...(isApproved(assessment) ? ['an absolute contraindication left the session approved'] : []),
  ];
};

/**
 * (e) Checks that an undocumented absolute-contraindication field gives at least
 * `insufficient-information`, with its path in `unconfirmed`.
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkUndocumentedContraindications = (request: AssessmentRequest, assessment: Assessment): readonly string[] =>
  CONTRAINDICATION_FIELDS.filter((field) => request.history[field] === undefined).flatMap((field) => [
    ...(statusRank(assessment.status) < statusRank('insufficient-information') ? [`undocumented history.${field} gave "${assessment.status}"`] : []),
    ...(assessment.unconfirmed.includes(`history.${field}`) ? [] : [`undocumented history.${field} is not in unconfirmed`]),
  ]);

/**
 * (i) Checks that every finding has sources, a summary of at most 140 characters, and a
 * resolution when it is a warning or critical.
 * @param assessment - the assessment
 * @returns the violations
 */
export const checkExplanations = (assessment: Assessment): readonly string[] =>
  assessment.findings.flatMap((finding) => [
    ...(finding.sources.length === 0 ? [`${finding.ruleId} cites no source`] : []),
    ...(finding.summary.length > 140 ? [`${finding.ruleId} has a summary over 140 characters`] : []),
    ...(finding.severity !== 'info' && (finding.resolution ?? '').trim() === '' ? [`${finding.ruleId} says nothing about what would change it`] : []),
  ]);

/**
 * Runs every single-assessment check: (a), (b), (c), the undocumented-contraindication part of (e), and (i).
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkAssessmentInvariants = (request: AssessmentRequest, assessment: Assessment): readonly string[] => [
  ...checkApprovedWithinLimits(request, assessment),
  ...checkVaricoseBeforeSpider(request, assessment),
  ...checkContraindicationsExclude(request, assessment),
  ...checkUndocumentedContraindications(request, assessment),
  ...checkExplanations(assessment),
];

const assessOrFail = async (request: AssessmentRequest, options: AssessOptions): Promise<Assessment> => {
  const result = await assess(request, options);
  if (E.isLeft(result)) throw new Error(`the request is invalid: ${JSON.stringify(result.left)}`);
  return result.right;
};

const compare = (label: string, before: Assessment, after: Assessment): readonly string[] => [
  ...(statusRank(after.status) < statusRank(before.status) ? [`${label}: status improved from "${before.status}" to "${after.status}"`] : []),
  ...(sessionRank(after.session.status) < sessionRank(before.session.status)
    ? [`${label}: session improved from "${before.session.status}" to "${after.session.status}"`]
    : []),
];

const PATIENT_FIELDS = ['pregnancy', 'breastfeeding'] as const;
const CLEAN_PATIENT = { ageYears: 40, pregnancy: 'not-pregnant', breastfeeding: false } as const;

// The fields a risk factor changes, found by applying it to a clean request.
const touchedBy = (factor: RiskFactor) => {
  const probe: AssessmentRequest = { patient: { ...CLEAN_PATIENT }, history: cleanHistory(), veins: [] };
  const changed = RISK_FACTORS[factor](probe);
  return {
    history: HISTORY_FIELDS.filter((key) => JSON.stringify(changed.history[key]) !== JSON.stringify(probe.history[key])),
    patient: PATIENT_FIELDS.filter((key) => changed.patient[key] !== probe.patient[key]),
  };
};

// The same request with the fields a risk factor touches documented as absent.
const withoutRiskFactor = (request: AssessmentRequest, factor: RiskFactor): AssessmentRequest => {
  const touched = touchedBy(factor);
  const clean = cleanHistory();
  const history = { ...request.history };
  for (const key of touched.history) Object.assign(history, { [key]: clean[key] });
  const patient = { ...request.patient };
  for (const key of touched.patient) Object.assign(patient, { [key]: CLEAN_PATIENT[key] });
  return { ...request, history, patient };
};

/**
 * (d) Checks that adding any risk factor, to a request where it is documented as absent, never
 * improves the status or the session.
 * @param request - a valid request
 * @param options - the rule set (e.g. a clinic's) and "today"
 * @returns the violations
 */
export const checkRiskFactorsNeverHelp = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> => {
  const violations: string[] = [];
  for (const factor of Object.keys(RISK_FACTORS) as RiskFactor[]) {
    const absent = withoutRiskFactor(request, factor);
    violations.push(...compare(`adding ${factor}`, await assessOrFail(absent, options), await assessOrFail(RISK_FACTORS[factor](absent), options)));
  }
  return violations;
};

/**
 * (e) Checks that leaving any optional history field, pregnancy or breastfeeding undocumented never
 * gives a better status or session than documenting it as absent.
 * @param request - a valid request
 * @param options - the rule set and "today"
 * @returns the violations
 */
export const checkUndocumentedNeverSafer = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> => {
  const violations: string[] = [];
  const clean = cleanHistory();
  for (const field of HISTORY_FIELDS) {
    const absent = { ...request, history: { ...request.history, [field]: clean[field] } };
    const history = Object.fromEntries(Object.entries(request.history).filter(([key]) => key !== field));
    violations.push(...compare(`history.${field} undocumented`, await assessOrFail(absent, options), await assessOrFail({ ...request, history }, options)));
  }
  for (const [field, value] of [['pregnancy', 'not-pregnant'], ['breastfeeding', false]] as const) {
    const absent = { ...request, patient: { ...request.patient, [field]: value } };
    const patient = Object.fromEntries(Object.entries(request.patient).filter(([key]) => key !== field)) as AssessmentRequest['patient'];
    violations.push(...compare(`patient.${field} undocumented`, await assessOrFail(absent, options), await assessOrFail({ ...request, patient }, options)));
  }
  return violations;
};
