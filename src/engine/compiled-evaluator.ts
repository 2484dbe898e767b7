import type { Facts } from '../facts/facts.js';
import type { RuleDefinition, RuleSet } from '../rules/rule-set.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { compileConditions, type CompiledConditions, type FactTable } from './compile-conditions.js';
import type { FiredRule, RuleEvaluator } from './evaluated.js';

// Rules are frozen and shared (a rule set, and the overlays built on it), so each is compiled once.
const compiledRules = new WeakMap<RuleDefinition, CompiledConditions>();

const compiledRule = (rule: RuleDefinition): CompiledConditions => {
  const known = compiledRules.get(rule);
  if (known !== undefined) return known;
  const compiled = compileConditions(rule.file.conditions);
  compiledRules.set(rule, compiled);
  return compiled;
};

// The stages of a rule set are fixed arrays, so each array's compiled conditions are found once
// rather than rule by rule on every call.
const compiledLists = new WeakMap<readonly RuleDefinition[], readonly CompiledConditions[]>();

const compiledList = (rules: readonly RuleDefinition[]): readonly CompiledConditions[] => {
  let known = compiledLists.get(rules);
  if (known === undefined) {
    known = rules.map(compiledRule);
    compiledLists.set(rules, known);
  }
  return known;
};

/**
 * Runs rules over facts with the compiled conditions, synchronously.
 * @param rules - the rules of one stage of a validated rule set (a frozen array keeps its compiled
 *   conditions between calls)
 * @param facts - the facts, every one defined
 * @param whole - true only for facts made by toFacts, unchanged but for their session status: then
 *   every fact the rules name is present as plain data, and rules whose leaves cannot throw on such
 *   a table are decided with a short cut (see compileConditions)
 * @returns the rules that fired, in the order given, with their evaluated condition trees
 */
export const runCompiled = (rules: readonly RuleDefinition[], facts: Facts, whole = false): readonly FiredRule[] => {
  const table = facts as unknown as FactTable;
  const compiled = Object.isFrozen(rules) ? compiledList(rules) : rules.map(compiledRule);
  const fired: FiredRule[] = [];
  for (let i = 0; i < compiled.length; i++) {
    const conditions = (compiled[i] as CompiledConditions)(table, whole);
    if (conditions !== undefined) fired.push({ rule: rules[i] as RuleDefinition, conditions });
  }
  return fired;
};

/** The compiled evaluator, the default of `assess` and `assessSync`. */
export const compiledEvaluator: RuleEvaluator = { name: 'compiled', synchronous: true, run: (rules, facts) => runCompiled(rules, facts) };

/** The rules of a rule set in force under one jurisdiction, split by stage. */
export interface Stages {
  readonly one: readonly RuleDefinition[];
  readonly two: readonly RuleDefinition[];
}

// A rule marked for one jurisdiction fires under that jurisdiction and under the strictest default.
const appliesIn = (jurisdiction: JurisdictionInForce) => (rule: RuleDefinition): boolean =>
  rule.params.jurisdiction === undefined || jurisdiction === 'strictest' || rule.params.jurisdiction === jurisdiction;

const stagesByRuleSet = new WeakMap<RuleSet, Map<JurisdictionInForce, Stages>>();

/**
 * The rules of a rule set in force under a jurisdiction, by stage; computed once per rule set and
 * jurisdiction, and every rule compiled on the way, so a rule that cannot be compiled fails at once.
 * @param ruleSet - a validated rule set
 * @param jurisdiction - the jurisdiction in force
 * @returns the stage 1 and stage 2 rules
 */
export const stagesOf = (ruleSet: RuleSet, jurisdiction: JurisdictionInForce): Stages => {
  let byJurisdiction = stagesByRuleSet.get(ruleSet);
  if (byJurisdiction === undefined) {
    for (const rule of ruleSet.rules) compiledRule(rule);
    byJurisdiction = new Map();
    stagesByRuleSet.set(ruleSet, byJurisdiction);
  }
  const known = byJurisdiction.get(jurisdiction);
  if (known !== undefined) return known;
  const rules = ruleSet.rules.filter(appliesIn(jurisdiction));
  // Frozen, so that runCompiled may keep their compiled conditions.
  const stages = { one: Object.freeze(rules.filter((r) => r.stage === 1)), two: Object.freeze(rules.filter((r) => r.stage === 2)) };
  byJurisdiction.set(jurisdiction, stages);
  return stages;
};
