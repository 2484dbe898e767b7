import type { AssessmentRequest } from '../model/request-schema.js';
import type { Facts } from './facts.js';
import { CONTRAINDICATION_FIELDS, HISTORY_FIELDS, UNDOCUMENTED, documented, type HistoryField } from './undocumented.js';

type PatientAndHistoryFacts = Pick<
  Facts,
  | 'ageYears'
  | 'sex'
  | 'weightKg'
  | 'weightRecorded'
  | 'pregnancy'
  | 'breastfeeding'
  | 'sclerosantAllergies'
  | 'sclerosantAllergyCount'
  | 'plannedAgentAllergy'
  | 'allergyProne'
  | 'acuteThromboembolism'
  | 'priorThromboembolism'
  | 'thrombophilia'
  | 'activeCancer'
  | 'recentMajorSurgeryOrHospitalization'
  | 'mobility'
  | 'localInfectionAtTreatmentSite'
  | 'severeAcuteIllness'
  | 'peripheralArterialDisease'
  | 'rightToLeftShunt'
  | 'migraineWithAura'
  | 'severeReactionToPriorSclerotherapy'
  | 'estrogenTherapy'
  | 'anticoagulated'
  | 'acuteSuperficialThrombophlebitis'
  | 'ceapClass'
  | 'undocumentedContraindicationCount'
  | 'undocumentedContraindicationPaths'
  | 'undocumentedPrecautionCount'
  | 'undocumentedPrecautionPaths'
>;

/**
 * Splits the undocumented history fields into those that hide a possible absolute contraindication
 * and the rest; the shunt counts as a contraindication field only when foam is planned.
 * @param request - a valid request
 * @returns the request paths of each group, in contract order
 */
export const undocumentedPaths = (
  request: AssessmentRequest,
): { readonly contraindications: readonly string[]; readonly precautions: readonly string[] } => {
  const foamPlanned = request.plannedSession?.formulation === 'foam';
  const isContraindicationField = (field: HistoryField): boolean =>
    (CONTRAINDICATION_FIELDS as readonly string[]).includes(field) || (field === 'rightToLeftShunt' && foamPlanned);
  const missing = HISTORY_FIELDS.filter((field) => request.history[field] === undefined);
  const precautions = missing.filter((field) => !isContraindicationField(field)).map((f) => `history.${f}`);
  if (request.patient.breastfeeding === undefined) precautions.push('patient.breastfeeding');
  return {
    contraindications: missing.filter(isContraindicationField).map((f) => `history.${f}`),
    precautions,
  };
};

/**
 * Derives the patient and history facts, keeping every omitted field `'undocumented'`.
 * @param request - a valid request
 * @returns the patient and history facts
 */
export const toHistoryFacts = (request: AssessmentRequest): PatientAndHistoryFacts => {
  const { patient, history } = request;
  const allergies = history.sclerosantAllergies;
  const planned = request.plannedSession?.agent;
  const paths = undocumentedPaths(request);
  return {
    ageYears: patient.ageYears,
    sex: documented(patient.sex),
    weightKg: documented(patient.weightKg),
    weightRecorded: patient.weightKg !== undefined,
    pregnancy: documented(patient.pregnancy),
    breastfeeding: documented(patient.breastfeeding),
    sclerosantAllergies: documented(allergies),
    sclerosantAllergyCount: allergies === undefined ? UNDOCUMENTED : allergies.length,
    plannedAgentAllergy: allergies === undefined ? UNDOCUMENTED : planned !== undefined && allergies.includes(planned),
    allergyProne: documented(history.allergyProne),
    acuteThromboembolism: documented(history.acuteThromboembolism),
    priorThromboembolism: documented(history.priorThromboembolism),
    thrombophilia: documented(history.thrombophilia),
    activeCancer: documented(history.activeCancer),
    recentMajorSurgeryOrHospitalization: documented(history.recentMajorSurgeryOrHospitalization),
    mobility: documented(history.mobility),
    localInfectionAtTreatmentSite: documented(history.localInfectionAtTreatmentSite),
    severeAcuteIllness: documented(history.severeAcuteIllness),
    peripheralArterialDisease: documented(history.peripheralArterialDisease),
    rightToLeftShunt: documented(history.rightToLeftShunt),
    migraineWithAura: documented(history.migraineWithAura),
    severeReactionToPriorSclerotherapy: documented(history.severeReactionToPriorSclerotherapy),
    estrogenTherapy: documented(history.estrogenTherapy),
    anticoagulated: documented(history.anticoagulated),
    acuteSuperficialThrombophlebitis: documented(history.acuteSuperficialThrombophlebitis),
    ceapClass: documented(history.ceapClass),
    undocumentedContraindicationCount: paths.contraindications.length,
    undocumentedContraindicationPaths: paths.contraindications,
    undocumentedPrecautionCount: paths.precautions.length,
    undocumentedPrecautionPaths: paths.precautions,
  };
};
