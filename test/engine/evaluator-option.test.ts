import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { assess, assessSync } from '../../src/assess.js';
import { jsonRulesEngine } from '../../src/json-rules-engine.js';
import { compiledEvaluator } from '../../src/engine/compiled-evaluator.js';
import type { RuleEvaluator } from '../../src/engine/evaluated.js';

const request: unknown = JSON.parse(readFileSync('examples/spider-veins.json', 'utf8'));
const issuePaths = (result: E.Either<readonly { path: readonly unknown[]; code: string }[], unknown>) =>
  E.isLeft(result) ? result.left.map((i) => `${i.code} ${i.path.join('.')}`) : [];

describe('the evaluator option', () => {
  it('runs the compiled rules by default, and json-rules-engine when asked, with the same result', async () => {
    const reference = await assess(request, { evaluator: jsonRulesEngine });
    expect(E.isRight(reference)).toBe(true);
    expect(assessSync(request)).toEqual(reference);
    expect(assessSync(request, { evaluator: compiledEvaluator })).toEqual(reference);
  });

  it('refuses json-rules-engine in assessSync, since it is asynchronous, naming the option', () => {
    expect(issuePaths(assessSync(request, { evaluator: jsonRulesEngine }))).toEqual(['invalid_option evaluator']);
  });

  it('refuses anything that is not an evaluator, in both calls', async () => {
    const bad = { name: 'x', run: 'not a function', synchronous: true } as unknown as RuleEvaluator;
    expect(issuePaths(assessSync(request, { evaluator: bad }))).toEqual(['invalid_option evaluator']);
    expect(issuePaths(await assess(request, { evaluator: bad }))).toEqual(['invalid_option evaluator']);
  });

  it('reports an evaluator that fails, or claims to be synchronous and is not, as data', async () => {
    const failing: RuleEvaluator = { name: 'failing', synchronous: true, run: () => { throw new Error('broken'); } };
    const lying: RuleEvaluator = { name: 'lying', synchronous: true, run: async () => [] };
    expect(issuePaths(assessSync(request, { evaluator: failing }))).toEqual(['internal_error ']);
    expect(issuePaths(assessSync(request, { evaluator: lying }))).toEqual(['internal_error ']);
    expect(issuePaths(await assess(request, { evaluator: { ...failing, synchronous: false } }))).toEqual(['internal_error ']);
  });
});
