import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCdsService, createCdsServiceOrThrow, type CdsService } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import { createMemoryKeyStore } from '../../../../src/adapters/cds-hooks/service/replay-cache.js';
import { ServiceConfigSchema, isLoopbackHost } from '../../../../src/adapters/cds-hooks/service/service-config.js';
import { createTestClient, unsignedToken, type TestClient } from './client-keys.js';
import { unusedFetch } from './fake-fhir-server.js';
import { orderSignRequest } from './requests.js';

// The service's clock and the signer's agree; the tokens are made with jose at test time.
const NOW = new Date('2026-11-23T09:00:00Z');
const now = (): Date => NOW;
const PUBLIC = 'https://cds.example.org';
const SIGN = 'sclerotherapy-order-sign';
const SIGN_AUD = `${PUBLIC}/cds-services/${SIGN}`;

const bearer = (token: string) => ({ method: 'POST', url: `/cds-services/${SIGN}`, headers: { authorization: `Bearer ${token}` } });

describe('client authentication (in process)', () => {
  let ehr: TestClient;
  let service: CdsService;
  const log: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ehr = await createTestClient('https://ehr.example.org', 'ES384');
    service = createCdsServiceOrThrow({
      fetch: unusedFetch,
      now,
      publicUrl: PUBLIC,
      clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: ['https://fhir.example.org/r4'] }],
      log: (entry) => log.push({ ...entry }),
    });
  });

  const refusal = async (authorization: string | undefined): Promise<unknown> => {
    const response = await service.handle(SIGN, orderSignRequest(), { headers: authorization === undefined ? {} : { authorization } });
    expect(response.status).toBe(401);
    expect(response.headers?.['www-authenticate']).toMatch(/^Bearer/);
    return (response.body as { reason: string }).reason;
  };

  it('answers 200 with cards to a valid ES384 token', async () => {
    const response = await service.handle(SIGN, orderSignRequest(), bearer(await ehr.mint(SIGN_AUD, { now: NOW })));
    expect(response.status).toBe(200);
    expect((response.body as { cards: unknown[] }).cards.length).toBeGreaterThan(0);
  });

  it('refuses each broken token with 401 and its reason class, and logs why without the token', async () => {
    const mint = (options: Parameters<TestClient['mint']>[1] = {}, aud = SIGN_AUD) => ehr.mint(aud, { now: NOW, ...options });
    const { privateKey: otherKey } = await generateKeyPair('ES384');
    const hmac = await new SignJWT({ iss: ehr.iss, aud: SIGN_AUD, jti: randomUUID() }).setProtectedHeader({ alg: 'HS256', kid: 'k' }).setIssuedAt().setExpirationTime('2m').sign(new Uint8Array(32));
    const cases: [string, string | undefined][] = [
      ['missing_token', undefined],
      ['malformed_token', 'Basic dXNlcjpwdw=='],
      ['malformed_token', 'Bearer not-a-jwt'],
      ['unsupported_alg', `Bearer ${unsignedToken({ iss: ehr.iss, aud: SIGN_AUD, exp: NOW.getTime() / 1000 + 60, iat: NOW.getTime() / 1000, jti: 'x' })}`],
      ['unsupported_alg', `Bearer ${hmac}`],
      ['missing_kid', `Bearer ${await mint({ header: { kid: undefined } })}`],
      ['unknown_issuer', `Bearer ${await mint({ claims: { iss: 'https://other.example.org' } })}`],
      ['bad_audience', `Bearer ${await mint({}, `${PUBLIC}/cds-services/sclerotherapy-patient-view`)}`],
      ['bad_audience', `Bearer ${await mint({}, `${PUBLIC}/cds-services`)}`],
      ['expired', `Bearer ${await mint({ now: new Date(NOW.getTime() - 3_600_000) })}`],
      ['exp_too_far', `Bearer ${await mint({ expiresIn: 3600 })}`],
      ['missing_claim', `Bearer ${await mint({ omit: ['jti'] })}`],
      ['missing_claim', `Bearer ${await mint({ omit: ['exp'] })}`],
      ['missing_claim', `Bearer ${await mint({ omit: ['iat'] })}`],
      ['bad_signature', `Bearer ${await mint({ key: otherKey })}`],
      ['unknown_key', `Bearer ${await mint({ header: { kid: 'not-a-configured-kid' } })}`],
      ['jku_not_allowed', `Bearer ${await mint({ header: { jku: 'https://keys.example.org/jwks.json' } })}`],
    ];
    for (const [reason, authorization] of cases) expect(await refusal(authorization), `${reason}: ${authorization ?? '(none)'}`).toBe(reason);
    const text = JSON.stringify(log);
    for (const [, authorization] of cases) if (authorization !== undefined && authorization.length > 40) expect(text).not.toContain(authorization.slice(7));
    expect(log.filter((e) => e.event === 'auth_refused').map((e) => e.reason)).toEqual(cases.map(([reason]) => reason));
  });

  it('refuses a replayed jti, also with a new signature', async () => {
    const jti = randomUUID();
    const first = await ehr.mint(SIGN_AUD, { now: NOW, jti });
    expect((await service.handle(SIGN, orderSignRequest(), bearer(first))).status).toBe(200);
    expect(await refusal(`Bearer ${first}`)).toBe('replayed');
    expect(await refusal(`Bearer ${await ehr.mint(SIGN_AUD, { now: NOW, jti, expiresIn: 200 })}`)).toBe('replayed');
  });

  it('authenticates discovery and feedback against their own URLs', async () => {
    expect((await service.discovery({ headers: {} })).status).toBe(401);
    expect((await service.discovery({ headers: { authorization: `Bearer ${await ehr.mint(SIGN_AUD, { now: NOW })}` } })).body).toMatchObject({ reason: 'bad_audience' });
    const discovery = await service.discovery({ headers: { authorization: `Bearer ${await ehr.mint(`${PUBLIC}/cds-services`, { now: NOW })}` } });
    expect(discovery.status).toBe(200);
    const feedbackAud = `${SIGN_AUD}/feedback`;
    expect((await service.feedback(SIGN, { feedback: [] }, { headers: {} })).status).toBe(401);
    const cards = (await service.handle(SIGN, orderSignRequest(), bearer(await ehr.mint(SIGN_AUD, { now: NOW })))).body as { cards: { uuid: string }[] };
    const item = { card: cards.cards[0]?.uuid, outcome: 'overridden', outcomeTimestamp: '2026-11-23T09:01:00Z' };
    const ok = await service.feedback(SIGN, { feedback: [item] }, { headers: { authorization: `Bearer ${await ehr.mint(feedbackAud, { now: NOW })}` } });
    expect(ok).toMatchObject({ status: 200, body: { received: 1 } });
  });

  it('accepts RS384 and PS256 issuers too, each with its own keys', async () => {
    const epic = await createTestClient('https://epic.example.org/fhir', 'RS384');
    const other = await createTestClient('https://other.example.org', 'PS256');
    const multi = createCdsServiceOrThrow({
      fetch: unusedFetch,
      now,
      publicUrl: `${PUBLIC}/`,
      clients: [epic, other].map((c) => ({ iss: c.iss, jwks: c.jwks, fhirServers: [] })),
      log: () => undefined,
    });
    for (const client of [epic, other]) expect((await multi.handle(SIGN, orderSignRequest(), bearer(await client.mint(SIGN_AUD, { now: NOW })))).status).toBe(200);
    // A token of one issuer signed with the other's key does not verify.
    expect((await multi.handle(SIGN, orderSignRequest(), bearer(await epic.mint(SIGN_AUD, { now: NOW, key: other.privateKey, header: { alg: 'PS256' } })))).body).toMatchObject({ reason: expect.stringMatching(/unknown_key|bad_signature/) });
  });
});

describe('the configuration', () => {
  it('is refused at creation, with paths, when it is unsafe or incomplete', async () => {
    const ehr = await createTestClient();
    const issues = (options: Parameters<typeof createCdsService>[0]) => {
      const created = createCdsService(options);
      return E.isLeft(created) ? created.left.map((i) => [i.path.join('.'), i.code]) : [];
    };
    expect(issues({})).toEqual([['clients', 'no_authentication']]);
    expect(issues({ clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [] }] })).toEqual([['publicUrl', 'missing_public_url']]);
    expect(issues({ publicUrl: 'http://cds.example.org', clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [] }] })).toEqual([['publicUrl', 'invalid_public_url']]);
    expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwksUrl: 'http://keys.example.org/jwks', fhirServers: [] }] })).toEqual([['clients.0.jwksUrl', 'invalid_key_url']]);
    expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, fhirServers: [] }] })).toEqual([['clients.0', 'key_source']]);
    expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }, fhirServers: [] }] }).map(([, code]) => code)).toContain('invalid_value');
    expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: { keys: [{ kty: 'EC', d: 'secret' }] }, fhirServers: [] }] })).toEqual([['clients.0.jwks.keys.0', 'private_key_material']]);
    expect(issues({ insecureNoAuth: true, cors: { origins: ['*'] } })).toEqual([['cors.origins.0', 'invalid_origin']]);
    // A FHIR base the allowlist would never match (dot segments, user info, a query) is refused at start.
    for (const base of ['https://fhir.example.org/r4/../admin', 'https://fhir.example.org/r4/%2e%2e/admin', 'https://u:p@fhir.example.org/r4', 'https://fhir.example.org/r4?x=1']) {
      expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [base] }] }), base).toEqual([['clients.0.fhirServers.0', 'invalid_fhir_server']]);
    }
    expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: ['https://fhir.example.org/r4/'] }] })).toEqual([]);
    expect(issues({ publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [] }], fhirServers: ['https://fhir.example.org/r4'] })).toEqual([['fhirServers', 'fhir_servers_without_auth_only']]);
    expect(issues({ insecureNoAuth: true, publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [] }] })).toEqual([['insecureNoAuth', 'conflicting_auth']]);
    // Plain http is allowed on loopback only: for publicUrl and key URLs alike.
    expect(issues({ publicUrl: 'http://127.0.0.1:3000', clients: [{ iss: ehr.iss, jwksUrl: 'http://127.0.0.1:9/jwks.json', fhirServers: [] }] })).toEqual([]);
    expect(() => createCdsServiceOrThrow({})).toThrow(/clients/);
  });

  it('the file schema refuses unknown keys and duplicate issuers', () => {
    const result = ServiceConfigSchema.safeParse({ publicUrl: PUBLIC, clients: [{ iss: 'a', jwksUrl: `${PUBLIC}/k`, fhirServers: [] }, { iss: 'a', jwksFile: 'k.json', fhirServers: [] }], typo: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['clients.1.iss', '']));
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.org', '127.0.0.1.example.org']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('the memory key store', () => {
  it('refuses a key until it expires, and stays within its bound', () => {
    let t = 1_000;
    const store = createMemoryKeyStore({ maxEntries: 3, now: () => t });
    expect(store.add('a', 2_000)).toBe(true);
    expect(store.add('a', 2_000)).toBe(false);
    expect(store.has('a')).toBe(true);
    t = 2_000;
    expect(store.has('a')).toBe(false);
    expect(store.add('a', 3_000)).toBe(true);
    for (const key of ['b', 'c', 'd']) store.add(key, 9_000);
    expect(['a', 'b', 'c', 'd'].filter((k) => store.has(k))).toEqual(['b', 'c', 'd']);
  });
});

describe('CORS', () => {
  const service = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, cors: { origins: ['https://sandbox.cds-hooks.org'] }, log: () => undefined });
  const off = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, log: () => undefined });
  const preflight = (url: string, origin: string, method = 'POST') => ({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': method } });

  it('answers a preflight only on real routes, for a configured origin', () => {
    const ok = service.preflight(preflight(`/cds-services/${SIGN}`, 'https://sandbox.cds-hooks.org'));
    expect(ok).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': 'https://sandbox.cds-hooks.org', 'access-control-allow-methods': 'POST' } });
    expect(service.preflight(preflight('/cds-services', 'https://sandbox.cds-hooks.org', 'GET')).status).toBe(204);
    expect(service.preflight(preflight(`/cds-services/${SIGN}/feedback`, 'https://sandbox.cds-hooks.org')).status).toBe(204);
    expect(service.preflight(preflight('/admin', 'https://sandbox.cds-hooks.org')).status).toBe(404);
    expect(service.preflight(preflight('/cds-services/no-such-service', 'https://sandbox.cds-hooks.org')).status).toBe(404);
    expect(service.preflight(preflight(`/cds-services/${SIGN}`, 'https://evil.example')).status).toBe(403);
    expect(service.preflight(preflight(`/cds-services/${SIGN}`, 'https://sandbox.cds-hooks.org', 'DELETE')).status).toBe(403);
    expect(off.preflight(preflight(`/cds-services/${SIGN}`, 'https://sandbox.cds-hooks.org')).status).toBe(403);
  });

  it('adds the allow-origin header for a configured origin only', async () => {
    const allowed = await service.discovery({ headers: { origin: 'https://sandbox.cds-hooks.org' } });
    expect(allowed.headers?.['access-control-allow-origin']).toBe('https://sandbox.cds-hooks.org');
    expect((await service.discovery({ headers: { origin: 'https://evil.example' } })).headers?.['access-control-allow-origin']).toBeUndefined();
    expect((await off.discovery({ headers: { origin: 'https://sandbox.cds-hooks.org' } })).headers?.['access-control-allow-origin']).toBeUndefined();
  });
});
