import { describe, expect, it } from 'vitest';
import { forgiveRequest, hasNoDraftOrders } from '../../../../src/adapters/cds-hooks/service/forgiving-input.js';

describe('forgiveRequest', () => {
  it('removes empty values inside context and prefetched resources, keeping a null prefetch key and null FHIR array items', () => {
    const { body, repairs } = forgiveRequest({
      hook: 'order-sign',
      context: { patientId: 'p1', encounterId: null, extra: { a: '' } },
      prefetch: { none: null, patient: { resourceType: 'Patient', id: 'p1', name: [{ given: ['A', null], family: '' }], telecom: [] } },
    });
    expect(body).toEqual({ hook: 'order-sign', context: { patientId: 'p1' }, prefetch: { none: null, patient: { resourceType: 'Patient', id: 'p1', name: [{ given: ['A', null] }] } } });
    expect(repairs.map((r) => r.path)).toEqual(['context.encounterId', 'context.extra.a', 'context.extra', 'prefetch.patient.name.0.family', 'prefetch.patient.telecom']);
  });

  it('drops a prefetch key emptied by the repair, so that it is read again rather than taken as "no data"', () => {
    expect(forgiveRequest({ prefetch: { x: { resourceType: '' } } }).body).toEqual({ prefetch: {} });
  });

  it('reads token_type case-insensitively and a numeric-string expires_in, and sets aside an unusable authorization', () => {
    const ok = forgiveRequest({ fhirAuthorization: { access_token: 't', token_type: 'bearer', expires_in: '300', scope: 's', subject: 'c' } });
    expect(ok.body).toEqual({ fhirAuthorization: { access_token: 't', token_type: 'Bearer', expires_in: 300, scope: 's', subject: 'c' } });
    const unusable = forgiveRequest({ fhirAuthorization: { access_token: 't', token_type: 'mac', expires_in: 300, scope: 's' } });
    expect(unusable.body).toEqual({});
    expect(unusable.repairs.at(-1)).toMatchObject({ path: 'fhirAuthorization', action: 'ignored', message: expect.stringContaining('no subject, a token_type other than Bearer') });
  });

  it('leaves what is not an object for the schema to refuse', () => {
    expect(forgiveRequest('x')).toEqual({ body: 'x', repairs: [] });
  });
});

describe('hasNoDraftOrders', () => {
  it('is true for a draftOrders Bundle without entries, false without draftOrders or with one', () => {
    expect(hasNoDraftOrders({ draftOrders: { resourceType: 'Bundle' } })).toBe(true);
    expect(hasNoDraftOrders({ draftOrders: { resourceType: 'Bundle', entry: [{}] } })).toBe(true);
    expect(hasNoDraftOrders({})).toBe(false);
    expect(hasNoDraftOrders({ draftOrders: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'MedicationRequest' } }] } })).toBe(false);
  });
});
