import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { assess, assessSync } from '../../src/assess.js';
import { jsonRulesEngine } from '../../src/json-rules-engine.js';
import { compiledEvaluator } from '../../src/engine/compiled-evaluator.js';
import type { RuleEvaluator } from '../../src/engine/evaluated.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { BUNDLED_RULE_FILES } from '../../src/rules/bundled-rules.generated.js';

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

  // The rule schema lets in/notIn take a number or a boolean, which json-rules-engine cannot search.
  // The compiled path's short cut must not skip such a leaf when an earlier one already settles the
  // rule: both paths fail alike, as data.
  it('fails as json-rules-engine does on a rule that searches a number, even when another leaf settles it', async () => {
    const searchesANumber = (value: unknown) => ({
      name: 'precaution.searches-a-number',
      conditions: { all: [{ fact: 'ageYears', operator: 'lessThan', value: 0 }, { fact: 'ageYears', operator: 'in', value }] },
      event: {
        type: 'finding',
        params: {
          id: 'precaution.searches-a-number',
          category: 'precaution',
          effect: 'inform',
          severity: 'info',
          sources: ['SEED-000'],
          summary: 'A rule that searches a number.',
          detail: 'A rule that searches a number.',
        },
      },
    });
    for (const value of [5, true]) {
      const ruleSet = loadRuleSet([...BUNDLED_RULE_FILES, searchesANumber(value)], { sources: defaultRuleSet.sources });
      if (E.isLeft(ruleSet)) throw new Error(JSON.stringify(ruleSet.left));
      expect(issuePaths(await assess(request, { ruleSet: ruleSet.right, evaluator: jsonRulesEngine }))).toEqual(['internal_error ']);
      expect(issuePaths(assessSync(request, { ruleSet: ruleSet.right }))).toEqual(['internal_error ']);
    }
  });

  it('reports an evaluator that fails, or claims to be synchronous and is not, as data', async () => {
    const failing: RuleEvaluator = { name: 'failing', synchronous: true, run: () => { throw new Error('broken'); } };
    const lying: RuleEvaluator = { name: 'lying', synchronous: true, run: async () => [] };
    expect(issuePaths(assessSync(request, { evaluator: failing }))).toEqual(['internal_error ']);
    expect(issuePaths(assessSync(request, { evaluator: lying }))).toEqual(['internal_error ']);
    expect(issuePaths(await assess(request, { evaluator: { ...failing, synchronous: false } }))).toEqual(['internal_error ']);
  });
});
