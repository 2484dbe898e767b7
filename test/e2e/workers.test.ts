/// <reference types="node" />
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClient, type TestClient } from '../adapters/cds-hooks/service/client-keys.js';
import { runServe } from '../../src/cli/serve-command.js';
import { capture } from '../cli/capture.js';
import { startCliServer, type CliServer } from './cli-server.js';
import { audienceOf, writeConfigFiles } from './service-config.js';

// `serve --workers 2`: the real CLI on 127.0.0.1, a primary with two node:cluster workers sharing
// the port; keys made with jose at test time.
const TIMEOUT = 30_000;
const PUBLIC = 'https://cds.example.org';

describe('serve --workers', () => {
  let server: CliServer;
  let ehr: TestClient;

  beforeAll(async () => {
    ehr = await createTestClient('https://ehr.example.org', 'ES384');
    const dir = writeConfigFiles({
      'service.json': { publicUrl: PUBLIC, clients: [{ iss: ehr.iss, jwksFile: 'ehr-jwks.json', fhirServers: [] }] },
      'ehr-jwks.json': ehr.jwks,
    });
    server = await startCliServer(['--config', `${dir}/service.json`, '--workers', '2'], TIMEOUT);
  }, TIMEOUT);

  afterAll(() => server?.kill());

  it('answers discovery from the shared port, then exits 0 on SIGTERM once both workers stopped', async () => {
    expect(server.stdout()).toContain('(2 workers)');
    for (let i = 0; i < 4; i++) {
      const response = await fetch(server.servicesUrl, {
        headers: { authorization: `Bearer ${await ehr.mint(audienceOf(server.servicesUrl, PUBLIC))}` },
        signal: AbortSignal.timeout(TIMEOUT),
      });
      expect(response.status).toBe(200);
      const { services } = (await response.json()) as { services: { id: string }[] };
      expect(services.map((s) => s.id)).toContain('sclerotherapy-order-sign');
    }
    const exit = await server.stop('SIGTERM', TIMEOUT);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toContain('stopping: 2 worker(s) finish their open requests');
  }, TIMEOUT * 2);

  it.each(['0', '-1', '1.5', 'two', String(4 * availableParallelism() + 1)])('refuses --workers %s with a usage error (exit 2)', async (value) => {
    const io = capture();
    const code = await runServe(['--insecure-no-auth', '--port', '0', '--workers', value], io.io);
    expect(code).toBe(2);
    expect(io.err()).toContain('Option "--workers" must be a whole number from 1 to');
  });
});
