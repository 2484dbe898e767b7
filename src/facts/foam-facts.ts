import type { AssessmentRequest, PlannedSession, PriorSession, Vein } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { toDayNumber } from '../model/dates.js';
import type { Facts } from './facts.js';
import { liquidContent, type LiquidContent, type LiquidSource } from './liquid.js';
import { roundQuantity } from './quantities.js';
import { strengthClass } from './vein-classes.js';

type FoamFacts = Pick<
  Facts,
  | 'plannedLiquidStandardMl'
  | 'plannedLiquidBasis'
  | 'sameDayPriorLiquidMl'
  | 'dailyLiquidStandardMl'
  | 'plannedPolidocanolMgStandard'
  | 'dailyPolidocanolMgStandard'
  | 'sts3PercentPlanned'
  | 'sts3PercentSameDayPriorMl'
  | 'sts3PercentDailyStandardMl'
  | 'foamCapMl'
  | 'foamCapCase'
  | 'foamLiquidOverCapCount'
  | 'foamLiquidOverCaps'
  | 'foamLiquidUnconfirmedPaths'
  | 'foamSmallVeinTargetCount'
  | 'foamSmallVeinTargetIds'
  | 'plannedFoamGas'
>;

/** The strength of sodium tetradecyl sulfate whose daily liquid has its own cap (maxSts3PercentMl). */
export const STS_HIGH_STRENGTH_PERCENT = 3;
/** The strength of the US canister foam product (Varithena) that may use maxCanisterFoamVolumeMl. */
export const CANISTER_FOAM_PERCENT = 1;

// Milligrams of polidocanol in a volume at a strength: 1 % is 10 mg per mL.
const MG_PER_ML_PER_PERCENT = 10;

/** The planned session as liquid content reads it: the documented foam liquid is `foam.liquidVolumeMl`. */
export const plannedLiquidSource = (session: PlannedSession): LiquidSource => ({
  totalVolumeMl: session.totalVolumeMl,
  formulation: session.formulation,
  liquidVolumeMl: session.foam?.liquidVolumeMl,
});

/** One session counted in a liquid total: its liquid on both estimates, and the path that would confirm an estimate. */
interface Counted {
  readonly content: LiquidContent;
  /** The request path of the foam liquid when it was estimated. */
  readonly estimatedPath?: string;
  /** The factor the liquid is multiplied by (a strength in mg per mL for milligrams; 1 for volumes). */
  readonly factor: number;
}

/** One liquid-content cap, computed on both estimates (RULES.md, Quantities). */
interface LiquidCap {
  /** The cap in clinical words, with its limit and the amount on the upper estimate. */
  readonly words: string;
  readonly applies: boolean;
  readonly limit: number;
  readonly counted: readonly Counted[];
}

const total = (counted: readonly Counted[], estimate: 'standard' | 'upper'): number =>
  roundQuantity(counted.reduce((sum, c) => sum + c.content[estimate] * c.factor, 0));

/** Over on standard estimates: the cap's own rule blocks. */
const overStandard = (cap: LiquidCap): boolean => cap.applies && total(cap.counted, 'standard') > roundQuantity(cap.limit);
/** Over on upper estimates only: dose.foam-liquid-unconfirmed holds. */
const overUpperOnly = (cap: LiquidCap): boolean => cap.applies && !overStandard(cap) && total(cap.counted, 'upper') > roundQuantity(cap.limit);

const NO_PLAN: FoamFacts = {
  plannedLiquidStandardMl: 0,
  plannedLiquidBasis: 'none',
  sameDayPriorLiquidMl: 0,
  dailyLiquidStandardMl: 0,
  plannedPolidocanolMgStandard: 0,
  dailyPolidocanolMgStandard: 0,
  sts3PercentPlanned: false,
  sts3PercentSameDayPriorMl: 0,
  sts3PercentDailyStandardMl: 0,
  foamCapMl: 0,
  foamCapCase: 'none',
  foamLiquidOverCapCount: 0,
  foamLiquidOverCaps: [],
  foamLiquidUnconfirmedPaths: [],
  foamSmallVeinTargetCount: 0,
  foamSmallVeinTargetIds: [],
  plannedFoamGas: 'none',
};

/**
 * The foam cap in force (RULES.md, dose.foam-volume-cap): `maxCanisterFoamVolumeMl` when the
 * jurisdiction is US and the plan is polidocanol 1 % foam from the proprietary canister, else
 * `maxFoamVolumeMl`. The canister value relaxes the cap, so it never applies under the default.
 * @param session - the planned session, if any
 * @param limits - the limits in force
 * @param jurisdiction - the jurisdiction in force
 * @returns the cap in mL and which case it is
 */
export const foamCapInForce = (
  session: PlannedSession | undefined,
  limits: Limits,
  jurisdiction: JurisdictionInForce,
): { readonly valueMl: number; readonly canister: boolean } => {
  const canister =
    jurisdiction === 'US' &&
    session?.agent === 'polidocanol' &&
    session.formulation === 'foam' &&
    session.concentrationPercent === CANISTER_FOAM_PERCENT &&
    session.foam?.gas === 'proprietary-canister';
  return canister ? { valueMl: limits.maxCanisterFoamVolumeMl, canister } : { valueMl: limits.maxFoamVolumeMl, canister: false };
};

/**
 * Derives the foam and liquid-content facts: the liquid caps on the standard estimate, the foam cap
 * in force, which liquid caps are over only on the upper estimate (and what would confirm them),
 * foam into small veins, and the foam gas.
 * @param request - a valid request
 * @param limits - the limits in force
 * @param jurisdiction - the jurisdiction in force
 * @returns the facts
 */
export const toFoamFacts = (request: AssessmentRequest, limits: Limits, jurisdiction: JurisdictionInForce): FoamFacts => {
  const session = request.plannedSession;
  if (session === undefined) return { ...NO_PLAN, foamCapMl: limits.maxFoamVolumeMl };
  const priors = request.priorSessions ?? [];
  const referenceDay = toDayNumber(session.date);
  const indexed = priors.map((prior, index) => ({ prior, index, day: toDayNumber(prior.date) }));
  const sameDay = indexed.filter((p) => p.prior.date === session.date);
  const window = indexed.filter(
    (p) => p.day !== undefined && referenceDay !== undefined && p.day < referenceDay && referenceDay - p.day < limits.minDaysBetweenSessions,
  );

  const planContent = liquidContent(plannedLiquidSource(session), limits);
  const plan = (factor: number): Counted =>
    planContent.estimated ? { content: planContent, factor, estimatedPath: 'plannedSession.foam.liquidVolumeMl' } : { content: planContent, factor };
  const prior = (p: { prior: PriorSession; index: number }, factor: number): Counted => {
    const content = liquidContent(p.prior, limits);
    return content.estimated ? { content, factor, estimatedPath: `priorSessions[${p.index}].liquidVolumeMl` } : { content, factor };
  };

  const polidocanol = session.agent === 'polidocanol';
  const weight = request.patient.weightKg;
  const sts3 = session.agent === 'sodium-tetradecyl-sulfate' && session.concentrationPercent >= STS_HIGH_STRENGTH_PERCENT;
  const sameDaySts3 = sameDay.filter(
    (p) => p.prior.agent === 'sodium-tetradecyl-sulfate' && (p.prior.concentrationPercent ?? limits.unknownPriorStsPercent) >= STS_HIGH_STRENGTH_PERCENT,
  );
  const mgPlan = polidocanol ? [plan(session.concentrationPercent * MG_PER_ML_PER_PERCENT)] : [];
  const mgPriors = sameDay
    .filter((p) => p.prior.agent === 'polidocanol')
    .map((p) => prior(p, (p.prior.concentrationPercent ?? limits.unknownPriorPolidocanolPercent) * MG_PER_ML_PER_PERCENT));
  const maxMg = weight === undefined ? 0 : roundQuantity(limits.maxPolidocanolMgPerKg * weight);
  const sameDayCounted = sameDay.map((p) => prior(p, 1));
  const planned = plan(1);

  const caps: readonly LiquidCap[] = [
    { words: 'the liquid limit per session', applies: true, limit: limits.maxVolumeMl, counted: [planned] },
    {
      words: 'the liquid limit per calendar day',
      applies: total(sameDayCounted, 'standard') > 0,
      limit: limits.maxVolumeMl,
      counted: [planned, ...sameDayCounted],
    },
    {
      words: 'the liquid limit for sessions closer together than the advised interval',
      applies: window.length > 0,
      limit: limits.maxVolumeMl,
      counted: [planned, ...sameDayCounted, ...window.map((p) => prior(p, 1))],
    },
    {
      words: 'the weight-based polidocanol limit for the day',
      applies: polidocanol && weight !== undefined,
      limit: maxMg,
      counted: [...mgPlan, ...mgPriors],
    },
    {
      words: 'the daily limit for 3 % sodium tetradecyl sulfate',
      applies: sts3,
      limit: limits.maxSts3PercentMl,
      counted: [planned, ...sameDaySts3.map((p) => prior(p, 1))],
    },
  ];
  const upperOnly = caps.filter(overUpperOnly);
  const paths = [...new Set(upperOnly.flatMap((cap) => cap.counted.flatMap((c) => (c.estimatedPath === undefined ? [] : [c.estimatedPath]))))];
  const ordered = [
    ...paths.filter((p) => p.startsWith('plannedSession')),
    ...paths.filter((p) => !p.startsWith('plannedSession')).sort((a, b) => indexOfPath(a) - indexOfPath(b)),
  ];

  const foam = session.formulation === 'foam';
  const cap = foamCapInForce(session, limits, jurisdiction);
  // The first vein with each id, as a search from the start would find it.
  const veinsById = new Map<string, Vein>();
  for (const v of request.veins) if (!veinsById.has(v.id)) veinsById.set(v.id, v);
  const targets = session.targetVeinIds.map((id) => veinsById.get(id)).filter((v): v is Vein => v !== undefined);
  const smallTargets = foam ? targets.filter((t) => strengthClass(t) !== 'varicose').map((t) => t.id) : [];
  const sts3Priors = sts3 ? sameDaySts3.map((p) => prior(p, 1)) : [];
  return {
    plannedLiquidStandardMl: planContent.standard,
    plannedLiquidBasis: !foam ? 'liquid' : planContent.estimated ? 'foam-estimated' : 'foam-documented',
    sameDayPriorLiquidMl: total(sameDayCounted, 'standard'),
    dailyLiquidStandardMl: total([planned, ...sameDayCounted], 'standard'),
    plannedPolidocanolMgStandard: total(mgPlan, 'standard'),
    dailyPolidocanolMgStandard: total([...mgPlan, ...mgPriors], 'standard'),
    sts3PercentPlanned: sts3,
    sts3PercentSameDayPriorMl: total(sts3Priors, 'standard'),
    sts3PercentDailyStandardMl: sts3 ? total([planned, ...sts3Priors], 'standard') : 0,
    foamCapMl: cap.valueMl,
    foamCapCase: !foam ? 'none' : cap.canister ? 'canister' : 'standard',
    foamLiquidOverCapCount: upperOnly.length,
    foamLiquidOverCaps: upperOnly.map((c) => c.words),
    foamLiquidUnconfirmedPaths: ordered,
    foamSmallVeinTargetCount: smallTargets.length,
    foamSmallVeinTargetIds: smallTargets,
    plannedFoamGas: foam ? (session.foam?.gas ?? 'undocumented') : 'none',
  };
};

const indexOfPath = (path: string): number => Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);
