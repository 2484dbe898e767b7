import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardSchema } from '../../src/adapters/cds-hooks/index.js';
import { createTestClient, type TestClient } from '../adapters/cds-hooks/service/client-keys.js';
import { startCliServer, type CliServer } from './cli-server.js';
import { audienceOf, writeConfigFiles } from './service-config.js';
import { startFhirServer, type TestFhirServer } from './fhir-server.js';
import { SPIDER_ID, orderSignCall, polidocanolDraftOrder, prefetchFor, syntheaRecord, veinConditions, type Resource } from './fhir-records.js';
import { EXPECTED_PREFETCH as TEMPLATES, OPTIONAL_KEYS } from './service-config.js';

// The real CLI, started from the sources, on a free port; a FHIR server of our own on 127.0.0.1.
const TIMEOUT = 30_000;
const TOKEN = 'e2e-token-7f3a9c';
const SIGN = 'sclerotherapy-order-sign';
const FINDING = 'org.sclerotherapy-cds.finding';
const FINDINGS = 'org.sclerotherapy-cds.findings';


interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

interface CardView {
  readonly indicator: string;
  readonly summary: string;
  readonly extension: Readonly<Record<string, unknown>>;
}

// The service runs behind a (pretend) proxy at PUBLIC; every call carries a fresh token of the EHR for its URL.
const PUBLIC = 'https://cds.example.org';
const SANDBOX = 'https://sandbox.cds-hooks.org';
let ehr: TestClient;

const call = async (url: string, init: RequestInit = {}): Promise<HttpReply> => {
  const headers = new Headers(init.headers);
  if (init.method !== 'OPTIONS') headers.set('authorization', `Bearer ${await ehr.mint(audienceOf(url, PUBLIC))}`);
  const response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
};

const post = (url: string, body: unknown): Promise<HttpReply> =>
  call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const cardsOf = (reply: HttpReply): readonly CardView[] => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const { cards } = reply.body as { cards: CardView[] };
  for (const card of cards) {
    const parsed = CardSchema.safeParse(card);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  }
  return cards;
};

// A finding card names its rule in `org.sclerotherapy-cds.finding`; the info card lists its findings' rules.
const ruleIdsOf = (card: CardView): readonly string[] => {
  const finding = card.extension[FINDING] as { ruleId: string } | undefined;
  const findings = card.extension[FINDINGS] as { ruleId: string }[] | undefined;
  return finding === undefined ? (findings ?? []).map((f) => f.ruleId) : [finding.ruleId];
};

const overview = (cards: readonly CardView[]): readonly (readonly [string, readonly string[]])[] => cards.map((card) => [card.indicator, ruleIdsOf(card)]);

const findingCards = (cards: readonly CardView[]): readonly (readonly [string, string])[] =>
  cards.flatMap((card) => (card.extension[FINDING] === undefined ? [] : [[card.indicator, ruleIdsOf(card)[0] ?? ''] as const]));

// Mafalda Turcotte: F, born 1969, on warfarin since 2015 (Synthea); the vein records and the order are ours.
const record = syntheaRecord('Mafalda_Turcotte');
const patientId = record.patient.id;
const resources: readonly Resource[] = [...record.resources, ...veinConditions(patientId)];
const draftOrder = polidocanolDraftOrder(patientId);
const HOOK_INSTANCE = '6c1c4f4e-6f5f-4a53-9c1e-7f0d3f2b8a11';
const prefetched = (): Record<string, unknown> => prefetchFor(TEMPLATES, resources, patientId, 'https://ehr.example.org/fhir');
const signWithPrefetch = (server: CliServer): Promise<HttpReply> =>
  post(`${server.servicesUrl}/${SIGN}`, { ...orderSignCall(patientId, draftOrder, HOOK_INSTANCE), prefetch: prefetched() });

// The order breaks the dose limits, and targets spider veins on a leg with untreated varicose veins.
// A record documents no earlier session, so the daily cap (which needs one the same day) is silent.
const CRITICAL_CARDS = [
  ['critical', 'dose.session-container-cap'],
  ['critical', 'dose.session-volume-cap'],
  ['critical', 'ordering.varicose-before-spider'],
] as const;
// Synthea records no duplex scan and no recent weight (the last is from 2021), no earlier sessions and
// no contraindication screening. The varicose veins are not targets of the order, so the label
// caution about varicose veins (which looks at the targets when there is a plan) is silent.
const RECORD_WARNINGS = [
  ['warning', 'candidacy.duplex-before-varicose'],
  ['warning', 'dose.weight-not-recorded'],
  ['warning', 'screening.prior-sessions-unknown'],
  ['warning', 'screening.unconfirmed-contraindications'],
] as const;
// The one card of every dose limit the order breaks.
const DOSE_LIMITS_CARD = ['critical', ['dose.session-container-cap', 'dose.session-volume-cap']];
// The rules of the cards folded into the info card to keep the call within five cards.
const foldedOf = (cards: readonly CardView[]): readonly string[] =>
  ((cards.at(-1)?.extension['org.sclerotherapy-cds.folded-cards'] ?? []) as CardView[]).map((card) => ruleIdsOf(card)[0] ?? '');
const INFO_CARD = [
  'info',
  [
    'candidacy.telangiectasia',
    'counselling.expected-effects',
    'counselling.results-timeline',
    'counselling.sessions-expected',
    'dose.anaphylaxis-volume',
    'screening.unconfirmed-precautions',
  ],
];

describe('sclerotherapy-cds serve, end to end', () => {
  let server: CliServer;
  let fhir: TestFhirServer;

  beforeAll(async () => {
    fhir = await startFhirServer(resources, TOKEN);
    ehr = await createTestClient('https://ehr.example.org', 'ES384');
    const dir = writeConfigFiles({
      'service.json': { publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwksFile: 'ehr-jwks.json', fhirServers: [fhir.base] }], cors: { origins: [SANDBOX] } },
      'ehr-jwks.json': ehr.jwks,
    });
    server = await startCliServer(['--config', `${dir}/service.json`], TIMEOUT);
  }, TIMEOUT);

  afterAll(async () => {
    server?.kill();
    await fhir?.close();
  }, TIMEOUT);

  it('prints the discovery URL on stdout', () => {
    expect(server.stdout()).toBe(`sclerotherapy-cds CDS Hooks service listening on ${server.servicesUrl}\n`);
    expect(server.servicesUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cds-services$/);
  });

  it('lists the three services with their hooks and prefetch templates in discovery', async () => {
    const reply = await call(server.servicesUrl);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const { services } = reply.body as { services: { id: string; hook: string; title: string; prefetch: Record<string, string> }[] };
    expect(services.map((s) => [s.id, s.hook])).toEqual([
      ['sclerotherapy-order-select', 'order-select'],
      ['sclerotherapy-order-sign', 'order-sign'],
      ['sclerotherapy-patient-view', 'patient-view'],
    ]);
    for (const service of services) {
      expect(service.title).not.toBe('');
      expect(service.prefetch).toEqual(TEMPLATES);
    }
  }, TIMEOUT);

  it('answers an order-sign call prefetched from a Synthea record with the dose blocks and the anticoagulation warning', async () => {
    expect(JSON.stringify(prefetched().medicationRequests)).toContain('"code":"855332"');
    const cards = cardsOf(await signWithPrefetch(server));
    // At most five cards: both dose limits on one card, the warning about the record (the
    // anticoagulant) kept before the requests to document, which fold into the info card.
    expect(overview(cards)[0]).toEqual(DOSE_LIMITS_CARD);
    expect(findingCards(cards)).toEqual([CRITICAL_CARDS[2], RECORD_WARNINGS[0], ['warning', 'precaution.anticoagulation']]);
    expect(foldedOf(cards)).toEqual(RECORD_WARNINGS.slice(1).map(([, rule]) => rule));
    expect(overview(cards).at(-1)).toEqual(INFO_CARD);
    // The anticoagulant comes from Synthea's warfarin order; the deferred spider veins are the order's target.
    const anticoagulation = cards.find((card) => ruleIdsOf(card)[0] === 'precaution.anticoagulation');
    expect(JSON.stringify(anticoagulation?.extension[FINDING])).toMatch(/"anticoagulated"/);
    const ordering = cards.find((card) => ruleIdsOf(card)[0] === 'ordering.varicose-before-spider');
    expect(ordering?.extension[FINDING]).toMatchObject({ effect: 'defer-veins', veinIds: [SPIDER_ID] });
  }, TIMEOUT);

  it('answers the negative control (Dannie Schmitt, F 45, no anticoagulant) without the anticoagulation warning', async () => {
    const control = syntheaRecord('Dannie_Schmitt');
    const id = control.patient.id;
    const prefetch = prefetchFor(TEMPLATES, [...control.resources, ...veinConditions(id)], id, 'https://ehr.example.org/fhir');
    const cards = cardsOf(await post(`${server.servicesUrl}/${SIGN}`, { ...orderSignCall(id, polidocanolDraftOrder(id), HOOK_INSTANCE), prefetch }));
    // Under 55, with no pregnancy status on record, she is asked about pregnancy instead.
    expect(overview(cards)[0]).toEqual(DOSE_LIMITS_CARD);
    expect(findingCards(cards)).toEqual([CRITICAL_CARDS[2], ...RECORD_WARNINGS.slice(0, 2)]);
    expect(foldedOf(cards)).toEqual([
      'screening.pregnancy-status-unknown',
      ...RECORD_WARNINGS.slice(2).map(([, rule]) => rule),
      // Nothing in the record says whether she takes an anticoagulant: a caution, not a hold.
      'screening.unconfirmed-thrombosis-risk',
    ]);
    expect(overview(cards).at(-1)).toEqual(INFO_CARD);
  }, TIMEOUT);

  it('reads the same data from the FHIR server with the bearer token, and answers the same cards', async () => {
    const prefetchedCards = cardsOf(await signWithPrefetch(server));
    fhir.queries.length = 0;
    const reply = await post(`${server.servicesUrl}/${SIGN}`, {
      ...orderSignCall(patientId, draftOrder, HOOK_INSTANCE),
      fhirServer: fhir.base,
      fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'sclerotherapy-cds' },
    });
    expect(cardsOf(reply)).toEqual(prefetchedCards);
    // A call reads at most 10 pages: the needed keys, then the optional ones in their order while pages last.
    const read = Object.values(TEMPLATES).slice(0, 10);
    expect(fhir.queries.map((q) => q.query).sort()).toEqual(read.map((t) => t.replace('{{context.patientId}}', patientId)).sort());
    for (const query of fhir.queries) expect(query).toMatchObject({ method: 'GET', authorization: `Bearer ${TOKEN}`, status: 200 });
  }, TIMEOUT);

  it('answers 412 when the FHIR server refuses the token', async () => {
    fhir.queries.length = 0;
    const reply = await post(`${server.servicesUrl}/${SIGN}`, {
      ...orderSignCall(patientId, draftOrder, HOOK_INSTANCE),
      fhirServer: fhir.base,
      fhirAuthorization: { access_token: 'not-the-token', token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'sclerotherapy-cds' },
    });
    expect(reply.status).toBe(412);
    expect(reply.body).toMatchObject({ error: 'missing_data' });
    expect((reply.body as { missing: { key: string; reason: string }[] }).missing.map((m) => m.key).sort()).toEqual(Object.keys(TEMPLATES).filter((k) => !OPTIONAL_KEYS.includes(k)).sort());
    expect(fhir.queries.every((q) => q.status === 401 && q.authorization === 'Bearer not-the-token')).toBe(true);
  }, TIMEOUT);

  it('answers a malformed request with 400 and a JSON error body', async () => {
    const notJson = await post(`${server.servicesUrl}/${SIGN}`, '{"hook": ');
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toMatch(/^application\/json/);
    expect(notJson.body).toMatchObject({ error: 'invalid_request', message: expect.any(String) });
    const noHookInstance = await post(`${server.servicesUrl}/${SIGN}`, { hook: 'order-sign', context: {} });
    expect(noHookInstance.status).toBe(400);
    expect(noHookInstance.body).toMatchObject({ error: 'invalid_request', issues: expect.any(Array) });
  }, TIMEOUT);

  it('answers 400, not 500, to a service path with broken percent-encoding', async () => {
    const reply = await post(`${server.servicesUrl}/%E0%A4%A`, orderSignCall(patientId, draftOrder, HOOK_INSTANCE));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_request' });
  }, TIMEOUT);

  it('answers 404 for an unknown service', async () => {
    const reply = await post(`${server.servicesUrl}/no-such-service`, orderSignCall(patientId, draftOrder, HOOK_INSTANCE));
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: 'unknown_service' });
  }, TIMEOUT);

  it('answers 412 naming the missing data when there is neither prefetch nor fhirServer', async () => {
    const reply = await post(`${server.servicesUrl}/${SIGN}`, orderSignCall(patientId, draftOrder, HOOK_INSTANCE));
    expect(reply.status).toBe(412);
    expect(reply.body).toMatchObject({ error: 'missing_data', missing: expect.arrayContaining([expect.objectContaining({ key: 'patient', query: `Patient/${patientId}` })]) });
  }, TIMEOUT);

  it('answers a CORS preflight from a configured origin with 204 and the allowed origin, methods and headers; others get no CORS', async () => {
    const preflight = (path: string, origin: string) =>
      call(`${server.servicesUrl}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
    const other = await preflight(`/${SIGN}`, 'https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('/../admin', SANDBOX)).status).toBe(404);
    const reply = await preflight(`/${SIGN}`, SANDBOX);
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expect(reply.headers.get('access-control-allow-origin')).toBe(SANDBOX);
    expect(reply.headers.get('access-control-allow-methods')).toContain('POST');
    expect(reply.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  }, TIMEOUT);

  it('logs one line per request on stderr', async () => {
    // A line is written once its response is sent, so the last one may still be on its way.
    await expect.poll(() => server.stderr(), { timeout: TIMEOUT }).toMatch(/ OPTIONS \/cds-services\/sclerotherapy-order-sign 204 \d+ms\n/);
    expect(server.stderr()).toMatch(/^\S+Z GET \/cds-services 200 \d+ms\n/);
    expect(server.stderr()).toMatch(/ POST \/cds-services\/sclerotherapy-order-sign 412 \d+ms\n/);
    expect(server.stderr()).toMatch(/ POST \/cds-services\/no-such-service 404 \d+ms\n/);
  }, TIMEOUT);

  it('stops on SIGTERM: the process exits 0 and stderr ends with "stopped"', async () => {
    const exit = await server.stop('SIGTERM', TIMEOUT);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr().trimEnd().split('\n').at(-1)).toBe('stopped');
    await expect(fetch(server.servicesUrl, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  }, TIMEOUT);
});
