import { describe, expect, it } from 'vitest';
import { createCdsService } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import type { CdsCard } from '../../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { unusedFetch } from './fake-fhir-server.js';
import { draftOrder, orderSignRequest, withDraftOrder } from './requests.js';

const now = (): Date => new Date('2026-11-23T09:00:00Z');
const SIGN = 'sclerotherapy-order-sign';
const service = createCdsService({ fetch: unusedFetch, now });

const cardsFor = async (request: unknown): Promise<readonly CdsCard[]> => {
  const response = await service.handle(SIGN, request);
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return (response.body as { cards: readonly CdsCard[] }).cards;
};
const ruleOf = (card: CdsCard): string => card.source.label.split(' · ')[1] ?? '';

describe('suggestions on the draft order of an order-sign call', async () => {
  const cards = await cardsFor(orderSignRequest());
  const withSuggestion = cards.filter((card) => card.suggestions !== undefined);

  it('are offered on the volume and container cards', () => {
    expect(withSuggestion.map((card) => [ruleOf(card), card.suggestions?.[0]?.label])).toEqual([
      ['dose.daily-volume-cap', 'Lower the dose to 10 mL'],
      ['dose.session-container-cap', 'Lower the dose to 10 mL (5 vials or ampules)'],
      ['dose.session-volume-cap', 'Lower the dose to 10 mL'],
    ]);
  });

  it('update the draft order itself', () => {
    const original = draftOrder(orderSignRequest());
    for (const card of withSuggestion) {
      const [action] = card.suggestions?.[0]?.actions ?? [];
      expect(action).toMatchObject({ type: 'update', resource: { resourceType: 'MedicationRequest', id: original.id, contained: original.contained } });
    }
  });

  for (const card of withSuggestion) {
    it(`clear their finding once applied: ${ruleOf(card)}`, async () => {
      const resource = card.suggestions?.[0]?.actions[0].resource;
      if (resource === undefined) return expect.fail('no resource');
      const after = await cardsFor(withDraftOrder({ ...resource }));
      expect(after.map(ruleOf)).not.toContain(ruleOf(card));
    });
  }

  it('bring the order within every limit with the container suggestion, which lowers the volume too', async () => {
    const resource = withSuggestion.find((card) => ruleOf(card) === 'dose.session-container-cap')?.suggestions?.[0]?.actions[0].resource;
    if (resource === undefined) return expect.fail('no container suggestion');
    const after = await cardsFor(withDraftOrder({ ...resource }));
    expect(after.filter((c) => c.indicator === 'critical')).toEqual([]);
  });
});

describe('a sclerosant order the check cannot read', () => {
  it('gets a warning card saying that the order was not checked', async () => {
    const order = { ...draftOrder(orderSignRequest()), dosageInstruction: [{ text: 'Inject into the spider veins of the left thigh' }] };
    const cards = await cardsFor(withDraftOrder(order));
    expect(cards[0]).toMatchObject({ indicator: 'warning', summary: 'The sclerosant order could not be fully checked against the dose and safety limits.' });
    expect(cards[0]?.detail).toContain('`MedicationRequest/sclero-1`: The polidocanol order states no dose in mL or cc; no planned session');
  });
});

describe('a patient-view call', () => {
  const patientView = (withVeins: boolean): Record<string, unknown> => {
    const { context, prefetch, ...rest } = orderSignRequest();
    const viewContext: Record<string, unknown> = { ...context };
    delete viewContext.draftOrders;
    const conditions = withVeins ? prefetch.conditions : { resourceType: 'Bundle', type: 'searchset', total: 0 };
    return { ...rest, hook: 'patient-view', context: viewContext, prefetch: { ...prefetch, conditions } };
  };

  it('summarises candidacy when veins are recorded', async () => {
    const response = await service.handle('sclerotherapy-patient-view', patientView(true));
    const cards = (response.body as { cards: readonly CdsCard[] }).cards;
    expect(cards.map(ruleOf)).toContain('screening.unconfirmed-contraindications');
  });

  it('says nothing for a patient with no veins and no order recorded', async () => {
    expect(await service.handle('sclerotherapy-patient-view', patientView(false))).toMatchObject({ status: 200, body: { cards: [] } });
  });
});
