import type { ConditionNode } from '../rules/rule-file-schema.js';
import type { EvaluatedLeaf, EvaluatedNode } from './evaluated.js';
import { COMPARISONS, type Comparison } from './operators.js';
import { pathReader } from './path-resolver.js';

/** The facts of one request, read by name. */
export type FactTable = Readonly<Record<string, unknown>>;

/** An evaluated node below the root: it always carries its result. */
type Annotated = EvaluatedNode & { readonly result: boolean };

/**
 * A compiled rule root: the evaluated tree when the conditions hold, else undefined. `complete` says
 * that the table is a whole one made by toFacts for a validated rule set's rules: every fact those
 * rules name is present and every value is plain data, so the first pass may stop early wherever no
 * leaf can throw (see {@link compileConditions}).
 */
export type CompiledConditions = (facts: FactTable, complete?: boolean) => EvaluatedNode | undefined;

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

// json-rules-engine's fact read: an unknown fact is an error (allowUndefinedFacts: false); a path
// applies only to non-null objects, and any other value is returned as it is. Only own properties are
// facts. The table's prototype is Object.prototype or null (see ownFacts), so a name that is not a
// property of Object.prototype can be read directly and checked only when the read gives undefined.
const factReader = (name: string, path: string | undefined): ((facts: FactTable) => unknown) => {
  const read = name in Object.prototype
    ? (facts: FactTable): unknown => {
        if (!hasOwn(facts, name)) throw new Error(`Undefined fact: ${name}`);
        return facts[name];
      }
    : (facts: FactTable): unknown => {
        const value = facts[name];
        if (value === undefined && !hasOwn(facts, name)) throw new Error(`Undefined fact: ${name}`);
        return value;
      };
  if (!path) return read;
  const resolve = pathReader(path);
  return (facts) => {
    const value = read(facts);
    return typeof value === 'object' && value !== null ? resolve(value) : value;
  };
};

// A table with another prototype is read through a copy of its own properties on a null prototype,
// so that nothing inherited can be taken for a fact.
const ownFacts = (facts: FactTable): FactTable => {
  const prototype = Object.getPrototypeOf(facts) as unknown;
  if (prototype === Object.prototype || prototype === null) return facts;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(facts)) copy[key] = facts[key];
  return copy;
};

// json-rules-engine hands back a deep copy of a literal value each run, so a caller may change it;
// like its copy, this one keeps each object's prototype.
const copyLiteral = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(copyLiteral);
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = copyLiteral((value as Record<string, unknown>)[key]);
  return copy;
};

type Leaf = Extract<ConditionNode, { fact: string }>;

// An object value with an own `fact` is a reference to another fact (json-rules-engine's getValue).
const isFactReference = (value: unknown): value is { readonly fact: string; readonly path?: string } =>
  typeof value === 'object' && value !== null && hasOwn(value, 'fact');

/**
 * A compiled node: `test` evaluates every leaf under it and allocates nothing; `annotate` builds the
 * evaluated tree. Both read the same facts the same way, so they throw on the same inputs. `decide`
 * gives the same answer as `test` but stops at the first child that settles an `all` or `any`; it
 * is used only on complete tables and only where `total` says that no leaf under the node can throw
 * there, so skipping leaves cannot hide an error json-rules-engine would raise.
 */
interface Compiled {
  readonly test: (facts: FactTable) => boolean;
  readonly decide: (facts: FactTable) => boolean;
  readonly annotate: (facts: FactTable) => Annotated;
  readonly total: boolean;
}

const unknownOperator = (operator: string): Compiled => {
  const fail = (): never => {
    throw new Error(`Unknown operator: ${operator}`);
  };
  return { test: fail, decide: fail, annotate: fail, total: false };
};

// On a complete table every fact is present and every value is plain data (numbers, strings,
// booleans, arrays and plain objects), and then only in/notIn can throw: json-rules-engine calls
// indexOf on their right-hand side. A list or a text has it; anything else the rule schema allows
// there (a number, a boolean, another fact's value) may not, so such a leaf is not total.
const isTotal = (operator: string, value: unknown, reference: unknown): boolean =>
  (operator !== 'in' && operator !== 'notIn') || (reference === undefined && (Array.isArray(value) || typeof value === 'string'));

// A leaf's short-cut test for complete tables, where the fact is known to be an own property: the
// fact is read straight from the table rather than through the checking reader.
const directLeaf = (name: string, compare: Comparison, value: unknown): ((facts: FactTable) => boolean) | undefined =>
  name in Object.prototype ? undefined : (facts) => compare(facts[name], value);

const compileLeaf = (leaf: Leaf): Compiled => {
  const { fact, operator, value, path } = leaf;
  const compare: Comparison | undefined = hasOwn(COMPARISONS, operator) ? COMPARISONS[operator] : undefined;
  if (compare === undefined) return unknownOperator(operator);
  const readFact = factReader(fact, path);
  const reference = isFactReference(value) ? value : undefined;
  const readValue = reference === undefined ? undefined : factReader(reference.fact, reference.path);
  const withPath = path !== undefined;
  // The value is read before the fact, as json-rules-engine does, so the same error surfaces first.
  const test = readValue === undefined ? (facts: FactTable) => compare(readFact(facts), value) : (facts: FactTable) => {
    const valueResult = readValue(facts);
    return compare(readFact(facts), valueResult);
  };
  return {
    test,
    decide: reference === undefined && path === undefined ? (directLeaf(fact, compare, value) ?? test) : test,
    total: isTotal(operator, value, reference),
    annotate: (facts) => {
      const literal = readValue === undefined ? copyLiteral(value) : undefined;
      const valueResult = readValue === undefined ? literal : readValue(facts);
      const factResult = readFact(facts);
      const result = compare(factResult, valueResult);
      const node: EvaluatedLeaf = withPath
        ? { fact, operator, value: literal ?? value, path, factResult, valueResult, result }
        : { fact, operator, value: literal ?? value, factResult, valueResult, result };
      return node as Annotated;
    },
  };
};

const childrenOf = (node: ConditionNode): { readonly kind: 'all' | 'any'; readonly children: readonly ConditionNode[] } | undefined => {
  if (hasOwn(node, 'any')) return { kind: 'any', children: (node as { any: readonly ConditionNode[] }).any };
  if (hasOwn(node, 'all')) return { kind: 'all', children: (node as { all: readonly ConditionNode[] }).all };
  return undefined;
};

// json-rules-engine evaluates every condition of a priority set (no short cut) and treats an
// empty list as satisfied, for `any` as for `all`.
const testAll = (children: readonly Compiled[]) => (facts: FactTable): boolean => {
  let holds = true;
  for (const child of children) holds = child.test(facts) && holds;
  return holds;
};
const testAny = (children: readonly Compiled[]) => (facts: FactTable): boolean => {
  let holds = children.length === 0;
  for (const child of children) holds = child.test(facts) || holds;
  return holds;
};

// The short-cut pass: the same answers as testAll and testAny when no child throws.
const decideAll = (children: readonly Compiled[]) => (facts: FactTable): boolean => {
  for (const child of children) if (!child.decide(facts)) return false;
  return true;
};
const decideAny = (children: readonly Compiled[]) => (facts: FactTable): boolean => {
  for (const child of children) if (child.decide(facts)) return true;
  return children.length === 0;
};

const holds = (kind: 'all' | 'any', children: readonly Annotated[]): boolean =>
  children.length === 0 || (kind === 'all' ? children.every((c) => c.result) : children.some((c) => c.result));

interface CompiledList {
  readonly kind: 'all' | 'any';
  readonly test: (facts: FactTable) => boolean;
  /** The short-cut pass where every leaf below is total; else the same as `test`. */
  readonly decide: (facts: FactTable) => boolean;
  readonly total: boolean;
  readonly children: (facts: FactTable) => Annotated[];
}

const compileList = (node: ConditionNode): CompiledList | undefined => {
  const list = childrenOf(node);
  if (list === undefined) return undefined;
  const compiled = list.children.map(compileNode);
  const test = list.kind === 'all' ? testAll(compiled) : testAny(compiled);
  const total = compiled.every((child) => child.total);
  return {
    kind: list.kind,
    test,
    decide: !total ? test : list.kind === 'all' ? decideAll(compiled) : decideAny(compiled),
    total,
    children: (facts) => compiled.map((child) => child.annotate(facts)),
  };
};

const compileNode = (node: ConditionNode): Compiled => {
  const list = compileList(node);
  if (list === undefined) {
    if (!hasOwn(node, 'fact')) throw new Error('A condition must be "all", "any" or a fact comparison');
    return compileLeaf(node as Leaf);
  }
  const { kind } = list;
  return {
    test: list.test,
    decide: list.decide,
    total: list.total,
    annotate: (facts) => {
      const children = list.children(facts);
      const result = holds(kind, children);
      return (kind === 'all' ? { all: children, result } : { any: children, result }) as Annotated;
    },
  };
};

/**
 * Compiles a rule's condition tree into plain closures, without code generation (no `eval`, no
 * `new Function`, so it runs under a strict Content-Security-Policy). The result mirrors
 * json-rules-engine 7.3.1: every leaf is evaluated, nested nodes carry `result` and the root does
 * not, literal values are fresh copies, and an undefined fact or a list operator on a non-list
 * throws. A first pass decides without building anything; only a rule that fires is evaluated
 * again, every leaf, to build its tree. On a complete table (every named fact present, plain data)
 * the first pass of a rule in which no leaf can throw stops as soon as the answer is settled, which
 * cannot change it; any other rule, and any rule on another table, has every leaf evaluated, as
 * json-rules-engine does.
 * @param root - the rule's `conditions`, an `all` or `any` node
 * @returns a function giving the evaluated tree when the conditions hold, else undefined
 */
export const compileConditions = (root: ConditionNode): CompiledConditions => {
  const list = compileList(root);
  if (list === undefined) throw new Error('The root of a rule\'s conditions must be "all" or "any"');
  const { kind } = list;
  return (given, complete = false) => {
    const facts = ownFacts(given);
    if (!(complete ? list.decide(facts) : list.test(facts))) return undefined;
    const children = list.children(facts);
    return kind === 'all' ? { all: children } : { any: children };
  };
};
