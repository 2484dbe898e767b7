/// <reference types="node" />
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startCliServer, type CliServer } from '../e2e/cli-server.js';

// Every curl command of docs/cds-hooks.md must work as written against `sclerotherapy-cds serve`
// on 127.0.0.1:3000; the test starts the server on a free port and points the commands at it.
const TIMEOUT = 30_000;
const DOCUMENTED_ADDRESS = '127.0.0.1:3000';
const page = readFileSync(`${ROOT}docs/cds-hooks.md`, 'utf8');

const blocks = (language: string): string[] => [...page.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1] ?? '');

// One command per line, a trailing backslash continuing it on the next.
const commandsOf = (block: string): string[] =>
  block
    .replace(/\s*\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

const shellCommands = blocks('sh').flatMap(commandsOf);
const curlCommands = shellCommands.filter((command) => /^curl\s/.test(command));

// The documented test EHR: its key pair and configuration go to a temporary folder instead of .cds-dev.
const DEV_DIR = '.cds-dev';
const TOKEN_LINE = /^TOKEN=\$\(node docs\/examples\/mint-test-token\.mjs \.cds-dev (\S+)\)$/;
const INIT = shellCommands.find((command) => command.startsWith('node docs/examples/mint-test-token.mjs init ')) ?? '';

// The token line documented just before a curl command: a fresh token for that command's URL.
const tokenLineOf = (command: string): string | undefined => {
  const index = shellCommands.indexOf(command);
  const previous = index > 0 ? shellCommands[index - 1] : undefined;
  return previous !== undefined && TOKEN_LINE.test(previous) ? previous : undefined;
};

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const bash = (command: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd: ROOT, timeout: TIMEOUT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });

// A documented value may be trimmed: "…" as an element of an array stands for elements left out
// there, and a string ending in "…" for the rest of that string. Everything else must be as sent.
const trimmedMatch = (documented: unknown, actual: unknown, path: string): string[] => {
  if (typeof documented === 'string' && documented.endsWith('…') && typeof actual === 'string') {
    return actual.startsWith(documented.slice(0, -1)) ? [] : [`${path}: "${documented}" is not the start of "${actual}"`];
  }
  if (Array.isArray(documented) && Array.isArray(actual)) {
    const elided = documented.includes('…');
    const shown = documented.filter((item) => item !== '…');
    if (!elided && shown.length !== actual.length) return [`${path}: ${shown.length} elements documented, ${actual.length} sent`];
    let from = 0;
    for (const [i, item] of shown.entries()) {
      const found = actual.findIndex((candidate, j) => j >= from && trimmedMatch(item, candidate, '').length === 0);
      if (found === -1 || (!elided && found !== i)) return [`${path}[${i}]: not sent, or not in this order: ${JSON.stringify(item)}`];
      from = found + 1;
    }
    return [];
  }
  if (typeof documented === 'object' && documented !== null && typeof actual === 'object' && actual !== null && !Array.isArray(documented) && !Array.isArray(actual)) {
    const keys = new Set([...Object.keys(documented), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => {
      const shown = (documented as Record<string, unknown>)[key];
      const sent = (actual as Record<string, unknown>)[key];
      if (shown === undefined || sent === undefined) return [`${path}.${key}: ${shown === undefined ? 'sent but not documented' : 'documented but not sent'}`];
      return trimmedMatch(shown, sent, `${path}.${key}`);
    });
  }
  return JSON.stringify(documented) === JSON.stringify(actual) ? [] : [`${path}: documented ${JSON.stringify(documented)}, sent ${JSON.stringify(actual)}`];
};

describe('docs/cds-hooks.md', () => {
  let server: CliServer;
  let devDir: string;
  const outputs = new Map<string, unknown>();
  // A curl command as documented, after its token line, with the key folder and the address of the test server.
  const runDocumented = (command: string, suffix = ''): Promise<Run> => {
    const token = tokenLineOf(command);
    const curl = `${command.replaceAll(DOCUMENTED_ADDRESS, server.hostAndPort)}${suffix}`;
    return bash(token === undefined ? curl : `${token.replace(` ${DEV_DIR} `, ` ${devDir} `)}\n${curl}`);
  };

  beforeAll(async () => {
    const curl = spawnSync('curl', ['--version'], { encoding: 'utf8' });
    if (curl.error !== undefined || curl.status !== 0) {
      throw new Error(`These tests run the documented curl commands, and curl is not installed or does not run (${curl.error?.message ?? curl.stderr}). Install curl (e.g. apt-get install curl).`);
    }
    devDir = mkdtempSync(join(tmpdir(), 'cds-dev-'));
    expect(INIT, 'the page shows how to make the test EHR key pair').not.toBe('');
    const init = await bash(INIT.replace(` ${DEV_DIR}`, ` ${devDir}`));
    expect(init.code, init.stderr).toBe(0);
    server = await startCliServer(['--config', join(devDir, 'service.json')], TIMEOUT);
  }, TIMEOUT);

  afterAll(async () => {
    if (server === undefined) return;
    await server.stop('SIGTERM', TIMEOUT).catch(() => undefined);
    server.kill();
  }, TIMEOUT);

  it('documents curl commands for discovery, a hook call and feedback, each addressed to 127.0.0.1:3000', () => {
    expect(curlCommands.length).toBeGreaterThanOrEqual(3);
    expect(curlCommands.some((c) => / http:\/\/127\.0\.0\.1:3000\/cds-services$/.test(c))).toBe(true);
    expect(curlCommands.some((c) => c.includes('/cds-services/sclerotherapy-order-sign ') && c.includes('@docs/examples/order-sign-request.json'))).toBe(true);
    expect(curlCommands.some((c) => c.includes('/feedback '))).toBe(true);
    for (const command of curlCommands) expect(command).toContain(`http://${DOCUMENTED_ADDRESS}/`);
  });

  it('mints a token for each curl command, for the URL it calls, and sends it', () => {
    for (const command of curlCommands) {
      const token = tokenLineOf(command);
      expect(token, `no token line before ${command}`).toBeDefined();
      const url = / (http:\/\/\S+)/.exec(command)?.[1];
      expect(TOKEN_LINE.exec(token ?? '')?.[1]).toBe(url);
      expect(command).toContain('-H "Authorization: Bearer $TOKEN"');
    }
  });

  it('refuses a documented call without its token (401)', async () => {
    const command = curlCommands.find((c) => c.includes('@docs/examples/order-sign-request.json')) ?? '';
    const run = await bash(`${command.replace('-H "Authorization: Bearer $TOKEN" ', '').replaceAll(DOCUMENTED_ADDRESS, server.hostAndPort)} -w '\\n%{http_code}'`);
    expect(run.stdout.split('\n').pop()).toBe('401');
  }, TIMEOUT);

  it.each(curlCommands)('runs `%s`: exit 0, HTTP 2xx and a JSON body', async (command) => {
    // The status goes on a last line of its own, so each command must be one curl call, with --fail.
    expect(command, 'a documented curl command must use --fail (or -f), so that an HTTP error fails it').toMatch(/\s(--fail|-f|-[a-zA-Z]*f[a-zA-Z]*)(\s|$)/);
    expect(command, 'a documented curl command must be a single curl call, without pipes or redirections').not.toMatch(/[|;&<>`]|\$\(/);
    const run = await runDocumented(command, ` -w '\\n%{http_code}'`);
    expect(run.code, `curl failed: ${run.stderr}`).toBe(0);
    const lines = run.stdout.split('\n');
    const status = lines.pop();
    expect(status).toMatch(/^2\d\d$/);
    const body = lines.join('\n');
    expect(() => JSON.parse(body) as unknown, `not JSON: ${body.slice(0, 200)}`).not.toThrow();
    outputs.set(command, JSON.parse(body) as unknown);
  }, TIMEOUT);

  it('shows a card that the documented order-sign call really returns, trimmed only where it says "…"', async () => {
    const documented = blocks('json')
      .map((block) => JSON.parse(block) as Record<string, unknown>)
      .find((value) => typeof value.extension === 'object' && value.extension !== null && 'org.sclerotherapy-cds.finding' in value.extension);
    expect(documented, 'the page shows no card with an org.sclerotherapy-cds.finding extension').toBeDefined();
    const command = curlCommands.find((c) => c.includes('@docs/examples/order-sign-request.json')) ?? '';
    const response = outputs.get(command) ?? JSON.parse((await runDocumented(command)).stdout);
    const { cards } = response as { cards: Record<string, unknown>[] };
    const card = cards.find((c) => c.uuid === documented?.uuid);
    expect(card, `no card ${String(documented?.uuid)} in the response`).toBeDefined();
    // The assessment part depends on the day (asOf, the weight's recency), so only the rest is compared.
    const withoutAssessment = (value: Record<string, unknown> | undefined): Record<string, unknown> => {
      const { 'org.sclerotherapy-cds.assessment': assessment, ...extension } = value?.extension as Record<string, unknown>;
      expect(assessment).toBeDefined();
      return { ...value, extension };
    };
    expect(trimmedMatch(withoutAssessment(documented), withoutAssessment(card), 'card')).toEqual([]);
  }, TIMEOUT);

  it('served every documented call: one log line each on the server', async () => {
    const served = (): number => server.stderr().split('\n').filter((line) => / (GET|POST) \/cds-services\S* 2\d\d \d+ms$/.test(line)).length;
    await expect.poll(served, { timeout: TIMEOUT }).toBeGreaterThanOrEqual(curlCommands.length);
  }, TIMEOUT);
});
