import type { AssessmentRequest } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { Facts } from './facts.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { toHistoryFacts } from './history-facts.js';
import { toVeinFacts } from './vein-facts.js';
import { toSessionFacts } from './session-facts.js';
// Agent table (RULES.md v2): facts read from the agent table in force.
import { toAgentFacts } from './agent-facts.js';
import type { AgentsFile } from '../model/agents.js';
import shippedAgents from '../../rules/agents.json';
// foam and liquid content
import { toFoamFacts } from './foam-facts.js';

/**
 * Derives every fact the rules read from a valid request; pure and deterministic.
 * @param request - a valid request
 * @param limits - the limits in force
 * @param asOfDay - "today" as a day number (days since 1970-01-01)
 * @param jurisdiction - the jurisdiction in force
 * @param agents - the agent table in force (the rule set's, after any overlay); defaults to the shipped table
 * @returns the facts, with `sessionStatus` provisionally `not-planned` until the first stage has run
 */
export const toFacts = (
  request: AssessmentRequest,
  limits: Limits,
  asOfDay: number,
  jurisdiction: JurisdictionInForce = 'strictest',
  agents: AgentsFile = shippedAgents as AgentsFile,
): Facts => {
  const history = toHistoryFacts(request, limits, jurisdiction);
  const veins = toVeinFacts(request, limits, asOfDay, jurisdiction);
  const session = toSessionFacts(request, limits, asOfDay);
  const agent = toAgentFacts(request, limits, agents, jurisdiction);
  // foam and liquid content
  const foam = toFoamFacts(request, limits, jurisdiction);
  // One literal naming every fact: V8 builds it in a single allocation with one fixed shape, about
  // ten times faster than spreading the five parts (which defines the 130-odd properties one by
  // one at run time). The type checker refuses a fact left out or taken from the wrong part, and
  // test/facts/to-facts.test.ts checks that every fact of every part arrives.
  return {
    limits,
    jurisdiction,
    // history
    ageYears: history.ageYears,
    sex: history.sex,
    weightKg: history.weightKg,
    weightRecorded: history.weightRecorded,
    pregnancy: history.pregnancy,
    breastfeeding: history.breastfeeding,
    sclerosantAllergies: history.sclerosantAllergies,
    sclerosantAllergyCount: history.sclerosantAllergyCount,
    plannedAgentAllergy: history.plannedAgentAllergy,
    allergyProne: history.allergyProne,
    acuteThromboembolism: history.acuteThromboembolism,
    priorThromboembolism: history.priorThromboembolism,
    thrombophilia: history.thrombophilia,
    activeCancer: history.activeCancer,
    recentMajorSurgeryOrHospitalization: history.recentMajorSurgeryOrHospitalization,
    mobility: history.mobility,
    localInfectionAtTreatmentSite: history.localInfectionAtTreatmentSite,
    severeAcuteIllness: history.severeAcuteIllness,
    peripheralArterialDisease: history.peripheralArterialDisease,
    rightToLeftShunt: history.rightToLeftShunt,
    migraineWithAura: history.migraineWithAura,
    severeReactionToPriorSclerotherapy: history.severeReactionToPriorSclerotherapy,
    estrogenTherapy: history.estrogenTherapy,
    anticoagulated: history.anticoagulated,
    acuteSuperficialThrombophlebitis: history.acuteSuperficialThrombophlebitis,
    ceapClass: history.ceapClass,
    undocumentedContraindicationCount: history.undocumentedContraindicationCount,
    undocumentedContraindicationPaths: history.undocumentedContraindicationPaths,
    undocumentedThrombosisRiskCount: history.undocumentedThrombosisRiskCount,
    undocumentedThrombosisRiskPaths: history.undocumentedThrombosisRiskPaths,
    highThrombosisRisk: history.highThrombosisRisk,
    undocumentedPrecautionCount: history.undocumentedPrecautionCount,
    undocumentedPrecautionPaths: history.undocumentedPrecautionPaths,
    thrombosisFactorWords: history.thrombosisFactorWords,
    sclerosantAllergyWords: history.sclerosantAllergyWords,
    thrombosisHoldReleasedBy: history.thrombosisHoldReleasedBy,
    // veins
    duplexRecorded: veins.duplexRecorded,
    veinsToTreatCount: veins.veinsToTreatCount,
    telangiectasiaToTreatCount: veins.telangiectasiaToTreatCount,
    telangiectasiaToTreatIds: veins.telangiectasiaToTreatIds,
    reticularToTreatCount: veins.reticularToTreatCount,
    reticularToTreatIds: veins.reticularToTreatIds,
    legVaricoseToTreatCount: veins.legVaricoseToTreatCount,
    legSymptomaticToTreatCount: veins.legSymptomaticToTreatCount,
    varicoseOutsideLabelCount: veins.varicoseOutsideLabelCount,
    varicoseOutsideLabelIds: veins.varicoseOutsideLabelIds,
    nonLegSiteCount: veins.nonLegSiteCount,
    nonLegSiteIds: veins.nonLegSiteIds,
    nonLegSiteCase: veins.nonLegSiteCase,
    refluxLegVeinCount: veins.refluxLegVeinCount,
    refluxLegVeinIds: veins.refluxLegVeinIds,
    deepDiseaseLegVeinCount: veins.deepDiseaseLegVeinCount,
    deepDiseaseLegVeinIds: veins.deepDiseaseLegVeinIds,
    kindDiameterMismatchCount: veins.kindDiameterMismatchCount,
    kindDiameterMismatchIds: veins.kindDiameterMismatchIds,
    duplexAgeDays: veins.duplexAgeDays,
    veinsById: veins.veinsById,
    // session
    sessionPlanned: session.sessionPlanned,
    plannedAgent: session.plannedAgent,
    plannedFormulation: session.plannedFormulation,
    plannedConcentrationPercent: session.plannedConcentrationPercent,
    plannedVolumeMl: session.plannedVolumeMl,
    plannedLiquidVolumeMl: session.plannedLiquidVolumeMl,
    plannedFoamVolumeMl: session.plannedFoamVolumeMl,
    liquidVolumeEstimated: session.liquidVolumeEstimated,
    containerEquivalents: session.containerEquivalents,
    dailyLiquidVolumeMl: session.dailyLiquidVolumeMl,
    dailyFoamVolumeMl: session.dailyFoamVolumeMl,
    thromboprophylaxisDecision: session.thromboprophylaxisDecision,
    plannedContainers: session.plannedContainers,
    dailyVolumeMl: session.dailyVolumeMl,
    plannedPolidocanolMg: session.plannedPolidocanolMg,
    dailyPolidocanolMg: session.dailyPolidocanolMg,
    dailyPolidocanolMgPerKg: session.dailyPolidocanolMgPerKg,
    maxPolidocanolMg: session.maxPolidocanolMg,
    priorSessionCount: session.priorSessionCount,
    priorSessionsDocumented: session.priorSessionsDocumented,
    daysSinceLastSession: session.daysSinceLastSession,
    latestEarlierSessionAgent: session.latestEarlierSessionAgent,
    intervalWindowSessionCount: session.intervalWindowSessionCount,
    intervalWindowVolumeMl: session.intervalWindowVolumeMl,
    splitSessionVolumeMl: session.splitSessionVolumeMl,
    splitSessionIntervalExceeded: session.splitSessionIntervalExceeded,
    splitSessionEarliestDate: session.splitSessionEarliestDate,
    deferrableTargetCount: session.deferrableTargetCount,
    deferrableTargetIds: session.deferrableTargetIds,
    feederPairTargetCount: session.feederPairTargetCount,
    feederPairTargetIds: session.feederPairTargetIds,
    targetIds: session.targetIds,
    aftercareKind: session.aftercareKind,
    compressionKind: session.compressionKind,
    // agent
    plannedAgentWords: agent.plannedAgentWords,
    plannedAgentFirstSession: agent.plannedAgentFirstSession,
    strengthFarAboveLabelTargetIds: agent.strengthFarAboveLabelTargetIds,
    strengthFarAboveLabelTargetCount: agent.strengthFarAboveLabelTargetCount,
    strengthFarAboveLabelThresholdPercent: agent.strengthFarAboveLabelThresholdPercent,
    strengthFarAboveLabelWords: agent.strengthFarAboveLabelWords,
    strengthAboveLabelTargetIds: agent.strengthAboveLabelTargetIds,
    strengthAboveLabelTargetCount: agent.strengthAboveLabelTargetCount,
    strengthAboveLabelLowestPercent: agent.strengthAboveLabelLowestPercent,
    strengthAboveLabelWords: agent.strengthAboveLabelWords,
    oversizeInjectionTargetIds: agent.oversizeInjectionTargetIds,
    largestOversizeInjectionMl: agent.largestOversizeInjectionMl,
    oversizeInjectionMaxMl: agent.oversizeInjectionMaxMl,
    oversizeInjectionWords: agent.oversizeInjectionWords,
    agentInjectionCount: agent.agentInjectionCount,
    offLabelAgentCase: agent.offLabelAgentCase,
    stsLabelItemWords: agent.stsLabelItemWords,
    appliedAgentCells: agent.appliedAgentCells,
    earlierSessionAgents: agent.earlierSessionAgents,
    deepDiseaseLegTargetCount: agent.deepDiseaseLegTargetCount,
    estrogenWithOtherThrombosisFactor: agent.estrogenWithOtherThrombosisFactor,
    // foam
    plannedLiquidStandardMl: foam.plannedLiquidStandardMl,
    plannedLiquidBasis: foam.plannedLiquidBasis,
    sameDayPriorLiquidMl: foam.sameDayPriorLiquidMl,
    dailyLiquidStandardMl: foam.dailyLiquidStandardMl,
    plannedPolidocanolMgStandard: foam.plannedPolidocanolMgStandard,
    dailyPolidocanolMgStandard: foam.dailyPolidocanolMgStandard,
    sts3PercentPlanned: foam.sts3PercentPlanned,
    sts3PercentSameDayPriorMl: foam.sts3PercentSameDayPriorMl,
    sts3PercentDailyStandardMl: foam.sts3PercentDailyStandardMl,
    foamCapMl: foam.foamCapMl,
    foamCapCase: foam.foamCapCase,
    foamLiquidOverCapCount: foam.foamLiquidOverCapCount,
    foamLiquidOverCaps: foam.foamLiquidOverCaps,
    foamLiquidUnconfirmedPaths: foam.foamLiquidUnconfirmedPaths,
    foamSmallVeinTargetCount: foam.foamSmallVeinTargetCount,
    foamSmallVeinTargetIds: foam.foamSmallVeinTargetIds,
    plannedFoamGas: foam.plannedFoamGas,
    sessionStatus: 'not-planned',
  };
};
