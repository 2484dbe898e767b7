/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fromFhirBundle, GAP_REASONS } from '../../../src/adapters/fhir/index.js';
import { assess } from '../../../src/assess.js';
import { AssessmentRequestSchema } from '../../../src/model/request-schema.js';
import { AS_OF, FIXTURE_SESSION, mapOk, patient } from './builders.js';
import { EXAMPLE_FOLDERS, SYNTHEA_FOLDERS, listExternal, readExternal, syntheaName, SYNTHEA_END } from './external.js';

const syntheaFiles = SYNTHEA_FOLDERS.flatMap(listExternal);
const exampleFiles = EXAMPLE_FOLDERS.flatMap(listExternal);
const fixture = JSON.parse(readFileSync('test/fixtures/fhir/varicose-draft-order.json', 'utf8')) as unknown;

// Every value a mapping wrote, with its path; used to check that nothing was written as absent.
const leaves = (value: unknown, path = ''): [string, unknown][] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, child]) => leaves(child, path === '' ? key : `${path}.${key}`))
    : [[path, value]];

describe('every Synthea bundle', () => {
  it('is in the table of asOf dates', () => {
    expect(syntheaFiles.map(syntheaName).filter((name) => name === undefined)).toEqual([]);
    expect(syntheaFiles).toHaveLength(Object.keys(SYNTHEA_END).length);
  });

  it.each(syntheaFiles)('%s maps to a valid request that assesses, or to a clear Left', async (file) => {
    const asOf = SYNTHEA_END[syntheaName(file) ?? ''] ?? AS_OF;
    const result = fromFhirBundle(readExternal(file), { asOf });
    if (E.isLeft(result)) {
      // Only the deceased patient is refused.
      expect(result.left).toEqual([expect.objectContaining({ code: 'patient_deceased' })]);
      return;
    }
    const { request, provenance, gaps } = result.right;
    expect(AssessmentRequestSchema.safeParse(request).success).toBe(true);
    expect(leaves(request.history).filter(([, v]) => v === false || v === 'none')).toEqual([]);
    expect(request.patient.pregnancy).not.toBe('not-pregnant');
    expect(request.history.sclerosantAllergies).toBeUndefined();
    expect(Object.keys(provenance).every((field) => field.startsWith('patient.') || field.startsWith('history.'))).toBe(true);
    expect(gaps.every((g) => GAP_REASONS.includes(g.reason) && g.reference.length > 0)).toBe(true);
    expect(E.isRight(await assess(request, { asOf }))).toBe(true);
  });
});

describe('every FHIR R4 and IPS example file', () => {
  it.each(exampleFiles)('%s maps without throwing, to a Right or to issues with codes and paths', (file) => {
    const result = fromFhirBundle(readExternal(file), { asOf: '2024-01-01' });
    if (E.isLeft(result)) {
      for (const issue of result.left) expect(issue).toEqual({ code: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/), message: expect.any(String), path: expect.any(Array) });
    } else {
      expect(AssessmentRequestSchema.safeParse(result.right.request).success).toBe(true);
    }
  });

  it.each(exampleFiles.filter((f) => !/\/(Patient-|Bundle-|package\.json)/.test(f)))('%s maps beside a Patient', (file) => {
    const resource = readExternal(file) as Record<string, unknown>;
    const result = fromFhirBundle([patient({ id: 'example' }), resource], { asOf: '2024-01-01' });
    expect(E.isRight(result), JSON.stringify(E.isLeft(result) ? result.left : [])).toBe(true);
  });

  it('maps the R4 document bundle "father" and the IPS document bundle', () => {
    expect(mapOk(readExternal('fhir-r4-examples/hl7.fhir.r4.examples-4.0.1/Bundle-father.json')).request.patient).toEqual({ ageYears: 70, sex: 'female' });
    expect(mapOk(readExternal('fhir-r4-examples/hl7.fhir.uv.ips-2.0.0/Bundle-IPS-examples-Bundle-01.json')).request.patient).toEqual({ ageYears: 52, sex: 'female' });
  });
});

describe('the hand-built bundle (I83.12 varicose vein, DVT, PFO, draft polidocanol order)', () => {
  it('maps to the expected request', () => {
    const mapping = mapOk(fixture);
    expect(mapping.request).toEqual({
      patient: { ageYears: 44, sex: 'female', weightKg: 68 },
      history: { acuteThromboembolism: true },
      veins: [{ id: 'varicose-left', kind: 'varicose', region: 'leg', side: 'left', symptomatic: true }],
      plannedSession: FIXTURE_SESSION,
    });
    expect(mapping.provenance['history.acuteThromboembolism']).toEqual(['Condition/dvt']);
    expect(mapping.provenance).not.toHaveProperty(['history.rightToLeftShunt']);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'Condition/pfo', field: 'history.rightToLeftShunt', reason: 'uncertain' }));
  });

  it('assesses: the acute DVT excludes the patient and blocks the session', async () => {
    const result = await assess(mapOk(fixture).request, { asOf: AS_OF });
    if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
    expect(result.right.status).toBe('not-candidate');
    expect(result.right.session.status).toBe('blocked');
    expect(result.right.findings.map((f) => f.ruleId)).toContain('contraindication.acute-thromboembolism');
  });
});

describe('fromFhirBundle', () => {
  it('never throws, whatever it is given', () => {
    const hostile = [undefined, () => 1, Symbol('x'), { resourceType: 'Bundle', entry: 'nope' }, [{ resourceType: 'Patient', birthDate: 19 }]];
    for (const input of hostile) expect(() => fromFhirBundle(input, { asOf: AS_OF })).not.toThrow();
  });
});
