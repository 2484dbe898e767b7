// Throughput of the CDS Hooks service: `node dist/cli.js serve` on 127.0.0.1 (an ephemeral port)
// with client authentication, driven by autocannon with order-sign calls carrying full prefetch
// (test/fixtures/cds-hooks/order-sign-request.json) at 1, 10 and 50 concurrent connections.
// Every call carries its own ES256 client JWT (distinct jti) from a pool minted with jose before
// the runs, so the replay cache accepts each one. Prints figures only; asserts nothing.
// It builds nothing: run `npm run build` first.
// Usage: npm run bench:service -- [--workers N] [--seconds S per level, default 5] [--max-in-flight M, default 64]
//   [--profile DIR: the server writes a V8 CPU profile (.cpuprofile) into DIR when it stops]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const workers = Number(option('--workers', '1'));
const seconds = Number(option('--seconds', '5'));
const maxInFlight = Number(option('--max-in-flight', '64'));
const profileDir = option('--profile', undefined);
const LEVELS = [1, 10, 50];
const PUBLIC = 'https://cds.example.org';
const ISS = 'https://ehr.example.org';
const PATH = '/cds-services/sclerotherapy-order-sign';
const body = readFileSync('test/fixtures/cds-hooks/order-sign-request.json', 'utf8');

// A client key made now, and its public key set in a fresh configuration folder.
const { privateKey, publicKey } = await generateKeyPair('ES256');
const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
const dir = mkdtempSync(join(tmpdir(), 'sclerotherapy-cds-bench-'));
writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk] }));
writeFileSync(join(dir, 'service.json'), JSON.stringify({ publicUrl: PUBLIC, clients: [{ iss: ISS, jwksFile: 'jwks.json', fhirServers: [] }] }));

const mint = (now) =>
  new SignJWT({ iss: ISS, sub: 'bench', aud: `${PUBLIC}${PATH}`, iat: now, exp: now + 300, jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'JWT' })
    .sign(privateKey);

// Enough tokens for the busiest level at a generous rate; reused tokens would get 401 (counted below).
const poolSize = Number(option('--tokens', String(Math.min(60_000, 600 * workers * seconds * LEVELS.length))));
const mintStart = performance.now();
const now = Math.floor(Date.now() / 1000);
const tokens = [];
for (let i = 0; i < poolSize; i += 500) tokens.push(...(await Promise.all(Array.from({ length: Math.min(500, poolSize - i) }, () => mint(now)))));
let next = 0;
const mintMs = performance.now() - mintStart;

const args = [...(profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir]), 'dist/cli.js', 'serve', '--config', join(dir, 'service.json'), '--host', '127.0.0.1', '--port', '0', '--max-in-flight', String(maxInFlight), '--workers', String(workers)];
const server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
let stderrTail = '';
server.stderr.setEncoding('utf8').on('data', (chunk) => (stderrTail = (stderrTail + chunk).slice(-4000)));
const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.setEncoding('utf8').on('data', (chunk) => {
    out += chunk;
    const match = /listening on (http:\/\/\S+?)\/cds-services/.exec(out);
    if (match) resolve(match[1]);
  });
  void exited.then(({ code }) => reject(new Error(`The server exited early (code ${code}):\n${stderrTail}`)));
});

const call = (authorization) => globalThis.fetch(`${base}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
const check = await call(`Bearer ${tokens[next++]}`);
if (check.status !== 200) throw new Error(`A warm-up call got ${check.status}: ${await check.text()}`);
const cards = (await check.json()).cards.length;

console.log(`node dist/cli.js serve --config <fresh ES256 client> --max-in-flight ${maxInFlight} --workers ${workers}`);
console.log(`Node ${process.version}, ${availableParallelism()} CPUs; order-sign with full prefetch (${(body.length / 1024).toFixed(1)} kB body, ${cards} cards); ${seconds} s per level; ${poolSize} tokens minted in ${(mintMs / 1000).toFixed(1)} s`);
console.log('connections  requests/s  p50 ms  p99 ms  2xx     non-2xx  errors');
for (const connections of LEVELS) {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: PATH,
        headers: { 'content-type': 'application/json' },
        body,
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }),
      },
    ],
  });
  console.log(
    [String(connections).padEnd(11), result.requests.average.toFixed(1).padStart(10), String(result.latency.p50).padStart(6), String(result.latency.p99).padStart(6), String(result['2xx']).padEnd(7), String(result.non2xx).padEnd(8), String(result.errors + result.timeouts)].join('  '),
  );
}
if (next > tokens.length) console.log(`Note: the token pool (${tokens.length}) ran out after ${tokens.length} calls; the replayed tokens got 401 (non-2xx). Raise --tokens.`);

server.kill('SIGTERM');
const exit = await exited;
rmSync(dir, { recursive: true, force: true });
console.log(`server stopped (code ${exit.code})`);
