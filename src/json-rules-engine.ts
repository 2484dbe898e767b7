/**
 * The json-rules-engine evaluator, kept apart from the core entry so that bundles which do not use
 * it never include json-rules-engine: `assess(request, { evaluator: jsonRulesEngine })`.
 */
export { jsonRulesEngine, runRules } from './engine/run-rules.js';
export type { RuleEvaluator, FiredRule, EvaluatedNode, EvaluatedLeaf } from './engine/evaluated.js';
