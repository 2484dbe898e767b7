import type { Agent, SessionStatus, VeinKind } from '../model/vocabulary.js';
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

  readonly sessionPlanned: boolean;
  readonly plannedAgent: Agent | 'none';
  readonly plannedFormulation: 'liquid' | 'foam' | 'none';
  readonly plannedConcentrationPercent: number;
  readonly plannedVolumeMl: number;
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
  readonly daysSinceLastSession: number | 'none';
  readonly deferrableTargetCount: number;
  readonly deferrableTargetIds: readonly string[];
  readonly feederPairTargetCount: number;
  readonly feederPairTargetIds: readonly string[];
  readonly largestTargetKind: VeinKind | 'none';
  readonly targetIds: readonly string[];

  /** The session status from the first stage; read only by rules of the second stage. */
  readonly sessionStatus: SessionStatus;
}

/** The name of a fact. */
export type FactName = keyof Facts;
