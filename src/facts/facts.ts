import type { Agent, JurisdictionInForce, SessionStatus, VeinKind } from '../model/vocabulary.js';
import type { AssessmentRequest } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { Documented } from './undocumented.js';

type History = AssessmentRequest['history'];
type HistoryFacts = {
  readonly [K in Exclude<keyof History, 'sclerosantAllergies'>]-?: Documented<NonNullable<History[K]>>;
};
type Patient = AssessmentRequest['patient'];

/** What the text needs to name a vein: its label, or its kind, side and region. */
export interface VeinDescriptor {
  readonly kind: VeinKind;
  readonly region: AssessmentRequest['veins'][number]['region'];
  readonly side?: 'left' | 'right';
  readonly label?: string;
}

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
  /** H(factors present) of RULES.md: the thrombosis risk is high. */
  readonly highThrombosisRisk: boolean;
  readonly undocumentedPrecautionCount: number;
  readonly undocumentedPrecautionPaths: readonly string[];

  // Precautions and screening (v2): words for the clinician-facing text.
  /** The thrombosis factors present, in clinical words (RULES.md order). */
  readonly thrombosisFactorWords: readonly string[];
  /** The documented sclerosant allergies, agents in words; none when undocumented. */
  readonly sclerosantAllergyWords: readonly string[];
  /** The documented thromboprophylaxis decision that releases a high thrombosis risk; `none` when the risk is not high or nothing is decided. */
  readonly thrombosisHoldReleasedBy: 'given' | 'not-indicated' | 'none';

  readonly duplexRecorded: boolean;

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
  readonly dailyVolumeMl: number;
  readonly plannedPolidocanolMg: number;
  readonly dailyPolidocanolMg: number;
  readonly dailyPolidocanolMgPerKg: Documented<number>;
  readonly maxPolidocanolMg: Documented<number>;
  readonly priorSessionCount: number;
  /** Whether earlier sessions are documented (`[]` documents that there were none). */
  readonly priorSessionsDocumented: boolean;
  readonly daysSinceLastSession: number | 'none';
  readonly deferrableTargetCount: number;
  readonly deferrableTargetIds: readonly string[];
  readonly feederPairTargetCount: number;
  readonly feederPairTargetIds: readonly string[];
  readonly targetIds: readonly string[];

  // Candidacy v2: veins to be treated (targets included), classified by safetyKind and strengthClass.
  /** How many veins are to be treated: not yet treated, or targets (touch-ups count). */
  readonly veinsToTreatCount: number;
  readonly telangiectasiaToTreatCount: number;
  /** Veins to be treated whose strength class is telangiectasia. */
  readonly telangiectasiaToTreatIds: readonly string[];
  readonly reticularToTreatCount: number;
  /** Veins to be treated whose strength class is reticular. */
  readonly reticularToTreatIds: readonly string[];
  /** Leg veins to be treated whose safety kind is varicose. */
  readonly legVaricoseToTreatCount: number;
  /** Leg veins to be treated that are symptomatic. */
  readonly legSymptomaticToTreatCount: number;
  readonly varicoseOutsideLabelCount: number;
  /** Varicose veins outside the planned agent's label (targets), or, with no plan, varicose veins to be treated. */
  readonly varicoseOutsideLabelIds: readonly string[];
  readonly nonLegSiteCount: number;
  /** Targets outside the legs, or, with no plan, veins to be treated outside the legs. */
  readonly nonLegSiteIds: readonly string[];
  /** The planned agent (or none), with "+face" when a face vein is among them; chooses the off-label-site text. */
  readonly nonLegSiteCase: string;
  readonly refluxLegVeinCount: number;
  /** Leg veins to be treated on a side with truncal reflux. */
  readonly refluxLegVeinIds: readonly string[];
  readonly deepDiseaseLegVeinCount: number;
  /** Leg veins to be treated on a side with deep venous disease. */
  readonly deepDiseaseLegVeinIds: readonly string[];
  readonly kindDiameterMismatchCount: number;
  /** Veins to be treated whose measured diameter falls in another class than their recorded kind. */
  readonly kindDiameterMismatchIds: readonly string[];
  /** Days from the duplex ultrasound to the reference date (planned date, else "today"), or none. */
  readonly duplexAgeDays: number | 'none';
  /** Each vein's label, kind, side and region by id, so texts name veins rather than ids. */
  readonly veinsById: Readonly<Record<string, VeinDescriptor>>;
  // --- dose and aftercare (RULES.md v2) ---
  /** Earlier sessions dated fewer than minDaysBetweenSessions days before the plan (same day excluded). */
  readonly intervalWindowSessionCount: number;
  /** Liquid content of the interval window's sessions (standard estimates). */
  readonly intervalWindowVolumeMl: number;
  /** Liquid content of the interval window, the same day's earlier sessions and the plan together (standard estimates). */
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

  // --- agent table (RULES.md v2, "Agent table"; src/facts/agent-facts.ts) ---
  /** The planned agent in words, or none. */
  readonly plannedAgentWords: string;
  /** True when an agent is planned and no earlier session used it (omitted earlier sessions count as none). */
  readonly plannedAgentFirstSession: boolean;
  /** Targets whose planned strength is at least strengthBlockFactor × their labelled strength. */
  readonly strengthFarAboveLabelTargetIds: readonly string[];
  readonly strengthFarAboveLabelTargetCount: number;
  /** The lowest block threshold (strengthBlockFactor × labelled strength) among those targets, in %; 0 when none. */
  readonly strengthFarAboveLabelThresholdPercent: number;
  /** The labelled strengths of those targets' classes, in words. */
  readonly strengthFarAboveLabelWords: readonly string[];
  /** Targets whose planned strength is above their labelled strength but below the block threshold. */
  readonly strengthAboveLabelTargetIds: readonly string[];
  readonly strengthAboveLabelTargetCount: number;
  /** The lowest labelled strength among those targets, in %; 0 when none. */
  readonly strengthAboveLabelLowestPercent: number;
  /** The labelled strengths of those targets' classes, in words. */
  readonly strengthAboveLabelWords: readonly string[];
  /** Targets with a listed injection over the per-injection maximum of their cell. */
  readonly oversizeInjectionTargetIds: readonly string[];
  /** The largest injection over its maximum, in mL; 0 when none. */
  readonly largestOversizeInjectionMl: number;
  /** The per-injection maximum that injection exceeds, in mL; 0 when none. */
  readonly oversizeInjectionMaxMl: number;
  /** The per-injection maxima exceeded, in words. */
  readonly oversizeInjectionWords: readonly string[];
  /** Injections of the plan: listed, or estimated from the volume and the agent table's per-injection maxima. */
  readonly agentInjectionCount: number;
  /** Which off-label agent text applies. */
  readonly offLabelAgentCase: 'hypertonic-saline' | 'glycerin' | 'glycerin-larger-veins' | 'none';
  /** The sodium tetradecyl sulfate label items the patient matches (STS planned), in clinical words. */
  readonly stsLabelItemWords: readonly string[];
  /** The agent-table cells each vein list applies, keyed by the name of the fact listing the veins. */
  readonly appliedAgentCells: Readonly<Record<string, readonly { readonly name: string; readonly value: number; readonly unit: string }[]>>;
  /** The agents of earlier sessions dated before the plan (or all earlier sessions when nothing is planned). */
  readonly earlierSessionAgents: readonly Agent[];
  /** Leg targets on a side listed with deep venous disease. */
  readonly deepDiseaseLegTargetCount: number;
  /** Oestrogen therapy documented together with another thrombosis factor (1)–(6). */
  readonly estrogenWithOtherThrombosisFactor: boolean;
  // --- foam and liquid content (RULES.md v2, Quantities; src/facts/foam-facts.ts) ---
  /** Liquid content of the plan on the standard estimate (documented foam liquid, else the standard foam ratio). */
  readonly plannedLiquidStandardMl: number;
  /** How the plan's liquid is known: liquid, foam with documented liquid, or foam with estimated liquid. */
  readonly plannedLiquidBasis: 'liquid' | 'foam-documented' | 'foam-estimated' | 'none';
  /** Liquid content of earlier sessions on the planned date (standard estimates). */
  readonly sameDayPriorLiquidMl: number;
  /** Liquid content of the plan and of earlier sessions that day (standard estimates). */
  readonly dailyLiquidStandardMl: number;
  /** Polidocanol of the plan in mg on the standard liquid estimate. */
  readonly plannedPolidocanolMgStandard: number;
  /** Polidocanol of the plan and of earlier sessions that day in mg, on standard estimates. */
  readonly dailyPolidocanolMgStandard: number;
  /** Whether sodium tetradecyl sulfate is planned at 3 %. */
  readonly sts3PercentPlanned: boolean;
  /** Liquid of earlier same-day sodium tetradecyl sulfate sessions at 3 % or of unrecorded strength (standard estimates). */
  readonly sts3PercentSameDayPriorMl: number;
  /** Liquid of 3 % sodium tetradecyl sulfate in the day, the plan included (standard estimates); 0 unless planned at 3 %. */
  readonly sts3PercentDailyStandardMl: number;
  /** The foam cap in force: the US canister value where it applies, else maxFoamVolumeMl. */
  readonly foamCapMl: number;
  /** Which foam cap is in force for a foam plan. */
  readonly foamCapCase: 'canister' | 'standard' | 'none';
  /** How many liquid-content caps are over on upper estimates only. */
  readonly foamLiquidOverCapCount: number;
  /** Those caps, in clinical words. */
  readonly foamLiquidOverCaps: readonly string[];
  /** The request paths of the estimated foam liquids counted in those caps. */
  readonly foamLiquidUnconfirmedPaths: readonly string[];
  /** How many targets of a foam plan are spider or reticular sized (strength class). */
  readonly foamSmallVeinTargetCount: number;
  /** Those targets. */
  readonly foamSmallVeinTargetIds: readonly string[];
  /** The gas of a foam plan, undocumented, or none when no foam is planned. */
  readonly plannedFoamGas: 'room-air' | 'carbon-dioxide' | 'oxygen-carbon-dioxide' | 'proprietary-canister' | 'undocumented' | 'none';

  /** The session status from the first stage; read only by rules of the second stage. */
  readonly sessionStatus: SessionStatus;
}

/** The name of a fact. */
export type FactName = keyof Facts;
