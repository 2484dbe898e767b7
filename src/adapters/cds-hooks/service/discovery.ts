import type { SupportedHook } from '../schemas/request-schema.js';

/**
 * The prefetch templates of every service: what the FHIR adapter reads to build an assessment
 * request. Observations are asked for by code: body weight (LOINC 29463-7) and pregnancy status
 * (LOINC 82810-3).
 */
export const PREFETCH_TEMPLATES = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}&code=29463-7,82810-3',
  medicationRequests: 'MedicationRequest?patient={{context.patientId}}&status=active',
  medicationStatements: 'MedicationStatement?patient={{context.patientId}}&status=active',
  allergies: 'AllergyIntolerance?patient={{context.patientId}}',
} as const;

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
  'prefetched, or readable from fhirServer with fhirAuthorization. Answers 412 when it cannot get them.';

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
