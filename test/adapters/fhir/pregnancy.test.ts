import { describe, expect, it } from 'vitest';
import { ICD, LOINC, SCT, concept, condition, mapOk, observation, patient, statusOf } from './builders.js';
import { readExternal, synthea } from './external.js';

const IPS = 'fhir-r4-examples/hl7.fhir.uv.ips-2.0.0';
const STATUS = concept(LOINC, '82810-3', 'Pregnancy status');
const status = (id: string, date: string, system: string, code: string) =>
  observation(id, STATUS, { effectiveDateTime: date, valueCodeableConcept: concept(system, code) });

describe('pregnancy from a pregnancy-status Observation', () => {
  const ipsInput = [readExternal(`${IPS}/Patient-patient-example-female.json`), readExternal(`${IPS}/Observation-pregnancy-status-example.json`)];

  it('maps the IPS example (LOINC answer LA15173-0) to pregnant', () => {
    const mapping = mapOk(ipsInput, { asOf: '2020-01-20' });
    expect(mapping.request.patient.pregnancy).toBe('pregnant');
    expect(mapping.provenance['patient.pregnancy']).toEqual(['Observation/pregnancy-status-example']);
  });

  it('does not trust the IPS example 31 days later', () => {
    const mapping = mapOk(ipsInput, { asOf: '2020-02-10' });
    expect(mapping.request.patient).not.toHaveProperty('pregnancy');
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'stale', field: 'patient.pregnancy' })]);
  });

  it('maps a fresh "not pregnant" (SNOMED 60001007) to not-pregnant', () => {
    expect(mapOk([patient(), status('s', '2025-02-20', SCT, '60001007')]).request.patient.pregnancy).toBe('not-pregnant');
  });

  it.each([
    ['possible pregnancy', SCT, '146799005'],
    ['pregnancy not yet confirmed', SCT, '152231000119106'],
    ['unknown', LOINC, 'LA4489-6'],
  ])('leaves "%s" undocumented and reports it, never "not-pregnant"', (_, system, code) => {
    const mapping = mapOk([patient(), status('s', '2025-02-20', system, code)]);
    expect(mapping.request.patient).not.toHaveProperty('pregnancy');
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'uncertain', reference: 'Observation/s' })]);
  });

  it('lets the latest answer decide', () => {
    const input = [patient(), status('old', '2025-02-10', SCT, '77386006'), status('new', '2025-02-25', SCT, '60001007')];
    expect(mapOk(input).request.patient.pregnancy).toBe('not-pregnant');
  });
});

describe('pregnancy from Conditions', () => {
  it('maps Nereida_Rogahn\'s current normal pregnancy to pregnant', () => {
    const { bundle, asOf } = synthea('Nereida_Rogahn');
    const mapping = mapOk(bundle, { asOf });
    expect(mapping.request.patient.pregnancy).toBe('pregnant');
    expect(mapping.provenance['patient.pregnancy']).toHaveLength(1);
  });

  it('does not count Willia_Runolfsdottir\'s 1972 tubal pregnancy or 1959 miscarriage, and reports both', () => {
    const { bundle, asOf } = synthea('Willia_Runolfsdottir');
    const mapping = mapOk(bundle, { asOf });
    expect(mapping.request.patient).not.toHaveProperty('pregnancy');
    const pregnancyGaps = mapping.gaps.filter((g) => g.field === 'patient.pregnancy');
    expect(pregnancyGaps.map((g) => g.reason)).toEqual(['not_current', 'not_current']);
    expect(pregnancyGaps.map((g) => g.message).join(' ')).toMatch(/Tubal pregnancy.*1972-06-05|1972-06-05.*Tubal pregnancy/);
    expect(pregnancyGaps.map((g) => g.message).join(' ')).toContain('1959-12-14');
  });

  it('counts a pregnancy begun 300 days before asOf, but not 301', () => {
    const at = (onset: string) => mapOk([patient(), condition('preg', concept(SCT, '72892002'), { onsetDateTime: onset })]).request.patient;
    expect(at('2024-05-05').pregnancy).toBe('pregnant');
    expect(at('2024-05-04')).not.toHaveProperty('pregnancy');
  });

  it('does not count an abated pregnancy, but reports a recent end as possibly postpartum', () => {
    const ended = condition('preg', concept(ICD, 'Z34.00'), {
      clinicalStatus: statusOf('condition-clinical', 'resolved'),
      abatementDateTime: '2025-01-15',
    });
    const mapping = mapOk([patient(), ended]);
    expect(mapping.request.patient).not.toHaveProperty('pregnancy');
    expect(mapping.gaps[0]?.message).toContain('postpartum');
  });

  it('keeps "pregnant" when a current Condition and a "not pregnant" answer conflict, and says so', () => {
    const input = [patient(), condition('preg', concept(SCT, '77386006')), observation('s', STATUS, { effectiveDateTime: '2025-02-20', valueCodeableConcept: concept(SCT, '60001007') })];
    const mapping = mapOk(input);
    expect(mapping.request.patient.pregnancy).toBe('pregnant');
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'conflict', reference: 'Observation/s' })]);
  });

  it('does not count a refuted pregnancy', () => {
    const refuted = condition('preg', concept(SCT, '72892002'), { verificationStatus: statusOf('condition-ver-status', 'refuted') });
    expect(mapOk([patient(), refuted]).request.patient).not.toHaveProperty('pregnancy');
  });
});
