import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { assess } from '../../../src/assess.js';
import { fromFhirBundle, type FhirMapping } from '../../../src/adapters/fhir/index.js';
import type { Assessment } from '../../../src/model/assessment.js';
import { toDayNumber } from '../../../src/model/dates.js';
import { concept, dosage, SCT } from './builders.js';
import { screeningResponse } from './screening-builders.js';

type Json = Record<string, unknown>;

const dayBefore = (date: string): string => new Date(((toDayNumber(date) ?? 0) - 1) * 86_400_000).toISOString().slice(0, 10);

const patientUrlOf = (bundle: Json): string => {
  const entries = bundle['entry'] as { fullUrl?: string; resource: Json }[];
  const entry = entries.find((e) => e.resource['resourceType'] === 'Patient');
  return entry?.fullUrl ?? `Patient/${String(entry?.resource['id'])}`;
};

/**
 * A Synthea bundle with a spider vein of the right leg, a draft order of 2 mL polidocanol 0.5 %
 * for it, and, when given, a completed screening response authored the day before asOf.
 * @param bundle - the Synthea bundle
 * @param asOf - its "now"
 * @param items - the screening answers; none adds no response
 * @returns the bundle with the added entries
 */
export const withSpiderOrder = (bundle: unknown, asOf: string, items?: readonly Json[]): Json => {
  const source = bundle as Json;
  const subject = { reference: patientUrlOf(source) };
  const vein = {
    resourceType: 'Condition',
    id: 'spider-right',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    code: concept(SCT, '247479008', 'Telangiectasia'),
    bodySite: [concept(SCT, '61685007', 'Lower limb structure'), concept(SCT, '24028007', 'Right')],
    subject,
    onsetDateTime: asOf,
  };
  const order = {
    resourceType: 'MedicationRequest',
    id: 'order-2ml',
    status: 'draft',
    intent: 'order',
    medicationCodeableConcept: { text: 'Asclera (polidocanol) 0.5% injection' },
    subject,
    authoredOn: asOf,
    reasonReference: [{ reference: 'Condition/spider-right' }],
    dosageInstruction: [dosage(2)],
    dispenseRequest: { quantity: { value: 1, unit: 'ampule', code: '{ampule}' } },
  };
  const response = items === undefined ? [] : [screeningResponse(items, { id: 'screening', authored: dayBefore(asOf), subject: subject.reference })];
  return { ...source, entry: [...(source['entry'] as unknown[]), ...[vein, order, ...response].map((resource) => ({ resource }))] };
};

/**
 * Maps and assesses a bundle, expecting both to succeed.
 * @param bundle - the bundle
 * @param asOf - its "now"
 * @returns the mapping and the assessment
 */
export const mapAndAssess = async (bundle: unknown, asOf: string): Promise<{ readonly mapping: FhirMapping; readonly assessment: Assessment }> => {
  const mapped = fromFhirBundle(bundle, { asOf });
  if (E.isLeft(mapped)) return expect.fail(`Expected a mapping, got ${JSON.stringify(mapped.left)}`);
  const assessed = await assess(mapped.right.request, { asOf });
  if (E.isLeft(assessed)) return expect.fail(`Expected an assessment, got ${JSON.stringify(assessed.left)}`);
  return { mapping: mapped.right, assessment: assessed.right };
};
