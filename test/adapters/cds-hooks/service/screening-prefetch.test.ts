import { describe, expect, it } from 'vitest';
import { createCdsServiceOrThrow } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import { CdsResponseSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import type { CdsHttpResponse } from '../../../../src/adapters/cds-hooks/service/http.js';
import { cleanAnswers, screeningResponse } from '../../fhir/screening-builders.js';
import { rulesOfCard } from '../examples.js';
import { unusedFetch } from './fake-fhir-server.js';
import { orderSignRequest } from './requests.js';

const now = (): Date => new Date('2026-11-23T09:00:00Z');
const SIGN = 'sclerotherapy-order-sign';
const silent = (): void => undefined;
const searchset = (...resources: unknown[]): unknown => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });

const rulesOf = (response: CdsHttpResponse): string[] => {
  const parsed = CdsResponseSchema.safeParse(response.body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data.cards.flatMap((card) => rulesOfCard(card));
};

const call = async (prefetch: Record<string, unknown>): Promise<string[]> => {
  const request = orderSignRequest();
  const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, { ...request, prefetch: { ...request.prefetch, ...prefetch } });
  expect(response.status).toBe(200);
  return rulesOf(response);
};

describe('the service with the optional record keys prefetched', () => {
  it('reads a completed screening response: the screening cards give way to a decision on the record', async () => {
    const before = await call({});
    expect(before).toEqual(expect.arrayContaining(['screening.unconfirmed-contraindications', 'screening.prior-sessions-unknown']));
    const screened = await call({ screening: searchset(screeningResponse(cleanAnswers(), { authored: '2026-11-22' })) });
    expect(screened.filter((rule) => rule.startsWith('screening.'))).toEqual([]);
    expect(screened).toEqual(expect.arrayContaining(['dose.session-volume-cap', 'dose.session-container-cap']));
  });

  it('shows a "No" answer that contradicts the record on a card naming both sources, in words', async () => {
    const request = orderSignRequest();
    const conditions = request.prefetch.conditions as { entry: { resource: unknown }[] };
    const dvt = {
      resourceType: 'Condition',
      id: 'dvt',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '128053003', display: 'Deep venous thrombosis' }] },
      subject: { reference: 'Patient/p1' },
      onsetDateTime: '2026-11-20',
    };
    const prefetch = { ...request.prefetch, conditions: { ...conditions, entry: [...conditions.entry, { resource: dvt }] }, screening: searchset(screeningResponse(cleanAnswers(), { authored: '2026-11-22' })) };
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, { ...request, prefetch });
    const cards = (response.body as { cards: { summary: string; detail?: string }[] }).cards;
    const card = cards.find((c) => c.summary.startsWith('The record disagrees'));
    expect(card?.detail).toContain('Condition/dvt');
    expect(card?.detail).toMatch(/QuestionnaireResponse\/\S+/);
    expect(card?.detail).not.toMatch(/history\.|patient\./);
  });

  it('reads an earlier administration of the same day into the daily cap', async () => {
    const earlier = {
      resourceType: 'MedicationAdministration',
      id: 'given-this-morning',
      status: 'completed',
      medicationCodeableConcept: { text: 'Asclera (polidocanol) 0.5% injection' },
      subject: { reference: 'Patient/p1' },
      effectiveDateTime: '2026-11-23T07:30:00Z',
      dosage: { dose: { value: 2, unit: 'mL', code: 'mL' } },
    };
    const rules = await call({ medicationAdministrations: searchset(earlier) });
    expect(rules).toContain('dose.daily-volume-cap');
    expect(rules).not.toContain('screening.prior-sessions-unknown');
  });
});
