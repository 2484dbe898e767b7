import { formatPath } from '../../model/issues.js';
import type { RuleProblem } from './diagnostic.js';
import { describeLeaf, describeValue, type Conjunction, type LeafCondition, type PlacedLeaf } from './conjunctions.js';

type Primitive = string | number | boolean;

/** What one leaf says about the values its fact may take. */
type Constraint =
  | { readonly kind: 'lower' | 'upper'; readonly bound: number; readonly inclusive: boolean }
  | { readonly kind: 'oneOf' | 'noneOf'; readonly values: readonly Primitive[] };

interface Constrained {
  readonly placed: PlacedLeaf;
  readonly constraint: Constraint;
}

/** The limit values a `{ fact: 'limits', path }` reference resolves to; undefined when unknown. */
export type LimitValues = Readonly<Record<string, number>> | undefined;

const resolveValue = (value: LeafCondition['value'], limits: LimitValues): Primitive | readonly Primitive[] | undefined => {
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  if (value.fact !== 'limits' || value.path === undefined || limits === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(limits, value.path) ? limits[value.path] : undefined;
};

const toConstraint = (leaf: LeafCondition, limits: LimitValues): Constraint | undefined => {
  const value = resolveValue(leaf.value, limits);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (leaf.operator === 'in') return { kind: 'oneOf', values: value };
    return leaf.operator === 'notIn' ? { kind: 'noneOf', values: value } : undefined;
  }
  if (leaf.operator === 'equal') return { kind: 'oneOf', values: [value as Primitive] };
  if (leaf.operator === 'notEqual') return { kind: 'noneOf', values: [value as Primitive] };
  if (typeof value !== 'number') return undefined;
  if (leaf.operator === 'greaterThan' || leaf.operator === 'greaterThanInclusive') {
    return { kind: 'lower', bound: value, inclusive: leaf.operator === 'greaterThanInclusive' };
  }
  if (leaf.operator === 'lessThan' || leaf.operator === 'lessThanInclusive') {
    return { kind: 'upper', bound: value, inclusive: leaf.operator === 'lessThanInclusive' };
  }
  return undefined;
};

// json-rules-engine's numeric operators first require the fact to parse as a number, then compare with `<` / `>`.
const meetsBound = (candidate: Primitive, c: { readonly kind: 'lower' | 'upper'; readonly bound: number; readonly inclusive: boolean }): boolean => {
  if (typeof candidate === 'boolean' || Number.isNaN(Number.parseFloat(String(candidate)))) return false;
  const n = Number(candidate);
  if (c.kind === 'lower') return c.inclusive ? n >= c.bound : n > c.bound;
  return c.inclusive ? n <= c.bound : n < c.bound;
};

/** True when some value of the fact meets every constraint at once. */
const isSatisfiable = (constraints: readonly Constraint[]): boolean => {
  const bounds = constraints.flatMap((c) => (c.kind === 'lower' || c.kind === 'upper' ? [c] : []));
  const excluded = constraints.flatMap((c) => (c.kind === 'noneOf' ? c.values : []));
  const allowed = constraints.flatMap((c) => (c.kind === 'oneOf' ? [c.values] : []));
  const [first, ...rest] = allowed;
  if (first !== undefined) {
    return first.some((v) => rest.every((list) => list.includes(v)) && !excluded.includes(v) && bounds.every((b) => meetsBound(v, b)));
  }
  const lowers = bounds.filter((b) => b.kind === 'lower');
  const uppers = bounds.filter((b) => b.kind === 'upper');
  if (lowers.length === 0 || uppers.length === 0) return true;
  // Between two distinct bounds lie infinitely many numbers, more than any exclusion list can remove.
  const lo = Math.max(...lowers.map((b) => b.bound));
  const hi = Math.min(...uppers.map((b) => b.bound));
  if (lo < hi) return true;
  return lo === hi && bounds.every((b) => meetsBound(lo, b)) && !excluded.includes(lo);
};

const factKey = (leaf: LeafCondition): string => (leaf.path === undefined ? leaf.fact : `${leaf.fact}.${leaf.path}`);

const shown = ({ placed }: Constrained, limits: LimitValues): string => {
  const { operator, value } = placed.leaf;
  const resolved = typeof value === 'object' && !Array.isArray(value) ? ` = ${String(resolveValue(value, limits))}` : '';
  return `${operator} ${describeValue(value)}${resolved} (at ${formatPath(placed.path)})`;
};

const unreachable = (id: string, key: string, added: Constrained, earlier: readonly Constrained[], limits: LimitValues): RuleProblem => {
  const partner = earlier.find((e) => !isSatisfiable([e.constraint, added.constraint]));
  const others = (partner === undefined ? earlier : [partner]).map((e) => shown(e, limits)).join(' and ');
  return {
    severity: 'error',
    code: 'unreachable_range',
    message: `Rule "${id}" has conditions that can never all hold: "${key}" cannot be ${shown(added, limits)} and ${others} at once; expected conditions that some value can meet`,
    path: added.placed.path,
  };
};

/**
 * Finds conditions on the same fact, in one branch of a rule, that no value can meet together
 * (e.g. `x greaterThan 10` and `x lessThan 5`, or `x equal 3` and `x greaterThan 4`), resolving
 * `{ fact: 'limits', path }` values from the limits in force. Conditions on other facts' values are
 * left out, since their values are not known before a request.
 * @param id - the rule's id, for messages
 * @param conjunction - one branch of the rule's conditions
 * @param limits - the limits in force, by name
 * @returns one error per condition that makes the branch unreachable
 */
export const checkRanges = (id: string, conjunction: Conjunction, limits: LimitValues): readonly RuleProblem[] => {
  const constrained = (placed: PlacedLeaf): Constrained[] => {
    const constraint = toConstraint(placed.leaf, limits);
    return constraint === undefined ? [] : [{ placed, constraint }];
  };
  const accepted = new Map<string, Constrained[]>();
  for (const c of conjunction.inherited.flatMap(constrained)) {
    accepted.set(factKey(c.placed.leaf), [...(accepted.get(factKey(c.placed.leaf)) ?? []), c]);
  }
  const problems: RuleProblem[] = [];
  for (const added of conjunction.own.flatMap(constrained)) {
    const key = factKey(added.placed.leaf);
    const earlier = accepted.get(key) ?? [];
    // A contradiction among the enclosing conditions alone is reported where they are.
    if (!isSatisfiable(earlier.map((e) => e.constraint))) continue;
    if (isSatisfiable([...earlier, added].map((e) => e.constraint))) accepted.set(key, [...earlier, added]);
    else problems.push(unreachable(id, key, added, earlier, limits));
  }
  return problems;
};

const conditionKey = (leaf: LeafCondition): string => {
  const value = typeof leaf.value === 'object' && !Array.isArray(leaf.value) ? { fact: leaf.value.fact, path: leaf.value.path ?? null } : leaf.value;
  return JSON.stringify([leaf.fact, leaf.path ?? null, leaf.operator, value]);
};

/**
 * Finds a condition repeated, with the same fact, operator and value, among the conditions that
 * must hold together; the copy changes nothing and usually stands where another test was meant.
 * @param id - the rule's id, for messages
 * @param conjunction - one branch of the rule's conditions
 * @returns one warning per repeated condition, at the repeat
 */
export const checkDuplicates = (id: string, conjunction: Conjunction): readonly RuleProblem[] => {
  const seen = new Map<string, PlacedLeaf>(conjunction.inherited.map((p) => [conditionKey(p.leaf), p]));
  return conjunction.own.flatMap((placed) => {
    const key = conditionKey(placed.leaf);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, placed);
      return [];
    }
    return [
      {
        severity: 'warning',
        code: 'duplicate_condition',
        message: `Rule "${id}" tests ${describeLeaf(placed.leaf)} twice in the same "all" (first at ${formatPath(first.path)}); expected each condition once`,
        path: placed.path,
      },
    ];
  });
};
