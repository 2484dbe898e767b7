import { describe, expect, it } from 'vitest';
import { orderSignCall, polidocanolDraftOrder, prefetchFor, syntheaRecord, veinConditions } from '../../../e2e/fhir-records.js';
import { EXPECTED_PREFETCH as TEMPLATES } from '../../../e2e/service-config.js';
import { SYNTHEA_END } from '../../fhir/external.js';
import { call, shapeOf, SIGN } from './robustness.js';

const HOOK = '6c1c4f4e-6f5f-4a53-9c1e-7f0d3f2b8a11';
const BASE = 'https://ehr.example.org/fhir';
// The deceased patient cannot be assessed; every other record can.
const LIVING = Object.keys(SYNTHEA_END).filter((name) => name !== 'Christopher_Abshire');

const orderOn = async (name: string, withVeins: boolean): Promise<string[]> => {
  const { patient, resources } = syntheaRecord(name);
  const order = polidocanolDraftOrder(patient.id);
  const chart = withVeins ? [...resources, ...veinConditions(patient.id)] : resources;
  const body = { ...orderSignCall(patient.id, withVeins ? order : { ...order, reasonReference: undefined }, HOOK), prefetch: prefetchFor(TEMPLATES, chart, patient.id, BASE) };
  const { response } = await call(SIGN, JSON.parse(JSON.stringify(body)) as unknown, { now: () => new Date(`${SYNTHEA_END[name] ?? ''}T12:00:00Z`) });
  return shapeOf(response);
};

// The integration review (§4, §6) counted 8 to 11 cards for this order on these records, three of
// them critical with the same fix.
describe('the 10.5 mL / 6-ampule polidocanol order on every Synthea record', () => {
  it.each(LIVING)('%s: at most five cards, the dose limits on one critical card', async (name) => {
    const shape = await orderOn(name, true);
    expect(shape.length).toBeLessThanOrEqual(5);
    expect(shape.filter((card) => card.startsWith('critical:dose-limits('))).toHaveLength(1);
  });

  it.each(LIVING)('%s, with no vein Condition at all: still the critical dose-limits card', async (name) => {
    const shape = await orderOn(name, false);
    expect(shape.length).toBeLessThanOrEqual(5);
    expect(shape.some((card) => /^critical:dose-limits\(.*dose\.session-volume-cap/.test(card))).toBe(true);
  });
});
