import { describe, expect, it, vi } from 'vitest';
import { createCdsServiceOrThrow } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import { CdsResponseSchema, type CdsResponse } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import { DiscoveryResponseSchema } from '../../../../src/adapters/cds-hooks/schemas/discovery-schema.js';
import type { CdsHttpResponse } from '../../../../src/adapters/cds-hooks/service/http.js';
import { readExample } from '../examples.js';
import { fakeFhirServer, unusedFetch } from './fake-fhir-server.js';
import { FHIR_BASE, TOKEN, orderSignRequest, serverAccess, serverPages } from './requests.js';
import { ruleOfCard } from '../examples.js';
import { EXPECTED_PREFETCH } from '../../../e2e/service-config.js';

const now = (): Date => new Date('2026-11-23T09:00:00Z');
const SIGN = 'sclerotherapy-order-sign';
const silent = (): void => undefined;

const cardsOf = (response: CdsHttpResponse): CdsResponse['cards'] => {
  const parsed = CdsResponseSchema.safeParse(response.body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data.cards;
};
const rulesOf = (response: CdsHttpResponse): string[] => cardsOf(response).map((card) => ruleOfCard(card));

describe('discovery', () => {
  it('lists the order-select, order-sign and patient-view services with their prefetch templates', async () => {
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true }).discovery();
    expect(response.status).toBe(200);
    expect(DiscoveryResponseSchema.safeParse(response.body).success).toBe(true);
    const { services } = response.body as { services: { id: string; hook: string; prefetch: Record<string, string> }[] };
    expect(services.map((s) => [s.id, s.hook])).toEqual([
      ['sclerotherapy-order-select', 'order-select'],
      ['sclerotherapy-order-sign', 'order-sign'],
      ['sclerotherapy-patient-view', 'patient-view'],
    ]);
    expect(services[1]?.prefetch).toEqual(EXPECTED_PREFETCH);
  });
});

describe('a hook call with prefetched data', () => {
  it('answers 200 with valid cards for the draft order, without reading the FHIR server', async () => {
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, orderSignRequest());
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    // No earlier sessions can be read from the record: the daily cap, which needs an earlier
    // session that day, stays silent, and the earlier sessions are asked for.
    // One card for both dose limits; within the budget of 5 cards, the last warning is folded into the info card.
    expect(rulesOf(response)).toEqual([
      '2 rules',
      'screening.pregnancy-status-unknown',
      'screening.prior-sessions-unknown',
      'screening.unconfirmed-contraindications',
      '6 rules',
    ]);
    const folded = cardsOf(response)[4]?.extension?.['org.sclerotherapy-cds.folded-cards'] as { summary: string }[];
    expect(folded.map((c) => c.summary)).toHaveLength(1);
    expect(cardsOf(response)[4]?.detail).toContain('### More points');
  });

  it('says nothing when the draft orders hold no sclerosant', async () => {
    const request = orderSignRequest();
    request.context.draftOrders = (readExample('hook-definitions', 'order-sign-context-R4-1.json') as { context: { draftOrders: Record<string, unknown> } }).context.draftOrders;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, request);
    expect(response).toMatchObject({ status: 200, body: { cards: [] } });
  });

  it('accepts null for a prefetch key the client has no data for', async () => {
    const request = orderSignRequest();
    request.prefetch.allergies = null;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, request);
    expect(response.status).toBe(200);
  });
});

describe('a hook call that needs the FHIR server', () => {
  it('reads every missing prefetch query from fhirServer with the bearer token', async () => {
    const server = fakeFhirServer(serverPages());
    const withoutPrefetch: Record<string, unknown> = orderSignRequest();
    delete withoutPrefetch.prefetch;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: server.fetch, now, fhirServers: [FHIR_BASE] }).handle(SIGN, { ...withoutPrefetch, ...serverAccess });
    expect(response.status).toBe(200);
    // The needed keys, then the optional ones while the 10-page budget lasts; this server has none of those (404).
    const optional = ['QuestionnaireResponse', 'MedicationAdministration', 'Encounter', 'Procedure'];
    expect(server.calls.map((c) => c.url).filter((url) => !optional.some((type) => url.startsWith(`${FHIR_BASE}/${type}?`))).sort()).toEqual(Object.keys(serverPages()).sort());
    expect(server.calls).toHaveLength(Object.keys(serverPages()).length + optional.length);
    for (const call of server.calls) expect(call.init).toMatchObject({ method: 'GET', headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/fhir+json' }, redirect: 'manual', signal: expect.anything() });
    const prefetched = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, orderSignRequest());
    expect(response.body).toEqual(prefetched.body);
  });

  it('reads only the keys the client did not prefetch', async () => {
    const server = fakeFhirServer(serverPages());
    const request = orderSignRequest();
    delete request.prefetch.conditions;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: server.fetch, now, fhirServers: [FHIR_BASE] }).handle(SIGN, { ...request, ...serverAccess });
    expect(response.status).toBe(200);
    expect(server.calls.map((c) => c.url)).toEqual([`${FHIR_BASE}/Condition?patient=p1`]);
  });

  it('follows the next page of a search on the same server', async () => {
    const pages = serverPages();
    const conditions = pages[`${FHIR_BASE}/Condition?patient=p1`];
    pages[`${FHIR_BASE}/Condition?patient=p1`] = { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: `${FHIR_BASE}/Condition?patient=p1&page=2` }] };
    pages[`${FHIR_BASE}/Condition?patient=p1&page=2`] = conditions;
    const server = fakeFhirServer(pages);
    const request = orderSignRequest();
    delete request.prefetch.conditions;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: server.fetch, now, fhirServers: [FHIR_BASE] }).handle(SIGN, { ...request, ...serverAccess });
    expect(rulesOf(response)[0]).toBe('2 rules');
    expect(server.calls.map((c) => c.url)).toEqual([`${FHIR_BASE}/Condition?patient=p1`, `${FHIR_BASE}/Condition?patient=p1&page=2`]);
  });

  it('never sends the token to another server, and answers 412 instead', async () => {
    const server = fakeFhirServer(serverPages());
    const request = orderSignRequest();
    request.prefetch.conditions = { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: 'https://elsewhere.example.com/fhir/Condition?page=2' }] };
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: server.fetch, now, fhirServers: [FHIR_BASE] }).handle(SIGN, { ...request, ...serverAccess });
    expect(server.calls.some((c) => c.url.startsWith('https://elsewhere'))).toBe(false);
    expect(response.status).toBe(200);
    expect(server.calls.map((c) => c.url)).toEqual([`${FHIR_BASE}/Condition?patient=p1`]);
  });
});

describe('a hook call that cannot get its data', () => {
  it('answers 412 naming the missing keys when nothing is prefetched and there is no FHIR server', async () => {
    const withoutPrefetch: Record<string, unknown> = orderSignRequest();
    delete withoutPrefetch.prefetch;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, withoutPrefetch);
    expect(response.status).toBe(412);
    expect(response.body).toMatchObject({ error: 'missing_data' });
    expect((response.body as { missing: { key: string; query: string }[] }).missing.map((m) => [m.key, m.query])).toEqual([
      ['patient', 'Patient/p1'],
      ['conditions', 'Condition?patient=p1'],
      ['observations', 'Observation?patient=p1&code=29463-7,82810-3'],
      ['medicationRequests', 'MedicationRequest?patient=p1&status=active'],
      ['medicationStatements', 'MedicationStatement?patient=p1&status=active'],
      ['allergies', 'AllergyIntolerance?patient=p1'],
    ]);
    expect((response.body as { missing: { reason: string }[] }).missing[0]?.reason).toBe('no_access');
  });

  it('answers 412 when the FHIR server refuses the token', async () => {
    const server = fakeFhirServer({ ...serverPages(), [`${FHIR_BASE}/AllergyIntolerance?patient=p1`]: 401 });
    const request = orderSignRequest();
    delete request.prefetch.allergies;
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: server.fetch, now, fhirServers: [FHIR_BASE] }).handle(SIGN, { ...request, ...serverAccess });
    expect(response.status).toBe(412);
    expect((response.body as { missing: unknown[] }).missing).toEqual([
      { key: 'allergies', query: 'AllergyIntolerance?patient=p1', reason: 'http_status' },
    ]);
  });

  it('answers 412 when a prefetched search reports an error and cannot be read again', async () => {
    const request = orderSignRequest();
    request.prefetch.conditions = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, request);
    expect(response.status).toBe(412);
  });

  it('answers 200 with a warning card when the record cannot be assessed (no birth date)', async () => {
    const request = orderSignRequest();
    request.prefetch.patient = { resourceType: 'Patient', id: 'p1', gender: 'female' };
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now }).handle(SIGN, request);
    expect(response.status).toBe(200);
    const [card, ...rest] = cardsOf(response);
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ indicator: 'warning', summary: 'Sclerotherapy decision support could not assess this patient from the record.' });
  });
});

describe('a malformed hook call', () => {
  it('answers 400 with each problem and its path', async () => {
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch }).handle(SIGN, { hook: 'order-sign', hookInstance: 'not-a-uuid', context: {} });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', message: 'The body is not a valid CDS Hooks 2.0 request' });
    expect((response.body as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([['hookInstance'], ['context']]);
  });

  it('answers 400 for a body that is not an object, a hook of another service, or a context without draft orders', async () => {
    const service = createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch });
    expect((await service.handle(SIGN, 'hello')).status).toBe(400);
    expect((await service.handle('sclerotherapy-patient-view', orderSignRequest())).body).toMatchObject({ error: 'hook_mismatch' });
    const request = orderSignRequest();
    delete (request.context as Record<string, unknown>).draftOrders;
    const response = await service.handle(SIGN, request);
    expect(response.body).toMatchObject({ error: 'invalid_context', issues: [{ path: ['context', 'draftOrders'] }] });
  });

  it('answers 404 for an unknown service', async () => {
    expect((await createCdsServiceOrThrow({ insecureNoAuth: true }).handle('nope', orderSignRequest())).status).toBe(404);
  });

  it('answers 500 rather than throwing when the clock fails', async () => {
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, fetch: unusedFetch, now: () => new Date(Number.NaN) }).handle(SIGN, orderSignRequest());
    expect(response).toMatchObject({ status: 500, body: { error: 'internal_error' } });
  });
});

describe('feedback', () => {
  const example = readExample('spec-2.0.1', 'feedback-overridden-with-reason.json') as { feedback: Record<string, unknown>[] };

  // Feedback must name a card the service issued: make an order-sign call first, and give feedback on its first card.
  const issuedFeedback = async (service: ReturnType<typeof createCdsServiceOrThrow>): Promise<{ feedback: Record<string, unknown>[] }> => {
    const [card] = cardsOf(await service.handle(SIGN, orderSignRequest()));
    return { feedback: example.feedback.map((item) => ({ ...item, card: card?.uuid })) };
  };

  it('hands valid feedback on an issued card to onFeedback and answers 200', async () => {
    const onFeedback = vi.fn();
    const service = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, onFeedback, log: silent });
    const feedback = await issuedFeedback(service);
    const response = await service.feedback(SIGN, feedback);
    expect(response).toMatchObject({ status: 200, body: { received: 1 } });
    expect(onFeedback).toHaveBeenCalledWith(feedback, SIGN);
  });

  it('answers 400 for feedback on a card the service did not issue, or with more than 50 items', async () => {
    const onFeedback = vi.fn();
    const service = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, onFeedback, log: silent });
    const notIssued = await service.feedback(SIGN, example);
    expect(notIssued).toMatchObject({ status: 400, body: { error: 'unknown_card', issues: [{ code: 'unknown_card', path: ['feedback', 0, 'card'] }] } });
    const feedback = await issuedFeedback(service);
    const tooMany = await service.feedback(SIGN, { feedback: Array.from({ length: 51 }, () => feedback.feedback[0]) });
    expect(tooMany).toMatchObject({ status: 400, body: { error: 'too_many_feedback_items' } });
    expect(onFeedback).not.toHaveBeenCalled();
  });

  it('never logs a userComment unless told to', async () => {
    const lines: Record<string, unknown>[] = [];
    const service = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, log: (entry) => lines.push({ ...entry }) });
    const feedback = await issuedFeedback(service);
    const withComment = { feedback: [{ ...feedback.feedback[0], overrideReason: { userComment: 'Patient Jane Doe prefers to go ahead' } }] };
    expect((await service.feedback(SIGN, withComment)).status).toBe(200);
    expect(JSON.stringify(lines)).not.toContain('Jane Doe');
    expect(lines.at(-1)).toMatchObject({ event: 'feedback', items: [{ userComment: '[not logged]' }] });
    const verbose = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, feedback: { logUserComment: true }, log: (entry) => lines.push({ ...entry }) });
    const again = await issuedFeedback(verbose);
    expect((await verbose.feedback(SIGN, { feedback: [{ ...again.feedback[0], overrideReason: { userComment: 'Patient Jane Doe prefers to go ahead' } }] })).status).toBe(200);
    expect(JSON.stringify(lines.at(-1))).toContain('Jane Doe');
  });

  it('answers 400 for malformed feedback without calling onFeedback', async () => {
    const onFeedback = vi.fn();
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, log: silent, onFeedback }).feedback(SIGN, { feedback: [{ card: 'x', outcome: 'accepted' }] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_feedback' });
    expect(onFeedback).not.toHaveBeenCalled();
  });

  it('answers 500 when onFeedback fails, and 404 for an unknown service', async () => {
    const failing = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, log: silent, onFeedback: () => Promise.reject(new Error('disk full')) });
    const feedback = await issuedFeedback(failing);
    expect(await failing.feedback(SIGN, feedback)).toMatchObject({ status: 500, body: { error: 'feedback_failed' } });
    expect((await failing.feedback('nope', feedback)).status).toBe(404);
  });
});
