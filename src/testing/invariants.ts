import * as E from 'fp-ts/lib/Either.js';
import { assess, type AssessOptions } from '../assess.js';
import { MAX_SUMMARY_CHARS, type Assessment, type Finding } from '../model/assessment.js';
import type { AssessmentRequest, PriorSession, Vein } from '../model/request-schema.js';
import { STATUSES, type SessionStatus, type Status } from '../model/vocabulary.js';
import type { Limits } from '../model/limits.js';
import {
  CONTRAINDICATION_FIELDS,
  HISTORY_FIELDS,
  HISTORY_FIELD_TABLE,
  PATIENT_FIELD_TABLE,
  cleanPatient,
  type HistoryField,
  type PatientField,
} from '../model/clinical-fields.js';
import { defaultRuleSet } from '../rules/default-rule-set.js';
import { RISK_FACTORS, cleanHistory, type RiskFactor } from './risk-factors.js';

/**
 * The safety invariants of the library as reusable checks. They are written from RULES.md and
 * CONTRACT.md (§4.3–§4.5), not from the library's own fact derivation, so a clinic can
 * property-test its overlay with them. Each check returns the violations it found, as sentences;
 * an empty list means it holds. Checks that assess requests themselves take the same
 * `AssessOptions` as `assess` (rule set, "today", jurisdiction).
 */

/**
 * Ranks a status: higher is worse.
 * @param status - the status
 * @returns its rank
 */
export const statusRank = (status: Status): number => STATUSES.indexOf(status);

/**
 * Ranks a session status as CONTRACT §4.5 does: `not-planned` = `approved` (0) <
 * `approved-with-deferrals` (1) < `held` (2) < `blocked` (3).
 * @param status - the session status
 * @returns its rank
 */
export const sessionRank = (status: SessionStatus): number =>
  ({ 'not-planned': 0, approved: 0, 'approved-with-deferrals': 1, held: 2, blocked: 3 })[status];

/**
 * Whether the session is `approved` or `approved-with-deferrals` (`approved*`).
 * @param assessment - the assessment
 * @returns true when the planned session may go ahead, at least in part
 */
export const isApproved = (assessment: Assessment): boolean =>
  assessment.session.status === 'approved' || assessment.session.status === 'approved-with-deferrals';

// Derived quantities are compared after rounding to 9 decimal places (RULES.md, Quantities).
const round9 = (value: number): number => Math.round(value * 1e9) / 1e9;
const over = (value: number, limit: number): boolean => round9(value) > round9(limit);

const limitsOf = (options: AssessOptions): Limits => (options.ruleSet ?? defaultRuleSet).limits;

// Fields other engineers may add to the request; read defensively so the checks work either way.
type FoamDetails = { readonly liquidVolumeMl?: number };
const plannedFoamLiquid = (request: AssessmentRequest): number | undefined =>
  (request.plannedSession as { readonly foam?: FoamDetails } | undefined)?.foam?.liquidVolumeMl;
const priorLiquid = (prior: PriorSession): number | undefined => (prior as { readonly liquidVolumeMl?: number }).liquidVolumeMl;

const sameDayPriors = (request: AssessmentRequest): readonly PriorSession[] =>
  (request.priorSessions ?? []).filter((p) => p.date === request.plannedSession?.date);

// Liquid content on the upper estimate (RULES.md, Quantities: L(s)).
const plannedLiquidUpper = (request: AssessmentRequest, limits: Limits): number => {
  const session = request.plannedSession;
  if (session === undefined) return 0;
  if (session.formulation === 'liquid') return session.totalVolumeMl;
  return plannedFoamLiquid(request) ?? session.totalVolumeMl * limits.assumedFoamLiquidFractionRich;
};
const priorLiquidUpper = (prior: PriorSession, limits: Limits): number =>
  prior.formulation === 'foam' ? priorLiquid(prior) ?? prior.totalVolumeMl * limits.assumedFoamLiquidFractionRich : prior.totalVolumeMl;
// Foam volume F(s): an earlier session without formulation counts as foam too.
const priorFoam = (prior: PriorSession): number => (prior.formulation === 'liquid' ? 0 : prior.totalVolumeMl);

const dailyLiquidUpper = (request: AssessmentRequest, limits: Limits): number =>
  plannedLiquidUpper(request, limits) + sameDayPriors(request).reduce((sum, p) => sum + priorLiquidUpper(p, limits), 0);

const dailyFoam = (request: AssessmentRequest): number =>
  (request.plannedSession?.formulation === 'foam' ? request.plannedSession.totalVolumeMl : 0) +
  sameDayPriors(request).reduce((sum, p) => sum + priorFoam(p), 0);

const dailyPolidocanolMg = (request: AssessmentRequest, limits: Limits): number => {
  const session = request.plannedSession;
  const planned = session?.agent === 'polidocanol' ? plannedLiquidUpper(request, limits) * session.concentrationPercent * 10 : 0;
  const prior = sameDayPriors(request)
    .filter((p) => p.agent === 'polidocanol')
    .reduce((sum, p) => sum + priorLiquidUpper(p, limits) * (p.concentrationPercent ?? limits.unknownPriorPolidocanolPercent) * 10, 0);
  return planned + prior;
};

// Liquid of 3 % sodium tetradecyl sulfate in the day (upper estimates) when the plan is STS at 3 %:
// earlier same-day STS sessions count at 3 % or when their strength is not recorded.
const dailySts3PercentLiquid = (request: AssessmentRequest, limits: Limits): number => {
  const session = request.plannedSession;
  if (session?.agent !== 'sodium-tetradecyl-sulfate' || session.concentrationPercent < 3) return 0;
  return (
    plannedLiquidUpper(request, limits) +
    sameDayPriors(request)
      .filter((p) => p.agent === 'sodium-tetradecyl-sulfate' && (p.concentrationPercent ?? limits.unknownPriorStsPercent) >= 3)
      .reduce((sum, p) => sum + priorLiquidUpper(p, limits), 0)
  );
};

const containerEquivalents = (request: AssessmentRequest): number => {
  const session = request.plannedSession;
  return session === undefined ? 0 : (session.containers * Math.min(session.containerVolumeMl ?? 2, 2)) / 2;
};

/**
 * (a) Checks, from the request itself, that an approved* session is within the caps in
 * `session.limits`: liquid content of the session and of the day (upper estimates for foam), foam
 * of the day when foam is planned, 2 mL container equivalents, and the day's polidocanol
 * milligrams (earlier polidocanol of unrecorded strength at `unknownPriorPolidocanolPercent`), and
 * the day's 3 % sodium tetradecyl sulfate liquid when it is planned at 3 % (`maxSts3PercentMl`).
 * Unlike I-4 ({@link checkCaps}) it does not trust the assessment's totals.
 * @param request - a valid request
 * @param assessment - its assessment (with whatever rule set the caller used)
 * @param options - the options the assessment was made with (for the rule set's assumptions)
 * @returns the violations, as sentences
 */
export const checkApprovedWithinLimits = (request: AssessmentRequest, assessment: Assessment, options: AssessOptions = {}): readonly string[] => {
  const session = request.plannedSession;
  if (!isApproved(assessment) || session === undefined) return [];
  const assumed = limitsOf(options);
  const { limits } = assessment.session;
  const violations: string[] = [];
  const liquid = plannedLiquidUpper(request, assumed);
  if (over(liquid, limits.maxVolumeMl)) violations.push(`approved ${liquid} mL of liquid over ${limits.maxVolumeMl} mL`);
  const day = dailyLiquidUpper(request, assumed);
  if (over(day, limits.maxVolumeMl)) violations.push(`approved a day total of ${day} mL of liquid over ${limits.maxVolumeMl} mL`);
  const foam = dailyFoam(request);
  if (session.formulation === 'foam' && over(foam, limits.maxFoamVolumeMl)) violations.push(`approved a day total of ${foam} mL of foam over ${limits.maxFoamVolumeMl} mL`);
  const equivalents = containerEquivalents(request);
  if (over(equivalents, limits.maxContainers)) violations.push(`approved ${equivalents} container equivalents over ${limits.maxContainers}`);
  const sts3 = dailySts3PercentLiquid(request, assumed);
  if (over(sts3, assumed.maxSts3PercentMl)) violations.push(`approved ${sts3} mL of 3 % sodium tetradecyl sulfate in a day over ${assumed.maxSts3PercentMl} mL`);
  const mg = dailyPolidocanolMg(request, assumed);
  if (session.agent === 'polidocanol' && limits.maxPolidocanolMg !== undefined && over(mg, limits.maxPolidocanolMg)) {
    violations.push(`approved ${mg} mg of polidocanol in a day over ${limits.maxPolidocanolMg} mg`);
  }
  return violations;
};

// RULES.md, Terms: classOf and safetyKind, written out again here on purpose.
const KIND_ORDER = ['telangiectasia', 'reticular', 'varicose'] as const;
const classOfDiameter = (d: number): Vein['kind'] => (d < 1 ? 'telangiectasia' : d < 3 ? 'reticular' : 'varicose');
const safetyKindOf = (vein: Vein): Vein['kind'] =>
  vein.diameterMm === undefined ? vein.kind : KIND_ORDER[Math.max(KIND_ORDER.indexOf(vein.kind), KIND_ORDER.indexOf(classOfDiameter(vein.diameterMm)))] ?? vein.kind;
const sameLeg = (a: Vein, b: Vein): boolean =>
  a.region === 'leg' && b.region === 'leg' && (a.side === undefined || b.side === undefined || a.side === b.side);

const smallTargetsBehindVaricose = (request: AssessmentRequest): readonly string[] => {
  const session = request.plannedSession;
  if (session === undefined) return [];
  const toBeTreated = (v: Vein): boolean => v.status !== 'treated' || session.targetVeinIds.includes(v.id);
  const targets = request.veins.filter((v) => session.targetVeinIds.includes(v.id));
  const varicose = request.veins.filter((v) => v.region === 'leg' && safetyKindOf(v) === 'varicose' && toBeTreated(v));
  const reflux = request.duplexUltrasound?.truncalReflux ?? [];
  return targets
    .filter((t) => t.region === 'leg' && safetyKindOf(t) !== 'varicose')
    .filter((t) => varicose.some((v) => v.id !== t.id && sameLeg(t, v)) || reflux.some((side) => t.side === undefined || t.side === side))
    .map((t) => t.id);
};

/**
 * (b) Checks that no target treated today (in neither `deferredVeinIds` nor `heldVeinIds`) of an
 * approved* session is a leg vein of safetyKind telangiectasia or reticular on the same leg as a
 * leg vein to be treated of safetyKind varicose, or on a side with truncal reflux.
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkVaricoseBeforeSpider = (request: AssessmentRequest, assessment: Assessment): readonly string[] => {
  if (!isApproved(assessment)) return [];
  const waiting = new Set([...assessment.session.deferredVeinIds, ...assessment.session.heldVeinIds]);
  const behind = smallTargetsBehindVaricose(request).filter((id) => !waiting.has(id));
  return behind.length === 0 ? [] : [`approved treating ${behind.join(', ')} today on a leg with a varicose vein to be treated or truncal reflux`];
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

/**
 * (c) Checks that a documented absolute contraindication gives `not-candidate` and a blocked
 * session (when one is planned), and that a symptomatic right-to-left shunt blocks a foam plan.
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkContraindicationsExclude = (request: AssessmentRequest, assessment: Assessment): readonly string[] => {
  const planned = request.plannedSession !== undefined;
  const shuntFoam = request.history.rightToLeftShunt === 'symptomatic' && request.plannedSession?.formulation === 'foam';
  return [
    ...(hasAbsoluteContraindication(request) && assessment.status !== 'not-candidate' ? [`an absolute contraindication gave "${assessment.status}"`] : []),
    ...(hasAbsoluteContraindication(request) && planned && assessment.session.status !== 'blocked'
      ? [`an absolute contraindication left the session "${assessment.session.status}"`]
      : []),
    ...(shuntFoam && assessment.session.status !== 'blocked' ? [`a symptomatic shunt left a foam session "${assessment.session.status}"`] : []),
  ];
};

/**
 * (e) Checks that an undocumented field whose value could exclude (the "always" list of
 * `screening.unconfirmed-contraindications`) gives at least `insufficient-information`, with its
 * path in `unconfirmed`, and holds or blocks a planned session.
 * @param request - a valid request
 * @param assessment - its assessment
 * @returns the violations
 */
export const checkUndocumentedContraindications = (request: AssessmentRequest, assessment: Assessment): readonly string[] =>
  CONTRAINDICATION_FIELDS.filter((field) => request.history[field] === undefined).flatMap((field) => [
    ...(statusRank(assessment.status) < statusRank('insufficient-information') ? [`undocumented history.${field} gave "${assessment.status}"`] : []),
    ...(assessment.unconfirmed.includes(`history.${field}`) ? [] : [`undocumented history.${field} is not in unconfirmed`]),
    ...(request.plannedSession !== undefined && sessionRank(assessment.session.status) < sessionRank('held')
      ? [`undocumented history.${field} left the session "${assessment.session.status}"`]
      : []),
  ]);

/**
 * (i) Checks that every finding cites a source, has a one-line summary of at most
 * `MAX_SUMMARY_CHARS` characters, and says what would change it when it is a warning or critical.
 * @param assessment - the assessment
 * @returns the violations
 */
export const checkExplanations = (assessment: Assessment): readonly string[] =>
  assessment.findings.flatMap((finding) => [
    ...(finding.sources.length === 0 ? [`${finding.ruleId} cites no source`] : []),
    ...(finding.summary.length > MAX_SUMMARY_CHARS ? [`${finding.ruleId} has a summary over ${MAX_SUMMARY_CHARS} characters`] : []),
    ...(/[\r\n]/.test(finding.summary) ? [`${finding.ruleId} has a summary of more than one line`] : []),
    ...(finding.severity !== 'info' && (finding.resolution ?? '').trim() === '' ? [`${finding.ruleId} says nothing about what would change it`] : []),
  ]);

const OPEN_PROBLEMS: ReadonlySet<Finding['effect']> = new Set(['exclude', 'refer', 'require-information', 'block-session']);

/**
 * I-1 — no approval with an open problem. When the session is approved*: no finding excludes,
 * refers, requires information or blocks; no patient-scoped finding holds the session; and the
 * status is `candidate` or `candidate-with-precautions`.
 * @param assessment - the assessment
 * @returns the violations
 */
export const checkNoApprovalWithOpenProblem = (assessment: Assessment): readonly string[] => {
  if (!isApproved(assessment)) return [];
  const approved = `session "${assessment.session.status}"`;
  return [
    ...assessment.findings.filter((f) => OPEN_PROBLEMS.has(f.effect)).map((f) => `${approved} with ${f.ruleId} (${f.effect})`),
    ...assessment.findings
      .filter((f) => f.effect === 'hold-session' && f.scope !== 'targets')
      .map((f) => `${approved} with patient-scoped ${f.ruleId} (hold-session)`),
    ...(assessment.status === 'candidate' || assessment.status === 'candidate-with-precautions' ? [] : [`${approved} with status "${assessment.status}"`]),
  ];
};

/**
 * I-3 — every hold is explained. A held session has holds; every hold names a finding and has a
 * resolution; an `unconfirmed` hold has at least one path, each in `unconfirmed`; every hold's
 * veins are in `heldVeinIds`.
 * @param assessment - the assessment
 * @returns the violations
 */
export const checkHoldsExplained = (assessment: Assessment): readonly string[] => {
  const { session } = assessment;
  const ruleIds = new Set(assessment.findings.map((f) => f.ruleId));
  return [
    ...(session.status === 'held' && session.holds.length === 0 ? ['the session is held with no hold'] : []),
    ...session.holds.flatMap((hold) => [
      ...(ruleIds.has(hold.ruleId) ? [] : [`hold ${hold.ruleId} names no finding`]),
      ...(hold.resolution.trim() === '' ? [`hold ${hold.ruleId} has no resolution`] : []),
      ...(hold.reason === 'unconfirmed' && (hold.paths ?? []).length === 0 ? [`hold ${hold.ruleId} asks for information but names no path`] : []),
      ...(hold.paths ?? []).filter((p) => !assessment.unconfirmed.includes(p)).map((p) => `hold ${hold.ruleId} asks for ${p}, which is not in unconfirmed`),
      ...(hold.veinIds ?? []).filter((id) => !session.heldVeinIds.includes(id)).map((id) => `hold ${hold.ruleId} holds ${id}, which is not in heldVeinIds`),
    ]),
  ];
};

/**
 * I-4 — caps. When the session is approved*, its totals (upper estimates) are within the limits in
 * force: liquid of the session and of the day ≤ `maxVolumeMl`; foam of the day ≤
 * `maxFoamVolumeMl` when foam is planned; container equivalents ≤ `maxContainers`; polidocanol
 * milligrams of the day ≤ `maxPolidocanolMg` when both are present.
 * @param assessment - the assessment
 * @returns the violations
 */
export const checkCaps = (assessment: Assessment): readonly string[] => {
  if (!isApproved(assessment)) return [];
  const { totals, limits, status } = assessment.session;
  const approved = `session "${status}"`;
  return [
    ...(over(totals.liquidVolumeMl, limits.maxVolumeMl) ? [`${approved} with ${totals.liquidVolumeMl} mL of liquid over ${limits.maxVolumeMl} mL`] : []),
    ...(over(totals.dailyLiquidVolumeMl, limits.maxVolumeMl) ? [`${approved} with ${totals.dailyLiquidVolumeMl} mL of liquid in the day over ${limits.maxVolumeMl} mL`] : []),
    ...(totals.foamVolumeMl > 0 && over(totals.dailyFoamVolumeMl, limits.maxFoamVolumeMl)
      ? [`${approved} with ${totals.dailyFoamVolumeMl} mL of foam in the day over ${limits.maxFoamVolumeMl} mL`]
      : []),
    ...(over(totals.containerEquivalents, limits.maxContainers) ? [`${approved} with ${totals.containerEquivalents} container equivalents over ${limits.maxContainers}`] : []),
    ...(totals.dailyPolidocanolMg !== undefined && limits.maxPolidocanolMg !== undefined && over(totals.dailyPolidocanolMg, limits.maxPolidocanolMg)
      ? [`${approved} with ${totals.dailyPolidocanolMg} mg of polidocanol in the day over ${limits.maxPolidocanolMg} mg`]
      : []),
  ];
};

/**
 * I-5 — aftercare. Aftercare findings appear only when the session is approved*.
 * @param assessment - the assessment
 * @returns the violations
 */
export const checkAftercare = (assessment: Assessment): readonly string[] =>
  isApproved(assessment)
    ? []
    : assessment.findings.filter((f) => f.category === 'aftercare').map((f) => `${f.ruleId} with session "${assessment.session.status}"`);

/**
 * Runs every single-assessment check: I-1, I-3, I-4, I-5, and (a), (b), (c), the
 * undocumented-contraindication part of (e), and (i).
 * @param request - a valid request
 * @param assessment - its assessment
 * @param options - the options the assessment was made with
 * @returns the violations
 */
export const checkAssessmentInvariants = (request: AssessmentRequest, assessment: Assessment, options: AssessOptions = {}): readonly string[] => [
  ...checkNoApprovalWithOpenProblem(assessment),
  ...checkHoldsExplained(assessment),
  ...checkCaps(assessment),
  ...checkAftercare(assessment),
  ...checkApprovedWithinLimits(request, assessment, options),
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

/**
 * Assesses a request with the given options and runs every single-assessment check on it.
 * @param request - a valid request
 * @param options - the rule set (e.g. a clinic's overlay), "today" and jurisdiction
 * @returns the violations
 */
export const checkInvariants = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> =>
  checkAssessmentInvariants(request, await assessOrFail(request, options), options);

const compare = (label: string, before: Assessment, after: Assessment, withStatus = true): readonly string[] => [
  ...(withStatus && statusRank(after.status) < statusRank(before.status) ? [`${label}: status improved from "${before.status}" to "${after.status}"`] : []),
  ...(sessionRank(after.session.status) < sessionRank(before.session.status)
    ? [`${label}: session improved from "${before.session.status}" to "${after.session.status}"`]
    : []),
];

const RISK_PATIENT_FIELDS = ['pregnancy', 'breastfeeding'] as const;

// The fields a risk factor changes, found by applying it to a clean request.
const touchedBy = (factor: RiskFactor) => {
  const probe: AssessmentRequest = { patient: cleanPatient(), history: cleanHistory(), veins: [] };
  const changed = RISK_FACTORS[factor](probe);
  return {
    history: HISTORY_FIELDS.filter((key) => JSON.stringify(changed.history[key]) !== JSON.stringify(probe.history[key])),
    patient: RISK_PATIENT_FIELDS.filter((key) => changed.patient[key] !== probe.patient[key]),
  };
};

// The same request with the fields a risk factor touches documented as absent.
const withoutRiskFactor = (request: AssessmentRequest, factor: RiskFactor): AssessmentRequest => {
  const touched = touchedBy(factor);
  const clean = cleanHistory();
  const history = { ...request.history };
  for (const key of touched.history) Object.assign(history, { [key]: clean[key] });
  const patient = { ...request.patient };
  for (const key of touched.patient) Object.assign(patient, { [key]: PATIENT_FIELD_TABLE[key].clean });
  return { ...request, history, patient };
};

/**
 * (d) Checks that adding any risk factor, to a request where it is documented as absent, never
 * improves the session. The candidacy status is compared too when every history field is
 * documented: in version 2 an added thrombosis factor may turn an undocumented field that could
 * tip the patient into high thrombosis risk (require-information) into the high-risk hold itself
 * (hold-session, which ranks like a caution), so the status may fall while the session stays held.
 * @param request - a valid request
 * @param options - the rule set (e.g. a clinic's), "today" and jurisdiction
 * @returns the violations
 */
export const checkRiskFactorsNeverHelp = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> => {
  const violations: string[] = [];
  for (const factor of Object.keys(RISK_FACTORS) as RiskFactor[]) {
    const absent = withoutRiskFactor(request, factor);
    const documented = HISTORY_FIELDS.every((f) => absent.history[f] !== undefined);
    violations.push(...compare(`adding ${factor}`, await assessOrFail(absent, options), await assessOrFail(RISK_FACTORS[factor](absent), options), documented));
  }
  return violations;
};

/**
 * (e) Checks the candidacy level of CONTRACT §3.1 for every field with an "absent" value (every
 * history field, pregnancy, breastfeeding): leaving it undocumented never gives a lower status than
 * documenting it absent. At the session level it checks the instance of I-2 for that one value:
 * the session without the field ranks at least min(held, the session with it documented absent).
 * @param request - a valid request
 * @param options - the rule set, "today" and jurisdiction
 * @returns the violations
 */
export const checkUndocumentedNeverSafer = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> => {
  const violations: string[] = [];
  const check = async (label: string, absent: AssessmentRequest, undocumented: AssessmentRequest): Promise<void> => {
    const [before, after] = [await assessOrFail(absent, options), await assessOrFail(undocumented, options)];
    if (statusRank(after.status) < statusRank(before.status)) violations.push(`${label}: status improved from "${before.status}" to "${after.status}"`);
    if (sessionRank(after.session.status) < Math.min(sessionRank('held'), sessionRank(before.session.status))) {
      violations.push(`${label}: session improved from "${before.session.status}" to "${after.session.status}"`);
    }
  };
  const clean = cleanHistory();
  for (const field of HISTORY_FIELDS) {
    await check(`history.${field} undocumented`, { ...request, history: { ...request.history, [field]: clean[field] } }, { ...request, history: omit(request.history, field) });
  }
  for (const field of RISK_PATIENT_FIELDS) {
    await check(`patient.${field} undocumented`, { ...request, patient: { ...request.patient, [field]: PATIENT_FIELD_TABLE[field].clean } }, { ...request, patient: omit(request.patient, field) });
  }
  return violations;
};

const omit = <T extends object, K extends keyof T>(object: T, key: K): T =>
  Object.fromEntries(Object.entries(object).filter(([k]) => k !== key)) as T;

/** A field in the scope of I-2: a patient field, a history field, or `priorSessions`. */
export type UndocumentedField = `patient.${PatientField}` | `history.${HistoryField}` | 'priorSessions';

/** Every field that I-2 can concern, in contract order (pregnancy only for a person who could be pregnant). */
export const UNDOCUMENTED_FIELDS: readonly UndocumentedField[] = [
  ...(Object.keys(PATIENT_FIELD_TABLE) as PatientField[]).map((f): UndocumentedField => `patient.${f}`),
  ...HISTORY_FIELDS.map((f): UndocumentedField => `history.${f}`),
  'priorSessions',
];

/**
 * Whether a field is in the scope of I-2 for a request: every listed field, except
 * `patient.pregnancy` for a person who could not be pregnant (`sex` 'male', or an age outside
 * `pregnancyScreeningMinAgeYears`..`pregnancyScreeningMaxAgeYears` of the rule set).
 * @param request - a valid request
 * @param field - the field
 * @param options - the rule set whose limits apply
 * @returns whether I-2 concerns the field
 */
export const isInUndocumentedScope = (request: AssessmentRequest, field: UndocumentedField, options: AssessOptions = {}): boolean => {
  if (field !== 'patient.pregnancy') return true;
  const limits = limitsOf(options);
  const { sex, ageYears } = request.patient;
  return sex !== 'male' && limits.pregnancyScreeningMinAgeYears <= ageYears && ageYears <= limits.pregnancyScreeningMaxAgeYears;
};

/** Options of {@link checkUndocumentedNeverSaferForSession}. */
export interface UndocumentedOptions extends AssessOptions {
  /** The fields to check; default every field of {@link UNDOCUMENTED_FIELDS} in scope for the request. */
  readonly fields?: readonly UndocumentedField[];
  /** Documented earlier sessions to try besides `[]` and the request's own (e.g. generated ones). */
  readonly priorSessions?: readonly (readonly PriorSession[])[];
}

// The request with a field omitted (value undefined) or set to a value.
const withField = (request: AssessmentRequest, field: UndocumentedField, value: unknown): AssessmentRequest => {
  if (field === 'priorSessions') {
    const rest = omit(request, 'priorSessions');
    return value === undefined ? rest : { ...rest, priorSessions: value as PriorSession[] };
  }
  const [group, key] = field.split('.') as ['patient' | 'history', string];
  const part = omit(request[group] as Record<string, unknown>, key);
  return { ...request, [group]: value === undefined ? part : { ...part, [key]: value } } as AssessmentRequest;
};

const currentValue = (request: AssessmentRequest, field: UndocumentedField): unknown => {
  if (field === 'priorSessions') return request.priorSessions;
  const [group, key] = field.split('.') as ['patient' | 'history', string];
  return (request[group] as Record<string, unknown>)[key];
};

// The documented values tried for a field: its table values, the request's own value, and for
// earlier sessions [] and the given arrays.
const domainOf = (request: AssessmentRequest, field: UndocumentedField, extra: readonly (readonly PriorSession[])[]): readonly unknown[] => {
  const own = currentValue(request, field);
  const listed: readonly unknown[] =
    field === 'priorSessions'
      ? [[], ...extra]
      : field.startsWith('patient.')
        ? PATIENT_FIELD_TABLE[field.slice('patient.'.length) as PatientField].values
        : HISTORY_FIELD_TABLE[field.slice('history.'.length) as HistoryField].values;
  const values = own === undefined ? listed : [...listed, own];
  return values.filter((v, i) => values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
};

/**
 * I-2 — undocumented is never safer for the session. For a request R with a planned session and
 * each field F in scope: R₀ is R with F omitted, R_v is R with F set to v for each value v of F's
 * domain (the field tables' `values`, R's own value, and for `priorSessions` `[]` plus the arrays
 * given); then rank(session(R₀)) ≥ min(rank(held), max over v of rank(session(R_v))).
 * @param request - a valid request; without a planned session there is nothing to check
 * @param options - the rule set, "today", jurisdiction, and which fields and earlier sessions to try
 * @returns the violations, naming the field, the value and both session statuses
 */
export const checkUndocumentedNeverSaferForSession = async (request: AssessmentRequest, options: UndocumentedOptions = {}): Promise<readonly string[]> => {
  if (request.plannedSession === undefined) return [];
  const { fields, priorSessions, ...assessOptions } = options;
  const violations: string[] = [];
  for (const field of (fields ?? UNDOCUMENTED_FIELDS).filter((f) => isInUndocumentedScope(request, f, assessOptions))) {
    const omitted = (await assessOrFail(withField(request, field, undefined), assessOptions)).session.status;
    let worst: { value: unknown; status: SessionStatus } | undefined;
    for (const value of domainOf(request, field, priorSessions ?? [])) {
      const status = (await assessOrFail(withField(request, field, value), assessOptions)).session.status;
      if (worst === undefined || sessionRank(status) > sessionRank(worst.status)) worst = { value, status };
    }
    if (worst !== undefined && sessionRank(omitted) < Math.min(sessionRank('held'), sessionRank(worst.status))) {
      violations.push(`${field} omitted gave session "${omitted}", but documented as ${JSON.stringify(worst.value)} it is "${worst.status}"`);
    }
  }
  return violations;
};
