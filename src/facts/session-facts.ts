import type { AssessmentRequest, PlannedSession, PriorSession, Vein } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import { VEIN_KINDS } from '../model/vocabulary.js';
import { toDayNumber } from '../model/dates.js';
import type { Facts } from './facts.js';
import { isSmallVein, onAnyOfLegs, onSameLeg } from './legs.js';
import { UNDOCUMENTED } from './undocumented.js';
import { isToBeTreated, safetyKind } from './vein-classes.js';

type SessionFacts = Pick<
  Facts,
  | 'sessionPlanned'
  | 'plannedAgent'
  | 'plannedFormulation'
  | 'plannedConcentrationPercent'
  | 'plannedVolumeMl'
  | 'plannedLiquidVolumeMl'
  | 'plannedFoamVolumeMl'
  | 'liquidVolumeEstimated'
  | 'containerEquivalents'
  | 'dailyLiquidVolumeMl'
  | 'dailyFoamVolumeMl'
  | 'thromboprophylaxisDecision'
  | 'plannedContainers'
  | 'plannedInjectionCount'
  | 'sameDayPriorVolumeMl'
  | 'dailyVolumeMl'
  | 'plannedPolidocanolMg'
  | 'dailyPolidocanolMg'
  | 'dailyPolidocanolMgPerKg'
  | 'maxPolidocanolMg'
  | 'smallVeinTargetCount'
  | 'lowestLabelledStrengthPercent'
  | 'strengthAboveLabelVeinIds'
  | 'largestSmallVeinInjectionMl'
  | 'oversizedInjectionVeinIds'
  | 'priorSessionCount'
  | 'priorSessionsDocumented'
  | 'daysSinceLastSession'
  | 'deferrableTargetCount'
  | 'deferrableTargetIds'
  | 'feederPairTargetCount'
  | 'feederPairTargetIds'
  | 'largestTargetKind'
  | 'targetIds'
>;

/**
 * Rounds a derived quantity to 9 decimals: sums such as 5.2 + 4.8 compare as the clinician would
 * write them, while any real excess (a nanolitre and up) still counts.
 * @param value - the quantity
 * @returns the rounded quantity
 */
export const roundQuantity = (value: number): number => Math.round(value * 1e9) / 1e9;

// Milligrams of polidocanol in a volume at a strength: 1 % is 10 mg per mL.
const polidocanolMg = (volumeMl: number, percent: number): number => volumeMl * percent * 10;

const priorPolidocanolMg = (prior: PriorSession, limits: Limits): number =>
  prior.agent === 'polidocanol'
    ? polidocanolMg(prior.totalVolumeMl, prior.concentrationPercent ?? limits.unknownPriorPolidocanolPercent)
    : 0;

/**
 * Gives the labelled liquid polidocanol strength for a small vein: the spider-vein strength for a
 * telangiectasia or any vein up to the spider-vein diameter, the reticular strength for a reticular
 * vein, and none for larger veins.
 */
const labelledStrength = (vein: Vein, limits: Limits): number | undefined => {
  if (vein.kind === 'telangiectasia' || (vein.diameterMm !== undefined && vein.diameterMm <= limits.telangiectasiaMaxDiameterMm)) {
    return limits.maxTelangiectasiaPercent;
  }
  return vein.kind === 'reticular' ? limits.maxReticularPercent : undefined;
};

// Ordering v2: leg targets by safetyKind, behind leg veins to be treated (targets included) that are varicose.
const deferrableTargets = (request: AssessmentRequest, targets: readonly Vein[]): readonly string[] => {
  const targetIds = new Set(targets.map((t) => t.id));
  const varicose = request.veins.filter((v) => v.region === 'leg' && safetyKind(v) === 'varicose' && isToBeTreated(v, targetIds));
  const reflux = request.duplexUltrasound?.truncalReflux ?? [];
  return targets
    .filter((t) => t.region === 'leg' && isSmallVein(safetyKind(t)))
    .filter((t) => varicose.some((v) => v.id !== t.id && onSameLeg(t, v)) || onAnyOfLegs(t, reflux))
    .map((t) => t.id);
};

// Feeders: a reticular and a telangiectasia target (by safetyKind) on the same leg.
const feederPairTargets = (targets: readonly Vein[]): readonly string[] =>
  targets
    .filter((t) => t.region === 'leg' && isSmallVein(safetyKind(t)))
    .filter((t) => targets.some((u) => u.region === 'leg' && isSmallVein(safetyKind(u)) && safetyKind(u) !== safetyKind(t) && onSameLeg(t, u)))
    .map((t) => t.id);

const largestKind = (targets: readonly Vein[]): Facts['largestTargetKind'] => {
  const index = Math.max(-1, ...targets.map((t) => VEIN_KINDS.indexOf(t.kind)));
  return VEIN_KINDS[index] ?? 'none';
};

const injectionFacts = (session: PlannedSession, veins: ReadonlyMap<string, Vein>, limits: Limits) => {
  const small = (session.injections ?? []).filter((i) => {
    const kind = veins.get(i.veinId)?.kind;
    return kind !== undefined && isSmallVein(kind);
  });
  const oversized = small.filter((i) => i.volumeMl > limits.maxSmallVeinInjectionMl).map((i) => i.veinId);
  return {
    largestSmallVeinInjectionMl: Math.max(0, ...small.map((i) => i.volumeMl)),
    oversizedInjectionVeinIds: [...new Set(oversized)],
  };
};

/** The 2 mL container a vial or ampule is counted as (CONTRACT §4.1, container equivalents). */
const CONTAINER_EQUIVALENT_ML = 2;

/**
 * Liquid content of a session on the upper estimate (RULES.md "Liquid content"): its volume for
 * liquid, or for an earlier session of unrecorded form; for foam, the rich foam ratio.
 */
const upperLiquid = (s: { totalVolumeMl: number; formulation?: 'liquid' | 'foam' | undefined }, limits: Limits): number =>
  s.formulation === 'foam' ? s.totalVolumeMl * limits.assumedFoamLiquidFractionRich : s.totalVolumeMl;

/** Foam volume of a session: its volume for foam and for an earlier session of unrecorded form. */
const foamVolume = (s: { totalVolumeMl: number; formulation?: 'liquid' | 'foam' | undefined }): number =>
  s.formulation === 'liquid' ? 0 : s.totalVolumeMl;

const priorSessionFacts = (documentedPriors: readonly PriorSession[] | undefined, referenceDay: number) => {
  const priors = documentedPriors ?? [];
  const days = priors.map((p) => toDayNumber(p.date)).filter((d): d is number => d !== undefined);
  return {
    priorSessionCount: priors.length,
    priorSessionsDocumented: documentedPriors !== undefined,
    daysSinceLastSession: days.length === 0 ? ('none' as const) : referenceDay - Math.max(...days),
  };
};

const NO_SESSION = {
  sessionPlanned: false,
  plannedAgent: 'none',
  plannedFormulation: 'none',
  plannedConcentrationPercent: 0,
  plannedVolumeMl: 0,
  plannedLiquidVolumeMl: 0,
  plannedFoamVolumeMl: 0,
  liquidVolumeEstimated: false,
  containerEquivalents: 0,
  dailyLiquidVolumeMl: 0,
  dailyFoamVolumeMl: 0,
  thromboprophylaxisDecision: 'none',
  plannedContainers: 0,
  plannedInjectionCount: 0,
  sameDayPriorVolumeMl: 0,
  dailyVolumeMl: 0,
  plannedPolidocanolMg: 0,
  dailyPolidocanolMg: 0,
  smallVeinTargetCount: 0,
  lowestLabelledStrengthPercent: 'none',
  strengthAboveLabelVeinIds: [],
  largestSmallVeinInjectionMl: 0,
  oversizedInjectionVeinIds: [],
  deferrableTargetCount: 0,
  deferrableTargetIds: [],
  feederPairTargetCount: 0,
  feederPairTargetIds: [],
  largestTargetKind: 'none',
  targetIds: [],
} as const;

/**
 * Derives the facts about the planned session, the day's totals and earlier sessions.
 * @param request - a valid request
 * @param limits - the limits in force
 * @param asOfDay - "today" as a day number, used when no session is planned
 * @returns the session facts
 */
export const toSessionFacts = (request: AssessmentRequest, limits: Limits, asOfDay: number): SessionFacts => {
  const weight = request.patient.weightKg;
  const perKg = (mg: number) => (weight === undefined ? UNDOCUMENTED : roundQuantity(mg / weight));
  const maxPolidocanolMg = weight === undefined ? UNDOCUMENTED : roundQuantity(limits.maxPolidocanolMgPerKg * weight);
  const priors = request.priorSessions ?? [];
  const session = request.plannedSession;
  if (session === undefined) {
    return { ...NO_SESSION, dailyPolidocanolMgPerKg: perKg(0), maxPolidocanolMg, ...priorSessionFacts(request.priorSessions, asOfDay) };
  }
  const veins = new Map(request.veins.map((v) => [v.id, v]));
  const targets = session.targetVeinIds.map((id) => veins.get(id)).filter((v): v is Vein => v !== undefined);
  const sameDay = priors.filter((p) => p.date === session.date);
  const plannedMg = session.agent === 'polidocanol' ? polidocanolMg(session.totalVolumeMl, session.concentrationPercent) : 0;
  const dailyMg = roundQuantity(plannedMg + sameDay.reduce((sum, p) => sum + priorPolidocanolMg(p, limits), 0));
  const sameDayVolume = roundQuantity(sameDay.reduce((sum, p) => sum + p.totalVolumeMl, 0));
  const strengths = targets.flatMap((t) => {
    const strength = labelledStrength(t, limits);
    return strength === undefined ? [] : [{ id: t.id, strength }];
  });
  const deferrable = deferrableTargets(request, targets);
  const feeders = feederPairTargets(targets);
  return {
    sessionPlanned: true,
    plannedAgent: session.agent,
    plannedFormulation: session.formulation,
    plannedConcentrationPercent: session.concentrationPercent,
    plannedVolumeMl: session.totalVolumeMl,
    plannedLiquidVolumeMl: roundQuantity(upperLiquid(session, limits)),
    plannedFoamVolumeMl: foamVolume(session),
    liquidVolumeEstimated: [session, ...sameDay].some((s) => s.formulation === 'foam'),
    containerEquivalents: roundQuantity((session.containers * Math.min(session.containerVolumeMl ?? CONTAINER_EQUIVALENT_ML, CONTAINER_EQUIVALENT_ML)) / CONTAINER_EQUIVALENT_ML),
    dailyLiquidVolumeMl: roundQuantity([session, ...sameDay].reduce((sum, s) => sum + upperLiquid(s, limits), 0)),
    dailyFoamVolumeMl: roundQuantity(foamVolume(session) + sameDay.reduce((sum, s) => sum + foamVolume(s), 0)),
    thromboprophylaxisDecision: session.thromboprophylaxisDecision ?? 'undocumented',
    plannedContainers: session.containers,
    plannedInjectionCount: session.injections?.length ?? targets.length,
    sameDayPriorVolumeMl: sameDayVolume,
    dailyVolumeMl: roundQuantity(session.totalVolumeMl + sameDayVolume),
    plannedPolidocanolMg: roundQuantity(plannedMg),
    dailyPolidocanolMg: dailyMg,
    dailyPolidocanolMgPerKg: perKg(dailyMg),
    maxPolidocanolMg,
    smallVeinTargetCount: strengths.length,
    lowestLabelledStrengthPercent: strengths.length === 0 ? 'none' : Math.min(...strengths.map((s) => s.strength)),
    strengthAboveLabelVeinIds: strengths.filter((s) => session.concentrationPercent > s.strength).map((s) => s.id),
    ...injectionFacts(session, veins, limits),
    ...priorSessionFacts(request.priorSessions, toDayNumber(session.date) ?? asOfDay),
    deferrableTargetCount: deferrable.length,
    deferrableTargetIds: deferrable,
    feederPairTargetCount: feeders.length,
    feederPairTargetIds: feeders,
    // Compression advice follows the veins actually treated today, not the deferred ones.
    largestTargetKind: largestKind(targets.filter((t) => !deferrable.includes(t.id))),
    targetIds: session.targetVeinIds,
  };
};
