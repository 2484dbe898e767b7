/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCdsServiceOrThrow } from '../../../src/adapters/cds-hooks/index.js';

const silent = (): void => undefined;

type Json = Record<string, unknown>;
interface Card {
  readonly summary: string;
  readonly detail: string;
  readonly extension?: Readonly<Record<string, { readonly status: string; readonly session: { readonly status: string; readonly totals: { readonly volumeMl: number } } }>>;
}

const UNCHECKED = 'The sclerosant order could not be fully checked against the dose and safety limits.';
const service = createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, now: () => new Date('2026-11-23T09:00:00Z') });

// The CDS Hooks fixture: a draft Asclera 0.5% order for 10.5 mL in 6 ampules of 2 mL.
const call = (change: (order: Json, orders: Json[]) => void): Json => {
  const request = JSON.parse(readFileSync('test/fixtures/cds-hooks/order-sign-request.json', 'utf8')) as { context: { draftOrders: { entry: { resource: Json }[] } } };
  const orders = request.context.draftOrders.entry.map((e) => e.resource);
  const [order] = orders;
  if (order === undefined) throw new Error('The fixture has no draft order');
  change(order, orders);
  request.context.draftOrders.entry = orders.map((resource) => ({ resource }));
  return request as unknown as Json;
};

const cardsFor = async (request: Json): Promise<readonly Card[]> => {
  const response = await service.handle('sclerotherapy-order-sign', request);
  expect(response.status).toBe(200);
  return (response.body as { cards: readonly Card[] }).cards;
};

const sessionOf = (cards: readonly Card[]) =>
  cards.map((c) => c.extension?.['org.sclerotherapy-cds.assessment']).find((x) => x !== undefined)?.session;

const mL = (value: number): Json => ({ value, unit: 'mL', code: 'mL' });
const dose = (ml: number, extra: Json = {}): Json[] => [{ doseAndRate: [{ doseQuantity: mL(ml) }], ...extra }];

describe('an order-sign call whose draft order the FHIR adapter cannot read with certainty', () => {
  it('blocks 0.3 mL × 40 injections as the 12 mL it is', async () => {
    const cards = await cardsFor(call((o) => {
      o.dosageInstruction = dose(0.3, { text: '0.3 mL per injection, 40 injections', timing: { repeat: { count: 40 } } });
      delete o.dispenseRequest;
    }));
    expect(sessionOf(cards)).toMatchObject({ status: 'blocked', totals: { volumeMl: 12 } });
    expect(cards.map((c) => c.summary)).not.toContain(UNCHECKED);
  });

  it('says the order could not be fully checked when its dose may be per injection', async () => {
    const cards = await cardsFor(call((o) => {
      o.dosageInstruction = dose(0.3, { text: '0.3 mL per injection' });
    }));
    expect(cards[0]?.summary).toBe(UNCHECKED);
    expect(cards[0]?.detail).toContain('per injection');
    expect(sessionOf(cards)?.status).toBe('not-planned');
  });

  it('says so when neither the order nor its product says liquid or foam', async () => {
    const cards = await cardsFor(call((o) => {
      delete o.contained;
      delete o.medicationReference;
      o.medicationCodeableConcept = { text: 'Polidocanol 0.5% injection' };
      o.dosageInstruction = dose(2, { text: 'Inject 2 mL' });
      o.dispenseRequest = { quantity: { value: 1, code: '{ampule}' } };
    }));
    expect(cards[0]?.summary).toBe(UNCHECKED);
    expect(cards[0]?.detail).toContain('"liquid" was assumed');
    // No dose check stops the plan; it is held only for what the record leaves undocumented.
    expect(sessionOf(cards)?.status).toBe('held');
    expect((sessionOf(cards) as unknown as { holds: { ruleId: string }[] }).holds.map((h) => h.ruleId)).toEqual([
      'screening.pregnancy-status-unknown',
      'screening.prior-sessions-unknown',
      'screening.unconfirmed-contraindications',
    ]);
  });

  it('adds up a dose split over two orders, and blocks it', async () => {
    const cards = await cardsFor(call((o, orders) => {
      o.dosageInstruction = dose(8, { text: 'Inject 8 mL' });
      o.dispenseRequest = { quantity: { value: 4, code: '{ampule}' } };
      orders.push({ ...JSON.parse(JSON.stringify(o)) as Json, id: 'sclero-2' });
    }));
    expect(sessionOf(cards)).toMatchObject({ status: 'blocked', totals: { volumeMl: 16 } });
  });

  it('says so when two orders plan different sclerosants', async () => {
    const cards = await cardsFor(call((o, orders) => {
      o.dosageInstruction = dose(4, { text: 'Inject 4 mL' });
      o.dispenseRequest = { quantity: { value: 2, code: '{ampule}' } };
      orders.push({ ...JSON.parse(JSON.stringify(o)) as Json, id: 'sclero-2', contained: undefined, medicationReference: undefined, medicationCodeableConcept: { text: 'Sotradecol 1% injection' } });
    }));
    expect(cards[0]?.summary).toBe(UNCHECKED);
    expect(cards[0]?.detail).toContain('different sclerosants');
  });

  it('assesses a hypertonic saline order', async () => {
    const cards = await cardsFor(call((o) => {
      delete o.contained;
      delete o.medicationReference;
      o.medicationCodeableConcept = { text: 'Hypertonic saline 23.4% injection' };
      o.dosageInstruction = dose(20, { text: 'Inject 20 mL' });
      o.dispenseRequest = { quantity: { value: 10, code: '{ampule}' } };
    }));
    expect(sessionOf(cards)).toMatchObject({ status: 'blocked', totals: { volumeMl: 20 } });
  });
});
