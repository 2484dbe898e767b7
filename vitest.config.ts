import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // vitest's default on 2 cores is one worker (available cores − 1); use both.
    maxWorkers: 2,
    // Test files in one worker share loaded modules (zod, the shipped rule set) instead of loading
    // them again per file. Safe here: no test mocks modules, stubs globals or changes process.env.
    isolate: false,
  },
});
