import { SCREENING_QUESTIONNAIRE_URL } from '../../fhir/screening-questionnaire.js';
import type { SupportedHook } from '../schemas/request-schema.js';

/**
 * The prefetch templates of every service: what the FHIR adapter reads to build an assessment
 * request. Observations are asked for by code: body weight (LOINC 29463-7) and pregnancy status
 * (LOINC 82810-3), also each as its latest one. The keys of {@link OPTIONAL_PREFETCH_KEYS} may be
 * left out by a client; every search uses only what the CDS Hooks 2.0 prefetch restrictions allow
 * (a patient reference, token codes, `_sort` and `_count`). Read from fhirServer, the optional keys
 * come after the needed ones and in this order, each only while the call's page budget lasts: the
 * screening responses and earlier sessions first; weight and pregnancy status last, because
 * `observations` holds them too.
 */
export const PREFETCH_TEMPLATES = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}&code=29463-7,82810-3',
  medicationRequests: 'MedicationRequest?patient={{context.patientId}}&status=active',
  medicationStatements: 'MedicationStatement?patient={{context.patientId}}&status=active',
  allergies: 'AllergyIntolerance?patient={{context.patientId}}',
  screening: `QuestionnaireResponse?patient={{context.patientId}}&questionnaire=${SCREENING_QUESTIONNAIRE_URL}&_sort=-authored&_count=5`,
  medicationAdministrations: 'MedicationAdministration?patient={{context.patientId}}&_sort=-effective-time&_count=50',
  encounters: 'Encounter?patient={{context.patientId}}&_sort=-date&_count=50',
  procedures: 'Procedure?patient={{context.patientId}}&_sort=-date&_count=50',
  duplexReports: 'DiagnosticReport?patient={{context.patientId}}&code=93970,93971&_sort=-date&_count=5',
  weight: 'Observation?patient={{context.patientId}}&code=29463-7&_sort=-date&_count=1',
  pregnancyStatus: 'Observation?patient={{context.patientId}}&code=82810-3&_sort=-date&_count=1',
} as const;

/**
 * The prefetch keys a client may leave out, and that may fail without failing the call: the data
 * they bring can only add findings (a screening answer, an earlier session, a hospital stay), and
 * without it the fields they fill stay undocumented, which the assessment asks for.
 */
export const OPTIONAL_PREFETCH_KEYS: ReadonlySet<string> = new Set([
  'screening',
  'medicationAdministrations',
  'encounters',
  'procedures',
  'duplexReports',
  'weight',
  'pregnancyStatus',
]);

/** One service of the library, as discovery lists it. */
export interface CdsServiceDefinition {
  readonly id: string;
  readonly hook: SupportedHook;
  readonly title: string;
  readonly description: string;
  readonly prefetch: Readonly<Record<string, string>>;
  readonly usageRequirements: string;
}

const USAGE =
  'Needs the patient, conditions, weight and pregnancy-status observations, active medications and allergies: ' +
  'prefetched, or readable from fhirServer with fhirAuthorization. Answers 412 when it cannot get them. ' +
  'Reads, when given, the latest weight and pregnancy status, pre-sclerotherapy screening responses, medication administrations, procedures, encounters and duplex reports; without them the facts they hold stay undocumented.';

/** The services: a sclerotherapy check when a sclerosant order is chosen, when it is signed, and when a chart opens. */
export const CDS_SERVICES: readonly CdsServiceDefinition[] = [
  {
    id: 'sclerotherapy-order-select',
    hook: 'order-select',
    title: 'Sclerotherapy check on order selection',
    description:
      'Checks a draft sclerosant order (polidocanol, sodium tetradecyl sulfate, hypertonic saline, glycerin) against candidacy, contraindications, precautions, treatment order and dose limits, with reasons and sources.',
    prefetch: PREFETCH_TEMPLATES,
    usageRequirements: USAGE,
  },
  {
    id: 'sclerotherapy-order-sign',
    hook: 'order-sign',
    title: 'Sclerotherapy check before signing',
    description:
      'Final check of a sclerosant order before it is signed: contraindications, per-session and daily volume, container and weight-based limits, with suggestions to bring the order within them.',
    prefetch: PREFETCH_TEMPLATES,
    usageRequirements: USAGE,
  },
  {
    id: 'sclerotherapy-patient-view',
    hook: 'patient-view',
    title: 'Sclerotherapy candidacy',
    description: 'Summarises whether the patient is a candidate for sclerotherapy of spider, reticular and small varicose veins, and what is still to be documented.',
    prefetch: PREFETCH_TEMPLATES,
    usageRequirements: USAGE,
  },
];
