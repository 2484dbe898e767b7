import { describe, expect, it } from 'vitest';
import { ICD, concept, condition, dosage, mapOk, patient, sclerosantOrder, surfacesOnOrderCard } from './builders.js';

const varicose = condition('varicose-left', concept(ICD, 'I83.92'));
const mapOrder = (extra: Record<string, unknown>) => mapOk([patient(), varicose, sclerosantOrder(extra)]);
const totalOf = (extra: Record<string, unknown>) => mapOrder(extra).request.plannedSession?.totalVolumeMl;

/** Expects no planned session, and one `ambiguous` gap on the total that the order-sign card lists. */
const expectOpenTotal = (extra: Record<string, unknown>, why: RegExp): void => {
  const mapping = mapOrder(extra);
  expect(mapping.request).not.toHaveProperty('plannedSession');
  const gaps = mapping.gaps.filter((g) => g.reason === 'ambiguous');
  expect(gaps).toEqual([expect.objectContaining({ reference: 'MedicationRequest/o1', field: 'plannedSession.totalVolumeMl' })]);
  expect(gaps[0]?.message).toMatch(why);
  expect(gaps.every(surfacesOnOrderCard)).toBe(true);
};

describe('the session total of an order', () => {
  it('is the dose times timing.repeat.count', () => {
    expect(mapOrder({ dosageInstruction: [dosage(2, { timing: { repeat: { count: 8 } } })], dispenseRequest: { quantity: { value: 8, code: '{ampule}' } } }).request.plannedSession)
      .toMatchObject({ totalVolumeMl: 16, containers: 8 });
  });

  it('is 0.3 mL × 40 = 12 mL when the text says "per injection" and the count says how many', () => {
    const counted = dosage(0.3, { text: '0.3 mL per injection, 40 injections', timing: { repeat: { count: 40 } } });
    expect(totalOf({ dosageInstruction: [counted], dispenseRequest: undefined })).toBeCloseTo(12, 9);
  });

  it('accepts a written total that agrees with the dose, whatever else the text says', () => {
    expect(totalOf({ dosageInstruction: [dosage(3, { text: '0.1-0.3 mL per injection, 3 mL in total' })] })).toBe(3);
  });

  it('adds up several dosage instructions, each with its own count', () => {
    expect(totalOf({ dosageInstruction: [dosage(1), dosage(0.5, { timing: { repeat: { count: 2 } } })] })).toBe(2);
  });

  it('reads a written volume with a decimal comma', () => {
    expect(totalOf({ dosageInstruction: [{ text: 'Inject 1,5 ml' }] })).toBe(1.5);
  });

  it('is open when the dose may be per injection and nothing says how many', () => {
    expectOpenTotal({ dosageInstruction: [dosage(0.3, { text: '0.3 mL per injection' })] }, /"per injection"/);
    expectOpenTotal({ dosageInstruction: [dosage(0.5, { text: '0.5 mL into each spider vein' })] }, /"each"/);
    expectOpenTotal({ dosageInstruction: [{ text: 'Inject 3 x 4 mL' }], dispenseRequest: undefined }, /"3 x 4"/);
    expectOpenTotal({ dosageInstruction: [dosage(0.3, { text: 'up to 40 injections' })] }, /40 injections/);
  });

  it('is open when a written total disagrees with the dose', () => {
    expectOpenTotal({ dosageInstruction: [{ text: 'Inject 0.5 mL per site, total 12 mL' }], dispenseRequest: undefined }, /total 12 mL/);
    expectOpenTotal({ dosageInstruction: [dosage(2, { timing: { repeat: { count: 3 } } })], note: [{ text: 'Total 4 mL' }] }, /note says "total 4 mL"/);
  });

  it('is open when the text states another volume than the dose', () => {
    expectOpenTotal({ dosageInstruction: [dosage(3, { text: 'Inject 10.5 mL' })] }, /10\.5 mL/);
  });

  it('is open for a dose range, a maxDosePerPeriod, or a dose repeated without a count', () => {
    expectOpenTotal({ dosageInstruction: [{ doseAndRate: [{ doseRange: { low: { value: 0.1, code: 'mL' }, high: { value: 0.5, code: 'mL' } } }] }] }, /dose range/);
    const capped = dosage(0.3, { maxDosePerPeriod: { numerator: { value: 15, code: 'mL' }, denominator: { value: 1, code: 'd' } } });
    expectOpenTotal({ dosageInstruction: [capped] }, /maxDosePerPeriod/);
    expectOpenTotal({ dosageInstruction: [dosage(0.3, { timing: { repeat: { count: 10, countMax: 40 } } })] }, /countMax/);
    expectOpenTotal({ dosageInstruction: [dosage(0.3, { timing: { repeat: { frequency: 20, period: 1, periodUnit: 'd' } } })] }, /frequency/);
  });

  it('is open when a written number of injections disagrees with the count', () => {
    expectOpenTotal({ dosageInstruction: [dosage(0.3, { text: '30 injections', timing: { repeat: { count: 10 } } })], dispenseRequest: undefined }, /30 injections or sites, but timing\.repeat\.count is 10/);
  });

  it('is open when the order dispenses far more than the dose needs', () => {
    expectOpenTotal({ dispenseRequest: { quantity: { value: 20, unit: 'mL', code: 'mL' } } }, /dispenses 20 mL/);
    expectOpenTotal({ dispenseRequest: { quantity: { value: 8, code: '{ampule}' } } }, /dispenses 8 vials or ampules/);
  });

  it('allows one spare vial beyond those that hold the dose', () => {
    expect(totalOf({ dispenseRequest: { quantity: { value: 3, code: '{vial}' } } })).toBe(3);
    expect(totalOf({ dispenseRequest: { quantity: { value: 6, unit: 'mL', code: 'mL' } } })).toBe(3);
  });
});
