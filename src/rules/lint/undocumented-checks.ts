import { FACT_CATALOGUE, type FactDescription } from '../../facts/fact-catalogue.js';
import type { FactName } from '../../facts/facts.js';
import { UNDOCUMENTED } from '../../facts/undocumented.js';
import type { RuleProblem } from './diagnostic.js';
import { describeLeaf, type Conjunction, type LeafCondition, type PlacedLeaf } from './conjunctions.js';

const NEGATIONS: ReadonlySet<string> = new Set(['notEqual', 'notIn', 'doesNotContain']);
const COMPARISONS: ReadonlySet<string> = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/**
 * Derived facts that are documented exactly when another, always-documented fact says so; the
 * catalogue has no field for this yet, so the linter keeps the few it needs.
 */
const DOCUMENTED_WHEN: Readonly<Partial<Record<FactName, { readonly fact: FactName; readonly value: boolean }>>> = {
  weightKg: { fact: 'weightRecorded', value: true },
  dailyPolidocanolMgPerKg: { fact: 'weightRecorded', value: true },
  maxPolidocanolMg: { fact: 'weightRecorded', value: true },
};

const describeFact = (name: string): FactDescription | undefined =>
  Object.prototype.hasOwnProperty.call(FACT_CATALOGUE, name) ? FACT_CATALOGUE[name as FactName] : undefined;

const mayBeUndocumented = (name: string): boolean => describeFact(name)?.mayBeUndocumented === true;

/** True when the leaf is false for the value "undocumented" by its own explicit test, not by an operator's type check. */
const excludesUndocumented = (leaf: LeafCondition): boolean => {
  const { operator, value } = leaf;
  if (leaf.path !== undefined || (typeof value === 'object' && !Array.isArray(value))) return false;
  const listed = Array.isArray(value) ? value.includes(UNDOCUMENTED) : value === UNDOCUMENTED;
  if (operator === 'equal' || operator === 'in') return !listed;
  return (operator === 'notEqual' || operator === 'notIn') && listed;
};

/**
 * True when some other leaf that must hold with this one makes sure `fact` is documented: a test on
 * the fact itself (or a fact read from the same request field) that rules out "undocumented", or
 * the fact that records whether it is documented.
 */
const isGuarded = (fact: string, others: readonly PlacedLeaf[]): boolean => {
  const requestPath = describeFact(fact)?.requestPath;
  const documentedWhen = DOCUMENTED_WHEN[fact as FactName];
  return others.some(({ leaf }) => {
    if (documentedWhen !== undefined && leaf.fact === documentedWhen.fact && leaf.operator === 'equal' && leaf.value === documentedWhen.value) {
      return true;
    }
    const sameField = leaf.fact === fact || (requestPath !== undefined && mayBeUndocumented(leaf.fact) && describeFact(leaf.fact)?.requestPath === requestPath);
    return sameField && excludesUndocumented(leaf);
  });
};

const guardExample = (fact: string): string => {
  const documentedWhen = DOCUMENTED_WHEN[fact as FactName];
  return documentedWhen === undefined
    ? `${fact} notEqual "${UNDOCUMENTED}"`
    : `${documentedWhen.fact} equal ${String(documentedWhen.value)}`;
};

const negationProblem = (id: string, placed: PlacedLeaf, fact: string, onValue: boolean): RuleProblem => {
  const { leaf, path } = placed;
  const why =
    leaf.operator === 'doesNotContain'
      ? onValue
        ? `the string "${UNDOCUMENTED}" is never in the list, so the condition passes as if "${fact}" were known`
        : `json-rules-engine's "doesNotContain" returns false for the string "${UNDOCUMENTED}" (it is not a list), so the rule silently does not fire while "${fact}" is undocumented`
      : `the value "${UNDOCUMENTED}" passes "${leaf.operator}", so the rule fires as if "${fact}" were known`;
  const fix = onValue || leaf.operator === 'doesNotContain' ? '' : `, or "${UNDOCUMENTED}" listed in the value`;
  return {
    severity: 'error',
    code: 'negation_on_undocumentable_fact',
    message: `Rule "${id}" negates fact "${fact}", which may be undocumented, in condition ${describeLeaf(leaf)}: ${why}; expected a positive test ("equal", "in", "contains")${fix}, or a guard such as ${guardExample(fact)} in the same "all"`,
    path: [...path, 'operator'],
  };
};

const comparisonProblem = (id: string, placed: PlacedLeaf, fact: string, onValue: boolean): RuleProblem => ({
  severity: 'warning',
  code: 'comparison_on_undocumentable_fact',
  message: `Rule "${id}" compares fact "${fact}", which may be undocumented, in condition ${describeLeaf(placed.leaf)} with no guard: json-rules-engine's numeric operators return false for the string "${UNDOCUMENTED}", so the rule silently does not fire while "${fact}" is undocumented; expected a guard such as ${guardExample(fact)} in the same "all", with another rule covering the undocumented case`,
  path: onValue ? [...placed.path, 'value', 'fact'] : [...placed.path, 'fact'],
});

/**
 * Finds conditions that let the value "undocumented" decide a rule silently: negations of a fact
 * that may be undocumented (an error: "undocumented" passes them, or, for `doesNotContain`, makes
 * the rule silent), and numeric comparisons of such a fact with no guard (a warning: the rule
 * cannot fire while the fact is undocumented). Facts on either side of a condition are checked.
 * @param id - the rule's id, for messages
 * @param conjunction - one branch of the rule's conditions
 * @returns the problems, with paths inside the rule file
 */
export const checkUndocumented = (id: string, conjunction: Conjunction): readonly RuleProblem[] =>
  conjunction.own.flatMap((placed) => {
    const { leaf } = placed;
    const others = [...conjunction.inherited, ...conjunction.own.filter((o) => o !== placed)];
    const sides: { readonly fact: string; readonly onValue: boolean }[] = [{ fact: leaf.fact, onValue: false }];
    if (typeof leaf.value === 'object' && !Array.isArray(leaf.value)) sides.push({ fact: leaf.value.fact, onValue: true });
    return sides.flatMap(({ fact, onValue }) => {
      if (!mayBeUndocumented(fact) || isGuarded(fact, others)) return [];
      if (NEGATIONS.has(leaf.operator) && (onValue || leaf.operator === 'doesNotContain' || !excludesUndocumented(leaf))) {
        return [negationProblem(id, placed, fact, onValue)];
      }
      return COMPARISONS.has(leaf.operator) ? [comparisonProblem(id, placed, fact, onValue)] : [];
    });
  });
