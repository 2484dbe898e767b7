import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Facts } from '../facts/facts.js';
import type { RuleDefinition } from '../rules/rule-set.js';
import { resolvePath } from './path-resolver.js';

/** A leaf condition as json-rules-engine annotates it after a run. */
export interface EvaluatedLeaf {
  readonly fact: string;
  readonly operator: string;
  readonly value: unknown;
  readonly path?: string;
  readonly result: boolean;
  readonly factResult: unknown;
  readonly valueResult: unknown;
}

/** A condition tree as json-rules-engine annotates it after a run. */
export type EvaluatedNode =
  | { readonly all: readonly EvaluatedNode[]; readonly result?: boolean }
  | { readonly any: readonly EvaluatedNode[]; readonly result?: boolean }
  | EvaluatedLeaf;

/** One rule that fired, with its evaluated conditions. */
export interface FiredRule {
  readonly rule: RuleDefinition;
  readonly conditions: EvaluatedNode;
}

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
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return results.flatMap((result) => {
    const rule = byId.get(String(result.name));
    return rule === undefined ? [] : [{ rule, conditions: result.conditions as unknown as EvaluatedNode }];
  });
};
