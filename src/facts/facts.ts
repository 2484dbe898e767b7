import type { Agent, JurisdictionInForce, SessionStatus, VeinKind } from '../model/vocabulary.js';
import type { AssessmentRequest } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { Documented } from './undocumented.js';

type History = AssessmentRequest['history'];
type HistoryFacts = {
  readonly [K in Exclude<keyof History, 'sclerosantAllergies'>]-?: Documented<NonNullable<History[K]>>;
};
type Patient = AssessmentRequest['patient'];

/**
 * Everything the rules may read about one request. Every fact is always defined: a value the
 * request does not document is the string `'undocumented'`, never `undefined`, so that
 * json-rules-engine's handling of missing facts never decides anything.
 */
export interface Facts extends HistoryFacts {
  /** The limits in force (values only; sources are in the limits file). */
  readonly limits: Limits;

  readonly ageYears: number;
  readonly sex: Documented<NonNullable<Patient['sex']>>;
  readonly weightKg: Documented<number>;
  readonly weightRecorded: boolean;
  readonly pregnancy: Documented<NonNullable<Patient['pregnancy']>>;
  readonly breastfeeding: Documented<boolean>;

  readonly sclerosantAllergies: Documented<readonly Agent[]>;
  readonly sclerosantAllergyCount: Documented<number>;
  readonly plannedAgentAllergy: Documented<boolean>;
  readonly undocumentedContraindicationCount: number;
  readonly undocumentedContraindicationPaths: readonly string[];
  readonly undocumentedThrombosisRiskCount: number;
  readonly undocumentedThrombosisRiskPaths: readonly string[];
  /** How many thrombosis factors (RULES.md) are present. */
  readonly thrombosisFactorCount: number;
  /** H(factors present) of RULES.md: the thrombosis risk is high. */
  readonly highThrombosisRisk: boolean;
  readonly undocumentedPrecautionCount: number;
  readonly undocumentedPrecautionPaths: readonly string[];

  readonly untreatedVeinCount: number;
  readonly untreatedTelangiectasiaCount: number;
  readonly untreatedTelangiectasiaIds: readonly string[];
  readonly untreatedReticularCount: number;
  readonly untreatedReticularIds: readonly string[];
  readonly untreatedVaricoseCount: number;
  readonly untreatedSymptomaticCount: number;
  readonly largestUntreatedDiameterMm: number;
  readonly outsideLabelVeinIds: readonly string[];
  readonly offLabelSiteCount: number;
  readonly offLabelSiteVeinIds: readonly string[];
  readonly duplexRecorded: boolean;
  readonly truncalRefluxVeinCount: number;
  readonly truncalRefluxVeinIds: readonly string[];
  readonly deepVenousDiseaseVeinCount: number;
  readonly deepVenousDiseaseVeinIds: readonly string[];

  /** The jurisdiction whose labels decide label-specific items, or `strictest`. */
  readonly jurisdiction: JurisdictionInForce;

  readonly sessionPlanned: boolean;
  readonly plannedAgent: Agent | 'none';
  readonly plannedFormulation: 'liquid' | 'foam' | 'none';
  readonly plannedConcentrationPercent: number;
  readonly plannedVolumeMl: number;
  /** Liquid content of the plan: its volume for liquid, the upper estimate for foam. */
  readonly plannedLiquidVolumeMl: number;
  /** Foam volume of the plan; 0 for liquid. */
  readonly plannedFoamVolumeMl: number;
  /** True when a liquid figure rests on an assumed foam ratio. */
  readonly liquidVolumeEstimated: boolean;
  /** Containers as 2 mL equivalents. */
  readonly containerEquivalents: number;
  /** Liquid content of the plan and of earlier sessions that day (upper estimates). */
  readonly dailyLiquidVolumeMl: number;
  /** Foam volume of the plan and of earlier sessions that day. */
  readonly dailyFoamVolumeMl: number;
  /** The documented thromboprophylaxis decision for the plan. */
  readonly thromboprophylaxisDecision: Documented<'given' | 'not-indicated'> | 'none';
  readonly plannedContainers: number;
  readonly plannedInjectionCount: number;
  readonly sameDayPriorVolumeMl: number;
  readonly dailyVolumeMl: number;
  readonly plannedPolidocanolMg: number;
  readonly dailyPolidocanolMg: number;
  readonly dailyPolidocanolMgPerKg: Documented<number>;
  readonly maxPolidocanolMg: Documented<number>;
  readonly smallVeinTargetCount: number;
  readonly lowestLabelledStrengthPercent: number | 'none';
  readonly strengthAboveLabelVeinIds: readonly string[];
  readonly largestSmallVeinInjectionMl: number;
  readonly oversizedInjectionVeinIds: readonly string[];
  readonly priorSessionCount: number;
  /** Whether earlier sessions are documented (`[]` documents that there were none). */
  readonly priorSessionsDocumented: boolean;
  readonly daysSinceLastSession: number | 'none';
  readonly deferrableTargetCount: number;
  readonly deferrableTargetIds: readonly string[];
  readonly feederPairTargetCount: number;
  readonly feederPairTargetIds: readonly string[];
  readonly largestTargetKind: VeinKind | 'none';
  readonly targetIds: readonly string[];

  // --- dose and aftercare (RULES.md v2) ---
  /** Earlier sessions dated fewer than minDaysBetweenSessions days before the plan (same day excluded). */
  readonly intervalWindowSessionCount: number;
  /** Volume injected in the interval window's sessions. */
  readonly intervalWindowVolumeMl: number;
  /** Volume of the interval window, the same day's earlier sessions and the plan together. */
  readonly splitSessionVolumeMl: number;
  /** True when the interval window holds a session and the volume above is over the per-session cap. */
  readonly splitSessionIntervalExceeded: boolean;
  /** The first date at least minDaysBetweenSessions days after the last session in the window. */
  readonly splitSessionEarliestDate: string | 'none';
  /** The agent of the latest session dated before the plan, in words. */
  readonly latestEarlierSessionAgent: string | 'none';
  /** Which walking and observation advice applies, by agent and form. */
  readonly aftercareKind: 'polidocanol-liquid' | 'polidocanol-foam' | 'sts-first-session' | 'sts-later-session' | 'other-agent' | 'none';
  /** Which compression advice applies: the largest safety kind treated today, polidocanol foam into varicose veins apart. */
  readonly compressionKind: VeinKind | 'varicose-polidocanol-foam' | 'none';
  /** Injections an allergy-prone patient's first session would take (listed, or estimated from volume and targets). */
  readonly firstSessionInjectionCount: number;

  /** The session status from the first stage; read only by rules of the second stage. */
  readonly sessionStatus: SessionStatus;
}

/** The name of a fact. */
export type FactName = keyof Facts;
