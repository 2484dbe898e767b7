import { describe, expect, it } from 'vitest';
import { suggestionFor } from '../../../../src/adapters/cds-hooks/cards/draft-order-fixes.js';
import { toCdsCards } from '../../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { CardSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import type { Assessment, Finding } from '../../../../src/model/assessment.js';
import { parseRequest } from '../../../../src/model/parse-request.js';
import * as E from 'fp-ts/lib/Either.js';
import { assessValid, exampleRequest } from '../assessments.js';

const HOOK = 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea';
const mL = (value: number) => ({ value, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
const ampules = (value: number) => ({ value, unit: 'ampule', system: 'http://unitsofmeasure.org', code: '{ampule}' });

const order = (dosageText: string, doseMl: number, containers?: number): Record<string, unknown> => ({
  resourceType: 'MedicationRequest',
  id: 'rx1',
  status: 'draft',
  intent: 'order',
  medicationCodeableConcept: { text: 'Polidocanol 1% injection' },
  subject: { reference: 'Patient/p1' },
  dosageInstruction: [{ text: dosageText, doseAndRate: [{ doseQuantity: mL(doseMl) }] }],
  ...(containers === undefined ? {} : { dispenseRequest: { quantity: ampules(containers) } }),
});

const findingOf = (assessment: Assessment, ruleId: string): Finding => {
  const finding = assessment.findings.find((f) => f.ruleId === ruleId);
  if (finding === undefined) throw new Error(`${ruleId} did not fire`);
  return finding;
};

const resourceOf = (suggestion: ReturnType<typeof suggestionFor>): Record<string, unknown> | undefined => suggestion?.actions[0].resource;

describe('draft order suggestions', async () => {
  const capped = await assessValid(exampleRequest('capped-session'));
  const volume = findingOf(capped, 'dose.session-volume-cap');
  const containers = findingOf(capped, 'dose.session-container-cap');

  it('lowers the dose to the session limit, in the dose and in the dosage text', () => {
    const suggestion = suggestionFor(volume, capped, order('Inject 10.5 mL of 1% polidocanol', 10.5, 6), HOOK);
    expect(suggestion?.label).toBe('Lower the dose to 10 mL');
    expect(suggestion?.actions[0].description).toBe('Sets the dose of MedicationRequest/rx1 to 10 mL, the per-session limit.');
    expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 10 mL of 1% polidocanol', doseAndRate: [{ doseQuantity: mL(10) }] }]);
  });

  it('lowers the vials or ampules to the limit when the volume still fits', async () => {
    const fits = await assessValid({ ...exampleRequest('capped-session'), plannedSession: { ...(exampleRequest('capped-session').plannedSession as object), totalVolumeMl: 9 } });
    const suggestion = suggestionFor(findingOf(fits, 'dose.session-container-cap'), fits, order('Inject 9 mL', 9, 6), HOOK);
    expect(suggestion?.label).toBe('Dispense 5 vials or ampules');
    expect(resourceOf(suggestion)?.dispenseRequest).toEqual({ quantity: ampules(5) });
    expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 9 mL', doseAndRate: [{ doseQuantity: mL(9) }] }]);
  });

  it('lowers the volume too when the fewer containers cannot hold it', () => {
    const request = parseRequest(exampleRequest('capped-session'));
    if (E.isLeft(request)) return expect.fail('invalid example');
    const suggestion = suggestionFor(containers, capped, order('Inject 10.5 mL', 10.5, 6), HOOK, request.right);
    expect(suggestion?.label).toBe('Lower the dose to 10 mL (5 vials or ampules)');
    expect(resourceOf(suggestion)?.dispenseRequest).toEqual({ quantity: ampules(5) });
    expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 10 mL', doseAndRate: [{ doseQuantity: mL(10) }] }]);
  });

  it('leaves an order alone when its volume is split over several dosage instructions', () => {
    const split = { ...order('Inject 5 mL', 5), dosageInstruction: [{ doseAndRate: [{ doseQuantity: mL(5) }] }, { doseAndRate: [{ doseQuantity: mL(5.5) }] }] };
    expect(suggestionFor(volume, capped, split, HOOK)).toBeUndefined();
  });

  it('offers nothing without a draft MedicationRequest, or for a finding with no mechanical fix', () => {
    expect(suggestionFor(volume, capped, undefined, HOOK)).toBeUndefined();
    expect(suggestionFor(volume, capped, { resourceType: 'ServiceRequest', id: 's1' }, HOOK)).toBeUndefined();
    expect(suggestionFor(findingOf(capped, 'dose.anaphylaxis-volume'), capped, order('Inject 10.5 mL', 10.5), HOOK)).toBeUndefined();
  });

  describe('for foam with a symptomatic shunt', async () => {
    const base = exampleRequest('capped-session');
    const shunt = await assessValid({
      ...base,
      history: { ...(base.history as object), rightToLeftShunt: 'symptomatic' },
      plannedSession: { ...(base.plannedSession as object), formulation: 'foam', containers: 2, totalVolumeMl: 4 },
    });
    const foam = findingOf(shunt, 'contraindication.symptomatic-shunt-foam');

    it('changes foam to liquid where only the dosage text says foam', () => {
      const suggestion = suggestionFor(foam, shunt, order('Inject 4 mL of 1% polidocanol as foam (Tessari)', 4, 2), HOOK);
      expect(suggestion?.label).toBe('Change foam to liquid');
      expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 4 mL of 1% polidocanol as liquid (Tessari)', doseAndRate: [{ doseQuantity: mL(4) }] }]);
    });

    it('offers nothing when the product itself is a foam', () => {
      const varithena = { ...order('Inject 4 mL', 4, 2), medicationCodeableConcept: { text: 'Varithena (polidocanol injectable foam) 1%' } };
      expect(suggestionFor(foam, shunt, varithena, HOOK)).toBeUndefined();
    });

    it('puts the suggestion on the card, with at-most-one selection', () => {
      const cards = toCdsCards(shunt, { hookInstance: HOOK, draftOrder: order('Inject 4 mL foam', 4, 2) });
      const card = cards.find((c) => c.source.label.endsWith('contraindication.symptomatic-shunt-foam'));
      expect(card?.selectionBehavior).toBe('at-most-one');
      expect(card?.suggestions?.map((s) => s.label)).toEqual(['Change foam to liquid']);
      expect(CardSchema.safeParse(card).success).toBe(true);
    });
  });

  it('gives the suggestion an id that is stable for the hook instance and rule', () => {
    const draft = order('Inject 10.5 mL', 10.5, 6);
    expect(suggestionFor(volume, capped, draft, HOOK)?.uuid).toBe(suggestionFor(volume, capped, draft, HOOK)?.uuid);
    expect(suggestionFor(volume, capped, draft, HOOK)?.uuid).not.toBe(toCdsCards(capped, { hookInstance: HOOK }).find((c) => c.source.label.endsWith('dose.session-volume-cap'))?.uuid);
  });
});
