import type { AssessmentRequest, PlannedSession, Vein } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { JurisdictionInForce, VeinKind } from '../model/vocabulary.js';
import {
  AGENT_CELL_UNITS,
  agentCell,
  agentCellName,
  type AgentCell,
  type AgentCellColumn,
  type AgentsFile,
} from '../model/agents.js';
import type { Facts } from './facts.js';
import { onAnyOfLegs } from './legs.js';
import { roundQuantity } from './quantities.js';
import { strengthClass } from './vein-classes.js';
import { thrombosisFactorsPresent } from './thrombosis.js';

/** One agent-table value a finding applied: its cell name, value and unit. */
export interface AppliedAgentCell {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

type AgentFacts = Pick<
  Facts,
  | 'plannedAgentWords'
  | 'plannedAgentFirstSession'
  | 'strengthFarAboveLabelTargetIds'
  | 'strengthFarAboveLabelTargetCount'
  | 'strengthFarAboveLabelThresholdPercent'
  | 'strengthFarAboveLabelWords'
  | 'strengthAboveLabelTargetIds'
  | 'strengthAboveLabelTargetCount'
  | 'strengthAboveLabelLowestPercent'
  | 'strengthAboveLabelWords'
  | 'oversizeInjectionTargetIds'
  | 'largestOversizeInjectionMl'
  | 'oversizeInjectionMaxMl'
  | 'oversizeInjectionWords'
  | 'agentInjectionCount'
  | 'offLabelAgentCase'
  | 'stsLabelItemWords'
  | 'appliedAgentCells'
  | 'earlierSessionAgents'
  | 'deepDiseaseLegTargetCount'
  | 'estrogenWithOtherThrombosisFactor'
>;

/** The strength classes in words, for the clinician-facing text. */
const CLASS_WORDS: Readonly<Record<VeinKind, string>> = {
  telangiectasia: 'spider veins (telangiectasia)',
  reticular: 'reticular veins',
  varicose: 'varicose veins',
};

type Planned = PlannedSession;

/** A target with its strength class and its cell for the planned agent and formulation. */
interface PlacedTarget {
  readonly vein: Vein;
  readonly kind: VeinKind;
  readonly cell: AgentCell | undefined;
}

const placedTargets = (request: AssessmentRequest, session: Planned, agents: AgentsFile): readonly PlacedTarget[] => {
  const veins = new Map(request.veins.map((v) => [v.id, v]));
  return session.targetVeinIds.flatMap((id) => {
    const vein = veins.get(id);
    if (vein === undefined) return [];
    const kind = strengthClass(vein);
    return [{ vein, kind, cell: agentCell(agents, session.agent, session.formulation, kind) }];
  });
};

const cellRef = (session: Planned, kind: VeinKind, column: AgentCellColumn, value: number): AppliedAgentCell => ({
  name: agentCellName({ agent: session.agent, formulation: session.formulation, kind, column }),
  value,
  unit: AGENT_CELL_UNITS[column],
});

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): readonly T[] => {
  if (items.length < 2) return items;
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/**
 * The strength facts (RULES.md, dose.strength-far-above-label and dose.concentration-for-vein-size):
 * per target with a labelled strength s for the planned agent, formulation and strength class, the
 * plan is far above the label when its strength is at least strengthBlockFactor × s, and above it
 * when it lies strictly between s and that; a vein is in one list or the other, never both.
 */
const strengthFacts = (session: Planned, targets: readonly PlacedTarget[], limits: Limits) => {
  const labelled = targets.flatMap((t) => {
    const s = t.cell?.labelledPercent;
    return s === undefined ? [] : [{ vein: t.vein, kind: t.kind, labelled: s, threshold: roundQuantity(limits.strengthBlockFactor * s) }];
  });
  const percent = session.concentrationPercent;
  const far = labelled.filter((t) => percent >= t.threshold);
  const above = labelled.filter((t) => percent > t.labelled && percent < t.threshold);
  const words = (list: typeof labelled): readonly string[] =>
    uniqueBy(list, (t) => t.kind).map((t) => `${t.labelled} % for ${CLASS_WORDS[t.kind]}`);
  const cells = (list: typeof labelled): readonly AppliedAgentCell[] =>
    uniqueBy(list, (t) => t.kind).map((t) => cellRef(session, t.kind, 'labelledPercent', t.labelled));
  return {
    facts: {
      strengthFarAboveLabelTargetIds: far.map((t) => t.vein.id),
      strengthFarAboveLabelTargetCount: far.length,
      strengthFarAboveLabelThresholdPercent: far.length === 0 ? 0 : Math.min(...far.map((t) => t.threshold)),
      strengthFarAboveLabelWords: words(far),
      strengthAboveLabelTargetIds: above.map((t) => t.vein.id),
      strengthAboveLabelTargetCount: above.length,
      strengthAboveLabelLowestPercent: above.length === 0 ? 0 : Math.min(...above.map((t) => t.labelled)),
      strengthAboveLabelWords: words(above),
    },
    cells: { strengthFarAboveLabelTargetIds: cells(far), strengthAboveLabelTargetIds: cells(above) },
  };
};

/**
 * The per-injection maximum of a cell for this plan: the value at 3 % where the cell has one and the
 * plan is at 3 % (sodium tetradecyl sulfate into varicose veins), else the first-session value at
 * the first session of the agent, else the later value; undefined when the cell has no value.
 */
const perInjectionMax = (
  cell: AgentCell | undefined,
  percent: number,
  firstSession: boolean,
): { readonly column: AgentCellColumn; readonly value: number } | undefined => {
  if (cell === undefined) return undefined;
  if (percent === 3 && cell.perInjectionAt3PercentMl !== undefined) return { column: 'perInjectionAt3PercentMl', value: cell.perInjectionAt3PercentMl };
  const column = firstSession ? 'perInjectionFirstMl' : 'perInjectionLaterMl';
  const value = cell[column];
  return value === undefined ? undefined : { column, value };
};

const MAX_WORDS: Readonly<Record<AgentCellColumn, string>> = {
  labelledPercent: '',
  perInjectionFirstMl: 'at a first session with this agent',
  perInjectionLaterMl: 'at later sessions',
  perInjectionAt3PercentMl: 'at 3 %',
};

const injectionFacts = (session: Planned, targets: readonly PlacedTarget[], firstSession: boolean) => {
  const byId = new Map(targets.map((t) => [t.vein.id, t]));
  const checked = (session.injections ?? []).flatMap((injection) => {
    const target = byId.get(injection.veinId);
    const max = perInjectionMax(target?.cell, session.concentrationPercent, firstSession);
    return target === undefined || max === undefined ? [] : [{ injection, target, max }];
  });
  const over = checked.filter((c) => c.injection.volumeMl > c.max.value);
  const largest = over.reduce<(typeof over)[number] | undefined>(
    (best, c) => (best === undefined || c.injection.volumeMl > best.injection.volumeMl ? c : best),
    undefined,
  );
  const overIds = new Set(over.map((c) => c.injection.veinId));
  const ids = targets.map((t) => t.vein.id).filter((id) => overIds.has(id));
  const distinct = uniqueBy(over, (c) => `${c.target.kind}.${c.max.column}`);
  return {
    facts: {
      oversizeInjectionTargetIds: ids,
      largestOversizeInjectionMl: largest?.injection.volumeMl ?? 0,
      oversizeInjectionMaxMl: largest?.max.value ?? 0,
      oversizeInjectionWords: distinct.map((c) => `${c.max.value} mL per injection into ${CLASS_WORDS[c.target.kind]} ${MAX_WORDS[c.max.column]}`),
    },
    cells: { oversizeInjectionTargetIds: distinct.map((c) => cellRef(session, c.target.kind, c.max.column, c.max.value)) },
  };
};

/**
 * The injection count of RULES.md, dose.allergy-prone-first-session: the listed injections, else the
 * larger of the number of targets and ⌈volume ÷ m⌉, where m is the largest per-injection maximum
 * that applies to any target for this agent, formulation and session; the number of targets when
 * none applies.
 */
const injectionCount = (session: Planned, targets: readonly PlacedTarget[], firstSession: boolean): number => {
  if (session.injections !== undefined) return session.injections.length;
  const maxima = targets.flatMap((t) => {
    const max = perInjectionMax(t.cell, session.concentrationPercent, firstSession);
    return max === undefined ? [] : [max.value];
  });
  if (maxima.length === 0) return targets.length;
  return Math.max(targets.length, Math.ceil(roundQuantity(session.totalVolumeMl / Math.max(...maxima))));
};

/** Which off-label-agent text applies: hypertonic saline, glycerin, or glycerin with larger targets. */
const offLabelCase = (session: Planned, targets: readonly PlacedTarget[]): Facts['offLabelAgentCase'] => {
  if (session.agent === 'hypertonic-saline') return 'hypertonic-saline';
  if (session.agent !== 'glycerin') return 'none';
  return targets.some((t) => t.kind !== 'telangiectasia') ? 'glycerin-larger-veins' : 'glycerin';
};

/** Leg targets on a side listed with deep venous disease. */
const deepDiseaseLegTargets = (request: AssessmentRequest, targets: readonly PlacedTarget[]): number => {
  const deep = request.duplexUltrasound?.deepVenousDisease ?? [];
  return targets.filter((t) => t.vein.region === 'leg' && onAnyOfLegs(t.vein, deep)).length;
};

/** Oestrogen therapy together with another thrombosis factor, (1) to (6) of RULES.md. */
const estrogenWithOtherFactor = (request: AssessmentRequest): boolean =>
  request.history.estrogenTherapy === true && [...thrombosisFactorsPresent(request)].some((f) => f !== 7);

/**
 * The items of the sodium tetradecyl sulfate labels that the patient matches (RULES.md,
 * contraindication.sts-label), in clinical words; the EU-only items apply unless the jurisdiction
 * is US.
 */
const stsLabelItems = (request: AssessmentRequest, targets: readonly PlacedTarget[], jurisdiction: JurisdictionInForce): readonly string[] => {
  const { history } = request;
  const items: string[] = [];
  if (history.acuteSuperficialThrombophlebitis === true) items.push('acute superficial thrombophlebitis');
  if (history.allergyProne === true) items.push('asthma or a strong tendency to allergic reactions');
  if (deepDiseaseLegTargets(request, targets) > 0) items.push('deep venous disease on the leg of a target vein');
  if (history.activeCancer === true) items.push('active cancer');
  if (jurisdiction === 'US') return items;
  if (history.thrombophilia === true) items.push('known thrombophilia');
  if (history.recentMajorSurgeryOrHospitalization === true) items.push('major surgery or a hospital stay in the last 3 months');
  if (history.peripheralArterialDisease === 'mild' || history.peripheralArterialDisease === 'severe') {
    items.push(`${history.peripheralArterialDisease} occlusive arterial disease`);
  }
  if (estrogenWithOtherFactor(request)) items.push('estrogen therapy together with another thrombosis risk factor');
  return items;
};

const NO_PLAN: AgentFacts = {
  plannedAgentWords: 'none',
  plannedAgentFirstSession: false,
  strengthFarAboveLabelTargetIds: [],
  strengthFarAboveLabelTargetCount: 0,
  strengthFarAboveLabelThresholdPercent: 0,
  strengthFarAboveLabelWords: [],
  strengthAboveLabelTargetIds: [],
  strengthAboveLabelTargetCount: 0,
  strengthAboveLabelLowestPercent: 0,
  strengthAboveLabelWords: [],
  oversizeInjectionTargetIds: [],
  largestOversizeInjectionMl: 0,
  oversizeInjectionMaxMl: 0,
  oversizeInjectionWords: [],
  agentInjectionCount: 0,
  offLabelAgentCase: 'none',
  stsLabelItemWords: [],
  appliedAgentCells: {},
  earlierSessionAgents: [],
  deepDiseaseLegTargetCount: 0,
  estrogenWithOtherThrombosisFactor: false,
};

/**
 * Derives the agent-generic facts of a request from the agent table: the planned agent in words,
 * whether this is its first session, the targets whose planned strength is above or far above the
 * labelled strength of their cell, the injections over their per-injection maximum, the injection
 * count for a first session, the off-label agent text, and the sodium tetradecyl sulfate label items.
 * @param request - a valid request
 * @param limits - the limits in force (strengthBlockFactor)
 * @param agents - the agent table in force (after any overlay)
 * @param jurisdiction - the jurisdiction in force
 * @returns the agent facts
 */
export const toAgentFacts = (
  request: AssessmentRequest,
  limits: Limits,
  agents: AgentsFile,
  jurisdiction: JurisdictionInForce,
): AgentFacts => {
  const session = request.plannedSession;
  const reference = session?.date;
  const earlierSessionAgents = [...new Set((request.priorSessions ?? []).filter((p) => reference === undefined || p.date < reference).map((p) => p.agent))];
  const estrogenWithOtherThrombosisFactor = estrogenWithOtherFactor(request);
  if (session === undefined) return { ...NO_PLAN, earlierSessionAgents, estrogenWithOtherThrombosisFactor };
  const entry = agents[session.agent];
  // Omitted earlier sessions count as none: the first-session values are the stricter ones.
  const firstSession = !(request.priorSessions ?? []).some((p) => p.agent === session.agent);
  const targets = placedTargets(request, session, agents);
  const strength = strengthFacts(session, targets, limits);
  const injections = injectionFacts(session, targets, firstSession);
  const sts = session.agent === 'sodium-tetradecyl-sulfate' ? stsLabelItems(request, targets, jurisdiction) : [];
  const { facts: sf } = strength;
  const { facts: inj } = injections;
  // Named one by one: spreading the parts in would copy their properties at run time.
  return {
    plannedAgentWords: entry.words,
    plannedAgentFirstSession: firstSession,
    strengthFarAboveLabelTargetIds: sf.strengthFarAboveLabelTargetIds,
    strengthFarAboveLabelTargetCount: sf.strengthFarAboveLabelTargetCount,
    strengthFarAboveLabelThresholdPercent: sf.strengthFarAboveLabelThresholdPercent,
    strengthFarAboveLabelWords: sf.strengthFarAboveLabelWords,
    strengthAboveLabelTargetIds: sf.strengthAboveLabelTargetIds,
    strengthAboveLabelTargetCount: sf.strengthAboveLabelTargetCount,
    strengthAboveLabelLowestPercent: sf.strengthAboveLabelLowestPercent,
    strengthAboveLabelWords: sf.strengthAboveLabelWords,
    oversizeInjectionTargetIds: inj.oversizeInjectionTargetIds,
    largestOversizeInjectionMl: inj.largestOversizeInjectionMl,
    oversizeInjectionMaxMl: inj.oversizeInjectionMaxMl,
    oversizeInjectionWords: inj.oversizeInjectionWords,
    agentInjectionCount: injectionCount(session, targets, firstSession),
    offLabelAgentCase: offLabelCase(session, targets),
    stsLabelItemWords: sts,
    appliedAgentCells: { ...strength.cells, ...injections.cells },
    earlierSessionAgents,
    deepDiseaseLegTargetCount: deepDiseaseLegTargets(request, targets),
    estrogenWithOtherThrombosisFactor,
  };
};
