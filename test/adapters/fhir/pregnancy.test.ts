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

describe('pregnancy-status Observations of the same day', () => {
  const pregnant = (id: string, when: Record<string, unknown>) => observation(id, STATUS, { ...when, valueCodeableConcept: concept(SCT, '77386006') });
  const notPregnant = (id: string, when: Record<string, unknown>) => observation(id, STATUS, { ...when, valueCodeableConcept: concept(SCT, '60001007') });

  it('are ordered by their time, whatever their order in the input', () => {
    const morning = notPregnant('am', { effectiveDateTime: '2025-02-20T08:00:00Z' });
    const afternoon = pregnant('pm', { effectiveDateTime: '2025-02-20T16:00:00Z' });
    expect(mapOk([patient(), morning, afternoon]).request.patient.pregnancy).toBe('pregnant');
    expect(mapOk([patient(), afternoon, morning]).request.patient.pregnancy).toBe('pregnant');
    // 17:00 at UTC+3 is 14:00Z: earlier than 15:00Z, though its clock time is later.
    const eastern = notPregnant('east', { effectiveInstant: '2025-02-20T17:00:00+03:00' });
    const utc = pregnant('utc', { effectiveDateTime: '2025-02-20T15:00:00Z' });
    expect(mapOk([patient(), utc, eastern]).request.patient.pregnancy).toBe('pregnant');
  });

  it('read the time of issued when there is no effective time', () => {
    const first = pregnant('a', { issued: '2025-02-20T09:00:00Z' });
    const second = notPregnant('b', { issued: '2025-02-20T10:00:00.000Z' });
    expect(mapOk([patient(), second, first]).request.patient.pregnancy).toBe('not-pregnant');
  });

  it.each([
    ['at the same instant', { effectiveDateTime: '2025-02-20T08:00:00Z' }, { effectiveDateTime: '2025-02-20T09:00:00+01:00' }],
    ['with dates only', { effectiveDateTime: '2025-02-20' }, { effectiveDateTime: '2025-02-20' }],
    ['one with a date only', { effectiveDateTime: '2025-02-20' }, { effectiveDateTime: '2025-02-20T16:00:00Z' }],
  ])('leave pregnancy undocumented, with a conflict, when they disagree %s', (_, a, b) => {
    for (const input of [[patient(), notPregnant('a', a), pregnant('b', b)], [patient(), pregnant('b', b), notPregnant('a', a)]]) {
      const mapping = mapOk(input);
      expect(mapping.request.patient).not.toHaveProperty('pregnancy');
      expect(mapping.gaps.map((g) => [g.reference, g.reason])).toEqual(expect.arrayContaining([['Observation/a', 'conflict'], ['Observation/b', 'conflict']]));
    }
  });

  it('decide together when they agree', () => {
    const mapping = mapOk([patient(), pregnant('a', { effectiveDateTime: '2025-02-20' }), pregnant('b', { effectiveDateTime: '2025-02-20' })]);
    expect(mapping.request.patient.pregnancy).toBe('pregnant');
    expect(mapping.provenance['patient.pregnancy']).toEqual(['Observation/a', 'Observation/b']);
  });

  it('do not hold back a later day', () => {
    const input = [patient(), notPregnant('a', { effectiveDateTime: '2025-02-20' }), pregnant('b', { effectiveDateTime: '2025-02-20' }), notPregnant('c', { effectiveDateTime: '2025-02-21' })];
    expect(mapOk(input).request.patient.pregnancy).toBe('not-pregnant');
  });
});

describe('the wording of pregnancy gaps', () => {
  it('advises rather than orders', () => {
    const ended = condition('mc', concept(SCT, '19169002', 'Miscarriage in first trimester'), { onsetDateTime: '2025-01-10' });
    const mapping = mapOk([patient(), ended]);
    const messages = mapping.gaps.map((g) => g.message).join(' ');
    expect(messages).toContain('pregnancy status needs confirming');
    expect(messages).not.toMatch(/\bmust\b/);
  });
});
