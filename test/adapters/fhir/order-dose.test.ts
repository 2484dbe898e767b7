import { describe, expect, it } from 'vitest';
import { asLiquidOrder, readOrderDose, withOrderContainers, withOrderVolume } from '../../../src/adapters/fhir/order-dose.js';
import { readOrderVolume } from '../../../src/adapters/fhir/order-volume.js';

const order = (dosage: Record<string, unknown>, dispense?: Record<string, unknown>): Record<string, unknown> => ({
  resourceType: 'MedicationRequest',
  id: 'o1',
  dosageInstruction: [dosage],
  ...(dispense === undefined ? {} : { dispenseRequest: { quantity: dispense } }),
});

describe('the draft order dose, read and written in one place', () => {
  const plain = order({ text: 'Inject 10.5 mL into the spider veins', doseAndRate: [{ doseQuantity: { value: 10.5, unit: 'mL' } }] }, { value: 6, unit: 'ampule' });

  it('reads the dose as the adapter does', () => {
    expect(readOrderDose(plain)).toEqual({ volumeMl: 10.5, volumeEditable: true, containers: 6 });
  });

  it('writes a volume that reads back the same, text included', () => {
    const lowered = withOrderVolume(plain, 10);
    expect(lowered === undefined ? undefined : readOrderVolume(lowered)).toEqual({ kind: 'total', ml: 10 });
    expect((lowered?.['dosageInstruction'] as { text: string }[])[0]?.text).toBe('Inject 10 mL into the spider veins');
  });

  it('writes in the order\'s own unit (a dose in L stays in L)', () => {
    const litres = order({ doseAndRate: [{ doseQuantity: { value: 0.012, unit: 'L' } }] });
    const lowered = withOrderVolume(litres, 10);
    expect(lowered === undefined ? undefined : readOrderVolume(lowered)).toEqual({ kind: 'total', ml: 10 });
  });

  it('does not rewrite a dose the adapter cannot read as the session total', () => {
    const repeated = order({ doseAndRate: [{ doseQuantity: { value: 2, unit: 'mL' } }], timing: { repeat: { count: 3 } } });
    expect(withOrderVolume(repeated, 4)).toBeUndefined();
    expect(readOrderDose(repeated).volumeEditable).toBe(false);
    const perInjection = order({ text: '0.5 mL per injection', doseAndRate: [{ doseQuantity: { value: 0.5, unit: 'mL' } }] });
    expect(withOrderVolume(perInjection, 0.4)).toBeUndefined();
  });

  it('writes containers only where the order counts them in containers', () => {
    expect(withOrderContainers(plain, 5)).toMatchObject({ dispenseRequest: { quantity: { value: 5 } } });
    expect(withOrderContainers(order({}, { value: 12, unit: 'mL' }), 5)).toBeUndefined();
  });

  it('turns foam into liquid only when foam is named nowhere else', () => {
    const foam = order({ text: 'Inject 4 mL foam', method: { text: 'foam' } });
    expect((asLiquidOrder(foam)?.['dosageInstruction'] as { text: string }[])[0]?.text).toBe('Inject 4 mL liquid');
    expect(asLiquidOrder({ ...foam, note: [{ text: 'Varithena canister' }] })).toBeUndefined();
  });
});
