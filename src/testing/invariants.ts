import * as E from 'fp-ts/lib/Either.js';
import { assess, type AssessOptions } from '../assess.js';
import { MAX_SUMMARY_CHARS, type Assessment, type Finding } from '../model/assessment.js';
import type { AssessmentRequest, PriorSession, Vein } from '../model/request-schema.js';
import { STATUSES, type SessionStatus, type Status } from '../model/vocabulary.js';
import type { Limits } from '../model/limits.js';
import { CONTRAINDICATION_FIELDS } from '../model/clinical-fields.js';
import { defaultRuleSet } from '../rules/default-rule-set.js';

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

/** The limits in force for the given options. */
export const limitsOf = (options: AssessOptions): Limits => (options.ruleSet ?? defaultRuleSet).limits;

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

/** Assesses a request that must be valid, throwing otherwise (the checks are given valid requests). */
export const assessOrFail = async (request: AssessmentRequest, options: AssessOptions): Promise<Assessment> => {
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
