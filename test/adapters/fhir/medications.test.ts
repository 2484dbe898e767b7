import { describe, expect, it } from 'vitest';
import { RX, concept, mapOk, medicationRequest, patient } from './builders.js';
import { readExternal, synthea } from './external.js';

const R4 = 'fhir-r4-examples/hl7.fhir.r4.examples-4.0.1';
const historyOf = (...resources: unknown[]) => mapOk([patient(), ...resources]).request.history;

describe('estrogen therapy', () => {
  it.each(['Xuan_Christiansen', 'Sofia_Koepp', 'Odilia_Feeney', 'Marsha_Hayes', 'Vera_Spinka', 'Theola_Stoltenberg'])(
    'is affirmed for %s (active estrogen-containing contraceptive)',
    (name) => {
      const { bundle, asOf } = synthea(name);
      const mapping = mapOk(bundle, { asOf });
      expect(mapping.request.history.estrogenTherapy).toBe(true);
      expect(mapping.provenance['history.estrogenTherapy']).toHaveLength(1);
    },
  );

  it('is not affirmed for Carin_Kerluke (progestin-only implant active, combined pills stopped)', () => {
    const { bundle, asOf } = synthea('Carin_Kerluke');
    expect(mapOk(bundle, { asOf }).request.history).not.toHaveProperty('estrogenTherapy');
  });

  it('is not affirmed by stopped prescriptions (Nereida_Rogahn)', () => {
    const { bundle, asOf } = synthea('Nereida_Rogahn');
    expect(mapOk(bundle, { asOf }).request.history).not.toHaveProperty('estrogenTherapy');
  });

  it('counts a MedicationStatement for conjugated estrogens', () => {
    const statement = { resourceType: 'MedicationStatement', id: 's', status: 'active', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: concept(RX, '310197') };
    expect(historyOf(statement)).toEqual({ estrogenTherapy: true });
  });

  it('does not count a statement whose effective period ended before asOf', () => {
    const statement = {
      resourceType: 'MedicationStatement', id: 's', status: 'active', subject: { reference: 'Patient/p1' },
      medicationCodeableConcept: concept(RX, '310197'), effectivePeriod: { start: '2020-01-01', end: '2024-12-31' },
    };
    expect(historyOf(statement)).toEqual({});
  });
});

describe('anticoagulation', () => {
  it.each(['Max_Dicki', 'Mafalda_Turcotte'])('is affirmed for %s (warfarin active)', (name) => {
    const { bundle, asOf } = synthea(name);
    expect(mapOk(bundle, { asOf }).request.history.anticoagulated).toBe(true);
  });

  it('is not affirmed by Jordan_Cruickshank\'s stopped heparin, nor Gayla_Ferry\'s clopidogrel', () => {
    for (const name of ['Jordan_Cruickshank', 'Gayla_Ferry']) {
      const { bundle, asOf } = synthea(name);
      expect(mapOk(bundle, { asOf }).request.history).not.toHaveProperty('anticoagulated');
    }
  });

  it('reads the R4 example\'s warfarin from a contained Medication', () => {
    const order = readExternal(`${R4}/MedicationRequest-medrx0331.json`);
    const mapping = mapOk([patient({ id: 'pat1' }), order]);
    expect(mapping.request.history).toEqual({ anticoagulated: true });
    expect(mapping.provenance['history.anticoagulated']).toEqual(['MedicationRequest/medrx0331']);
  });

  it('reads a Medication resource referenced from the bundle', () => {
    const medication = { resourceType: 'Medication', id: 'm1', code: concept(RX, '1364445', 'apixaban 5 MG Oral Tablet') };
    const order = medicationRequest('o', {}, { medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m1' } });
    expect(historyOf(medication, order)).toEqual({ anticoagulated: true });
  });

  it('counts a prescription on hold, with a gap', () => {
    const mapping = mapOk([patient(), medicationRequest('w', concept(RX, '855332'), { status: 'on-hold' })]);
    expect(mapping.request.history).toEqual({ anticoagulated: true });
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'counted_with_caveat', reference: 'MedicationRequest/w' })]);
  });

  it('does not count a draft prescription, but reports it', () => {
    const mapping = mapOk([patient(), medicationRequest('w', concept(RX, '855332'), { status: 'draft' })]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'not_counted' })]);
  });

  it('reports an active medication whose reference cannot be resolved', () => {
    const order = readExternal(`${R4}/MedicationRequest-medrx002.json`);
    const mapping = mapOk([patient({ id: 'pat1' }), order]);
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'unresolved_reference', reference: 'MedicationRequest/medrx002' })]);
  });
});
