import type { AssessmentRequest } from './request-schema.js';
import { AGENTS, type Agent } from './vocabulary.js';

type History = AssessmentRequest['history'];
type Patient = AssessmentRequest['patient'];

/**
 * Which screening rule lists a field when it is undocumented, before any condition of the plan or
 * the patient moves it up (RULES.md, screening):
 * - `contraindication`: `screening.unconfirmed-contraindications` (require-information: holds);
 * - `thrombosis-risk`: `screening.unconfirmed-thrombosis-risk` (caution);
 * - `precaution`: `screening.unconfirmed-precautions` (inform).
 */
export type ScreeningGroup = 'contraindication' | 'thrombosis-risk' | 'precaution';

/** What the library knows about one optional clinical field of the request. */
export interface ClinicalField<T> {
  /** The field in clinical words, for text a clinician reads. */
  readonly words: string;
  /** The value that documents the cleanest state: absent, none, or not pregnant. */
  readonly clean: T;
  /** Representative documented values: every listed value for an enumerated field. */
  readonly values: readonly [T, ...T[]];
  /** The screening rule that lists the field when it is undocumented (history fields only). */
  readonly screening?: ScreeningGroup;
  /** Whether leaving the field undocumented can hold a planned session. */
  readonly omissionCanHold: boolean;
  /** The thrombosis factor the field is, by its number in RULES.md "Thrombosis factors". */
  readonly thrombosisFactor?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

type FieldTable<T> = { readonly [K in keyof T]-?: ClinicalField<NonNullable<T[K]>> };

const BOOLEAN = [false, true] as const satisfies readonly [boolean, boolean];
const ALLERGY_VALUES: readonly [Agent[], ...Agent[][]] = [[], ...AGENTS.map((a) => [a]), [...AGENTS]];

/**
 * Every optional `history` field, keyed by the request schema: the compiler refuses a history field
 * that is missing here. Undocumented paths, the screening lists, the testing kit's clean patients
 * and arbitraries, and the invariants all derive from this table.
 */
export const HISTORY_FIELD_TABLE = {
  sclerosantAllergies: { words: 'allergies to sclerosing agents', clean: [], values: ALLERGY_VALUES, screening: 'contraindication', omissionCanHold: true },
  allergyProne: { words: 'asthma or a strong tendency to allergic reactions', clean: false, values: BOOLEAN, screening: 'precaution', omissionCanHold: true },
  acuteThromboembolism: { words: 'acute deep-vein thrombosis or pulmonary embolism', clean: false, values: BOOLEAN, screening: 'contraindication', omissionCanHold: true },
  priorThromboembolism: { words: 'earlier deep-vein thrombosis or pulmonary embolism', clean: false, values: BOOLEAN, screening: 'thrombosis-risk', omissionCanHold: true, thrombosisFactor: 1 },
  thrombophilia: { words: 'known thrombophilia (a hypercoagulable state)', clean: false, values: BOOLEAN, screening: 'thrombosis-risk', omissionCanHold: true, thrombosisFactor: 2 },
  activeCancer: { words: 'active cancer', clean: false, values: BOOLEAN, screening: 'thrombosis-risk', omissionCanHold: true, thrombosisFactor: 3 },
  recentMajorSurgeryOrHospitalization: { words: 'major surgery or hospital stay in the last 3 months', clean: false, values: BOOLEAN, screening: 'thrombosis-risk', omissionCanHold: true, thrombosisFactor: 4 },
  mobility: { words: 'mobility', clean: 'normal', values: ['normal', 'reduced', 'bedridden'], screening: 'contraindication', omissionCanHold: true, thrombosisFactor: 5 },
  localInfectionAtTreatmentSite: { words: 'infection at the treatment site', clean: false, values: BOOLEAN, screening: 'contraindication', omissionCanHold: true },
  severeAcuteIllness: { words: 'severe acute illness or infection', clean: false, values: BOOLEAN, screening: 'contraindication', omissionCanHold: true },
  peripheralArterialDisease: { words: 'peripheral arterial disease', clean: 'none', values: ['none', 'mild', 'severe', 'critical'], screening: 'contraindication', omissionCanHold: true },
  rightToLeftShunt: { words: 'right-to-left shunt such as a patent foramen ovale', clean: 'none', values: ['none', 'asymptomatic', 'symptomatic'], screening: 'precaution', omissionCanHold: true },
  migraineWithAura: { words: 'migraine with aura', clean: false, values: BOOLEAN, screening: 'precaution', omissionCanHold: false },
  severeReactionToPriorSclerotherapy: { words: 'a severe reaction to earlier sclerotherapy', clean: false, values: BOOLEAN, screening: 'contraindication', omissionCanHold: true },
  estrogenTherapy: { words: 'estrogen therapy (contraceptive pill or hormone replacement)', clean: false, values: BOOLEAN, screening: 'thrombosis-risk', omissionCanHold: true, thrombosisFactor: 7 },
  anticoagulated: { words: 'anticoagulant treatment', clean: false, values: BOOLEAN, screening: 'thrombosis-risk', omissionCanHold: false },
  acuteSuperficialThrombophlebitis: { words: 'acute superficial thrombophlebitis', clean: false, values: BOOLEAN, screening: 'precaution', omissionCanHold: true },
  ceapClass: { words: 'CEAP clinical class', clean: 'C1', values: ['C0', 'C1', 'C2', 'C3', 'C4a', 'C4b', 'C4c', 'C5', 'C6'], screening: 'contraindication', omissionCanHold: true },
} as const satisfies FieldTable<History>;

/**
 * Every optional `patient` field, keyed by the request schema (the age is required and not here).
 * `clean` is the documented value of the cleanest adult: female, 70 kg, not pregnant, not
 * breastfeeding.
 */
export const PATIENT_FIELD_TABLE = {
  sex: { words: 'sex', clean: 'female', values: ['female', 'male', 'other', 'unknown'], omissionCanHold: true },
  weightKg: { words: 'body weight', clean: 70, values: [45, 70, 120], omissionCanHold: true },
  pregnancy: { words: 'pregnancy status', clean: 'not-pregnant', values: ['not-pregnant', 'pregnant', 'postpartum'], omissionCanHold: true, thrombosisFactor: 6 },
  breastfeeding: { words: 'breastfeeding', clean: false, values: BOOLEAN, screening: 'precaution', omissionCanHold: false },
} as const satisfies { readonly [K in Exclude<keyof Patient, 'ageYears'>]-?: ClinicalField<NonNullable<Patient[K]>> };

/** A history field name. */
export type HistoryField = keyof typeof HISTORY_FIELD_TABLE;
/** An optional patient field name. */
export type PatientField = keyof typeof PATIENT_FIELD_TABLE;

/** Every history field, in contract order. */
export const HISTORY_FIELDS = Object.keys(HISTORY_FIELD_TABLE) as readonly HistoryField[];
/** Every optional patient field, in contract order. */
export const PATIENT_FIELDS = Object.keys(PATIENT_FIELD_TABLE) as readonly PatientField[];

/** The history fields whose screening group is `contraindication` whatever the plan. */
export const CONTRAINDICATION_FIELDS: readonly HistoryField[] = HISTORY_FIELDS.filter(
  (f) => HISTORY_FIELD_TABLE[f].screening === 'contraindication',
);

/**
 * Every history field documented clean: the cleanest history a request can have.
 * @returns a new history object
 */
export const cleanHistory = (): History =>
  Object.fromEntries(HISTORY_FIELDS.map((f) => [f, structuredCloneValue(HISTORY_FIELD_TABLE[f].clean)])) as History;

/**
 * Every optional patient field documented clean, for a patient of the given age.
 * @param ageYears - the age
 * @returns a new patient object
 */
export const cleanPatient = (ageYears = 40): Patient => ({
  ageYears,
  ...(Object.fromEntries(PATIENT_FIELDS.map((f) => [f, PATIENT_FIELD_TABLE[f].clean])) as Omit<Patient, 'ageYears'>),
});

// Arrays in the table are shared constants; a clean history gets its own copies.
const structuredCloneValue = <T>(value: T): T => (Array.isArray(value) ? ([...value] as T) : value);

/** Clinical words for request paths that are not history or patient fields. */
const OTHER_PATH_WORDS: Readonly<Record<string, string>> = {
  priorSessions: 'earlier sclerotherapy sessions',
  duplexUltrasound: 'a duplex ultrasound scan',
  'plannedSession.foam.liquidVolumeMl': 'the liquid volume used to make the planned foam',
  'plannedSession.thromboprophylaxisDecision': 'a thromboprophylaxis decision for this session',
};

/**
 * Names a request path in clinical words, e.g. `history.acuteThromboembolism` → "acute deep-vein
 * thrombosis or pulmonary embolism". Paths it does not know are described generically, never shown raw.
 * @param path - a dotted request path, with indexes in brackets
 * @returns the clinical words
 */
export const wordsForPath = (path: string): string => {
  const [group, field] = path.split('.');
  if (group === 'history' && field !== undefined && field in HISTORY_FIELD_TABLE) return HISTORY_FIELD_TABLE[field as HistoryField].words;
  if (group === 'patient' && field !== undefined && field in PATIENT_FIELD_TABLE) return PATIENT_FIELD_TABLE[field as PatientField].words;
  const known = OTHER_PATH_WORDS[path];
  if (known !== undefined) return known;
  const prior = /^priorSessions\[(\d+)\]\.liquidVolumeMl$/.exec(path);
  if (prior !== null) return `the liquid volume used for the foam of earlier session ${Number(prior[1]) + 1}`;
  return 'a detail of the record';
};
