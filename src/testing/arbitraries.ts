import fc from 'fast-check';
import type { AssessmentRequest, PlannedSession, PriorSession, Vein } from '../model/request-schema.js';
import {
  HISTORY_FIELDS,
  HISTORY_FIELD_TABLE,
  PATIENT_FIELD_TABLE,
  cleanHistory,
  cleanPatient,
  type ClinicalField,
  type HistoryField,
} from '../model/clinical-fields.js';
import { RISK_FACTORS, type RiskFactor } from './risk-factors.js';
import { FOAM_GASES } from '../model/request-schema.js';
import { AGENTS, VEIN_KINDS, type Agent, type Jurisdiction } from '../model/vocabulary.js';
import { agentCell, type AgentsFile } from '../model/agents.js';
import { isFoamable } from '../model/agent-words.js';
import agentsJson from '../../rules/agents.json';

// The shipped agent table, for the strengths of agents without hand-picked ones.
const shippedAgents: AgentsFile = agentsJson;

/** fast-check is an optional peer dependency of this entry: install it to use the arbitraries. */
const BASE_DAY = Date.UTC(2026, 2, 10) / 86_400_000;
/** The planned date of generated sessions. */
export const PLANNED_DATE = '2026-03-10';
const dateOffset = (days: number): string => new Date((BASE_DAY + days) * 86_400_000).toISOString().slice(0, 10);
const round2 = (value: number): number => Math.round(value * 100) / 100;

type History = AssessmentRequest['history'];
type Patient = AssessmentRequest['patient'];

const side = fc.constantFrom('left' as const, 'right' as const);
const legs = fc.subarray(['left', 'right'] as const);

/** Marks a field left out of a generated record. */
const OMITTED = Symbol('omitted');

/**
 * One optional field, derived from its entry in the field tables: omitted (weight `omittedWeight`),
 * its clean value (mostly, so approved sessions stay common), or any other listed value.
 */
const fieldValue = <T>(field: ClinicalField<T>, omittedWeight: number): fc.Arbitrary<T | typeof OMITTED> => {
  const clean = JSON.stringify(field.clean);
  const others = field.values.filter((v) => JSON.stringify(v) !== clean);
  return fc.oneof(
    ...(omittedWeight > 0 ? [{ arbitrary: fc.constant(OMITTED), weight: omittedWeight }] : []),
    { arbitrary: fc.constant(field.clean), weight: 20 },
    ...(others.length > 0 ? [{ arbitrary: fc.constantFrom(...others), weight: 1 }] : []),
  );
};

const dropOmitted = <T>(record: Readonly<Record<string, unknown>>): T =>
  Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v !== OMITTED)
      .map(([k, v]) => [k, Array.isArray(v) ? [...(v as unknown[])] : v]),
  ) as T;

// A history from HISTORY_FIELD_TABLE: every field documented, or each field omitted now and then.
const historyWith = (omittedWeight: number): fc.Arbitrary<History> =>
  fc
    .record(Object.fromEntries(HISTORY_FIELDS.map((f) => [f, fieldValue(HISTORY_FIELD_TABLE[f] as ClinicalField<unknown>, omittedWeight)])) as Record<
      HistoryField,
      fc.Arbitrary<unknown>
    >)
    .map((r) => dropOmitted<History>(r));
const history = fc.oneof({ arbitrary: historyWith(0), weight: 3 }, { arbitrary: historyWith(1), weight: 2 });

// A patient from PATIENT_FIELD_TABLE; the weight is sometimes any weight in 30–150 kg, so the
// weight-based polidocanol cap is reached.
const patientWith = (omittedWeight: number): fc.Arbitrary<Patient> =>
  fc
    .record({
      ageYears: fc.oneof({ arbitrary: fc.integer({ min: 18, max: 80 }), weight: 6 }, { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 1 }),
      sex: fieldValue(PATIENT_FIELD_TABLE.sex, omittedWeight),
      weightKg: fc.oneof(
        { arbitrary: fieldValue(PATIENT_FIELD_TABLE.weightKg, omittedWeight), weight: 2 },
        { arbitrary: fc.integer({ min: 300, max: 1500 }).map((w) => w / 10), weight: 1 },
      ),
      pregnancy: fieldValue(PATIENT_FIELD_TABLE.pregnancy, omittedWeight),
      breastfeeding: fieldValue(PATIENT_FIELD_TABLE.breastfeeding, omittedWeight),
    })
    .map((r) => dropOmitted<Patient>(r));
const patient = fc.oneof({ arbitrary: patientWith(0), weight: 3 }, { arbitrary: patientWith(2), weight: 2 });

const LABELS = ['left knee, medial', 'right calf', 'left ankle', 'right thigh, lateral', 'behind the left knee'] as const;

const vein = (id: string): fc.Arbitrary<Vein> =>
  fc
    .record(
      {
        label: fc.constantFrom(...LABELS),
        kind: fc.constantFrom('telangiectasia' as const, 'reticular' as const, 'varicose' as const),
        diameterMm: fc.integer({ min: 1, max: 60 }).map((d) => d / 10),
        region: fc.constantFrom('leg' as const, 'leg' as const, 'leg' as const, 'leg' as const, 'hand' as const, 'face' as const),
        side,
        status: fc.constantFrom('untreated' as const, 'untreated' as const, 'untreated' as const, 'treated' as const),
        symptomatic: fc.boolean(),
      },
      { requiredKeys: ['kind', 'region'] },
    )
    .map((v) => ({ id, ...v }));

const veins = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => vein(`v${i}`))));

/**
 * Strengths chosen by hand for some agents, around their labelled strengths and input maximum; an
 * agent not listed here gets {@link tableStrengths}.
 */
const STRENGTHS: Readonly<Partial<Record<Agent, readonly number[]>>> = {
  polidocanol: [0.25, 0.5, 0.51, 0.75, 1, 1, 1.5, 2, 3, 4],
  'sodium-tetradecyl-sulfate': [0.1, 0.2, 0.5, 1, 1.5, 3, 3],
  'hypertonic-saline': [11.7, 20, 23.4],
  glycerin: [48, 72],
};
/**
 * Strengths from the agent table: each labelled strength, just above it, and the input maximum
 * (CONTRACT §3.4), so that an agent added to the table is generated without editing this file.
 */
const tableStrengths = (agent: Agent): readonly number[] => {
  const entry = shippedAgents[agent];
  const cells = [...VEIN_KINDS.map((kind) => agentCell(shippedAgents, agent, 'liquid', kind)), ...VEIN_KINDS.map((kind) => agentCell(shippedAgents, agent, 'foam', kind))];
  const labelled = cells.flatMap((cell) => (cell?.labelledPercent === undefined ? [] : [cell.labelledPercent, round2(cell.labelledPercent + 0.01)]));
  return [...new Set([...labelled, entry.maxInputPercent])].filter((p) => p <= entry.maxInputPercent);
};
const strengthOf = (agent: Agent, pick: number): number => {
  const list = STRENGTHS[agent] ?? tableStrengths(agent);
  return list[pick % list.length] ?? list[0] ?? 1;
};

// Every agent of the vocabulary, the two labelled detergents more often.
const agent = fc.constantFrom<Agent>(...AGENTS, 'polidocanol', 'polidocanol', 'sodium-tetradecyl-sulfate');
const gas = fc.option(fc.constantFrom(...FOAM_GASES), { freq: 4, nil: undefined });

const plannedSession = (veinIds: readonly string[]): fc.Arbitrary<PlannedSession> =>
  fc
    .record({
      agent,
      formulation: fc.constantFrom('liquid' as const, 'liquid' as const, 'foam' as const),
      strengthPick: fc.nat(),
      targets: fc.subarray([...veinIds], { minLength: 1 }),
      volumes: fc.oneof(
        { arbitrary: fc.array(fc.integer({ min: 5, max: 150 }).map((v) => v / 100), { minLength: 1, maxLength: 6 }), weight: 3 },
        { arbitrary: fc.array(fc.integer({ min: 5, max: 180 }).map((v) => v / 100), { minLength: 1, maxLength: 12 }), weight: 1 },
      ),
      listInjections: fc.boolean(),
      extraContainers: fc.constantFrom(0, 0, 0, 0, 0, 1, 2),
      containerVolumeMl: fc.constantFrom(1, 2, 2, 2, 2.5, 3),
      thromboprophylaxisDecision: fc.option(fc.constantFrom('given' as const, 'not-indicated' as const), { freq: 3, nil: undefined }),
      // The foam's liquid as a share of its volume (1 + 7 to 1 + 0), or not documented.
      liquidShare: fc.option(fc.constantFrom(0.125, 0.2, 0.25, 0.33, 0.5, 1), { freq: 2, nil: undefined }),
      gas,
      canister: fc.constantFrom(false, false, false, true),
    })
    .map((s) => {
      // Only foamable (detergent) agents make foam; the US canister product is polidocanol 1 % foam.
      const formulation = isFoamable(s.agent) ? s.formulation : 'liquid';
      const canister = s.canister && s.agent === 'polidocanol' && formulation === 'foam';
      const concentrationPercent = canister ? 1 : strengthOf(s.agent, s.strengthPick);
      const injections = s.volumes.map((volumeMl, i) => ({ veinId: s.targets[i % s.targets.length] ?? '', volumeMl }));
      const total = round2(injections.reduce((sum, i) => sum + i.volumeMl, 0));
      // Enough containers for the whole volume, which also covers the liquid of a foam.
      const containers = Math.ceil(total / s.containerVolumeMl - 1e-9) + s.extraContainers;
      const liquid = s.liquidShare === undefined ? undefined : Math.min(total, Math.max(0.01, round2(total * s.liquidShare)));
      const foamGas = canister ? 'proprietary-canister' : s.gas;
      const foam = {
        ...(liquid === undefined ? {} : { liquidVolumeMl: liquid }),
        ...(foamGas === undefined ? {} : { gas: foamGas }),
      };
      return {
        date: PLANNED_DATE,
        agent: s.agent,
        formulation,
        concentrationPercent,
        containers,
        containerVolumeMl: s.containerVolumeMl,
        totalVolumeMl: total,
        ...(formulation === 'foam' && Object.keys(foam).length > 0 ? { foam } : {}),
        ...(s.thromboprophylaxisDecision === undefined ? {} : { thromboprophylaxisDecision: s.thromboprophylaxisDecision }),
        targetVeinIds: s.targets,
        ...(s.listInjections ? { injections } : {}),
      };
    });

/**
 * One earlier session: the same day, within the interval window (1–6 days), exactly 7 days, or
 * older; any agent (foam only for the agents the table marks foamable); formulation, strength and a
 * foam's liquid documented or not.
 */
export const priorSessionArbitrary: fc.Arbitrary<PriorSession> = fc
  .record(
    {
      daysBefore: fc.constantFrom(0, 0, 1, 3, 6, 7, 14, 60),
      agent,
      totalVolumeMl: fc.integer({ min: 0, max: 80 }).map((v) => v / 10),
      formulation: fc.constantFrom('liquid' as const, 'foam' as const),
      strengthPick: fc.nat(),
      liquidShare: fc.constantFrom(0.125, 0.2, 0.5, 1),
    },
    { requiredKeys: ['daysBefore', 'agent', 'totalVolumeMl'] },
  )
  .map(({ daysBefore, agent: priorAgent, strengthPick, liquidShare, formulation, ...rest }) => {
    const form = formulation === 'foam' && !isFoamable(priorAgent) ? 'liquid' : formulation;
    const liquid = form === 'foam' && liquidShare !== undefined && rest.totalVolumeMl > 0 ? Math.max(0.01, round2(rest.totalVolumeMl * liquidShare)) : undefined;
    return {
      date: dateOffset(-daysBefore),
      agent: priorAgent,
      ...rest,
      ...(form === undefined ? {} : { formulation: form }),
      ...(strengthPick === undefined ? {} : { concentrationPercent: strengthOf(priorAgent, strengthPick) }),
      ...(liquid === undefined ? {} : { liquidVolumeMl: Math.min(liquid, rest.totalVolumeMl) }),
    };
  });

/** The jurisdiction option: omitted (the strictest of both), `'US'` or `'EU'`. */
export const jurisdictionArbitrary: fc.Arbitrary<Jurisdiction | undefined> = fc.constantFrom(undefined, 'US' as const, 'EU' as const);

/** A documented list of earlier sessions, possibly empty. */
export const priorSessionsArbitrary: fc.Arbitrary<PriorSession[]> = fc.array(priorSessionArbitrary, { maxLength: 3 });

// Earlier sessions: not documented, documented as none, or a list.
const priorSessions = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.constant([] as PriorSession[]), weight: 3 },
  { arbitrary: fc.array(priorSessionArbitrary, { minLength: 1, maxLength: 3 }), weight: 2 },
);

const mostlyNone = fc.oneof({ arbitrary: fc.constant([] as ('left' | 'right')[]), weight: 3 }, { arbitrary: legs, weight: 1 });
const duplex = fc.record({ date: fc.constant('2026-02-01'), truncalReflux: mostlyNone, deepVenousDisease: mostlyNone });

/** Options for {@link requestArbitrary}. */
export interface RequestArbitraryOptions {
  /** `true`: always a planned session; `false`: never; omitted: either. */
  readonly planned?: boolean;
  /**
   * `true`: a fully documented clean patient: `cleanPatient()` (an adult), `cleanHistory()`, and
   * `priorSessions: []`.
   */
  readonly clean?: boolean;
  /** A risk factor to make present in every request (applied after `clean`). */
  readonly riskFactor?: RiskFactor;
}

/**
 * Generates valid assessment requests of every shape. Patient and history fields come from the
 * field tables: each optional field omitted or one of its listed values. Veins with and without
 * labels and sides; sessions of every agent (foam only for the agents the table marks foamable,
 * with and without a documented liquid and gas, and the US canister product) under and over
 * the caps, with and without a thromboprophylaxis decision; earlier sessions omitted, `[]`, or a
 * list (same day, within 7 days, older; foam with and without its liquid). Pair it with
 * {@link jurisdictionArbitrary} to cover the jurisdictions.
 * @param options - whether a session is planned, a clean patient, a risk factor to add
 * @returns the arbitrary
 */
export const requestArbitrary = (options: RequestArbitraryOptions = {}): fc.Arbitrary<AssessmentRequest> =>
  fc
    .record({
      patient,
      history,
      adultAge: fc.integer({ min: 18, max: 80 }),
      veins,
      hasDuplex: fc.constantFrom(true, true, false),
      duplex,
      priors: priorSessions,
    })
    .chain((base) => {
      const session = plannedSession(base.veins.map((v) => v.id));
      const planned =
        options.planned === true ? session.map((s) => [s]) : options.planned === false ? fc.constant([]) : fc.oneof(fc.constant([]), session.map((s) => [s]));
      return planned.map((plan): AssessmentRequest => {
        const clean = options.clean === true;
        const priors = clean ? [] : base.priors;
        const request: AssessmentRequest = {
          patient: clean ? cleanPatient(base.adultAge) : base.patient,
          history: clean ? cleanHistory() : base.history,
          ...(base.hasDuplex ? { duplexUltrasound: base.duplex } : {}),
          veins: base.veins,
          ...(plan[0] === undefined ? {} : { plannedSession: plan[0] }),
          ...(priors === undefined ? {} : { priorSessions: priors }),
        };
        return options.riskFactor === undefined ? request : RISK_FACTORS[options.riskFactor](request);
      });
    });
