/// <reference types="node" />
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServe, securityOptions } from '../../src/cli/serve-command.js';
import { createTestClient, unsignedToken, type TestClient } from '../adapters/cds-hooks/service/client-keys.js';
import { capture } from '../cli/capture.js';
import { startCliServer, type CliServer } from './cli-server.js';
import { SPIDER_ID, orderSignCall, polidocanolDraftOrder, prefetchFor, syntheaRecord, veinConditions } from './fhir-records.js';
import { audienceOf, writeConfigFiles } from './service-config.js';
import { EXPECTED_PREFETCH as TEMPLATES } from './service-config.js';

// The real CLI on 127.0.0.1 with a configuration file; keys made with jose at test time. Every
// request goes to 127.0.0.1: the CLI, a JWKS server, and a canary that must receive no request.
const TIMEOUT = 30_000;
const PUBLIC = 'https://cds.example.org';
const SIGN = 'sclerotherapy-order-sign';

const record = syntheaRecord('Mafalda_Turcotte');
const patientId = record.patient.id;
const body = JSON.stringify({
  ...orderSignCall(patientId, polidocanolDraftOrder(patientId), '0f6c3f0e-9b8a-4b8e-8f6e-2a1d3c4b5a61'),
  prefetch: prefetchFor(TEMPLATES, [...record.resources, ...veinConditions(patientId)], patientId, 'https://ehr.example.org/fhir'),
});

interface KeyServer {
  readonly url: string;
  readonly hits: () => number;
  readonly close: () => Promise<void>;
}

// A JWKS server on 127.0.0.1 that counts its requests.
const startKeyServer = (jwks: unknown): Promise<KeyServer> =>
  new Promise((resolve) => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/jwks.json`, hits: () => hits, close: () => new Promise((done) => server.close(() => done())) });
    });
  });

interface Reply {
  readonly status: number;
  readonly body: { readonly reason?: string; readonly cards?: readonly { readonly uuid: string }[]; readonly services?: unknown[] };
}

const send = async (url: string, authorization: string | undefined, method: 'GET' | 'POST' = 'POST'): Promise<Reply> => {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    ...(method === 'POST' ? { body } : {}),
    signal: AbortSignal.timeout(TIMEOUT),
  });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
};

describe('client authentication, end to end', () => {
  let server: CliServer;
  let ehr: TestClient;
  let remote: TestClient;
  let keyServer: KeyServer;
  let canary: KeyServer;
  let signUrl: string;
  const aud = (url: string): string => audienceOf(url, PUBLIC);

  beforeAll(async () => {
    ehr = await createTestClient('https://ehr.example.org', 'ES384');
    remote = await createTestClient('https://remote-ehr.example.org', 'RS384');
    keyServer = await startKeyServer(remote.jwks);
    canary = await startKeyServer(ehr.jwks);
    const dir = writeConfigFiles({
      'service.json': {
        publicUrl: PUBLIC,
        clients: [
          { iss: ehr.iss, jwksFile: 'ehr-jwks.json', fhirServers: ['https://fhir.example.org/r4'] },
          // Plain http for keys is allowed only on loopback, which is how this test serves them.
          { iss: remote.iss, jwksUrl: keyServer.url, jkuAllowlist: [keyServer.url], fhirServers: [] },
        ],
      },
      'ehr-jwks.json': ehr.jwks,
    });
    server = await startCliServer(['--config', `${dir}/service.json`], TIMEOUT);
    signUrl = `${server.servicesUrl}/${SIGN}`;
  }, TIMEOUT);

  afterAll(async () => {
    server?.kill();
    await keyServer?.close();
    await canary?.close();
  }, TIMEOUT);

  it('answers a valid ES384 token with 200 and cards', async () => {
    const reply = await send(signUrl, `Bearer ${await ehr.mint(aud(signUrl))}`);
    expect(reply.status).toBe(200);
    expect(reply.body.cards?.length).toBeGreaterThan(0);
    expect(JSON.stringify(reply.body)).toContain(SPIDER_ID);
  }, TIMEOUT);

  it('refuses every broken token with 401 and its reason class', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hs256 = await new SignJWT({ iss: ehr.iss, aud: aud(signUrl), jti: randomUUID() }).setProtectedHeader({ alg: 'HS256', kid: ehr.kid }).setIssuedAt().setExpirationTime('2m').sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    const cases: readonly (readonly [string, string | undefined])[] = [
      ['missing_token', undefined],
      ['malformed_token', 'Bearer garbage'],
      ['unsupported_alg', `Bearer ${unsignedToken({ iss: ehr.iss, aud: aud(signUrl), iat: now, exp: now + 60, jti: randomUUID() })}`],
      ['unsupported_alg', `Bearer ${hs256}`],
      ['bad_audience', `Bearer ${await ehr.mint(`${PUBLIC}/cds-services/sclerotherapy-order-select`)}`],
      ['unknown_issuer', `Bearer ${await ehr.mint(aud(signUrl), { claims: { iss: 'https://stranger.example.org' } })}`],
      ['expired', `Bearer ${await ehr.mint(aud(signUrl), { now: new Date(Date.now() - 3_600_000) })}`],
      ['exp_too_far', `Bearer ${await ehr.mint(aud(signUrl), { expiresIn: 3_600 })}`],
    ];
    for (const [reason, authorization] of cases) {
      const reply = await send(signUrl, authorization);
      expect([reply.status, reply.body.reason], reason).toEqual([401, reason]);
    }
    // The server log says why, and never holds a token.
    await expect.poll(() => server.stderr(), { timeout: TIMEOUT }).toContain('"reason":"exp_too_far"');
    for (const [, authorization] of cases) if (authorization !== undefined && authorization.length > 40) expect(server.stderr()).not.toContain(authorization.slice(7));
  }, TIMEOUT);

  it('refuses a replayed token', async () => {
    const token = `Bearer ${await ehr.mint(aud(signUrl))}`;
    expect((await send(signUrl, token)).status).toBe(200);
    expect(await send(signUrl, token)).toMatchObject({ status: 401, body: { reason: 'replayed' } });
  }, TIMEOUT);

  it('needs a token for discovery too, with the discovery URL as audience', async () => {
    expect(await send(server.servicesUrl, undefined, 'GET')).toMatchObject({ status: 401, body: { reason: 'missing_token' } });
    expect(await send(server.servicesUrl, `Bearer ${await ehr.mint(aud(signUrl))}`, 'GET')).toMatchObject({ status: 401, body: { reason: 'bad_audience' } });
    const reply = await send(server.servicesUrl, `Bearer ${await ehr.mint(aud(server.servicesUrl))}`, 'GET');
    expect(reply.status).toBe(200);
    expect(reply.body.services).toHaveLength(3);
  }, TIMEOUT);

  it('answers the health check without a token, with nothing but "ok"', async () => {
    const healthUrl = server.servicesUrl.replace(/\/cds-services$/, '/healthz');
    expect(await send(healthUrl, undefined, 'GET')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await send(healthUrl, undefined, 'POST')).status).toBe(405);
    expect(server.stderr()).not.toContain('"service":"healthz"');
  }, TIMEOUT);

  it('reads the keys of an issuer from its jwksUrl, and from an allowlisted jku', async () => {
    expect((await send(signUrl, `Bearer ${await remote.mint(aud(signUrl))}`)).status).toBe(200);
    expect((await send(signUrl, `Bearer ${await remote.mint(aud(signUrl), { header: { jku: keyServer.url } })}`)).status).toBe(200);
    expect(keyServer.hits()).toBeGreaterThan(0);
  }, TIMEOUT);

  it("never fetches a jku that is not on the issuer's allowlist: the canary gets no request", async () => {
    for (const client of [ehr, remote]) {
      const reply = await send(signUrl, `Bearer ${await client.mint(aud(signUrl), { header: { jku: canary.url } })}`);
      expect(reply).toMatchObject({ status: 401, body: { reason: 'jku_not_allowed' } });
    }
    expect(canary.hits()).toBe(0);
  }, TIMEOUT);
});

describe('serve without clients', () => {
  it('refuses to start without --config or --insecure-no-auth (exit 2)', async () => {
    const { io, err, out } = capture();
    expect(await runServe(['--port', '0'], io)).toBe(2);
    expect(err()).toMatch(/needs client authentication/);
    expect(out()).toBe('');
  });

  it('refuses --insecure-no-auth on a host that is not loopback, before listening (exit 2)', async () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3']) {
      const { io, err, out } = capture();
      // The validation runServe does before it listens, called alone so that nothing can bind that host.
      expect(await securityOptions(undefined, true, host, io)).toBe(2);
      expect(err()).toContain(`only on a loopback host (127.0.0.1, ::1, localhost), not on "${host}"`);
      expect(out()).toBe('');
    }
  });

  it('refuses an invalid configuration file with the path of each problem (exit 2)', async () => {
    const dir = writeConfigFiles({ 'service.json': { publicUrl: 'http://cds.example.org', clients: [{ iss: 'x', jwksUrl: 'ftp://keys', fhirServers: [] }], extra: true } });
    const { io, err } = capture();
    expect(await runServe(['--config', `${dir}/service.json`, '--port', '0'], io)).toBe(2);
    expect(err()).toContain('publicUrl:');
    expect(err()).toContain('clients[0].jwksUrl:');
    expect(err()).toContain('Unknown field "extra"');
  });

  it('serves --insecure-no-auth on 127.0.0.1, with a warning on stderr', async () => {
    const server = await startCliServer(['--insecure-no-auth'], TIMEOUT);
    try {
      expect(server.stderr()).toMatch(/^WARNING: --insecure-no-auth/);
      const reply = await fetch(server.servicesUrl, { signal: AbortSignal.timeout(TIMEOUT) });
      expect(reply.status).toBe(200);
    } finally {
      server.kill();
    }
  }, TIMEOUT);
});
