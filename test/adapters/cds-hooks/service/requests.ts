/// <reference types="node" />
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

/** The order-sign call of the fixtures: a 10.5 mL, 6-ampule polidocanol order with full prefetch. */
export const orderSignRequest = (): Json & { context: Json & { draftOrders: Json }; prefetch: Json } =>
  JSON.parse(readFileSync('test/fixtures/cds-hooks/order-sign-request.json', 'utf8')) as Json & { context: Json & { draftOrders: Json }; prefetch: Json };

/** The draft order of {@link orderSignRequest}. */
export const draftOrder = (request: ReturnType<typeof orderSignRequest>): Json =>
  ((request.context.draftOrders.entry as Json[])[0] as { resource: Json }).resource;

/** The same call with the draft order replaced. */
export const withDraftOrder = (order: Json): ReturnType<typeof orderSignRequest> => {
  const request = orderSignRequest();
  request.context.draftOrders = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: order }] };
  return request;
};

/** The FHIR server base of the tests. */
export const FHIR_BASE = 'https://ehr.example.org/fhir';
/** The access token of the tests. */
export const TOKEN = 'opaque-token-123';

/** fhirServer and fhirAuthorization for the tests. */
export const serverAccess = { fhirServer: FHIR_BASE, fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'sclerotherapy-cds' } };

/**
 * The FHIR server pages that hold the same data as the fixture's prefetch, by absolute URL.
 * @returns the pages
 */
export const serverPages = (): Record<string, unknown> => {
  const { prefetch } = orderSignRequest();
  return {
    [`${FHIR_BASE}/Patient/p1`]: prefetch.patient,
    [`${FHIR_BASE}/Condition?patient=p1`]: prefetch.conditions,
    [`${FHIR_BASE}/Observation?patient=p1&code=29463-7,82810-3`]: prefetch.observations,
    [`${FHIR_BASE}/MedicationRequest?patient=p1&status=active`]: prefetch.medicationRequests,
    [`${FHIR_BASE}/MedicationStatement?patient=p1&status=active`]: prefetch.medicationStatements,
    [`${FHIR_BASE}/AllergyIntolerance?patient=p1`]: prefetch.allergies,
  };
};
