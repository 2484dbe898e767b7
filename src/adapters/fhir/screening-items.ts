import {
  HISTORY_FIELD_TABLE,
  HISTORY_FIELDS,
  PATIENT_FIELD_TABLE,
  type HistoryField,
  type PatientField,
} from '../../model/clinical-fields.js';
import { FOAM_GASES } from '../../model/request-schema.js';
import { AGENTS, SIDES } from '../../model/vocabulary.js';
import type { RecencyName } from './recency.js';

/**
 * How long an answer stays usable, counted back from asOf to the response's `authored` date:
 * `acute` for states that change within days, `current` for treatments and states that change
 * within weeks, `history` for the medical history; pregnancy status and weight use the adapter's
 * Observation windows.
 */
export type AnswerWindow = 'acute' | 'current' | 'history' | 'pregnancy' | 'weight';

/** The recency window of each kind of answer, by its name in `recency.json`. */
export const WINDOW_NAMES: Readonly<Record<AnswerWindow, RecencyName>> = {
  acute: 'screeningAcuteMaxAgeDays',
  current: 'screeningCurrentMaxAgeDays',
  history: 'screeningHistoryMaxAgeDays',
  pregnancy: 'pregnancyStatusMaxAgeDays',
  weight: 'weightMaxAgeDays',
};

/** A standard code for an item, from a code list under `codes/`. */
export interface ItemCode {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

/** How an answer is written and read. */
export type AnswerKind =
  | { readonly type: 'boolean' }
  | { readonly type: 'choice'; readonly values: readonly string[]; readonly repeats?: true }
  | { readonly type: 'decimal'; readonly unit: 'kg' | 'mL' | '%' }
  | { readonly type: 'date' };

/** One question of the screening questionnaire: the request path it fills, and how. */
export interface ScreeningItem {
  /** The request path the answer fills, used as the item's linkId. */
  readonly path: string;
  readonly text: string;
  readonly answer: AnswerKind;
  readonly window: AnswerWindow;
  readonly code?: ItemCode;
}

interface Question {
  readonly text: string;
  readonly window: AnswerWindow;
}

// One question per history field: the compiler refuses a history field without one.
const HISTORY_QUESTIONS: { readonly [K in HistoryField]: Question } = {
  sclerosantAllergies: { text: 'Known allergy to a sclerosing agent (choose each agent, or none)', window: 'history' },
  allergyProne: { text: 'Asthma or a strong tendency to allergic reactions', window: 'history' },
  acuteThromboembolism: { text: 'Acute deep-vein thrombosis or pulmonary embolism now', window: 'acute' },
  priorThromboembolism: { text: 'Deep-vein thrombosis or pulmonary embolism in the past', window: 'history' },
  thrombophilia: { text: 'Known thrombophilia (a tendency to form blood clots)', window: 'history' },
  activeCancer: { text: 'Active cancer', window: 'history' },
  recentMajorSurgeryOrHospitalization: { text: 'Major surgery or a hospital stay in the last 3 months', window: 'acute' },
  mobility: { text: 'Mobility today', window: 'acute' },
  localInfectionAtTreatmentSite: { text: 'Infection of the skin or tissue where the injections would go', window: 'acute' },
  severeAcuteIllness: { text: 'Severe acute illness or infection now (for example fever, pneumonia)', window: 'acute' },
  peripheralArterialDisease: { text: 'Peripheral arterial disease', window: 'history' },
  rightToLeftShunt: { text: 'Right-to-left shunt, such as a patent foramen ovale', window: 'history' },
  migraineWithAura: { text: 'Migraine with aura', window: 'history' },
  severeReactionToPriorSclerotherapy: { text: 'Severe reaction (neurological or cardiac) after an earlier sclerotherapy session', window: 'history' },
  estrogenTherapy: { text: 'Taking oestrogen (contraceptive pill, patch or ring, or hormone replacement)', window: 'current' },
  anticoagulated: { text: 'Taking an anticoagulant', window: 'current' },
  acuteSuperficialThrombophlebitis: { text: 'Acute superficial thrombophlebitis now', window: 'acute' },
  ceapClass: { text: 'Highest CEAP clinical class, either leg', window: 'history' },
};

/** Standard item codes: LOINC, verified as recorded in the named code lists. */
const WEIGHT_CODE: ItemCode = { system: 'http://loinc.org', code: '29463-7', display: 'Body weight' };
const PREGNANCY_CODE: ItemCode = { system: 'http://loinc.org', code: '82810-3', display: 'Pregnancy status' };
const BREASTFEEDING_CODE: ItemCode = { system: 'http://loinc.org', code: '63895-7', display: 'Breastfeeding status' };

// The patient fields a FHIR record cannot settle (the sex comes from Patient.gender).
const PATIENT_QUESTIONS: { readonly [K in Exclude<PatientField, 'sex'>]: Question & { readonly code: ItemCode } } = {
  weightKg: { text: 'Body weight (kg)', window: 'weight', code: WEIGHT_CODE },
  pregnancy: { text: 'Pregnancy status (postpartum: delivered within the last 3 months)', window: 'pregnancy', code: PREGNANCY_CODE },
  breastfeeding: { text: 'Breastfeeding', window: 'current', code: BREASTFEEDING_CODE },
};

const answerKindOf = (values: readonly unknown[]): AnswerKind => {
  if (values.every((v) => typeof v === 'boolean')) return { type: 'boolean' };
  if (values.every((v) => typeof v === 'number')) return { type: 'decimal', unit: 'kg' };
  if (values.every((v) => Array.isArray(v))) return { type: 'choice', values: ['none', ...AGENTS], repeats: true };
  return { type: 'choice', values: values.map(String) };
};

const historyItem = (field: HistoryField): ScreeningItem => ({
  path: `history.${field}`,
  ...HISTORY_QUESTIONS[field],
  answer: answerKindOf(HISTORY_FIELD_TABLE[field].values),
});

const patientItem = (field: Exclude<PatientField, 'sex'>): ScreeningItem => ({
  path: `patient.${field}`,
  ...PATIENT_QUESTIONS[field],
  answer: answerKindOf(PATIENT_FIELD_TABLE[field].values),
});

/** The patient items, in the order of the field table. */
export const PATIENT_ITEMS: readonly ScreeningItem[] = (Object.keys(PATIENT_QUESTIONS) as (keyof typeof PATIENT_QUESTIONS)[]).map(patientItem);

/** The history items, one per history field, in contract order. */
export const HISTORY_ITEMS: readonly ScreeningItem[] = HISTORY_FIELDS.map(historyItem);

/** The "no earlier session" item: true gives `priorSessions: []`. */
export const NO_PRIOR_SESSION_ITEM: ScreeningItem = {
  path: 'priorSessions.none',
  text: 'No earlier sclerotherapy session, ever',
  answer: { type: 'boolean' },
  window: 'acute',
};

/** The repeating group of earlier sessions: its linkId, and its children. */
export const PRIOR_SESSION_GROUP = 'priorSessions';
/** The children of one earlier session. */
export const PRIOR_SESSION_ITEMS: readonly ScreeningItem[] = [
  { path: 'priorSessions.date', text: 'Date of the session', answer: { type: 'date' }, window: 'acute' },
  { path: 'priorSessions.agent', text: 'Sclerosing agent', answer: { type: 'choice', values: AGENTS }, window: 'acute' },
  { path: 'priorSessions.totalVolumeMl', text: 'Total volume injected (mL; the foam volume for foam)', answer: { type: 'decimal', unit: 'mL' }, window: 'acute' },
  { path: 'priorSessions.formulation', text: 'Liquid or foam', answer: { type: 'choice', values: ['liquid', 'foam'] }, window: 'acute' },
  { path: 'priorSessions.concentrationPercent', text: 'Strength (%)', answer: { type: 'decimal', unit: '%' }, window: 'acute' },
  { path: 'priorSessions.liquidVolumeMl', text: 'If foam: liquid sclerosant used to make it (mL)', answer: { type: 'decimal', unit: 'mL' }, window: 'acute' },
];

/** The duplex ultrasound group's linkId and its children. */
export const DUPLEX_GROUP = 'duplexUltrasound';
/** The items of the latest venous duplex ultrasound. */
export const DUPLEX_ITEMS: readonly ScreeningItem[] = [
  { path: 'duplexUltrasound.date', text: 'Date of the latest venous duplex ultrasound of the legs', answer: { type: 'date' }, window: 'history' },
  { path: 'duplexUltrasound.truncalReflux', text: 'Legs with saphenous (truncal) reflux', answer: { type: 'choice', values: ['none', ...SIDES], repeats: true }, window: 'history' },
  { path: 'duplexUltrasound.deepVenousDisease', text: 'Legs with deep venous reflux or obstruction', answer: { type: 'choice', values: ['none', ...SIDES], repeats: true }, window: 'history' },
];

/** The planned-session group's linkId and its children: what only the session's plan can tell. */
export const PLANNED_GROUP = 'plannedSession';
/** The foam and thromboprophylaxis items of the planned session. */
export const PLANNED_ITEMS: readonly ScreeningItem[] = [
  { path: 'plannedSession.foam.gas', text: 'If foam is planned: the gas it is made with', answer: { type: 'choice', values: FOAM_GASES }, window: 'acute' },
  { path: 'plannedSession.foam.liquidVolumeMl', text: 'If foam is planned: liquid sclerosant used to make it (mL)', answer: { type: 'decimal', unit: 'mL' }, window: 'acute' },
  { path: 'plannedSession.thromboprophylaxisDecision', text: 'Thromboprophylaxis decision for this session', answer: { type: 'choice', values: ['given', 'not-indicated'] }, window: 'acute' },
];

/** Every answerable item, by its linkId (the request path it fills). */
export const ITEMS_BY_PATH: ReadonlyMap<string, ScreeningItem> = new Map(
  [...PATIENT_ITEMS, ...HISTORY_ITEMS, NO_PRIOR_SESSION_ITEM, ...PRIOR_SESSION_ITEMS, ...DUPLEX_ITEMS, ...PLANNED_ITEMS].map((item) => [item.path, item]),
);
