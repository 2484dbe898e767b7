import { readFileSync, readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { assess, assessSync, type AssessOptions } from '../../src/assess.js';
import { jsonRulesEngine } from '../../src/json-rules-engine.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import type { RuleSet } from '../../src/rules/rule-set.js';
import type { Assessment } from '../../src/model/assessment.js';
import { jurisdictionArbitrary, requestArbitrary } from '../../src/testing/arbitraries.js';
import { RISK_FACTORS, type RiskFactor } from '../../src/testing/risk-factors.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** The example requests of `examples/`, by file name. */
export const EXAMPLE_REQUESTS: readonly (readonly [string, unknown])[] = readdirSync('examples')
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, readJson(`examples/${name}`)] as const);

const OVERLAY_FILES = ['examples/overlays/clinic-8ml.json', 'test/fixtures/overlays/clinic-rules.json', 'test/fixtures/overlays/clinic-agents.json'];

/** The shipped rules and every overlay fixture applied to them, by name. */
export const RULE_SETS: readonly (readonly [string, RuleSet])[] = [
  ['default rules', defaultRuleSet],
  ...OVERLAY_FILES.map((file): readonly [string, RuleSet] => {
    const applied = applyOverlay(defaultRuleSet, readJson(file));
    if (E.isLeft(applied)) throw new Error(`${file}: ${JSON.stringify(applied.left)}`);
    return [file, applied.right];
  }),
];

// Which evidence values are frozen: identical output includes what a caller may change.
const frozenness = (result: E.Either<unknown, Assessment>): readonly boolean[] =>
  E.isLeft(result) ? [] : result.right.findings.flatMap((f) => f.evidence.flatMap((e) => [Object.isFrozen(e.expected), Object.isFrozen(e.actual)]));

const differenceOf = (label: string, a: E.Either<unknown, Assessment>, b: E.Either<unknown, Assessment>): string | undefined => {
  if (JSON.stringify(a) !== JSON.stringify(b)) return `${label}: the JSON differs\n${JSON.stringify(a)}\n${JSON.stringify(b)}`;
  if (!isDeepStrictEqual(a, b)) return `${label}: not deep-equal`;
  if (!isDeepStrictEqual(frozenness(a), frozenness(b))) return `${label}: the evidence values differ in what is frozen`;
  return undefined;
};

/**
 * Assesses a request with `assessSync`, with `assess` (compiled by default) and with `assess` on
 * the json-rules-engine reference, and says how the results differ.
 * @param request - any request, valid or not
 * @param options - the options of all three calls
 * @returns undefined when all three are identical, else what differs
 */
export const compareEvaluators = async (request: unknown, options: AssessOptions = {}): Promise<string | undefined> => {
  const compiled = assessSync(request, options);
  const viaAssess = await assess(request, options);
  const reference = await assess(request, { ...options, evaluator: jsonRulesEngine });
  if (E.isLeft(reference) && reference.left.some((issue) => issue.code === 'internal_error')) return `the reference failed: ${JSON.stringify(reference.left)}`;
  return differenceOf('assessSync against json-rules-engine', compiled, reference) ?? differenceOf('assess against assessSync', viaAssess, compiled);
};

const riskFactors = Object.keys(RISK_FACTORS) as RiskFactor[];

// Requests of every shape, with every risk factor, a few invalid ones, each rule set and jurisdiction and several dates.
const generated = fc.record({
  request: fc.oneof(
    requestArbitrary(),
    requestArbitrary({ planned: true }),
    requestArbitrary({ planned: false }),
    requestArbitrary({ planned: true, clean: true }),
    fc.constantFrom(...riskFactors).chain((riskFactor) => requestArbitrary({ riskFactor })),
    fc.constantFrom<unknown>(null, {}, 'x', { patient: {} }),
  ),
  jurisdiction: jurisdictionArbitrary,
  ruleSet: fc.constantFrom(...RULE_SETS.map(([, ruleSet]) => ruleSet)),
  asOf: fc.constantFrom(undefined, '2026-03-10', '2026-06-01', '2025-12-31'),
});

/**
 * Compares the evaluators on generated requests; a failure names the seed, so that the run can be repeated.
 * @param seed - the fast-check seed
 * @param numRuns - how many requests
 */
export const checkGenerated = async (seed: number, numRuns: number): Promise<void> => {
  await fc.assert(
    fc.asyncProperty(generated, async ({ request, jurisdiction, ruleSet, asOf }) => {
      const difference = await compareEvaluators(request, {
        ruleSet,
        ...(jurisdiction === undefined ? {} : { jurisdiction }),
        ...(asOf === undefined ? {} : { asOf }),
      });
      if (difference !== undefined) throw new Error(`seed ${seed}: ${difference}`);
    }),
    { seed, numRuns, endOnFailure: true },
  );
};
