import type { AssessmentRequest } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import { HISTORY_FIELD_TABLE, PATIENT_FIELD_TABLE, type HistoryField } from '../model/clinical-fields.js';

/** A thrombosis factor by its number in RULES.md "Thrombosis factors"; 1 and 2 are major. */
export type ThrombosisFactor = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MAJOR: ReadonlySet<ThrombosisFactor> = new Set([1, 2]);

// The history fields that are thrombosis factors, with their numbers: read from the table once.
const FACTOR_FIELDS: readonly (readonly [HistoryField, ThrombosisFactor])[] = Object.entries(HISTORY_FIELD_TABLE).flatMap(([field, info]) =>
  'thrombosisFactor' in info ? [[field as HistoryField, info.thrombosisFactor] as const] : [],
);

/**
 * The thrombosis factors present in a request: the documented-true boolean factors, reduced or
 * bedridden mobility, and a postpartum patient.
 * @param request - a valid request
 * @returns the factors present, by number
 */
export const thrombosisFactorsPresent = (request: AssessmentRequest): ReadonlySet<ThrombosisFactor> => {
  const present = new Set<ThrombosisFactor>();
  for (const [field, factor] of FACTOR_FIELDS) {
    const value = request.history[field];
    if (value === true || value === 'reduced' || value === 'bedridden') present.add(factor);
  }
  if (request.patient.pregnancy === 'postpartum') present.add(PATIENT_FIELD_TABLE.pregnancy.thrombosisFactor);
  return present;
};

/**
 * H(S) of RULES.md: a set of factors makes the thrombosis risk high when it holds a major factor and
 * at least two factors, or at least `highThrombosisRiskFactorCount` factors.
 * @param factors - the factors
 * @param limits - the limits in force
 * @returns true when the risk is high
 */
export const isHighThrombosisRisk = (factors: ReadonlySet<ThrombosisFactor>, limits: Limits): boolean =>
  ([...factors].some((f) => MAJOR.has(f)) && factors.size >= 2) || factors.size >= limits.highThrombosisRiskFactorCount;

/** The history fields that are thrombosis factors and can tip the risk when undocumented. */
export const TIPPING_FIELDS = [
  'priorThromboembolism',
  'thrombophilia',
  'activeCancer',
  'recentMajorSurgeryOrHospitalization',
  'estrogenTherapy',
] as const satisfies readonly HistoryField[];

/**
 * The undocumented fields that could tip the risk into high (RULES.md, screening.unconfirmed-
 * contraindications, "thrombosis tipping"): every undocumented tipping field when no
 * thromboprophylaxis decision is documented, the risk is not high on the factors present, and it
 * would be if every undocumented tipping field were present.
 * @param request - a valid request
 * @param limits - the limits in force
 * @returns the fields, or none
 */
export const tippingFields = (request: AssessmentRequest, limits: Limits): readonly HistoryField[] => {
  if (request.plannedSession?.thromboprophylaxisDecision !== undefined) return [];
  const present = thrombosisFactorsPresent(request);
  if (isHighThrombosisRisk(present, limits)) return [];
  const undocumented = TIPPING_FIELDS.filter((f) => request.history[f] === undefined);
  const assumed = new Set(present);
  for (const f of undocumented) assumed.add(HISTORY_FIELD_TABLE[f].thrombosisFactor);
  return isHighThrombosisRisk(assumed, limits) ? undocumented : [];
};

/**
 * Names the thrombosis factors present in clinical words, in the order of RULES.md "Thrombosis
 * factors", for text a clinician reads.
 * @param request - a valid request
 * @returns the words of each factor present
 */
export const thrombosisFactorWords = (request: AssessmentRequest): readonly string[] => {
  const { history, patient } = request;
  const words: string[] = [];
  const firstFour = ['priorThromboembolism', 'thrombophilia', 'activeCancer', 'recentMajorSurgeryOrHospitalization'] as const;
  for (const field of firstFour) {
    if (history[field] === true) words.push(HISTORY_FIELD_TABLE[field].words);
  }
  if (history.mobility === 'reduced') words.push('reduced mobility');
  if (history.mobility === 'bedridden') words.push('being bedridden');
  if (patient.pregnancy === 'postpartum') words.push('delivery within the last 3 months');
  if (history.estrogenTherapy === true) words.push(HISTORY_FIELD_TABLE.estrogenTherapy.words);
  return words;
};
