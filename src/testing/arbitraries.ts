import fc from 'fast-check';
import type { AssessmentRequest, PlannedSession, PriorSession, Vein } from '../model/request-schema.js';
import { AGENTS, type Agent } from '../model/vocabulary.js';
import { RISK_FACTORS, cleanHistory, type RiskFactor } from './risk-factors.js';

/** fast-check is an optional peer dependency of this entry: install it to use the arbitraries. */
const BASE_DAY = Date.UTC(2026, 2, 10) / 86_400_000;
/** The planned date of generated sessions. */
export const PLANNED_DATE = '2026-03-10';
const dateOffset = (days: number): string => new Date((BASE_DAY + days) * 86_400_000).toISOString().slice(0, 10);
const round2 = (value: number): number => Math.round(value * 100) / 100;

const side = fc.constantFrom('left' as const, 'right' as const);
const legs = fc.subarray(['left', 'right'] as const);

const patient = fc.record(
  {
    ageYears: fc.integer({ min: 0, max: 100 }),
    sex: fc.constantFrom('female' as const, 'male' as const, 'other' as const, 'unknown' as const),
    weightKg: fc.integer({ min: 300, max: 1500 }).map((w) => w / 10),
    pregnancy: fc.constantFrom('pregnant' as const, 'postpartum' as const, 'not-pregnant' as const),
    breastfeeding: fc.boolean(),
  },
  { requiredKeys: ['ageYears'] },
);

/** The safe value usually, a risky one sometimes, so approved sessions stay common. */
const mostly = <T>(safe: T, ...risky: T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constant(safe), weight: 12 }, { arbitrary: fc.constantFrom(...risky), weight: 1 });
const rarely = mostly(false, true);

// Each history field is documented about four times in five and mostly confirmed absent, so
// undocumented, absent and present values all occur and approved sessions stay common.
const history = fc.record(
  {
    sclerosantAllergies: fc.oneof({ arbitrary: fc.constant([] as Agent[]), weight: 12 }, { arbitrary: fc.subarray([...AGENTS]), weight: 1 }),
    allergyProne: rarely,
    acuteThromboembolism: rarely,
    priorThromboembolism: rarely,
    thrombophilia: rarely,
    activeCancer: rarely,
    recentMajorSurgeryOrHospitalization: rarely,
    mobility: mostly('normal' as const, 'reduced' as const, 'bedridden' as const),
    localInfectionAtTreatmentSite: rarely,
    severeAcuteIllness: rarely,
    peripheralArterialDisease: mostly('none' as const, 'mild' as const, 'severe' as const, 'critical' as const),
    rightToLeftShunt: mostly('none' as const, 'asymptomatic' as const, 'symptomatic' as const),
    migraineWithAura: rarely,
    severeReactionToPriorSclerotherapy: rarely,
    estrogenTherapy: rarely,
    anticoagulated: rarely,
    acuteSuperficialThrombophlebitis: rarely,
    ceapClass: fc.constantFrom('C0', 'C1', 'C2', 'C3', 'C4a', 'C4b', 'C4c', 'C5', 'C6') as fc.Arbitrary<
      NonNullable<AssessmentRequest['history']['ceapClass']>
    >,
  },
  { requiredKeys: [], noNullPrototype: true },
);

const vein = (id: string): fc.Arbitrary<Vein> =>
  fc
    .record(
      {
        kind: fc.constantFrom('telangiectasia' as const, 'reticular' as const, 'varicose' as const),
        diameterMm: fc.integer({ min: 1, max: 60 }).map((d) => d / 10),
        region: fc.constantFrom('leg' as const, 'leg' as const, 'leg' as const, 'leg' as const, 'hand' as const, 'face' as const),
        side,
        status: fc.constantFrom('untreated' as const, 'treated' as const),
        symptomatic: fc.boolean(),
      },
      { requiredKeys: ['kind', 'region'] },
    )
    .map((v) => ({ id, ...v }));

const veins = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => vein(`v${i}`))));

const plannedSession = (veinIds: readonly string[]): fc.Arbitrary<PlannedSession> =>
  fc
    .record({
      agent: fc.constantFrom('polidocanol' as const, 'polidocanol' as const, 'sodium-tetradecyl-sulfate' as const, 'hypertonic-saline' as const),
      formulation: fc.constantFrom('liquid' as const, 'liquid' as const, 'foam' as const),
      concentrationPercent: fc.constantFrom(0.25, 0.5, 0.51, 0.75, 1, 1.5, 2, 3),
      targets: fc.subarray([...veinIds], { minLength: 1 }),
      volumes: fc.array(fc.integer({ min: 5, max: 180 }).map((v) => v / 100), { minLength: 1, maxLength: 12 }),
      listInjections: fc.boolean(),
      extraContainers: fc.constantFrom(0, 0, 0, 1, 2),
      containerVolumeMl: fc.constantFrom(1, 2, 2, 2, 2.5, 3),
    })
    .map((s) => {
      const injections = s.volumes.map((volumeMl, i) => ({ veinId: s.targets[i % s.targets.length] ?? '', volumeMl }));
      const total = round2(injections.reduce((sum, i) => sum + i.volumeMl, 0));
      const containers = Math.ceil(total / s.containerVolumeMl - 1e-9) + s.extraContainers;
      return {
        date: PLANNED_DATE,
        agent: s.agent,
        formulation: s.formulation,
        concentrationPercent: s.concentrationPercent,
        containers,
        containerVolumeMl: s.containerVolumeMl,
        totalVolumeMl: total,
        targetVeinIds: s.targets,
        ...(s.listInjections ? { injections } : {}),
      };
    });

const priorSession: fc.Arbitrary<PriorSession> = fc
  .record(
    {
      daysBefore: fc.constantFrom(0, 0, 3, 6, 7, 14, 60),
      agent: fc.constantFrom('polidocanol' as const, 'sodium-tetradecyl-sulfate' as const),
      totalVolumeMl: fc.integer({ min: 0, max: 80 }).map((v) => v / 10),
      formulation: fc.constantFrom('liquid' as const, 'foam' as const),
      concentrationPercent: fc.constantFrom(0.5, 1, 3),
    },
    { requiredKeys: ['daysBefore', 'agent', 'totalVolumeMl'] },
  )
  .map(({ daysBefore, ...rest }) => ({ date: dateOffset(-daysBefore), ...rest }));

const duplex = fc.record({ date: fc.constant('2026-02-01'), truncalReflux: legs, deepVenousDisease: legs });

/** Options for {@link requestArbitrary}. */
export interface RequestArbitraryOptions {
  /** `true`: always a planned session; `false`: never; omitted: either. */
  readonly planned?: boolean;
  /** `true`: every history field documented as absent, pregnancy `not-pregnant`, no breastfeeding. */
  readonly clean?: boolean;
  /** A risk factor to make present in every request (applied after `clean`). */
  readonly riskFactor?: RiskFactor;
}

/**
 * Generates valid assessment requests of every shape: documented and undocumented fields, legs
 * with and without sides, sessions under and over the caps, same-day and earlier prior sessions.
 * @param options - whether a session is planned, a clean history, a risk factor to add
 * @returns the arbitrary
 */
export const requestArbitrary = (options: RequestArbitraryOptions = {}): fc.Arbitrary<AssessmentRequest> =>
  fc
    .record({ patient, history, veins, hasDuplex: fc.boolean(), duplex, priors: fc.array(priorSession, { maxLength: 3 }) })
    .chain((base) => {
      const session = plannedSession(base.veins.map((v) => v.id));
      const planned =
        options.planned === true ? session.map((s) => [s]) : options.planned === false ? fc.constant([]) : fc.oneof(fc.constant([]), session.map((s) => [s]));
      return planned.map((plan): AssessmentRequest => {
        const request: AssessmentRequest = {
        patient: options.clean === true ? { ...base.patient, pregnancy: 'not-pregnant', breastfeeding: false } : base.patient,
        history: options.clean === true ? cleanHistory() : base.history,
        ...(base.hasDuplex ? { duplexUltrasound: base.duplex } : {}),
        veins: base.veins,
        ...(plan[0] === undefined ? {} : { plannedSession: plan[0] }),
        ...(base.priors.length === 0 ? {} : { priorSessions: base.priors }),
        };
        return options.riskFactor === undefined ? request : RISK_FACTORS[options.riskFactor](request);
      });
    });
