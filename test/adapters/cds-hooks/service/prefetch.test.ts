import { describe, expect, it } from 'vitest';
import { fillTemplate, resolvePrefetch, resourcesOf } from '../../../../src/adapters/cds-hooks/service/prefetch.js';
import { CdsServiceRequestSchema } from '../../../../src/adapters/cds-hooks/schemas/request-schema.js';
import { fakeFhirServer } from './fake-fhir-server.js';
import { FHIR_BASE, serverAccess } from './requests.js';

const context = { userId: 'PractitionerRole/r 1', patientId: 'p/1', encounterId: 'e1', draftOrders: { resourceType: 'Bundle' } };

describe('fillTemplate', () => {
  it('fills first-level context tokens, encoded for a URL', () => {
    expect(fillTemplate('Condition?patient={{context.patientId}}&encounter={{ context.encounterId }}', context)).toBe('Condition?patient=p%2F1&encounter=e1');
  });

  it('fills a user token from context.userId when the resource type matches', () => {
    expect(fillTemplate('PractitionerRole/{{userPractitionerRoleId}}', context)).toBe('PractitionerRole/r%201');
    expect(fillTemplate('Practitioner/{{userPractitionerId}}', context)).toBeUndefined();
  });

  it('gives up on a token that is missing or not a primitive', () => {
    expect(fillTemplate('Encounter/{{context.appointmentId}}', context)).toBeUndefined();
    expect(fillTemplate('Bundle/{{context.draftOrders}}', context)).toBeUndefined();
  });
});

describe('resourcesOf', () => {
  it('lists the entries of a searchset and of nested batch responses, without OperationOutcomes', () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const condition = { resourceType: 'Condition', id: 'c1' };
    const warning = { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational' }] };
    const nested = { resourceType: 'Bundle', type: 'batch-response', entry: [{ resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: condition }, { resource: warning }] } }] };
    expect(resourcesOf(patient)).toEqual([patient]);
    expect(resourcesOf(nested)).toEqual([condition]);
  });

  it('reports incomplete data when an OperationOutcome has an error', () => {
    expect(resourcesOf({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal' }] } }] })).toBeUndefined();
  });
});

describe('resolvePrefetch', () => {
  const request = CdsServiceRequestSchema.parse({
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    context: { userId: 'Practitioner/1', patientId: 'p1' },
    prefetch: { patient: { resourceType: 'Patient', id: 'p1' } },
    ...serverAccess,
  });

  it('keeps each resource once when two keys return it', async () => {
    const server = fakeFhirServer({ [`${FHIR_BASE}/Patient?_id=p1`]: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', id: 'p1' } }] } });
    const resolved = await resolvePrefetch({ templates: { patient: 'Patient/{{context.patientId}}', again: 'Patient?_id={{context.patientId}}' }, request, fetch: server.fetch, fhirServers: [FHIR_BASE] });
    expect(resolved).toMatchObject({ resources: [{ resourceType: 'Patient', id: 'p1' }], missing: [] });
    expect(resolved.outbound).toMatchObject([{ host: 'ehr.example.org', status: 200 }]);
  });

  it('reports a fetch that fails as missing data, with a reason class', async () => {
    const resolved = await resolvePrefetch({ templates: { conditions: 'Condition?patient={{context.patientId}}' }, request, fetch: () => Promise.reject(new Error('connection refused')), fhirServers: [FHIR_BASE] });
    // A reason class only: never the error's text, the target's port or its bytes.
    expect(resolved.missing).toEqual([{ key: 'conditions', query: 'Condition?patient=p1', reason: 'unreachable' }]);
  });
});
