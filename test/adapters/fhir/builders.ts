import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { fromFhirBundle, type FhirMapping, type FromFhirOptions, type Gap } from '../../../src/adapters/fhir/index.js';
import type { Issues } from '../../../src/model/issues.js';

type Json = Record<string, unknown>;

/** The code systems, as tests write them. */
export const SCT = 'http://snomed.info/sct';
export const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
export const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const LOINC = 'http://loinc.org';
export const ATC = 'http://www.whocc.no/atc';

/** The "today" of the hand-built bundles. */
export const AS_OF = '2025-03-01';

/** The planned session that test/fixtures/fhir/varicose-draft-order.json maps to. */
export const FIXTURE_SESSION = {
  date: '2025-03-01',
  agent: 'polidocanol',
  formulation: 'liquid',
  concentrationPercent: 1,
  containers: 1,
  containerVolumeMl: 2,
  totalVolumeMl: 2,
  targetVeinIds: ['varicose-left'],
} as const;

/**
 * A Patient born 1980-05-01 (44 at AS_OF).
 * @param extra - fields to add or replace
 * @returns the resource
 */
export const patient = (extra: Json = {}): Json => ({ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-05-01', ...extra });

/**
 * A CodeableConcept with one coding.
 * @param system - the code system
 * @param code - the code
 * @param display - the display
 * @returns the concept
 */
export const concept = (system: string, code: string, display = code): Json => ({ coding: [{ system, code, display }] });

const status = (system: string, code: string): Json => ({ coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }] });

/**
 * A Condition of patient p1, active unless `extra` says otherwise.
 * @param id - its id
 * @param code - its code, a CodeableConcept
 * @param extra - fields to add or replace
 * @returns the resource
 */
export const condition = (id: string, code: Json, extra: Json = {}): Json => ({
  resourceType: 'Condition',
  id,
  clinicalStatus: status('condition-clinical', 'active'),
  verificationStatus: status('condition-ver-status', 'confirmed'),
  code,
  subject: { reference: 'Patient/p1' },
  onsetDateTime: '2024-12-01',
  ...extra,
});

/**
 * A clinical status or verification status CodeableConcept.
 * @param kind - which code system
 * @param code - the code
 * @returns the concept
 */
export const statusOf = (kind: 'condition-clinical' | 'condition-ver-status' | 'allergyintolerance-clinical' | 'allergyintolerance-verification', code: string): Json =>
  status(kind, code);

/**
 * A final Observation of patient p1.
 * @param id - its id
 * @param code - its code
 * @param extra - value, date and other fields
 * @returns the resource
 */
export const observation = (id: string, code: Json, extra: Json): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code,
  subject: { reference: 'Patient/p1' },
  ...extra,
});

/**
 * An active AllergyIntolerance of patient p1.
 * @param id - its id
 * @param code - its substance
 * @param extra - fields to add or replace
 * @returns the resource
 */
export const allergy = (id: string, code: Json, extra: Json = {}): Json => ({
  resourceType: 'AllergyIntolerance',
  id,
  clinicalStatus: status('allergyintolerance-clinical', 'active'),
  verificationStatus: status('allergyintolerance-verification', 'confirmed'),
  code,
  patient: { reference: 'Patient/p1' },
  ...extra,
});

/**
 * An active MedicationRequest of patient p1 for a coded medication.
 * @param id - its id
 * @param medication - medicationCodeableConcept
 * @param extra - fields to add or replace
 * @returns the resource
 */
export const medicationRequest = (id: string, medication: Json, extra: Json = {}): Json => ({
  resourceType: 'MedicationRequest',
  id,
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: medication,
  subject: { reference: 'Patient/p1' },
  authoredOn: '2025-01-10',
  ...extra,
});

/**
 * A dosage instruction with a doseQuantity in mL.
 * @param ml - the dose
 * @param extra - text, timing and other fields
 * @returns the Dosage
 */
export const dosage = (ml: number, extra: Json = {}): Json => ({ doseAndRate: [{ doseQuantity: { value: ml, unit: 'mL', code: 'mL' } }], ...extra });

/**
 * A draft order of Asclera (a polidocanol 0.5% solution, so liquid) for the vein Condition
 * `varicose-left`: 3 mL in 2 vials.
 * @param extra - fields to add or replace
 * @returns the MedicationRequest
 */
export const sclerosantOrder = (extra: Json = {}): Json => ({
  resourceType: 'MedicationRequest',
  id: 'o1',
  status: 'draft',
  intent: 'order',
  medicationCodeableConcept: { text: 'Asclera (polidocanol) 0.5% injection' },
  subject: { reference: 'Patient/p1' },
  reasonReference: [{ reference: 'Condition/varicose-left' }],
  dosageInstruction: [dosage(3)],
  dispenseRequest: { quantity: { value: 2, unit: 'vials', code: '{vial}' } },
  ...extra,
});

/**
 * Tells whether the CDS Hooks service would show a gap on its "the order could not be fully
 * checked" card: a gap about the planned session, other than a derived value
 * (src/adapters/cds-hooks/service/hook-call.ts).
 * @param gap - the gap
 * @returns true when the card would list it
 */
export const surfacesOnOrderCard = (gap: Gap): boolean => gap.field?.startsWith('plannedSession') === true && gap.reason !== 'derived';

/**
 * Maps resources and expects a Right.
 * @param input - a Bundle or an array of resources
 * @param options - the options; asOf defaults to AS_OF
 * @returns the mapping
 */
export const mapOk = (input: unknown, options: FromFhirOptions = {}): FhirMapping => {
  const result = fromFhirBundle(input, { asOf: AS_OF, ...options });
  if (E.isLeft(result)) return expect.fail(`Expected a Right, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/**
 * Maps resources and expects a Left.
 * @param input - a Bundle or an array of resources
 * @param options - the options; asOf defaults to AS_OF
 * @returns the issues
 */
export const mapFails = (input: unknown, options: FromFhirOptions = {}): Issues => {
  const result = fromFhirBundle(input, { asOf: AS_OF, ...options });
  if (E.isRight(result)) return expect.fail(`Expected a Left, got ${JSON.stringify(result.right.request)}`);
  return result.left;
};
