// Measures one assess() call on each request under examples/: the median and 95th percentile of
// individual calls after a warm-up, using the built package (run `npm run build` first).
// Usage: node scripts/bench-assess.mjs [calls per example, default 500]
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assess } from '../dist/index.js';

const calls = Number(process.argv[2] ?? 500);
const files = readdirSync('examples').filter((f) => f.endsWith('.json')).sort();
const requests = files.map((f) => JSON.parse(readFileSync(`examples/${f}`, 'utf8')));

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

for (let i = 0; i < 50; i++) for (const request of requests) await assess(request);

const all = [];
for (const [index, request] of requests.entries()) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const result = await assess(request);
    times.push(performance.now() - start);
    if (result._tag !== 'Right') throw new Error(`${files[index]} is not a valid request`);
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  console.log(`${files[index]}: median ${quantile(times, 0.5).toFixed(3)} ms, p95 ${quantile(times, 0.95).toFixed(3)} ms (${calls} calls)`);
}
all.sort((a, b) => a - b);
console.log(`all examples: median ${quantile(all, 0.5).toFixed(3)} ms, p95 ${quantile(all, 0.95).toFixed(3)} ms (${all.length} calls, Node ${process.version})`);
