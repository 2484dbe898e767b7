// Benchmarks of the assessment (`npm run bench`): µs per assessment on the compiled path
// (assessSync) and on json-rules-engine (assess with its evaluator) and their ratio, interleaved in
// one process; the compiled path's stages; the time at 1, 10, 100 and 1,000 veins; the CLI's cold
// start; and the gzipped browser bundles. The src code is bundled with esbuild as tsup builds dist.
// Usage: npm run bench            (builds dist, then runs this)
//        node scripts/bench.mjs [rounds, default 7]
import { build } from 'esbuild';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureBundles } from './bundle-size.mjs';

const rounds = Number(process.argv[2] ?? 7);
// Inside the repository, so that the bundle's external imports resolve from node_modules.
const dir = mkdtempSync(join(process.cwd(), '.bench-'));
const outfile = join(dir, 'harness.mjs');
await build({ entryPoints: ['scripts/bench/harness.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
const h = await import(pathToFileURL(outfile).href);
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const load = () => loadavg()[0].toFixed(1);

const examples = readdirSync('examples').filter((f) => f.endsWith('.json')).map((f) => ({ request: JSON.parse(readFileSync(`examples/${f}`, 'utf8')), options: {} }));
const mix = [...examples, ...(await h.vignetteCases())];
const engine = { evaluator: h.jsonRulesEngine };

// Both paths must agree on the mix before anything is timed.
for (const c of mix) {
  const a = JSON.stringify(h.assessSync(c.request, c.options));
  const b = JSON.stringify(await h.assess(c.request, { ...c.options, ...engine }));
  if (a !== b) throw new Error('the compiled and json-rules-engine assessments differ; run the differential tests');
}

const timeCompiled = (cases, reps) => {
  const t = performance.now();
  for (let r = 0; r < reps; r++) for (const c of cases) h.assessSync(c.request, c.options);
  return ((performance.now() - t) * 1000) / (reps * cases.length);
};
const timeEngine = async (cases, reps) => {
  const t = performance.now();
  for (let r = 0; r < reps; r++) for (const c of cases) await h.assess(c.request, { ...c.options, ...engine });
  return ((performance.now() - t) * 1000) / (reps * cases.length);
};

// Interleaved in small blocks, so that a change of machine load hits both paths alike: each round
// runs `blocks` blocks, each block both paths over the cases, their order alternating; the round's
// figure for a path is its total time over its total calls. Warm-up first, long enough for V8 to
// have optimised both paths (with one block each, the first round ran about 1.5 times slower).
const interleaved = async (cases, compiledReps, engineReps, blocks = 20) => {
  for (let warm = 0; warm < 5; warm++) {
    timeCompiled(cases, compiledReps);
    await timeEngine(cases, engineReps);
  }
  const compiled = [];
  const reference = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    let c = 0;
    let e = 0;
    for (let block = 0; block < blocks; block++) {
      if ((block + round) % 2 === 0) {
        c += timeCompiled(cases, compiledReps);
        e += await timeEngine(cases, engineReps);
      } else {
        e += await timeEngine(cases, engineReps);
        c += timeCompiled(cases, compiledReps);
      }
    }
    compiled.push(c / blocks);
    reference.push(e / blocks);
    ratios.push(e / c);
  }
  return { compiled, reference, ratios };
};

console.log(`Node ${process.version}, ${rounds} rounds, load average ${load()} at the start`);
console.log(`\n## µs per assessment: ${mix.length} requests (${examples.length} examples, ${mix.length - examples.length} vignettes), median (min–max)`);
const m = await interleaved(mix, 4, 1);
console.log(`compiled (assessSync)          ${median(m.compiled).toFixed(1)} (${range(m.compiled)})`);
console.log(`json-rules-engine (assess)     ${median(m.reference).toFixed(1)} (${range(m.reference)})`);
console.log(`ratio                          ${median(m.ratios).toFixed(1)}× (${range(m.ratios)})`);
console.log(`fastest rounds: ${Math.min(...m.compiled).toFixed(1)} against ${Math.min(...m.reference).toFixed(1)}, ${(Math.min(...m.reference) / Math.min(...m.compiled)).toFixed(1)}×`);

console.log('\n## stages of the compiled path, valid requests under the shipped rules, µs per assessment');
const valid = mix.filter((c) => c.options.jurisdiction === undefined && h.assessSync(c.request, c.options)._tag === 'Right');
const stageRounds = [];
for (let round = 0; round < rounds; round++) {
  const times = { validation: 0, facts: 0, evaluation: 0, explanation: 0 };
  const reps = 40;
  for (let r = 0; r < reps; r++) for (const c of valid) h.stagedAssess(c.request, c.options.asOf, times);
  stageRounds.push(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, (v * 1000) / (reps * valid.length)])));
}
const stageTotal = stageRounds.map((s) => Object.values(s).reduce((a, b) => a + b, 0));
for (const stage of ['validation', 'facts', 'evaluation', 'explanation']) {
  const xs = stageRounds.map((s) => s[stage]);
  console.log(`${stage.padEnd(12)} ${median(xs).toFixed(1).padStart(6)} (${Math.round((100 * median(xs)) / median(stageTotal))} %)`);
}
console.log(`${'total'.padEnd(12)} ${median(stageTotal).toFixed(1).padStart(6)}`);

console.log('\n## growth with veins: µs per assessment, median over rounds');
const base = JSON.parse(readFileSync('examples/spider-veins.json', 'utf8'));
const KINDS = ['telangiectasia', 'reticular', 'telangiectasia', 'varicose'];
const DIAMETERS = { telangiectasia: 0.6, reticular: 2, varicose: 3.5 };
const withVeins = (n) => {
  const veins = Array.from({ length: n }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    return { id: `v${i}`, kind, diameterMm: DIAMETERS[kind], region: 'leg', side: i % 2 === 0 ? 'left' : 'right', ...(i % 7 === 6 ? { status: 'treated' } : {}) };
  });
  return {
    ...base,
    duplexUltrasound: { date: '2026-11-01', truncalReflux: ['right'], deepVenousDisease: [] },
    veins,
    plannedSession: { ...base.plannedSession, containers: Math.max(2, Math.ceil(n / 20)), totalVolumeMl: Math.round(n) / 10, targetVeinIds: veins.map((v) => v.id), injections: veins.map((v) => ({ veinId: v.id, volumeMl: 0.1 })) },
  };
};
console.log('veins   compiled µs   json-rules-engine µs   ratio   compiled µs per vein');
for (const n of [1, 10, 100, 1000]) {
  const cases = [{ request: withVeins(n), options: {} }];
  if (h.assessSync(cases[0].request)._tag !== 'Right') throw new Error(`the ${n}-vein request is invalid`);
  const reps = Math.max(1, Math.round(200 / n));
  const g = await interleaved(cases, reps * 4, reps, n === 1000 ? 4 : 20);
  const c = median(g.compiled);
  console.log(`${String(n).padStart(5)}   ${c.toFixed(1).padStart(11)}   ${median(g.reference).toFixed(1).padStart(20)}   ${median(g.ratios).toFixed(1).padStart(4)}×   ${n === 1 ? '' : (c / n).toFixed(2)}`);
}

console.log('\n## cold start: node dist/cli.js assess examples/spider-veins.json, wall ms');
const cold = [];
for (let i = 0; i < 11; i++) {
  const t = performance.now();
  const run = spawnSync(process.execPath, ['dist/cli.js', 'assess', 'examples/spider-veins.json'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the CLI failed: ${run.stderr}`);
  if (i > 0) cold.push(performance.now() - t);
}
console.log(`median ${median(cold).toFixed(0)} ms (${range(cold)}) over ${cold.length} runs after one warm-up`);

console.log('\n## browser bundles of `.` (esbuild, minified), gzip -9');
for (const b of await measureBundles()) {
  console.log(`${b.name.padEnd(15)} ${(b.gzip / 1024).toFixed(1).padStart(6)} KB gzipped (budget ${(b.budget / 1024).toFixed(0)} KB), ${(b.minified / 1024).toFixed(1)} KB minified; packages: ${b.packages.join(', ') || 'none'}`);
}
console.log(`\nload average ${load()} at the end`);
