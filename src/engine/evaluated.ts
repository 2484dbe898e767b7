import type { Facts } from '../facts/facts.js';
import type { RuleDefinition } from '../rules/rule-set.js';

/** A leaf condition as evaluated: the fact and value read for this request, and whether it held. */
export interface EvaluatedLeaf {
  readonly fact: string;
  readonly operator: string;
  readonly value: unknown;
  readonly path?: string;
  readonly result: boolean;
  readonly factResult: unknown;
  readonly valueResult: unknown;
}

/**
 * A condition tree as evaluated, in the shape json-rules-engine gives it after a run: nested
 * `all`/`any` nodes carry their `result`, the root does not.
 */
export type EvaluatedNode =
  | { readonly all: readonly EvaluatedNode[]; readonly result?: boolean }
  | { readonly any: readonly EvaluatedNode[]; readonly result?: boolean }
  | EvaluatedLeaf;

/** One rule that fired, with its evaluated conditions. */
export interface FiredRule {
  readonly rule: RuleDefinition;
  readonly conditions: EvaluatedNode;
}

/**
 * Evaluates the rules of one stage over the facts of one request. Both evaluators hand the same
 * evaluated trees to the explanation code, so explanations cannot depend on which one ran.
 */
export interface RuleEvaluator {
  /** A name for reports, e.g. `compiled` or `json-rules-engine`. */
  readonly name: string;
  /** True when `run` returns its result directly rather than a promise; only these suit `assessSync`. */
  readonly synchronous: boolean;
  /**
   * Runs rules over facts.
   * @param rules - the rules of one stage
   * @param facts - the facts, every one defined
   * @returns the rules that fired, in the order given, with their evaluated condition trees
   */
  readonly run: (rules: readonly RuleDefinition[], facts: Facts) => readonly FiredRule[] | Promise<readonly FiredRule[]>;
}
