import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fromFhirBundle } from '../../../src/adapters/fhir/index.js';
import { mapFails, mapOk, patient } from './builders.js';
import { readExternal } from './external.js';

const R4 = 'fhir-r4-examples/hl7.fhir.r4.examples-4.0.1';
const IPS = 'fhir-r4-examples/hl7.fhir.uv.ips-2.0.0';

describe('the patient', () => {
  it('is aged in completed years at asOf', () => {
    expect(mapOk([patient()], { asOf: '2025-04-30' }).request.patient.ageYears).toBe(44);
    expect(mapOk([patient()], { asOf: '2025-05-01' }).request.patient.ageYears).toBe(45);
  });

  it('takes a birth year alone as the youngest possible age, and says so in gaps', () => {
    const mapping = mapOk([readExternal(`${IPS}/Patient-eumfh-39-07.json`)], { asOf: '2024-06-01' });
    expect(mapping.request.patient.ageYears).toBe(66);
    expect(mapping.gaps).toEqual([
      expect.objectContaining({ reason: 'partial_date', field: 'patient.ageYears', reference: 'Patient/eumfh-39-07' }),
    ]);
    expect(mapping.gaps[0]?.message).toContain('born 1957-12-31');
  });

  it('takes a birth year and month as the last day of that month', () => {
    const mapping = mapOk([patient({ birthDate: '2007-03' })], { asOf: '2025-03-30' });
    expect(mapping.request.patient.ageYears).toBe(17);
  });

  it('maps administrative gender to sex, and leaves an absent gender undocumented', () => {
    expect(mapOk([patient({ gender: 'other' })]).request.patient.sex).toBe('other');
    expect(mapOk([patient({ gender: undefined })]).request.patient).not.toHaveProperty('sex');
  });

  it('records the Patient as the source of age and sex', () => {
    expect(mapOk([patient()]).provenance).toMatchObject({ 'patient.ageYears': ['Patient/p1'], 'patient.sex': ['Patient/p1'] });
  });

  it('is refused when there is no Patient', () => {
    const issues = mapFails({ resourceType: 'Bundle', entry: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'no_patient', path: [] })]);
  });

  it('is refused without a birth date, pointing at the missing field', () => {
    const issues = mapFails([readExternal(`${R4}/Patient-pat1.json`)]);
    expect(issues).toEqual([expect.objectContaining({ code: 'missing_birth_date', path: [0, 'birthDate'] })]);
  });

  it('is refused when born after asOf', () => {
    expect(mapFails([patient({ birthDate: '2030-01-01' })])).toEqual([expect.objectContaining({ code: 'invalid_birth_date' })]);
  });

  it('is refused when deceased', () => {
    expect(mapFails([readExternal(`${R4}/Patient-pat4.json`)])).toEqual([
      expect.objectContaining({ code: 'patient_deceased', path: [0, 'deceasedBoolean'] }),
    ]);
    expect(mapFails([patient({ deceasedDateTime: '2024-12-31T10:00:00Z' })])[0]?.code).toBe('patient_deceased');
  });

  it('is mapped when the recorded death is after asOf', () => {
    expect(mapOk([patient({ deceasedDateTime: '2026-01-01' })]).request.patient.ageYears).toBe(44);
  });

  it('must be chosen with patientId when the input holds several', () => {
    const two = [patient(), patient({ id: 'p2', birthDate: '1990-01-01' })];
    expect(mapFails(two)).toEqual([expect.objectContaining({ code: 'multiple_patients' })]);
    expect(mapOk(two, { patientId: 'p2' }).request.patient.ageYears).toBe(35);
    expect(mapFails(two, { patientId: 'p3' })).toEqual([expect.objectContaining({ code: 'no_patient' })]);
  });

  it('is the only one whose resources are read; others are reported as gaps', () => {
    const other = { resourceType: 'Condition', id: 'c9', code: { text: 'x' }, subject: { reference: 'Patient/p2' } };
    const two = [patient(), patient({ id: 'p2' }), other];
    expect(mapOk(two, { patientId: 'p1' }).gaps).toEqual([expect.objectContaining({ reason: 'other_patient', reference: 'Condition/c9' })]);
  });
});

describe('options', () => {
  it('refuses a malformed asOf', () => {
    expect(mapFails([patient()], { asOf: '2025-02-30' })).toEqual([expect.objectContaining({ code: 'invalid_option', path: ['asOf'] })]);
  });

  it('refuses a recency window that is not a whole number of days', () => {
    expect(mapFails([patient()], { recency: { weightMaxAgeDays: -1 } })).toEqual([
      expect.objectContaining({ code: 'invalid_option', path: ['recency', 'weightMaxAgeDays'] }),
    ]);
  });

  it('lets a clinic tighten a recency window, never loosen it: shorter for records that confirm, longer for records that show a risk', () => {
    const refused = (recency: Record<string, unknown>): unknown => mapFails([patient()], { recency });
    // A weight or a negative answer may count for less time, never more.
    expect(refused({ weightMaxAgeDays: 400 })).toEqual([expect.objectContaining({ code: 'invalid_option', path: ['recency', 'weightMaxAgeDays'], message: expect.stringContaining('only shorten') })]);
    expect(refused({ screeningAcuteMaxAgeDays: 8 })).toEqual([expect.objectContaining({ path: ['recency', 'screeningAcuteMaxAgeDays'] })]);
    // A pregnancy, a delivery or a surgery may count for more time, never less.
    expect(refused({ pregnancyConditionMaxAgeDays: 200 })).toEqual([expect.objectContaining({ path: ['recency', 'pregnancyConditionMaxAgeDays'], message: expect.stringContaining('only lengthen') })]);
    expect(refused({ recentSurgeryDays: 30 })).toEqual([expect.objectContaining({ path: ['recency', 'recentSurgeryDays'] })]);
    // An unknown window is named, not ignored.
    expect(refused({ weightMaxAgeDay: 30 })).toEqual([expect.objectContaining({ path: ['recency', 'weightMaxAgeDay'] })]);
    for (const recency of [{ weightMaxAgeDays: 30 }, { recentSurgeryDays: 120 }, { pregnancyConditionMaxAgeDays: 320, postpartumDays: 180 }]) {
      expect(E.isRight(fromFhirBundle([patient()], { asOf: '2025-03-01', recency }))).toBe(true);
    }
  });

  it('defaults asOf to the current date', () => {
    const result = fromFhirBundle([patient()]);
    expect(E.isRight(result) && result.right.request.patient.ageYears).toBeGreaterThanOrEqual(44);
  });
});
