import { describe, expect, it } from 'vitest';
import { ICD, SCT, concept, condition, dosage, mapOk, patient, sclerosantOrder, surfacesOnOrderCard } from './builders.js';

const varicose = condition('varicose-left', concept(ICD, 'I83.92'));
const spider = condition('spider-right', concept(SCT, '247479008'), { bodySite: [{ text: 'right thigh' }] });
const mapOrders = (...orders: Record<string, unknown>[]) => mapOk([patient(), varicose, spider, ...orders]);

describe('several sclerosant orders for one session', () => {
  it('are one session: volumes and vials added, every target, the highest strength', () => {
    const weak = sclerosantOrder({ dosageInstruction: [dosage(8)], dispenseRequest: { quantity: { value: 4, code: '{ampule}' } } });
    const strong = sclerosantOrder({
      id: 'o2',
      medicationCodeableConcept: { text: 'Asclera (polidocanol) 1% injection' },
      reasonReference: [{ reference: 'Condition/spider-right' }],
      dosageInstruction: [dosage(8)],
      dispenseRequest: { quantity: { value: 4, code: '{ampule}' } },
    });
    const mapping = mapOrders(weak, strong);
    expect(mapping.request.plannedSession).toEqual({
      date: '2025-03-01', agent: 'polidocanol', formulation: 'liquid', concentrationPercent: 1, containers: 8, totalVolumeMl: 16, targetVeinIds: ['varicose-left', 'spider-right'],
    });
    expect(mapping.provenance).toMatchObject({ plannedSession: ['MedicationRequest/o1', 'MedicationRequest/o2'], 'plannedSession.targetVeinIds': ['Condition/varicose-left', 'Condition/spider-right'] });
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'derived', field: 'plannedSession.concentrationPercent' }));
  });

  it('are foam if any of them is foam', () => {
    const foam = sclerosantOrder({ id: 'o2', medicationCodeableConcept: { text: 'Varithena (polidocanol injectable foam) 1%' }, dosageInstruction: [dosage(5)], dispenseRequest: { quantity: { value: 3, code: '{vial}' } } });
    const mapping = mapOrders(sclerosantOrder(), foam);
    expect(mapping.request.plannedSession).toMatchObject({ formulation: 'foam', concentrationPercent: 1, totalVolumeMl: 8, containers: 5 });
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'derived', field: 'plannedSession.formulation' }));
  });

  it('take the larger container size when their Medications state different ones', () => {
    const withAmpule = (id: string, ml: number) => ({
      contained: [{ resourceType: 'Medication', id: 'm', code: { text: 'Asclera (polidocanol) 0.5% injection' }, amount: { numerator: { value: ml, code: 'mL' }, denominator: { value: 1, code: '{ampule}' } } }],
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#m' },
      id,
    });
    const session = mapOrders(sclerosantOrder(withAmpule('o1', 2)), sclerosantOrder({ ...withAmpule('o2', 5), dispenseRequest: { quantity: { value: 1, code: '{ampule}' } } })).request.plannedSession;
    expect(session).toMatchObject({ containers: 3, containerVolumeMl: 5, totalVolumeMl: 6 });
  });

  it('count the same order once when it is given twice', () => {
    expect(mapOrders(sclerosantOrder(), sclerosantOrder()).request.plannedSession).toMatchObject({ totalVolumeMl: 3, containers: 2 });
  });

  it('leave no session when they plan different sclerosants, with a gap the order-sign card lists', () => {
    const sts = sclerosantOrder({ id: 'o2', medicationCodeableConcept: { text: 'Sotradecol 1% injection' } });
    const mapping = mapOrders(sclerosantOrder(), sts);
    expect(mapping.request).not.toHaveProperty('plannedSession');
    const gaps = mapping.gaps.filter((g) => g.reason === 'ambiguous');
    expect(gaps.map((g) => g.reference)).toEqual(['MedicationRequest/o1', 'MedicationRequest/o2']);
    expect(gaps[0]?.message).toContain('different sclerosants');
    expect(gaps.every(surfacesOnOrderCard)).toBe(true);
  });

  it('leave no session when one of them cannot be read, as the others alone would understate it', () => {
    const unread = sclerosantOrder({ id: 'o2', dosageInstruction: [{ text: 'as needed' }] });
    const mapping = mapOrders(sclerosantOrder(), unread);
    expect(mapping.request).not.toHaveProperty('plannedSession');
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'MedicationRequest/o2', reason: 'no_volume' }));
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'MedicationRequest/o1', reason: 'ambiguous', field: 'plannedSession' }));
  });

  it('are assessed by the first order\'s date; an order for another day is reported and left out', () => {
    const later = sclerosantOrder({ id: 'o2', authoredOn: '2025-03-08', dosageInstruction: [dosage(8)], dispenseRequest: { quantity: { value: 4, code: '{vial}' } } });
    const mapping = mapOrders(sclerosantOrder({ authoredOn: '2025-03-01' }), later);
    expect(mapping.request.plannedSession).toMatchObject({ date: '2025-03-01', totalVolumeMl: 3 });
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'MedicationRequest/o2', reason: 'ambiguous' }));
  });
});
