import { defineConfig } from 'tsup';

// The core's runtime dependencies stay external. `yaml` is bundled into the Node-only entries, so
// installing the package adds no dependency beyond json-rules-engine, zod and fp-ts.
const external = ['json-rules-engine', 'zod', 'fp-ts', 'fast-check', 'vitest'];
// Bundled CommonJS code (yaml) calls require(); ESM output gets a real one.
const esmRequire = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export default defineConfig([
  {
    // The browser-safe entries: no Node built-ins (checked by lint and by a browser bundle in CI).
    // `constants` is its own entry so that its code lands in a chunk of its own, which a bundler
    // keeps alone when a program imports only constants from `.`. json-rules-engine is reachable
    // only from its own entry, so the core never loads it.
    entry: {
      index: 'src/index.ts',
      constants: 'src/constants.ts',
      'json-rules-engine': 'src/json-rules-engine.ts',
      fhir: 'src/adapters/fhir/index.ts',
      'cds-hooks': 'src/adapters/cds-hooks/index.ts',
    },
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
