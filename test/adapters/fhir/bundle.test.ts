import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_DEPTH, readEntries } from '../../../src/adapters/fhir/bundle.js';
import { SCT, concept, condition, mapFails, mapOk, patient } from './builders.js';
import { readExternal } from './external.js';

const HOOKS = 'cds-hooks/hook-definitions-examples';
const contextOf = (file: string): Record<string, unknown> =>
  (readExternal(`${HOOKS}/${file}`) as { context: Record<string, unknown> }).context;

/** A Bundle of the Patient and a DVT Condition wrapped in `depth` more Bundles. */
const nested = (depth: number): Record<string, unknown> => {
  let resource: Record<string, unknown> = condition('dvt', concept(SCT, '128053003'));
  for (let level = 0; level < depth; level += 1) resource = { resourceType: 'Bundle', type: 'collection', entry: [{ resource }] };
  return { resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient() }, { resource }] };
};

describe('readEntries', () => {
  it.each([
    ['a string', 'Bundle'],
    ['null', null],
    ['a number', 4],
  ])('refuses %s at the root', (_, input) => {
    expect(mapFails(input)).toEqual([expect.objectContaining({ code: 'invalid_input', path: [] })]);
  });

  it('refuses a single resource, naming its type', () => {
    const [issue] = mapFails(patient());
    expect(issue?.message).toBe('Expected a FHIR R4 Bundle or an array of FHIR resources, found a Patient resource; wrap a single resource in an array');
  });

  it('refuses an object that is not a FHIR resource', () => {
    const [issue] = mapFails({ context: {} });
    expect(issue?.message).toContain('an object without "resourceType"');
  });

  it('refuses an array element that is not a resource, at its index', () => {
    expect(mapFails([patient(), { id: 'x' }])).toEqual([expect.objectContaining({ code: 'invalid_input', path: [1] })]);
  });

  it('reads a plain array of resources', () => {
    expect(mapOk([patient()]).request.patient.ageYears).toBe(44);
  });

  it('reads the searchsets nested in a batch-response', () => {
    const bundle = readExternal('fhir-r4-examples/hl7.fhir.r4.examples-4.0.1/Bundle-bundle-response-medsallergies.json');
    const entries = readEntries(bundle);
    expect(E.isRight(entries) && entries.right.map((e) => e.resource.resourceType)).toEqual(['Patient']);
  });

  it('skips transaction entries that carry only a request', () => {
    const bundle = readExternal('fhir-r4-examples/hl7.fhir.r4.examples-4.0.1/Bundle-bundle-transaction.json');
    const entries = readEntries(bundle);
    expect(E.isRight(entries) && entries.right.map((e) => e.resource.resourceType)).toEqual([
      'Patient', 'Patient', 'Patient', 'Patient', 'Patient', 'Parameters',
    ]);
  });

  it('reads resources nested many Bundles deep', () => {
    expect(mapOk(nested(4)).request.history).toEqual({ acuteThromboembolism: true });
    expect(mapOk(nested(MAX_BUNDLE_DEPTH)).request.history).toEqual({ acuteThromboembolism: true });
  });

  it('reports, and does not read, a Bundle nested deeper than the cap', () => {
    const mapping = mapOk(nested(MAX_BUNDLE_DEPTH + 1));
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'too_deep', message: expect.stringContaining('its 1 entry is left out') })]);
  });

  it('gives each resource the path it was found at', () => {
    const entries = readEntries({ resourceType: 'Bundle', entry: [{ request: {} }, { resource: patient() }] });
    expect(E.isRight(entries) && entries.right[0]?.path).toEqual(['entry', 1, 'resource']);
  });
});

describe('FHIR version check', () => {
  it('skips a DSTU2 MedicationOrder with an unreadable gap citing Type/id, and maps the rest (R4c)', () => {
    const draftOrders = contextOf('order-select-context-DSTU2-1.json')['draftOrders'] as { entry: { resource: { resourceType: string; id: string } }[] };
    const mapping = mapOk({ resourceType: 'Bundle', entry: [{ resource: patient() }, ...draftOrders.entry] });
    const order = draftOrders.entry.find((e) => e.resource.resourceType === 'MedicationOrder')?.resource;
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'unreadable', reference: `MedicationOrder/${order?.id ?? ''}` }));
    expect(mapping.gaps.find((g) => g.reason === 'unreadable')?.message).toContain('DSTU2');
  });

  it('skips an STU3 Condition whose clinicalStatus is a string, with a gap (R4b)', () => {
    const conditions = contextOf('problem-list-item-create-context-STU3-1.json')['conditions'] as { entry: { resource: { id: string } }[] };
    const mapping = mapOk([patient(), conditions]);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'unreadable', reference: `Condition/${conditions.entry[0]?.resource.id ?? ''}` }));
  });

  it('skips an R5 MedicationStatement (status recorded, medication.concept): warfarin is then not documented, never "no anticoagulant" (R5c)', () => {
    const statement = { resourceType: 'MedicationStatement', id: 'ms-r5', status: 'recorded', medication: { concept: { text: 'warfarin 5 mg tablet' } }, subject: { reference: 'Patient/p1' } };
    const mapping = mapOk([patient(), statement]);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'unreadable', reference: 'MedicationStatement/ms-r5' }));
    expect(mapping.request.history.anticoagulated).toBeUndefined();
  });


  it('refuses a Bundle that declares fhirVersion 3.0.1', () => {
    const issues = mapFails({ resourceType: 'Bundle', fhirVersion: '3.0.1', entry: [{ resource: patient() }] });
    expect(issues).toEqual([expect.objectContaining({ code: 'unsupported_fhir_version', path: ['fhirVersion'] })]);
  });

  it('accepts the R4 order-sign draftOrders', () => {
    const draftOrders = contextOf('order-sign-context-R4-1.json')['draftOrders'];
    expect(E.isRight(readEntries(draftOrders))).toBe(true);
  });
});
