export { fromFhirBundle, type FromFhirOptions, type FhirMapping } from './from-fhir-bundle.js';
export { GAP_REASONS, type Gap, type GapReason, type Provenance } from './provenance.js';
export { CODE_LISTS, CONCEPTS, type Concept } from './codes.js';
export { CodeListSchema, CODE_SYSTEMS, type CodeList } from './code-list-schema.js';
export { DEFAULT_RECENCY, type Recency, type RecencyName } from './recency.js';
export {
  screeningQuestionnaire,
  SCREENING_QUESTIONNAIRE_URL,
  SCREENING_QUESTIONNAIRE_VERSION,
  SCREENING_ANSWERS_SYSTEM,
} from './screening-questionnaire.js';
export { fromQuestionnaireResponse, type QuestionnaireResponseOptions, type ScreeningMapping } from './screening-answers.js';
export { withConfirmedFields, type ConfirmedFields, type FieldConflict } from './confirmed-fields.js';
export type { IncompleteOrder } from './draft-order.js';
