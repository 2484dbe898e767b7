import type { AssessmentRequest, PlannedSession, PriorSession, Vein } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import { VEIN_KINDS, type VeinKind } from '../model/vocabulary.js';
import { AGENT_WORDS } from '../model/agent-words.js';
import { toDayNumber, toIsoDate } from '../model/dates.js';
import type { Facts } from './facts.js';
import { isSmallVein, onAnyOfLegs } from './legs.js';
import { UNDOCUMENTED } from './undocumented.js';
import { roundQuantity } from './quantities.js';
import { isToBeTreated, safetyKind } from './vein-classes.js';
import { foamVolume, liquidContent, type LiquidSource } from './liquid.js';
import { plannedLiquidSource } from './foam-facts.js';

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
  | 'dailyVolumeMl'
  | 'plannedPolidocanolMg'
  | 'dailyPolidocanolMg'
  | 'dailyPolidocanolMgPerKg'
  | 'maxPolidocanolMg'
  | 'priorSessionCount'
  | 'priorSessionsDocumented'
  | 'daysSinceLastSession'
  | 'deferrableTargetCount'
  | 'deferrableTargetIds'
  | 'feederPairTargetCount'
  | 'feederPairTargetIds'
  | 'targetIds'
  | 'intervalWindowSessionCount'
  | 'intervalWindowVolumeMl'
  | 'splitSessionVolumeMl'
  | 'splitSessionIntervalExceeded'
  | 'splitSessionEarliestDate'
  | 'latestEarlierSessionAgent'
  | 'aftercareKind'
  | 'compressionKind'
>;

export { roundQuantity };

// Milligrams of polidocanol in a volume at a strength: 1 % is 10 mg per mL.
const polidocanolMg = (volumeMl: number, percent: number): number => volumeMl * percent * 10;

// On the upper liquid estimate, as the totals are (the cap itself reads the standard estimate, in foam-facts).
const priorPolidocanolMg = (prior: PriorSession, limits: Limits): number =>
  prior.agent === 'polidocanol'
    ? polidocanolMg(upperLiquid(prior, limits), prior.concentrationPercent ?? limits.unknownPriorPolidocanolPercent)
    : 0;

/** Leg veins counted by side (`undefined` for no side recorded) and by a key, e.g. the vein id, in one pass. */
type Tally = Map<Vein['side'], { total: number; readonly byKey: Map<string, number> }>;

const tally = (veins: readonly Vein[], keyOf: (vein: Vein) => string): Tally => {
  const counts: Tally = new Map();
  for (const vein of veins) {
    const side = counts.get(vein.side) ?? { total: 0, byKey: new Map<string, number>() };
    side.total += 1;
    side.byKey.set(keyOf(vein), (side.byKey.get(keyOf(vein)) ?? 0) + 1);
    counts.set(vein.side, side);
  }
  return counts;
};

// How many counted veins may share a leg with `vein` (its side and no side recorded; any side when
// it has none), leaving out those counted under `exceptKey`.
const countOnSameLeg = (counts: Tally, vein: Vein, exceptKey: string): number => {
  let total = 0;
  for (const [side, { total: all, byKey }] of counts) {
    if (vein.side === undefined || side === undefined || side === vein.side) total += all - (byKey.get(exceptKey) ?? 0);
  }
  return total;
};

// Ordering v2: leg targets by safetyKind, behind leg veins to be treated (targets included) that are varicose.
const deferrableTargets = (request: AssessmentRequest, targets: readonly Vein[]): readonly string[] => {
  const targetIds = new Set(targets.map((t) => t.id));
  // Varicose leg veins to be treated, by side and id: a target is deferrable when one other than itself shares its leg.
  const varicose = tally(
    request.veins.filter((v) => v.region === 'leg' && safetyKind(v) === 'varicose' && isToBeTreated(v, targetIds)),
    (v) => v.id,
  );
  const reflux = request.duplexUltrasound?.truncalReflux ?? [];
  return targets
    .filter((t) => t.region === 'leg' && isSmallVein(safetyKind(t)))
    .filter((t) => countOnSameLeg(varicose, t, t.id) > 0 || onAnyOfLegs(t, reflux))
    .map((t) => t.id);
};

// Feeders: a reticular and a telangiectasia target (by safetyKind) on the same leg.
const feederPairTargets = (targets: readonly Vein[]): readonly string[] => {
  const small = targets.filter((t) => t.region === 'leg' && isSmallVein(safetyKind(t)));
  // Small leg targets by side and kind; a target pairs with one of the other kind on its leg.
  const counts = tally(small, safetyKind);
  return small.filter((t) => countOnSameLeg(counts, t, safetyKind(t)) > 0).map((t) => t.id);
};

// By safetyKind, so a vein recorded as reticular but measured at 4 mm is sized as varicose.
const largestKind = (targets: readonly Vein[]): VeinKind | 'none' => {
  const index = targets.reduce((largest, t) => Math.max(largest, VEIN_KINDS.indexOf(safetyKind(t))), -1);
  return VEIN_KINDS[index] ?? 'none';
};

/**
 * Chooses the compression advice: the largest safetyKind among the targets treated today, with
 * varicose veins treated with polidocanol foam apart (RULES.md, aftercare.compression).
 */
const compressionKindOf = (largest: VeinKind | 'none', session: PlannedSession): Facts['compressionKind'] =>
  largest === 'varicose' && session.agent === 'polidocanol' && session.formulation === 'foam' ? 'varicose-polidocanol-foam' : largest;

/**
 * Chooses the walking and observation advice by agent and form (RULES.md, aftercare.walk-and-observe);
 * a first session of sodium tetradecyl sulfate is told apart because its label advises a test dose.
 */
const aftercareKindOf = (session: PlannedSession, priors: readonly PriorSession[]): Facts['aftercareKind'] => {
  switch (session.agent) {
    case 'polidocanol':
      return session.formulation === 'foam' ? 'polidocanol-foam' : 'polidocanol-liquid';
    case 'sodium-tetradecyl-sulfate':
      return priors.some((p) => p.agent === session.agent) ? 'sts-later-session' : 'sts-first-session';
    default:
      return 'other-agent';
  }
};

/** The 2 mL container a vial or ampule is counted as (CONTRACT §4.1, container equivalents). */
const CONTAINER_EQUIVALENT_ML = 2;

/** The liquid content of a session on the upper estimate, for the totals (RULES.md, Quantities: totals use upper estimates). */
const upperLiquid = (s: LiquidSource, limits: Limits): number => liquidContent(s, limits).upper;
/** The liquid content of a session on the standard estimate, for the liquid caps that block. */
const standardLiquid = (s: LiquidSource, limits: Limits): number => liquidContent(s, limits).standard;

const MS_PER_DAY = 86_400_000;

type DatedPrior = { readonly session: PriorSession; readonly day: number };

const datedPriors = (priors: readonly PriorSession[]): readonly DatedPrior[] =>
  priors.flatMap((session) => {
    const day = toDayNumber(session.date);
    return day === undefined ? [] : [{ session, day }];
  });

/**
 * The earlier-session facts of the interval rules. Only sessions dated before the reference date
 * count here (RULES.md, "Earlier sessions"): same-day sessions belong to the daily caps.
 */
const priorSessionFacts = (documentedPriors: readonly PriorSession[] | undefined, referenceDay: number) => {
  const priors = documentedPriors ?? [];
  const earlier = datedPriors(priors).filter((p) => p.day < referenceDay);
  const latestDay = Math.max(...earlier.map((p) => p.day));
  const latestAgents = [...new Set(earlier.filter((p) => p.day === latestDay).map((p) => AGENT_WORDS[p.session.agent]))];
  return {
    priorSessionCount: priors.length,
    priorSessionsDocumented: documentedPriors !== undefined,
    daysSinceLastSession: earlier.length === 0 ? ('none' as const) : referenceDay - latestDay,
    latestEarlierSessionAgent: earlier.length === 0 ? 'none' : latestAgents.join(' and '),
  };
};

/**
 * The split-session facts (RULES.md, dose.split-session-interval): the sessions of the interval
 * window (dated fewer than `minDaysBetweenSessions` days before the plan, same day excluded), and
 * the liquid content of the window, the same day and the plan together. Like the other liquid caps,
 * it blocks on the standard estimate; dose.foam-liquid-unconfirmed reads the upper one.
 */
const splitSessionFacts = (session: PlannedSession, priors: readonly PriorSession[], referenceDay: number, limits: Limits) => {
  const dated = datedPriors(priors);
  const window = dated.filter((p) => p.day < referenceDay && referenceDay - p.day < limits.minDaysBetweenSessions);
  const sameDay = dated.filter((p) => p.day === referenceDay);
  const windowVolume = roundQuantity(window.reduce((sum, p) => sum + standardLiquid(p.session, limits), 0));
  const total = roundQuantity(
    windowVolume + sameDay.reduce((sum, p) => sum + standardLiquid(p.session, limits), 0) + standardLiquid(plannedLiquidSource(session), limits),
  );
  const lastWindowDay = Math.max(...window.map((p) => p.day));
  return {
    intervalWindowSessionCount: window.length,
    intervalWindowVolumeMl: windowVolume,
    splitSessionVolumeMl: total,
    splitSessionIntervalExceeded: window.length > 0 && total > limits.maxVolumeMl,
    splitSessionEarliestDate:
      window.length === 0 ? 'none' : toIsoDate(new Date((lastWindowDay + limits.minDaysBetweenSessions) * MS_PER_DAY)),
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
  dailyVolumeMl: 0,
  plannedPolidocanolMg: 0,
  dailyPolidocanolMg: 0,
  deferrableTargetCount: 0,
  deferrableTargetIds: [],
  feederPairTargetCount: 0,
  feederPairTargetIds: [],
  targetIds: [],
  intervalWindowSessionCount: 0,
  intervalWindowVolumeMl: 0,
  splitSessionVolumeMl: 0,
  splitSessionIntervalExceeded: false,
  splitSessionEarliestDate: 'none',
  aftercareKind: 'none',
  compressionKind: 'none',
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
  const referenceDay = toDayNumber(session.date) ?? asOfDay;
  const sameDay = priors.filter((p) => p.date === session.date);
  const planned = plannedLiquidSource(session);
  const plannedMg = session.agent === 'polidocanol' ? polidocanolMg(upperLiquid(planned, limits), session.concentrationPercent) : 0;
  const dailyMg = roundQuantity(plannedMg + sameDay.reduce((sum, p) => sum + priorPolidocanolMg(p, limits), 0));
  const sameDayVolume = roundQuantity(sameDay.reduce((sum, p) => sum + p.totalVolumeMl, 0));
  const deferrable = deferrableTargets(request, targets);
  const feeders = feederPairTargets(targets);
  // Compression advice follows the targets treated today: neither deferred nor held. The deferred
  // ones are the deferrable targets above. Held targets come only from target-scoped referrals
  // (truncal reflux or deep venous disease on a listed side), and a referral holds the whole
  // session, so aftercare never runs then; leaving out the deferrable targets is therefore enough.
  // (The default rules have no target-scoped hold-session rule; an overlay that adds one would
  // need its held targets left out here too.)
  const deferred = new Set(deferrable);
  const largest = largestKind(targets.filter((t) => !deferred.has(t.id)));
  const prior = priorSessionFacts(request.priorSessions, referenceDay);
  const split = splitSessionFacts(session, priors, referenceDay, limits);
  return {
    sessionPlanned: true,
    plannedAgent: session.agent,
    plannedFormulation: session.formulation,
    plannedConcentrationPercent: session.concentrationPercent,
    plannedVolumeMl: session.totalVolumeMl,
    plannedLiquidVolumeMl: roundQuantity(upperLiquid(planned, limits)),
    plannedFoamVolumeMl: foamVolume(session),
    liquidVolumeEstimated: [planned, ...sameDay].some((s) => liquidContent(s, limits).estimated),
    containerEquivalents: roundQuantity((session.containers * Math.min(session.containerVolumeMl ?? CONTAINER_EQUIVALENT_ML, CONTAINER_EQUIVALENT_ML)) / CONTAINER_EQUIVALENT_ML),
    dailyLiquidVolumeMl: roundQuantity([planned, ...sameDay].reduce((sum, s) => sum + upperLiquid(s, limits), 0)),
    dailyFoamVolumeMl: roundQuantity(foamVolume(session) + sameDay.reduce((sum, s) => sum + foamVolume(s), 0)),
    thromboprophylaxisDecision: session.thromboprophylaxisDecision ?? 'undocumented',
    plannedContainers: session.containers,
    dailyVolumeMl: roundQuantity(session.totalVolumeMl + sameDayVolume),
    plannedPolidocanolMg: roundQuantity(plannedMg),
    dailyPolidocanolMg: dailyMg,
    dailyPolidocanolMgPerKg: perKg(dailyMg),
    maxPolidocanolMg,
    // Named one by one: spreading the parts in would copy their properties at run time.
    priorSessionCount: prior.priorSessionCount,
    priorSessionsDocumented: prior.priorSessionsDocumented,
    daysSinceLastSession: prior.daysSinceLastSession,
    latestEarlierSessionAgent: prior.latestEarlierSessionAgent,
    intervalWindowSessionCount: split.intervalWindowSessionCount,
    intervalWindowVolumeMl: split.intervalWindowVolumeMl,
    splitSessionVolumeMl: split.splitSessionVolumeMl,
    splitSessionIntervalExceeded: split.splitSessionIntervalExceeded,
    splitSessionEarliestDate: split.splitSessionEarliestDate,
    deferrableTargetCount: deferrable.length,
    deferrableTargetIds: deferrable,
    feederPairTargetCount: feeders.length,
    feederPairTargetIds: feeders,
    targetIds: session.targetVeinIds,
    aftercareKind: aftercareKindOf(session, priors),
    compressionKind: compressionKindOf(largest, session),
  };
};
