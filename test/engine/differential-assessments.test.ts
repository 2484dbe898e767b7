import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { loadVignettes } from '../../src/testing/vignettes/load.js';
import { checkGenerated, compareEvaluators, EXAMPLE_REQUESTS, RULE_SETS } from './evaluators.js';

// The compiled evaluator against json-rules-engine, the reference: identical Assessments (JSON,
// deep equality, and which evidence values are frozen) on every shipped input and on generated ones.

const loaded = await loadVignettes(['test/vignettes']);
const vignettes = E.isRight(loaded) ? loaded.right.flatMap((file) => file.vignettes) : [];

describe('compiled and json-rules-engine evaluation give identical assessments', () => {
  it('loads the project vignettes', () => {
    expect(E.isRight(loaded) ? [] : loaded.left).toEqual([]);
    expect(vignettes.length).toBeGreaterThan(30);
  });

  it.each(RULE_SETS)('on every vignette and example, with %s', async (_name, ruleSet) => {
    const cases = [
      ...vignettes.map((v) => ({
        label: `${v.file}: ${v.name}`,
        request: v.request,
        options: { ruleSet, ...(v.asOf === undefined ? {} : { asOf: v.asOf }), ...(v.jurisdiction === undefined ? {} : { jurisdiction: v.jurisdiction }) },
      })),
      ...EXAMPLE_REQUESTS.flatMap(([name, request]) =>
        [undefined, 'US' as const, 'EU' as const].map((jurisdiction) => ({ label: `${name} ${jurisdiction ?? ''}`, request, options: { ruleSet, ...(jurisdiction === undefined ? {} : { jurisdiction }) } })),
      ),
    ];
    const mismatches: string[] = [];
    for (const c of cases) {
      const difference = await compareEvaluators(c.request, c.options);
      if (difference !== undefined) mismatches.push(`${c.label}: ${difference}`);
    }
    expect(mismatches).toEqual([]);
  });

  // 10,000 generated requests per run: 5,000 here from a fixed seed, 5,000 in
  // differential-random-seed.test.ts from a new seed each run.
  it('on 5,000 generated requests from the fixed seed 20260', () => checkGenerated(20260, 5000));
});
