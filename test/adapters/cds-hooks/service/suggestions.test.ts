import { describe, expect, it } from 'vitest';
import { createCdsServiceOrThrow } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import type { CdsCard } from '../../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { unusedFetch } from './fake-fhir-server.js';
import { draftOrder, orderSignRequest, withDraftOrder } from './requests.js';
import { ruleOfCard } from '../examples.js';

const now = (): Date => new Date('2026-11-23T09:00:00Z');
const SIGN = 'sclerotherapy-order-sign';
const silent = (): void => undefined;
const service = createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now });

const cardsFor = async (request: unknown): Promise<readonly CdsCard[]> => {
  const response = await service.handle(SIGN, request);
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return (response.body as { cards: readonly CdsCard[] }).cards;
};
const ruleOf = (card: CdsCard): string => ruleOfCard(card);
// The rules a card is about: the finding's, or every finding of the dose-limits card.
const rulesOf = (card: CdsCard): string[] => {
  const findings = card.extension['org.sclerotherapy-cds.findings'] as { ruleId: string }[] | undefined;
  return card.source.label.endsWith('· dose limits') ? (findings ?? []).map((f) => f.ruleId) : [ruleOf(card)];
};

describe('suggestions on the draft order of an order-sign call', async () => {
  const cards = await cardsFor(orderSignRequest());
  const withSuggestion = cards.filter((card) => card.suggestions?.[0]?.actions[0].type === 'update');

  // The record documents no earlier sessions, so the daily and split-session caps (which need an
  // earlier session) do not apply.
  it('are offered once, on the one card of the volume and container limits', () => {
    expect(withSuggestion.map((card) => [rulesOf(card), card.suggestions?.[0]?.label])).toEqual([
      [['dose.session-container-cap', 'dose.session-volume-cap'], 'Lower the dose to 10 mL (5 vials or ampules)'],
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
    it(`clear their findings once applied: ${rulesOf(card).join(', ')}`, async () => {
      const resource = card.suggestions?.[0]?.actions[0].resource;
      if (resource === undefined) return expect.fail('no resource');
      const after = await cardsFor(withDraftOrder({ ...resource }));
      expect(after.flatMap(rulesOf).filter((rule) => rulesOf(card).includes(rule))).toEqual([]);
    });
  }

  it('bring the order within every limit with the container suggestion, which lowers the volume too', async () => {
    const resource = withSuggestion.find((card) => rulesOf(card).includes('dose.session-container-cap'))?.suggestions?.[0]?.actions[0].resource;
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

describe('the volume suggestion on a strong polidocanol order (3 %, 12 mL in 3 ampules of 5 mL, 58 kg)', async () => {
  const DOSE_LIMIT_RULES = ['dose.session-volume-cap', 'dose.daily-volume-cap', 'dose.split-session-interval', 'dose.session-container-cap', 'dose.weight-based-polidocanol-cap'];
  const strong = (): Record<string, unknown> => {
    const order = draftOrder(orderSignRequest()) as { contained: { code: { text: string }; amount: { numerator: { value: number } }; ingredient: { strength: { numerator: { value: number } } }[] }[]; dosageInstruction: { text: string; doseAndRate: { doseQuantity: { value: number } }[] }[]; dispenseRequest: { quantity: { value: number } } };
    const [medication] = order.contained;
    const [dosage] = order.dosageInstruction;
    if (medication === undefined || dosage === undefined || medication.ingredient[0] === undefined || dosage.doseAndRate[0] === undefined) throw new Error('fixture changed');
    medication.code.text = 'Asclera (polidocanol) 3% injection, 5 mL ampule';
    medication.ingredient[0].strength.numerator.value = 30;
    medication.amount.numerator.value = 5;
    dosage.text = 'Inject 12 mL into the spider veins of the left thigh';
    dosage.doseAndRate[0].doseQuantity.value = 12;
    order.dispenseRequest.quantity.value = 3;
    return order as unknown as Record<string, unknown>;
  };
  const cards = await cardsFor(withDraftOrder(strong()));
  const doseCards = cards.filter((card) => rulesOf(card).some((rule) => DOSE_LIMIT_RULES.includes(rule)));

  // 3 ampules of 5 mL count as 3 containers of 2 mL, within the container cap.
  it('is offered on the dose-limits card, at the weight-based limit and not at 10 mL', () => {
    expect(doseCards.map((card) => [rulesOf(card), card.suggestions?.[0]?.label])).toEqual([
      [['dose.session-volume-cap', 'dose.weight-based-polidocanol-cap'], 'Lower the dose to 3.8 mL (1 vial or ampule)'],
    ]);
  });

  for (const card of doseCards) {
    it(`applied and re-assessed, leaves no dose-limit card: ${rulesOf(card).join(', ')}`, async () => {
      const resource = card.suggestions?.[0]?.actions[0].resource;
      if (resource === undefined) return expect.fail('no suggestion');
      const after = await cardsFor(withDraftOrder({ ...resource }));
      expect(after.flatMap(rulesOf).filter((rule) => DOSE_LIMIT_RULES.includes(rule))).toEqual([]);
      // The order was read and checked: no notice card, and the session the check saw is 3.8 mL, 114 mg.
      expect(after.filter((c) => c.source.label.endsWith(' · FHIR mapping'))).toEqual([]);
      const assessment = after.find((c) => c.extension['org.sclerotherapy-cds.assessment'] !== undefined)?.extension['org.sclerotherapy-cds.assessment'] as { session: { totals: { volumeMl: number; polidocanolMg: number } } };
      expect(assessment.session.totals).toMatchObject({ volumeMl: 3.8, polidocanolMg: 114 });
    });
  }
});
