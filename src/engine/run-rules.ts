import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Facts } from '../facts/facts.js';
import type { RuleDefinition } from '../rules/rule-set.js';
import type { EvaluatedNode, FiredRule, RuleEvaluator } from './evaluated.js';
import { resolvePath } from './path-resolver.js';

// json-rules-engine builds its own Condition objects and annotates clones of them, so the frozen
// conditions of a shared rule set can be handed over as they are.
const toEngineRule = (rule: RuleDefinition): RuleProperties => ({
  name: rule.id,
  conditions: rule.file.conditions as unknown as RuleProperties['conditions'],
  event: { type: 'finding', params: { id: rule.id } },
});

/**
 * Runs rules over facts on a new json-rules-engine Engine, so that concurrent calls never share
 * one (json-rules-engine issue #303); undefined facts are an error, never a silent pass.
 * @param rules - the rules of one stage
 * @param facts - the facts, every one defined
 * @returns the rules that fired, in the order given, with their evaluated condition trees
 */
export const runRules = async (rules: readonly RuleDefinition[], facts: Facts): Promise<readonly FiredRule[]> => {
  if (rules.length === 0) return [];
  const engine = new Engine(rules.map(toEngineRule), {
    allowUndefinedFacts: false,
    pathResolver: resolvePath,
  });
  const { results } = await engine.run({ ...facts });
  const fired = new Map(results.map((result) => [String(result.name), result.conditions as unknown as EvaluatedNode]));
  return rules.flatMap((rule) => {
    const conditions = fired.get(rule.id);
    return conditions === undefined ? [] : [{ rule, conditions }];
  });
};

/**
 * json-rules-engine as the evaluator: the reference the compiled evaluator is tested against. Pass
 * it as `AssessOptions.evaluator` to cross-check an assessment; it works with `assess` only.
 */
export const jsonRulesEngine: RuleEvaluator = { name: 'json-rules-engine', synchronous: false, run: runRules };
