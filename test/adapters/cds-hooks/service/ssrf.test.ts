/// <reference types="node" />
import { afterEach, describe, expect, it } from 'vitest';
import { allowedBaseOf, allowedPrefixOf, parsePrefix, parsePrefixes } from '../../../../src/adapters/cds-hooks/service/fhir-allowlist.js';
import * as E from 'fp-ts/lib/Either.js';
import { createCdsService, createCdsServiceOrThrow, type CdsServiceOptions } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import type { CdsHttpResponse } from '../../../../src/adapters/cds-hooks/service/http.js';
import { jsonTooDeep, valueTooDeep } from '../../../../src/adapters/cds-hooks/service/json-depth.js';
import { closedPort, startCanary, streamHugeBundle, type Canary } from './canary.js';
import { createTestClient } from './client-keys.js';
import { orderSignRequest, serverPages, FHIR_BASE } from './requests.js';

// Every server here is a canary on 127.0.0.1 that counts what it receives; a refused target must get 0 hits.
const SIGN = 'sclerotherapy-order-sign';
const SECRET = 'SECRET-TOKEN-123';
const NOW = new Date('2026-11-23T09:00:00Z');
const now = (): Date => NOW;
const PUBLIC = 'https://cds.example.org';
const SIGN_AUD = `${PUBLIC}/cds-services/${SIGN}`;
const silent = (): undefined => undefined;
const TIMEOUT = 30_000;

const open: Canary[] = [];
const canary = async (...args: Parameters<typeof startCanary>): Promise<Canary> => {
  const started = await startCanary(...args);
  open.push(started);
  return started;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const access = (fhirServer: string): Record<string, unknown> => ({
  fhirServer,
  fhirAuthorization: { access_token: SECRET, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'sclerotherapy-cds' },
});

// The A:ssrf shape: only the patient prefetched, everything else to be read from fhirServer (the
// optional keys prefetched as null: the client has no such data).
const patientOnly = (fhirServer: string): Record<string, unknown> => {
  const request = orderSignRequest();
  const none = Object.fromEntries(Object.entries(request.prefetch).filter(([, value]) => value === null));
  return { ...request, prefetch: { patient: request.prefetch.patient, ...none }, ...access(fhirServer) };
};

// A FHIR server with the fixture's data under `/fhir`, on 127.0.0.1.
const fhirFixtureServer = (): Promise<Canary> =>
  canary((req, res) => {
    const page = serverPages()[`${FHIR_BASE}${(req.url ?? '').replace(/^\/fhir/, '')}`];
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(page ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }));
  });

interface Missing {
  readonly key: string;
  readonly reason: string;
}
const missingOf = (response: CdsHttpResponse): readonly Missing[] => (response.body as { missing?: Missing[] }).missing ?? [];
const reasonsOf = (response: CdsHttpResponse): readonly string[] => [...new Set(missingOf(response).map((m) => m.reason))];

// Without client authentication (a local demo): the service-wide fhirServers apply.
const service = (options: CdsServiceOptions): ReturnType<typeof createCdsServiceOrThrow> => createCdsServiceOrThrow({ insecureNoAuth: true, now, log: silent, ...options });
const bearer = (token: string) => ({ method: 'POST', url: `/cds-services/${SIGN}`, headers: { authorization: `Bearer ${token}` } });

describe('allowed FHIR base prefixes', () => {
  const prefixes = parsePrefixes(['https://fhir.example.org/r4', 'http://127.0.0.1:8080/']);

  it('allows the prefix itself and paths below it at a segment boundary, with the same scheme, host and port', () => {
    expect(allowedPrefixOf('https://fhir.example.org/r4', prefixes)).toBeDefined();
    expect(allowedPrefixOf('https://FHIR.example.org:443/r4/Patient/1?x=%2F', prefixes)).toBeDefined();
    expect(allowedPrefixOf('http://127.0.0.1:8080/anything', prefixes)).toBeDefined();
    expect(allowedPrefixOf('https://fhir.example.org/r4x', prefixes)).toBeUndefined();
    expect(allowedPrefixOf('http://fhir.example.org/r4', prefixes)).toBeUndefined();
    expect(allowedPrefixOf('https://fhir.example.org:8443/r4', prefixes)).toBeUndefined();
    expect(allowedPrefixOf('https://fhir.example.org.evil.test/r4', prefixes)).toBeUndefined();
    expect(allowedPrefixOf('http://127.0.0.1:8081/', prefixes)).toBeUndefined();
    expect(allowedPrefixOf('http://localhost:8080/', prefixes)).toBeUndefined();
  });

  it('refuses dot segments, encoded dots, slashes and backslashes, user info and other schemes', () => {
    for (const url of [
      'https://fhir.example.org/r4/../admin',
      'https://fhir.example.org/r4/./Patient',
      'https://fhir.example.org/r4/%2e%2e/admin',
      'https://fhir.example.org/r4/%2E%2E/admin',
      'https://fhir.example.org/r4/.%2e/admin',
      'https://fhir.example.org/r4%2f..%2fadmin',
      'https://fhir.example.org/r4/..%5cadmin',
      'https://fhir.example.org/r4\\..\\admin',
      'https://user:pw@fhir.example.org/r4',
      'https://user@fhir.example.org/r4',
      'ftp://fhir.example.org/r4',
      'https://fhir.example.org/r4/Patient 1',
      'not a url',
    ]) {
      expect(allowedPrefixOf(url, prefixes), url).toBeUndefined();
    }
  });

  it('takes a fhirServer only without query or fragment, and refuses invalid configured prefixes', () => {
    expect(allowedBaseOf('https://fhir.example.org/r4/', prefixes)).toEqual({ origin: 'https://fhir.example.org', path: '/r4' });
    expect(allowedBaseOf('https://fhir.example.org/r4?x=1', prefixes)).toBeUndefined();
    expect(parsePrefix('https://u:p@fhir.example.org/')).toBeUndefined();
    expect(parsePrefix('https://fhir.example.org/a/../b')).toBeUndefined();
    expect(parsePrefix('file:///etc')).toBeUndefined();
  });
});

describe('JSON nesting checks', () => {
  it('scans text iteratively, ignoring brackets inside strings', () => {
    expect(jsonTooDeep('['.repeat(5000) + ']'.repeat(5000))).toBe(true);
    expect(jsonTooDeep(`{"a":"${'['.repeat(100)}"}`)).toBe(false);
    expect(jsonTooDeep(`{"a":"\\"${'{'.repeat(100)}"}`)).toBe(false);
    expect(jsonTooDeep('['.repeat(64) + ']'.repeat(64))).toBe(false);
    expect(jsonTooDeep('['.repeat(65) + ']'.repeat(65))).toBe(true);
  });

  it('checks parsed values with an explicit stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(valueTooDeep(deep)).toBe(true);
    expect(valueTooDeep(orderSignRequest())).toBe(false);
  });
});

describe('integration review §1.1 reproducers', () => {
  it('SEC-2 A:ssrf: a fhirServer outside the allowed prefixes gets no request and no token; 412 not_allowed per key', async () => {
    const allowed = await fhirFixtureServer();
    const target = await canary();
    const cds = service({ fhirServers: [`${allowed.origin}/fhir`] });
    for (const fhirServer of [`${target.origin}/internal-admin`, `http://localhost:${target.port}/internal-admin`, `${target.origin}/fhir`]) {
      const response = await cds.handle(SIGN, patientOnly(fhirServer));
      expect(response.status, fhirServer).toBe(412);
      expect(missingOf(response).map((m) => m.key)).toEqual(['conditions', 'observations', 'medicationRequests', 'medicationStatements', 'allergies']);
      expect(reasonsOf(response)).toEqual(['not_allowed']);
    }
    expect(target.hits).toEqual([]);
    expect(allowed.hits).toEqual([]);
  }, TIMEOUT);

  it('SEC-2 A:ssrf: the allowed server is read, and only it receives the token', async () => {
    const allowed = await fhirFixtureServer();
    const response = await service({ fhirServers: [`${allowed.origin}/fhir`] }).handle(SIGN, patientOnly(`${allowed.origin}/fhir`));
    expect(response.status).toBe(200);
    expect(allowed.hits).toHaveLength(5);
    for (const hit of allowed.hits) expect(hit.authorization).toBe(`Bearer ${SECRET}`);
  }, TIMEOUT);

  it("SEC-2: with client authentication, the token issuer's fhirServers are the only prefixes read", async () => {
    const allowed = await fhirFixtureServer();
    const other = await fhirFixtureServer();
    const ehr = await createTestClient('https://ehr.example.org');
    const none = await createTestClient('https://other-ehr.example.org');
    const cds = createCdsServiceOrThrow({
      now,
      log: silent,
      publicUrl: PUBLIC,
      clients: [
        { iss: ehr.iss, jwks: ehr.jwks, fhirServers: [`${allowed.origin}/fhir`] },
        { iss: none.iss, jwks: none.jwks, fhirServers: [] },
      ],
    });
    const call = async (client: typeof ehr, fhirServer: string): Promise<CdsHttpResponse> => cds.handle(SIGN, patientOnly(fhirServer), bearer(await client.mint(SIGN_AUD, { now: NOW })));
    expect((await call(ehr, `${allowed.origin}/fhir`)).status).toBe(200);
    expect(allowed.hits).toHaveLength(5);
    // Another client's server, or one of a client allowed none: 412 not_allowed, no request.
    expect(reasonsOf(await call(ehr, `${other.origin}/fhir`))).toEqual(['not_allowed']);
    expect(reasonsOf(await call(none, `${allowed.origin}/fhir`))).toEqual(['not_allowed']);
    expect(other.hits).toEqual([]);
    expect(allowed.hits).toHaveLength(5);
    // The service-wide prefixes are for the unauthenticated mode only.
    const both = createCdsService({ now, publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [] }], fhirServers: [`${other.origin}/fhir`] });
    expect(E.isLeft(both) ? both.left.map((i) => i.code) : []).toEqual(['fhir_servers_without_auth_only']);
  }, TIMEOUT);

  it('SEC-3 S6: a redirect is never followed; its target gets no request; 412 redirect', async () => {
    const target = await canary();
    const redirecting = await canary((_, res) => {
      res.writeHead(302, { location: `${target.origin}/stolen` });
      res.end();
    });
    const response = await service({ fhirServers: [`${redirecting.origin}/fhir`] }).handle(SIGN, patientOnly(`${redirecting.origin}/fhir`));
    expect(response.status).toBe(412);
    expect(reasonsOf(response)).toEqual(['redirect']);
    expect(redirecting.hits).toHaveLength(5);
    expect(target.hits).toEqual([]);
  }, TIMEOUT);

  it('SEC-4 S8: a next link that climbs out of the base with .. or %2e%2e is refused without a request', async () => {
    for (const climb of ['..', '%2e%2e', '%2E%2E', '.%2e']) {
      const server = await canary((req, res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        const next = `http://${req.headers.host ?? ''}/dotdot/${climb}/admin/secret`;
        res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: next }] }));
      });
      const request = orderSignRequest();
      delete request.prefetch.conditions;
      const response = await service({ fhirServers: [`${server.origin}/dotdot`] }).handle(SIGN, { ...request, ...access(`${server.origin}/dotdot`) });
      expect(response.status, climb).toBe(412);
      expect(missingOf(response)).toEqual([{ key: 'conditions', query: 'Condition?patient=p1', reason: 'not_allowed' }]);
      expect(server.hits.map((h) => h.url)).toEqual(['/dotdot/Condition?patient=p1']);
    }
  }, TIMEOUT);

  it('SEC-4 S7: a next link to another origin is refused, and the other origin gets nothing', async () => {
    const elsewhere = await canary();
    const server = await canary((_, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: `${elsewhere.origin}/fhir/Condition?page=2` }] }));
    });
    const request = orderSignRequest();
    delete request.prefetch.conditions;
    const response = await service({ fhirServers: [`${server.origin}/fhir`, `${elsewhere.origin}/fhir`] }).handle(SIGN, { ...request, ...access(`${server.origin}/fhir`) });
    expect(reasonsOf(response)).toEqual(['not_allowed']);
    expect(elsewhere.hits).toEqual([]);
  }, TIMEOUT);

  it('SEC-5 A:portscan: a closed port, a non-FHIR port and a 404 give reason classes only, never bytes, ports or error text', async () => {
    const html = await canary((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>internal admin console</html>');
    });
    const notFound = await canary((_, res) => {
      res.writeHead(404);
      res.end('nothing here');
    });
    const closed = await closedPort();
    const bases = { unreachable: `http://127.0.0.1:${closed}/x`, not_fhir: `${html.origin}/x`, http_status: `${notFound.origin}/x` };
    const cds = service({ fhirServers: Object.values(bases) });
    for (const [reason, base] of Object.entries(bases)) {
      const response = await cds.handle(SIGN, patientOnly(base));
      expect(response.status).toBe(412);
      expect(reasonsOf(response)).toEqual([reason]);
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/html|internal|nothing|fetch failed|ECONNREFUSED|127\.0\.0\.1/);
      expect(text).not.toContain(String(new URL(base).port));
    }
  }, TIMEOUT);

  it('SEC-5 S4b: a fhirServer with user info is refused and never echoed', async () => {
    const allowed = await fhirFixtureServer();
    const response = await service({ fhirServers: [`${allowed.origin}/fhir`] }).handle(SIGN, patientOnly(`http://user:pw@127.0.0.1:${allowed.port}/fhir`));
    expect(reasonsOf(response)).toEqual(['not_allowed']);
    expect(JSON.stringify(response.body)).not.toContain('pw');
    expect(allowed.hits).toEqual([]);
  }, TIMEOUT);

  it('SEC-5 D3: a 500 says "internal error" with a correlation id, and the details go to the log under it', async () => {
    const entries: Record<string, unknown>[] = [];
    const response = await createCdsServiceOrThrow({ insecureNoAuth: true, now: () => new Date(Number.NaN), log: (entry) => entries.push({ ...entry }) }).handle(SIGN, orderSignRequest());
    expect(response.status).toBe(500);
    const body = response.body as { error: string; message: string; correlationId: string };
    expect(body).toEqual({ error: 'internal_error', message: 'internal error', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(entries.find((e) => e.event === 'internal_error')).toMatchObject({ correlationId: body.correlationId, error: expect.any(String) });
  });

  it('SEC-5 D3 / A:deep: a body nested 5,000 deep gets 400 before validation, not a 500', async () => {
    const request = orderSignRequest() as Record<string, unknown> & { context: Record<string, unknown> };
    request.context.x = JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown;
    const response = await service({}).handle(SIGN, request);
    expect(response).toMatchObject({ status: 400, body: { error: 'too_deep' } });
  });

  it('SEC-9: one audit entry per call with hookInstance, service, status, duration and each FHIR request; no token, no resource', async () => {
    const allowed = await fhirFixtureServer();
    const entries: Record<string, unknown>[] = [];
    const ehr = await createTestClient('https://ehr.example.org');
    const cds = createCdsServiceOrThrow({ now, publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [`${allowed.origin}/fhir`] }], log: (entry) => entries.push({ ...entry }) });
    const request = patientOnly(`${allowed.origin}/fhir`);
    const token = await ehr.mint(SIGN_AUD, { now: NOW, claims: { sub: 'ehr-client' } });
    expect((await cds.handle(SIGN, request, bearer(token))).status).toBe(200);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ event: 'hook_call', hookInstance: request.hookInstance, iss: 'https://ehr.example.org', sub: 'ehr-client', service: SIGN, status: 200, ms: expect.any(Number) });
    expect(entry?.fhir).toHaveLength(5);
    for (const call of entry?.fhir as Record<string, unknown>[]) expect(call).toEqual({ host: `127.0.0.1:${allowed.port}`, status: 200, bytes: expect.any(Number), ms: expect.any(Number) });
    // A refused token is the call's one entry too: 401, its reason class, the claimed issuer; never the token.
    expect((await cds.handle(SIGN, request, bearer(token))).status).toBe(401);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ event: 'auth_refused', status: 401, reason: 'replayed', iss: 'https://ehr.example.org', sub: 'ehr-client', service: SIGN });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/Condition|Patient\/|birthDate|polidocanol/);
  }, TIMEOUT);
});

describe('integration review §1.2 reproducers', () => {
  it('DOS-1 S11: a FHIR server that never answers gives 412 timeout within the deadline plus 1 s', async () => {
    const silent = await canary(() => undefined);
    const started = Date.now();
    const response = await service({ fhirServers: [`${silent.origin}/fhir`], limits: { deadlineMs: 1_000 } }).handle(SIGN, patientOnly(`${silent.origin}/fhir`));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(412);
    expect(reasonsOf(response)).toEqual(['timeout']);
    expect(silent.hits.length).toBeGreaterThan(0);
  }, TIMEOUT);

  it('DOS-1: the EHR going away aborts the outbound reads at once', async () => {
    const silent = await canary(() => undefined);
    const gone = new AbortController();
    const pending = service({ fhirServers: [`${silent.origin}/fhir`], limits: { deadlineMs: 20_000 } }).handle(SIGN, patientOnly(`${silent.origin}/fhir`), { signal: gone.signal });
    await expect.poll(() => silent.hits.length, { timeout: 5_000 }).toBe(5);
    const started = Date.now();
    gone.abort();
    expect(reasonsOf(await pending)).toEqual(['timeout']);
    await expect.poll(() => silent.closedSockets(), { timeout: 5_000 }).toBe(5);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, TIMEOUT);

  it('DOS-2 S12: a 100 MB FHIR response is cut at the 5 MB cap; RSS stays under 300 MB', async () => {
    const sent = { bytes: 0 };
    const huge = await canary((_, res) => streamHugeBundle(res, 100 * 1024 * 1024, sent));
    const request = orderSignRequest();
    delete request.prefetch.conditions;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const response = await service({ fhirServers: [`${huge.origin}/fhir`], limits: { deadlineMs: 20_000 } }).handle(SIGN, { ...request, ...access(`${huge.origin}/fhir`) });
      expect(missingOf(response)).toEqual([{ key: 'conditions', query: 'Condition?patient=p1', reason: 'too_large' }]);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    // The canary stops once the service hangs up: far less than 100 MB leaves it.
    await expect.poll(() => huge.closedSockets(), { timeout: 5_000 }).toBe(1);
    expect(sent.bytes).toBeLessThan(50 * 1024 * 1024);
  }, 60_000);

  it('DOS-2: the responses of one call share a 20 MB cap, and an entry cap', async () => {
    // Each of the 5 searches answers 4.5 MB: under the per-response cap, 22.5 MB together.
    const big = await canary((_, res) => streamHugeBundle(res, 4.5 * 1024 * 1024, { bytes: 0 }));
    const response = await service({ fhirServers: [`${big.origin}/fhir`], limits: { deadlineMs: 20_000 } }).handle(SIGN, patientOnly(`${big.origin}/fhir`));
    expect(reasonsOf(response)).toContain('too_large');
    const entries = await service({ fhirServers: [`${big.origin}/fhir`], limits: { deadlineMs: 20_000, maxEntries: 1_000 } }).handle(SIGN, patientOnly(`${big.origin}/fhir`));
    expect(reasonsOf(entries)).toEqual(['too_large']);
  }, 60_000);

  it('DOS-3 S9: a next link back to the same page is read once; a call reads at most 10 pages', async () => {
    const loop = await canary((req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: `http://${req.headers.host ?? ''}${req.url ?? ''}` }] }));
    });
    const looping = await service({ fhirServers: [`${loop.origin}/fhir`] }).handle(SIGN, patientOnly(`${loop.origin}/fhir`));
    expect(reasonsOf(looping)).toEqual(['page_budget']);
    expect(loop.hits).toHaveLength(5);
    let page = 0;
    const endless = await canary((req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: `http://${req.headers.host ?? ''}/fhir/next?page=${++page}` }] }));
    });
    const chained = await service({ fhirServers: [`${endless.origin}/fhir`] }).handle(SIGN, patientOnly(`${endless.origin}/fhir`));
    expect(reasonsOf(chained)).toEqual(['page_budget']);
    expect(endless.hits).toHaveLength(10);
  }, TIMEOUT);
});
