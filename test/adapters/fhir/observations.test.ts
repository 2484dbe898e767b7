import { describe, expect, it } from 'vitest';
import { LOINC, concept, mapOk, observation, patient } from './builders.js';
import { readExternal } from './external.js';

const WEIGHT = concept(LOINC, '29463-7', 'Body weight');
const weight = (id: string, date: string, value: number, code = 'kg', extra: Record<string, unknown> = {}) =>
  observation(id, WEIGHT, { effectiveDateTime: date, valueQuantity: { value, unit: code, system: 'http://unitsofmeasure.org', code }, ...extra });

describe('body weight', () => {
  it('converts the R4 example\'s 185 [lb_av] to 83.9 kg', () => {
    const example = readExternal('fhir-r4-examples/hl7.fhir.r4.examples-4.0.1/Observation-example.json');
    const person = readExternal('fhir-r4-examples/hl7.fhir.r4.examples-4.0.1/Patient-example.json');
    const mapping = mapOk([person, example], { asOf: '2016-04-01' });
    expect(mapping.request.patient.weightKg).toBe(83.9);
    expect(mapping.provenance['patient.weightKg']).toEqual(['Observation/example']);
  });

  it('converts grams, and rounds down to 0.1 kg', () => {
    expect(mapOk([patient(), weight('w', '2025-02-01', 70_460, 'g')]).request.patient.weightKg).toBe(70.4);
  });

  it('takes the latest weight', () => {
    const mapping = mapOk([patient(), weight('old', '2025-01-01', 80), weight('new', '2025-02-01', 78), weight('older', '2024-06-01', 82)]);
    expect(mapping.request.patient.weightKg).toBe(78);
  });

  it('takes the later of two weights of the same day by their time', () => {
    const evening = weight('pm', '2025-02-01T18:00:00Z', 76);
    expect(mapOk([patient(), evening, weight('am', '2025-02-01T08:00:00Z', 78)]).request.patient.weightKg).toBe(76);
  });

  it('reports a latest weight older than 365 days and does not use it', () => {
    const mapping = mapOk([patient(), weight('w', '2024-02-29', 70)]);
    expect(mapping.request.patient).not.toHaveProperty('weightKg');
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'stale', reference: 'Observation/w', field: 'patient.weightKg' })]);
  });

  it('uses a weight exactly 365 days old', () => {
    expect(mapOk([patient(), weight('w', '2024-03-01', 70)]).request.patient.weightKg).toBe(70);
  });

  it('honours a recency window given as an option', () => {
    expect(mapOk([patient(), weight('w', '2025-01-01', 70)], { recency: { weightMaxAgeDays: 30 } }).request.patient).not.toHaveProperty('weightKg');
  });

  it('skips a weight in an unknown unit for the next latest, and says why', () => {
    const mapping = mapOk([patient(), weight('stone', '2025-02-01', 11, '[st_av]'), weight('kg', '2025-01-01', 70)]);
    expect(mapping.request.patient.weightKg).toBe(70);
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'unknown_unit', reference: 'Observation/stone' })]);
  });

  it('does not use a weight that is not final', () => {
    const mapping = mapOk([patient(), weight('w', '2025-02-01', 70, 'kg', { status: 'preliminary' })]);
    expect(mapping.request.patient).not.toHaveProperty('weightKg');
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'not_final' })]);
  });

  it('ignores a weight entered in error, and one dated after asOf', () => {
    const mapping = mapOk([patient(), weight('e', '2025-02-01', 99, 'kg', { status: 'entered-in-error' }), weight('f', '2025-04-01', 98)]);
    expect(mapping.request.patient).not.toHaveProperty('weightKg');
    expect(mapping.gaps).toEqual([]);
  });

  it('reports an out-of-range weight', () => {
    const mapping = mapOk([patient(), weight('w', '2025-02-01', 4000)]);
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'out_of_range' })]);
  });

  it('reports an undated weight', () => {
    const undated = observation('u', WEIGHT, { valueQuantity: { value: 70, code: 'kg' } });
    expect(mapOk([patient(), undated]).gaps).toEqual([expect.objectContaining({ reason: 'undated' })]);
  });
});
