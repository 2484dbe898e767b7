import { defineConfig } from 'tsup';

// The core's runtime dependencies stay external. `yaml` is bundled into the Node-only entries, so
// installing the package adds no dependency beyond json-rules-engine, zod and fp-ts.
const external = ['json-rules-engine', 'zod', 'fp-ts', 'fast-check', 'vitest'];
// Bundled CommonJS code (yaml) calls require(); ESM output gets a real one.
const esmRequire = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export default defineConfig([
  {
    // The browser-safe entries: no Node built-ins (checked by lint and by a browser bundle in CI).
    entry: { index: 'src/index.ts', fhir: 'src/adapters/fhir/index.ts', 'cds-hooks': 'src/adapters/cds-hooks/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    external,
  },
  {
    entry: { testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    external,
    banner: ({ format }) => (format === 'esm' ? { js: esmRequire } : {}),
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    external,
    banner: { js: `#!/usr/bin/env node\n${esmRequire}` },
  },
]);
