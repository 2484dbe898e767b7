/// <reference types="node" />
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCdsServiceOrThrow, type CdsServiceOptions } from '../../src/adapters/cds-hooks/service/create-cds-service.js';
import { createAuditLog } from '../../src/adapters/cds-hooks/service/audit-log.js';
import { startServer, type HttpLimits } from '../../src/cli/http-server.js';
import { startCanary, type Canary } from '../adapters/cds-hooks/service/canary.js';
import { createTestClient, type TestClient } from '../adapters/cds-hooks/service/client-keys.js';
import { orderSignRequest } from '../adapters/cds-hooks/service/requests.js';
import { startCliServer, type CliServer } from './cli-server.js';
import { audienceOf, writeConfigFiles } from './service-config.js';

// The HTTP server's bounds, on 127.0.0.1 only: the server in process (so limits can be set and
// its memory measured), and the real CLI for the defaults. Refused targets are canaries that must get 0 hits.
const TIMEOUT = 30_000;
const SIGN = 'sclerotherapy-order-sign';
const SECRET = 'SECRET-TOKEN-123';
const now = (): Date => new Date('2026-11-23T09:00:00Z');

interface Running {
  readonly url: string;
  readonly server: Server;
  readonly audit: string[];
}

const running: Running[] = [];
const canaries: Canary[] = [];

// In process, without client authentication unless `auth` gives the service's clients (these tests are about bounds).
const start = async (
  options: { readonly fhirServers?: readonly string[]; readonly limits?: Partial<HttpLimits>; readonly deadlineMs?: number; readonly auth?: Pick<CdsServiceOptions, 'publicUrl' | 'clients'> } = {},
): Promise<Running> => {
  const audit: string[] = [];
  const log = createAuditLog((line) => audit.push(line));
  const security: CdsServiceOptions = options.auth ?? { insecureNoAuth: true, fhirServers: options.fhirServers ?? [] };
  const service = createCdsServiceOrThrow({ now, ...security, limits: { deadlineMs: options.deadlineMs ?? 3_000 }, log });
  const { server, url } = await startServer(service, { host: '127.0.0.1', port: 0, log: () => undefined, audit: log, ...(options.limits === undefined ? {} : { limits: options.limits }) });
  const started = { url: `${url}/cds-services`, server, audit };
  running.push(started);
  return started;
};

const canary = async (...args: Parameters<typeof startCanary>): Promise<Canary> => {
  const started = await startCanary(...args);
  canaries.push(started);
  return started;
};

afterEach(async () => {
  await Promise.all(canaries.splice(0).map((c) => c.close()));
  await Promise.all(
    running.splice(0).map(
      (r) =>
        new Promise<void>((done) => {
          r.server.close(() => done());
          r.server.closeAllConnections();
        }),
    ),
  );
});

const withAccess = (fhirServer: string): Record<string, unknown> => {
  const request = orderSignRequest();
  // Only the patient prefetched; the optional keys prefetched as null (the client has no such data).
  const none = Object.fromEntries(Object.entries(request.prefetch).filter(([, value]) => value === null));
  return {
    ...request,
    prefetch: { patient: request.prefetch.patient, ...none },
    fhirServer,
    fhirAuthorization: { access_token: SECRET, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'sclerotherapy-cds' },
  };
};

const post = async (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; headers: Headers; body: unknown }> => {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
};

// Sends raw bytes and collects the reply until the server closes or `waitMs` passes.
const raw = (port: number, bytes: string, waitMs = 10_000, keepSending?: (write: (data: string) => boolean) => void): Promise<{ readonly reply: string; readonly closedBy: 'server' | 'timeout' }> =>
  new Promise((resolve) => {
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      keepSending?.((data) => !socket.destroyed && socket.write(data));
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closedBy: 'timeout' });
    }, waitMs);
    socket.setEncoding('utf8').on('data', (chunk: string) => (reply += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closedBy: 'server' });
    });
  });

const portOf = (url: string): number => Number(new URL(url).port);
const PATH = `/cds-services/${SIGN}`;

describe('request bodies', () => {
  it('DOS-4 D2: a 200 MB Content-Length gets 413 without being read, and the connection is closed', async () => {
    const { url } = await start();
    const { reply, closedBy } = await raw(portOf(url), `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n{"hook":`);
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply.toLowerCase()).toContain('connection: close');
    expect(closedBy).toBe('server');
  }, TIMEOUT);

  it('DOS-4: a chunked body is cut at the 2 MB limit with 413', async () => {
    const { url } = await start();
    const chunk = 'x'.repeat(64 * 1024);
    let written = 0;
    const { reply } = await raw(portOf(url), `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, 10_000, (write) => {
      const pump = (): void => {
        // Up to 8 MB, unless the server answers and closes first.
        while (written < 8 * 1024 * 1024) {
          written += chunk.length;
          if (!write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void setTimeout(pump, 5);
        }
      };
      pump();
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
  }, TIMEOUT);

  it('DOS-5 A:deep: a 10 kB body nested 5,000 deep gets 400 too_deep', async () => {
    const { url } = await start();
    const request = orderSignRequest() as Record<string, unknown> & { context: Record<string, unknown> };
    request.context.x = '@';
    const body = JSON.stringify(request).replace('"@"', '['.repeat(5000) + ']'.repeat(5000));
    expect(body.length).toBeLessThan(20_000);
    const reply = await post(`${url}/${SIGN}`, body);
    expect(reply).toMatchObject({ status: 400, body: { error: 'too_deep' } });
  }, TIMEOUT);

  it('a call without a valid client token gets 401 before its body is read, with one audit line and no token in it', async () => {
    const ehr = await createTestClient('https://ehr.example.org');
    const { url, audit } = await start({ auth: { publicUrl: 'https://cds.example.org', clients: [{ iss: ehr.iss, jwks: ehr.jwks, fhirServers: [] }] } });
    // 1 MB announced, 9 bytes sent: the answer comes without waiting for the rest.
    const head = (authorization: string): string =>
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n${authorization}\r\n{"hook":`;
    const none = await raw(portOf(url), head(''), 10_000);
    expect(none.reply).toMatch(/^HTTP\/1\.1 401 /);
    expect(none.closedBy).toBe('server');
    const junk = await raw(portOf(url), head('Authorization: Bearer eyJhbGciOiJub25lIn0.e30.\r\n'), 10_000);
    expect(junk.reply).toMatch(/^HTTP\/1\.1 401 /);
    const lines = audit.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', event: 'auth_refused', status: 401, reason: 'missing_token', service: SIGN, iss: null });
    expect(lines[1]).toMatchObject({ level: 'warn', event: 'auth_refused', status: 401, reason: 'unsupported_alg' });
    expect(audit.join('')).not.toContain('eyJhbGciOiJub25lIn0');
  }, TIMEOUT);

  it('DOS-5: depth 10^6 (2 MB) gets 400 too, and a 4.9 MB body gets 413', async () => {
    const { url } = await start();
    expect((await post(`${url}/${SIGN}`, `{"a":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`)).body).toMatchObject({ error: 'too_deep' });
    expect((await post(`${url}/${SIGN}`, JSON.stringify({ pad: 'x'.repeat(4_900_000) }))).status).toBe(413);
  }, TIMEOUT);

  it('SEC-6 A:text-plain: a body that is not declared JSON gets 415', async () => {
    const { url } = await start();
    const reply = await post(`${url}/${SIGN}`, JSON.stringify(orderSignRequest()), { 'content-type': 'text/plain' });
    expect(reply).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    expect((await post(`${url}/${SIGN}`, JSON.stringify(orderSignRequest()), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  }, TIMEOUT);
});

describe('connections and admission', () => {
  it('DOS-6: headers within 10 s, the request within 15 s, a connection limit; a trickled request is ended', async () => {
    const defaults = await start();
    expect(defaults.server.headersTimeout).toBe(10_000);
    expect(defaults.server.requestTimeout).toBe(15_000);
    expect(defaults.server.maxConnections).toBeGreaterThan(0);
    const short = await start({ limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 } });
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    const { reply, closedBy } = await raw(portOf(short.url), `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 15_000, (write) => {
      let n = 0;
      timer = setInterval(() => write(`X-Trickle-${n++}: 1\r\n`), 200);
    });
    clearInterval(timer);
    expect(closedBy).toBe('server');
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, TIMEOUT);

  it('DOS-7: past the in-flight limit a call gets 503 with Retry-After, and the next one after it is served', async () => {
    const slow = await canary(() => undefined);
    const { url } = await start({ fhirServers: [`${slow.origin}/fhir`], limits: { maxInFlight: 1 }, deadlineMs: 2_000 });
    const first = post(`${url}/${SIGN}`, JSON.stringify(withAccess(`${slow.origin}/fhir`)));
    await expect.poll(() => slow.hits.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const second = await post(`${url}/${SIGN}`, JSON.stringify(orderSignRequest()));
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await first).status).toBe(412);
    expect((await post(`${url}/${SIGN}`, JSON.stringify(orderSignRequest()))).status).toBe(200);
  }, TIMEOUT);

  it('DOS-1: an EHR that disconnects aborts the outbound reads', async () => {
    const silent = await canary(() => undefined);
    const { url } = await start({ fhirServers: [`${silent.origin}/fhir`], deadlineMs: 20_000 });
    const gone = new AbortController();
    const call = fetch(`${url}/${SIGN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(withAccess(`${silent.origin}/fhir`)), signal: gone.signal });
    await expect.poll(() => silent.hits.length, { timeout: 5_000 }).toBe(5);
    gone.abort();
    await expect(call).rejects.toThrow();
    await expect.poll(() => silent.closedSockets(), { timeout: 5_000 }).toBe(5);
  }, TIMEOUT);
});

describe('responses and the audit log', () => {
  it('SEC-10: answers carry Cache-Control: no-store and X-Content-Type-Options: nosniff, and are gzipped when asked', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/${SIGN}`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: JSON.stringify(orderSignRequest()) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect((await response.json()) as unknown).toMatchObject({ cards: expect.any(Array) });
  }, TIMEOUT);

  it('SEC-9: one JSON audit line per call (pino), with the outbound FHIR calls and without the token or patient data', async () => {
    const fhir = await canary((_, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset' }));
    });
    const { url, audit } = await start({ fhirServers: [`${fhir.origin}/fhir`] });
    const request = withAccess(`${fhir.origin}/fhir`);
    expect((await post(`${url}/${SIGN}`, JSON.stringify(request))).status).toBe(200);
    await post(`${url}/${SIGN}`, 'x', { 'content-type': 'text/plain' });
    const lines = audit.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', time: expect.stringMatching(/Z$/), event: 'hook_call', hookInstance: request.hookInstance, iss: null, sub: null, service: SIGN, status: 200 });
    expect(lines[0]?.fhir).toEqual(Array.from({ length: 5 }, () => ({ host: `127.0.0.1:${fhir.port}`, status: 200, bytes: expect.any(Number), ms: expect.any(Number) })));
    expect(lines[1]).toMatchObject({ event: 'call_refused', service: SIGN, status: 415 });
    expect(audit.join('')).not.toContain(SECRET);
    expect(audit.join('')).not.toMatch(/Patient\/|birthDate|polidocanol|"p1"/);
  }, TIMEOUT);
});

describe('sclerotherapy-cds serve with its defaults', () => {
  const PUBLIC = 'https://cds.example.org';
  let cli: CliServer;
  let allowed: Canary;
  let outside: Canary;
  let silent: Canary;
  let ehr: TestClient;

  // Every call carries a fresh token of the configured EHR, whose fhirServers are the allowed and the silent server.
  const authorized = async (url: string): Promise<Record<string, string>> => ({
    'content-type': 'application/json',
    authorization: `Bearer ${await ehr.mint(audienceOf(url, PUBLIC))}`,
  });

  beforeAll(async () => {
    allowed = await startCanary((_, res) => res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset' })));
    outside = await startCanary();
    silent = await startCanary(() => undefined);
    ehr = await createTestClient('https://ehr.example.org');
    const dir = writeConfigFiles({
      'service.json': { publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwksFile: 'ehr-jwks.json', fhirServers: [`${allowed.origin}/fhir`, `${silent.origin}/fhir`] }] },
      'ehr-jwks.json': ehr.jwks,
    });
    cli = await startCliServer(['--config', `${dir}/service.json`], TIMEOUT);
  }, TIMEOUT);

  afterAll(async () => {
    cli?.kill();
    await Promise.all([allowed, outside, silent].map((c) => c?.close()));
  }, TIMEOUT);

  it("SEC-2: a fhirServer outside the client's fhirServers gets no request: 412 not_allowed", async () => {
    const url = `${cli.servicesUrl}/${SIGN}`;
    const reply = await post(url, JSON.stringify(withAccess(`${outside.origin}/fhir`)), await authorized(url));
    expect(reply.status).toBe(412);
    expect((reply.body as { missing: { reason: string }[] }).missing.map((m) => m.reason)).toEqual(Array(5).fill('not_allowed'));
    expect(outside.hits).toEqual([]);
    expect(allowed.hits).toEqual([]);
  }, TIMEOUT);

  it('DOS-1: a silent FHIR server gives 412 timeout within the default 3 s deadline plus 1 s', async () => {
    const url = `${cli.servicesUrl}/${SIGN}`;
    const headers = await authorized(url);
    const started = Date.now();
    const reply = await post(url, JSON.stringify(withAccess(`${silent.origin}/fhir`)), headers);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(reply.status).toBe(412);
    expect((reply.body as { missing: { reason: string }[] }).missing.map((m) => m.reason)).toEqual(Array(5).fill('timeout'));
  }, TIMEOUT);

  it('SEC-9: writes a JSON audit line per call on stderr (the caller, or why its token was refused), without the tokens', async () => {
    const url = `${cli.servicesUrl}/${SIGN}`;
    const headers = await authorized(url);
    const body = JSON.stringify(orderSignRequest());
    expect((await post(url, body, headers)).status).toBe(200);
    expect((await post(url, body, headers)).status).toBe(401);
    const lines = (): Record<string, unknown>[] =>
      cli
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    await expect.poll(() => lines().filter((l) => l.event === 'hook_call').length, { timeout: TIMEOUT }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => lines().filter((l) => l.event === 'auth_refused').length, { timeout: TIMEOUT }).toBe(1);
    expect(lines().filter((l) => l.event === 'hook_call').every((l) => l.iss === ehr.iss && l.sub === 'cds-client-1')).toBe(true);
    expect(lines().find((l) => l.event === 'auth_refused')).toMatchObject({ level: 'warn', status: 401, reason: 'replayed', iss: ehr.iss, service: SIGN });
    expect(cli.stderr()).not.toContain(SECRET);
    expect(cli.stderr()).not.toContain((headers.authorization ?? '').split('.')[2]);
  }, TIMEOUT);
});
