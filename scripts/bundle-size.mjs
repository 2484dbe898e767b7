// Gzipped browser bundle sizes of the package's core entry `.`, built from dist/ (run `npm run build`
// first): a program that uses `assess`, and one that imports constants only. Run directly, it
// checks them against the budget and exits non-zero when one is over.
// Usage: node scripts/bundle-size.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What each program imports from `.`, and its budget in gzipped bytes. */
export const BUNDLES = [
  { name: 'assess', code: "import { assess } from './dist/index.js'; globalThis.x = assess;", budget: 90 * 1024 },
  {
    name: 'constants only',
    code: "import { AGENTS, VEIN_KINDS, CATEGORIES, EFFECTS, SEVERITIES, STATUSES, SESSION_STATUSES, LIMIT_NAMES, OPERATORS, UNDOCUMENTED } from './dist/index.js'; globalThis.x = [AGENTS, VEIN_KINDS, CATEGORIES, EFFECTS, SEVERITIES, STATUSES, SESSION_STATUSES, LIMIT_NAMES, OPERATORS, UNDOCUMENTED];",
    budget: 10 * 1024,
  },
];

/**
 * Bundles each program for browsers, minified, and measures it.
 * @returns name, minified bytes, gzipped bytes (level 9), budget, and which packages the bundle holds
 */
export const measureBundles = async () => {
  if (!existsSync(resolve(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run npm run build first');
  const results = [];
  for (const bundle of BUNDLES) {
    const out = await build({
      stdin: { contents: bundle.code, resolveDir: root, sourcefile: `${bundle.name}.js` },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const bytes = out.outputFiles[0].contents;
    const inputs = Object.keys(Object.values(out.metafile.outputs)[0].inputs);
    const packages = [...new Set(inputs.filter((i) => i.includes('node_modules/')).map((i) => i.split('node_modules/').pop().split('/')[0]))].sort();
    results.push({ name: bundle.name, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, budget: bundle.budget, packages });
  }
  return results;
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await measureBundles();
  let over = false;
  for (const r of results) {
    const ok = r.gzip <= r.budget;
    over ||= !ok;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${r.name}: ${kb(r.gzip)} gzipped (budget ${kb(r.budget)}), ${kb(r.minified)} minified; packages: ${r.packages.join(', ') || 'none'}`);
  }
  if (results.find((r) => r.name === 'assess')?.packages.includes('json-rules-engine')) {
    console.log('OVER json-rules-engine is in the core bundle; it belongs in sclerotherapy-cds/json-rules-engine only');
    over = true;
  }
  process.exitCode = over ? 1 : 0;
}
