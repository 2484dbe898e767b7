import type { AssessmentRequest } from '../model/request-schema.js';
import type { Facts } from './facts.js';
import type { Limits } from '../model/limits.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { AGENT_WORDS } from '../model/agent-words.js';
import {
  HISTORY_FIELDS,
  HISTORY_FIELD_TABLE,
  PATIENT_FIELDS,
  PATIENT_FIELD_TABLE,
  type ClinicalField,
  type HistoryField,
  type ScreeningGroup,
} from '../model/clinical-fields.js';
import { UNDOCUMENTED, documented } from './undocumented.js';
import { isHighThrombosisRisk, thrombosisFactorWords, thrombosisFactorsPresent, tippingFields } from './thrombosis.js';

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
  | 'undocumentedThrombosisRiskCount'
  | 'undocumentedThrombosisRiskPaths'
  | 'highThrombosisRisk'
  | 'undocumentedPrecautionCount'
  | 'undocumentedPrecautionPaths'
  | 'thrombosisFactorWords'
  | 'sclerosantAllergyWords'
  | 'thrombosisHoldReleasedBy'
>;

const STS_FIELDS: readonly HistoryField[] = ['acuteSuperficialThrombophlebitis', 'allergyProne', 'activeCancer'];

/**
 * The history fields that screening.unconfirmed-contraindications asks for in this request, beyond
 * those always listed (RULES.md, screening): the shunt when foam is planned; the STS label fields
 * when STS is planned (EU-only ones unless the jurisdiction is US); an earlier thrombosis when no
 * duplex is on record; and the thrombosis fields that could tip the risk into high.
 */
const conditionalContraindicationFields = (
  request: AssessmentRequest,
  limits: Limits,
  jurisdiction: JurisdictionInForce,
): ReadonlySet<HistoryField> => {
  const fields = new Set<HistoryField>();
  const session = request.plannedSession;
  if (session?.formulation === 'foam') fields.add('rightToLeftShunt');
  if (session?.agent === 'sodium-tetradecyl-sulfate') {
    STS_FIELDS.forEach((f) => fields.add(f));
    if (jurisdiction !== 'US') {
      fields.add('thrombophilia');
      fields.add('recentMajorSurgeryOrHospitalization');
      if (request.history.estrogenTherapy !== false) fields.add('priorThromboembolism');
      const others = [...thrombosisFactorsPresent(request)].filter((f) => f !== 7);
      if (others.length > 0) fields.add('estrogenTherapy');
    }
  }
  if (request.duplexUltrasound === undefined) fields.add('priorThromboembolism');
  tippingFields(request, limits).forEach((f) => fields.add(f));
  return fields;
};

// The request path of each history field, and the patient fields screened as precautions with theirs:
// written once rather than for every request.
const HISTORY_PATHS = Object.fromEntries(HISTORY_FIELDS.map((field) => [field, `history.${field}`])) as Readonly<Record<HistoryField, string>>;
const PATIENT_PRECAUTION_PATHS = PATIENT_FIELDS.flatMap((field) => {
  const info: ClinicalField<unknown> = PATIENT_FIELD_TABLE[field];
  return info.screening === 'precaution' ? [[field, `patient.${field}`] as const] : [];
});

/**
 * Splits the undocumented fields among the three screening rules, so that each is listed by exactly
 * one: possible contraindications (hold), thrombosis risk (caution) and precautions (inform).
 * @param request - a valid request
 * @param limits - the limits in force
 * @param jurisdiction - the jurisdiction in force
 * @returns the request paths of each group, in contract order
 */
export const undocumentedPaths = (
  request: AssessmentRequest,
  limits: Limits,
  jurisdiction: JurisdictionInForce = 'strictest',
): { readonly contraindications: readonly string[]; readonly thrombosisRisk: readonly string[]; readonly precautions: readonly string[] } => {
  const conditional = conditionalContraindicationFields(request, limits, jurisdiction);
  const missing = HISTORY_FIELDS.filter((field) => request.history[field] === undefined);
  const groupOf = (field: HistoryField): ScreeningGroup =>
    conditional.has(field) ? 'contraindication' : HISTORY_FIELD_TABLE[field].screening;
  const paths = (group: ScreeningGroup): string[] => missing.filter((f) => groupOf(f) === group).map((f) => HISTORY_PATHS[f]);
  const precautions = paths('precaution');
  for (const [field, path] of PATIENT_PRECAUTION_PATHS) {
    if (request.patient[field] === undefined) precautions.push(path);
  }
  return { contraindications: paths('contraindication'), thrombosisRisk: paths('thrombosis-risk'), precautions };
};

/**
 * Derives the patient and history facts, keeping every omitted field `'undocumented'`.
 * @param request - a valid request
 * @param limits - the limits in force
 * @param jurisdiction - the jurisdiction in force
 * @returns the patient and history facts
 */
export const toHistoryFacts = (
  request: AssessmentRequest,
  limits: Limits,
  jurisdiction: JurisdictionInForce,
): PatientAndHistoryFacts => {
  const { patient, history } = request;
  const allergies = history.sclerosantAllergies;
  const planned = request.plannedSession?.agent;
  const paths = undocumentedPaths(request, limits, jurisdiction);
  const factors = thrombosisFactorsPresent(request);
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
    undocumentedThrombosisRiskCount: paths.thrombosisRisk.length,
    undocumentedThrombosisRiskPaths: paths.thrombosisRisk,
    highThrombosisRisk: isHighThrombosisRisk(factors, limits),
    undocumentedPrecautionCount: paths.precautions.length,
    undocumentedPrecautionPaths: paths.precautions,
    thrombosisFactorWords: thrombosisFactorWords(request),
    sclerosantAllergyWords: (allergies ?? []).map((agent) => AGENT_WORDS[agent]),
    thrombosisHoldReleasedBy: isHighThrombosisRisk(factors, limits) ? (request.plannedSession?.thromboprophylaxisDecision ?? 'none') : 'none',
  };
};
