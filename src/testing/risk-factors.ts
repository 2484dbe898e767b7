import type { AssessmentRequest } from '../model/request-schema.js';

type Change = (request: AssessmentRequest) => AssessmentRequest;

const history =
  (values: Partial<AssessmentRequest['history']>): Change =>
  (request) => ({ ...request, history: { ...request.history, ...values } });

export { cleanHistory, cleanPatient } from '../model/clinical-fields.js';

/**
 * Risk factors a property test can add to a request, each as a pure change. The absolute
 * contraindications come first; `allergyToPlannedAgent` uses the planned agent (polidocanol when
 * nothing is planned).
 */
export const RISK_FACTORS = {
  allergyToPlannedAgent: (request: AssessmentRequest) =>
    history({ sclerosantAllergies: [request.plannedSession?.agent ?? 'polidocanol'] })(request),
  acuteThromboembolism: history({ acuteThromboembolism: true }),
  severeAcuteIllness: history({ severeAcuteIllness: true }),
  localInfection: history({ localInfectionAtTreatmentSite: true }),
  bedridden: history({ mobility: 'bedridden' }),
  criticalLimbIschaemia: history({ peripheralArterialDisease: 'critical' }),
  severeReactionToPriorSclerotherapy: history({ severeReactionToPriorSclerotherapy: true }),
  symptomaticShunt: history({ rightToLeftShunt: 'symptomatic' }),
  asymptomaticShunt: history({ rightToLeftShunt: 'asymptomatic' }),
  otherSclerosantAllergy: history({ sclerosantAllergies: ['glycerin'] }),
  allergyProne: history({ allergyProne: true }),
  priorThromboembolism: history({ priorThromboembolism: true }),
  thrombophilia: history({ thrombophilia: true }),
  activeCancer: history({ activeCancer: true }),
  recentMajorSurgery: history({ recentMajorSurgeryOrHospitalization: true }),
  reducedMobility: history({ mobility: 'reduced' }),
  peripheralArterialDisease: history({ peripheralArterialDisease: 'severe' }),
  migraineWithAura: history({ migraineWithAura: true }),
  estrogenTherapy: history({ estrogenTherapy: true }),
  anticoagulated: history({ anticoagulated: true }),
  superficialThrombophlebitis: history({ acuteSuperficialThrombophlebitis: true }),
  advancedVenousDisease: history({ ceapClass: 'C6' }),
  pregnant: (request: AssessmentRequest) => ({ ...request, patient: { ...request.patient, pregnancy: 'pregnant' as const } }),
  postpartum: (request: AssessmentRequest) => ({ ...request, patient: { ...request.patient, pregnancy: 'postpartum' as const } }),
  breastfeeding: (request: AssessmentRequest) => ({ ...request, patient: { ...request.patient, breastfeeding: true } }),
} as const satisfies Readonly<Record<string, Change>>;

/** The name of a risk factor. */
export type RiskFactor = keyof typeof RISK_FACTORS;

/** The risk factors that are absolute contraindications (RULES.md, contraindication category, effect exclude). */
export const ABSOLUTE_CONTRAINDICATIONS: readonly RiskFactor[] = [
  'allergyToPlannedAgent',
  'acuteThromboembolism',
  'severeAcuteIllness',
  'localInfection',
  'bedridden',
  'criticalLimbIschaemia',
  'severeReactionToPriorSclerotherapy',
];
