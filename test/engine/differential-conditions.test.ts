import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { compileConditions } from '../../src/engine/compile-conditions.js';
import { resolvePath } from '../../src/engine/path-resolver.js';
import { OPERATORS } from '../../src/rules/operators.js';
import type { ConditionNode } from '../../src/rules/rule-file-schema.js';

// Random condition trees and random facts, evaluated by the compiler and by json-rules-engine
// itself: the same rules fire, with the same annotated trees, and both throw on the same inputs.

const FACTS = ['a', 'b', 'c', 'n', 's', 'arr', 'obj'] as const;
const PATHS = ['x', 'y.z', 'length', '0', '__proto__', 'constructor', 'y.__proto__'];

const scalar = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 2.5, -3, Number.NaN, Infinity, -Infinity, 1e21),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('', '1', '2.5', '3abc', 'NaN', 'Infinity', 'undocumented', 'x'),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  { arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 2 },
  { arbitrary: fc.record({ x: scalar, y: fc.record({ z: scalar }), 0: scalar }, { requiredKeys: [] }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
const factName = fc.oneof({ arbitrary: fc.constantFrom(...FACTS), weight: 400 }, { arbitrary: fc.constant('missing'), weight: 1 });
const path = fc.option(fc.constantFrom(...PATHS), { nil: undefined, freq: 2 });
const withPath = <T extends object>(base: T, p: string | undefined): T => (p === undefined ? base : { ...base, path: p });

const isListOperator = (operator: string): boolean => operator === 'in' || operator === 'notIn';

// in/notIn mostly get a list or a text to search, and now and then a number, a boolean (which the
// rule schema allows) or a fact reference, since json-rules-engine throws when their right-hand
// side has no indexOf.
const leaf = fc
  .oneof({ arbitrary: fc.constantFrom(...OPERATORS), weight: 400 }, { arbitrary: fc.constant('bogus'), weight: 1 })
  .chain((operator) =>
    fc.record({
      fact: factName,
      literal: isListOperator(operator)
        ? fc.oneof(
            { arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 10 },
            { arbitrary: fc.constantFrom('abc', '12.5'), weight: 5 },
            { arbitrary: fc.constantFrom(5, true), weight: 1 },
          )
        : value,
      reference: fc.oneof(
        { arbitrary: fc.constant(null), weight: isListOperator(operator) ? 20 : 3 },
        { arbitrary: fc.record({ fact: factName, path }), weight: 1 },
      ),
      path,
    }).map(({ fact, literal, reference, path: p }) =>
      withPath({ fact, operator, value: reference === null ? literal : withPath({ fact: reference.fact }, reference.path) }, p),
    ),
  );

const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: leaf, weight: 3 },
    fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
  ),
}));
const root = fc.oneof(fc.record({ all: fc.array(node, { maxLength: 4 }) }), fc.record({ any: fc.array(node, { maxLength: 4 }) }));
const facts = fc.record(Object.fromEntries(FACTS.map((name) => [name, value])) as Record<(typeof FACTS)[number], fc.Arbitrary<unknown>>);

type Plain = Record<string, unknown>;

// json-rules-engine's Condition objects as plain trees: boolean nodes with their result when set,
// leaves with what they read.
const plain = (condition: Plain): Plain => {
  for (const kind of ['all', 'any'] as const) {
    if (Object.prototype.hasOwnProperty.call(condition, kind)) {
      const children = (condition[kind] as Plain[]).map(plain);
      return condition['result'] === undefined ? { [kind]: children } : { [kind]: children, result: condition['result'] };
    }
  }
  const { fact, operator, value: v, path: p, factResult, valueResult, result } = condition;
  return withPath({ fact, operator, value: v, factResult, valueResult, result }, p as string | undefined);
};

type Outcome = { readonly threw: boolean; readonly fired: readonly (readonly [string, Plain])[] };

const byReference = async (roots: readonly unknown[], input: Plain): Promise<Outcome> => {
  const rules = roots.map((conditions, i): RuleProperties => ({ name: `r${i}`, conditions: conditions as RuleProperties['conditions'], event: { type: 'x' } }));
  try {
    const { results } = await new Engine(rules, { allowUndefinedFacts: false, pathResolver: resolvePath }).run({ ...input });
    const fired = results.map((r) => [String(r.name), plain(r.conditions as unknown as Plain)] as const);
    return { threw: false, fired: fired.sort(([a], [b]) => (a < b ? -1 : 1)) };
  } catch {
    return { threw: true, fired: [] };
  }
};

const compiled = (roots: readonly unknown[], input: Plain): Outcome => {
  try {
    const fired = roots.flatMap((conditions, i) => {
      const tree = compileConditions(conditions as ConditionNode)(input);
      return tree === undefined ? [] : [[`r${i}`, plain(tree as unknown as Plain)] as const];
    });
    return { threw: false, fired: fired.sort(([a], [b]) => (a < b ? -1 : 1)) };
  } catch {
    return { threw: true, fired: [] };
  }
};

// What the runs covered, so that a generator that stops producing firing or throwing cases is noticed.
const seen = { runs: 0, threw: 0, fired: 0 };

const agree = async (roots: readonly unknown[], input: Plain): Promise<void> => {
  const expected = await byReference(roots, input);
  seen.runs += 1;
  seen.threw += expected.threw ? 1 : 0;
  seen.fired += expected.fired.length;
  const actual = compiled(roots, input);
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`compiled ${JSON.stringify(actual)}\njson-rules-engine ${JSON.stringify(expected)}`);
  }
};

describe('compiled conditions against json-rules-engine 7.3.1, on random trees and facts', () => {
  const seed = Math.floor(Math.random() * 2 ** 31);
  it.each([
    [7, 4000],
    [seed, 2000],
  ])('agree from seed %i (%i runs)', async (s, numRuns) => {
    Object.assign(seen, { runs: 0, threw: 0, fired: 0 });
    await fc.assert(fc.asyncProperty(fc.array(root, { minLength: 1, maxLength: 5 }), facts, agree), { seed: s, numRuns, endOnFailure: true });
    console.log(`seed ${s}: ${JSON.stringify(seen)}`);
    // Most runs evaluate without an error and fire rules; some throw, as json-rules-engine rejects.
    expect(seen.threw).toBeGreaterThan(numRuns / 50);
    expect(seen.runs - seen.threw).toBeGreaterThan(numRuns / 2);
    expect(seen.fired).toBeGreaterThan(numRuns / 2);
  });

  // On a complete table (toFacts's: every named fact present, plain data) a rule whose leaves cannot
  // throw there is decided with a short cut. Checked here: such trees never throw on such tables,
  // and the short cut gives the same outcome as evaluating every leaf, on every tree.
  const namesOf = (condition: Plain): string[] => {
    for (const kind of ['all', 'any'] as const) {
      if (Object.prototype.hasOwnProperty.call(condition, kind)) return (condition[kind] as Plain[]).flatMap(namesOf);
    }
    const v = condition['value'];
    const reference = typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, 'fact') ? [(v as Plain)['fact'] as string] : [];
    return [condition['fact'] as string, ...reference];
  };
  const cannotThrow = (condition: Plain): boolean => {
    for (const kind of ['all', 'any'] as const) {
      if (Object.prototype.hasOwnProperty.call(condition, kind)) return (condition[kind] as Plain[]).every(cannotThrow);
    }
    // Only in/notIn can throw on such a table, when what they search has no indexOf.
    const v = condition['value'];
    const searchable = Array.isArray(v) || typeof v === 'string';
    return (OPERATORS as readonly unknown[]).includes(condition['operator']) && (searchable || !isListOperator(condition['operator'] as string));
  };
  const outcome = (root: unknown, input: Plain, complete: boolean): { threw: boolean; tree?: unknown } => {
    try {
      return { threw: false, tree: compileConditions(root as ConditionNode)(input, complete) };
    } catch {
      return { threw: true };
    }
  };

  it('decide complete tables with a short cut that changes no outcome', () => {
    const counts = { total: 0, short: 0 };
    fc.assert(
      fc.property(root, facts, (generatedRoot, generated) => {
        // fast-check makes some records without a prototype; rule files and toFacts give plain data.
        const r = structuredClone(generatedRoot);
        const input: Plain = structuredClone(generated);
        const complete = namesOf(r as Plain).every((name) => Object.prototype.hasOwnProperty.call(input, name) && input[name] !== undefined);
        const full = outcome(r, input, false);
        if (!complete) return;
        if (cannotThrow(r as Plain)) {
          counts.total += 1;
          expect(full.threw).toBe(false);
        }
        // A throwing rule is never cut short, so the error json-rules-engine raises is raised too.
        const short = outcome(r, input, true);
        counts.short += 1;
        expect(short).toEqual(full);
      }),
      { seed: 11, numRuns: 4000 },
    );
    expect(counts.total).toBeGreaterThan(1000);
    expect(counts.short).toBeGreaterThan(1000);
  });

  it('throw where json-rules-engine rejects: an undefined fact, and in/notIn against a non-list', async () => {
    const undefinedFact = [{ all: [{ fact: 'missing', operator: 'equal', value: 1 }] }];
    const notAList = [{ any: [{ fact: 'a', operator: 'in', value: { fact: 'n' } }] }];
    for (const roots of [undefinedFact, notAList]) {
      expect((await byReference(roots, { a: 1, n: 2 })).threw).toBe(true);
      expect(compiled(roots, { a: 1, n: 2 }).threw).toBe(true);
    }
  });

  // The compiled reader takes a name that Object.prototype lacks straight from the table, so these
  // check that nothing inherited passes for a fact: from Object.prototype, or from another prototype.
  it('take only own properties for facts, whatever the prototype and the fact names', async () => {
    const inherited = Object.assign(Object.create({ a: 1, n: 2 }) as Plain, { s: 'x' });
    const nullPrototype = Object.assign(Object.create(null) as Plain, { a: 1, toString: 2 });
    const cases: readonly (readonly [readonly unknown[], Plain])[] = [
      [[{ all: [{ fact: 'a', operator: 'equal', value: 1 }] }], inherited],
      [[{ all: [{ fact: 's', operator: 'equal', value: { fact: 'n' } }] }], inherited],
      [[{ all: [{ fact: 's', operator: 'equal', value: 'x' }] }], inherited],
      [[{ all: [{ fact: 'toString', operator: 'notEqual', value: 1 }] }], { a: 1 }],
      [[{ any: [{ fact: 'constructor', operator: 'equal', value: 1 }] }], { a: 1 }],
      [[{ all: [{ fact: 'toString', operator: 'equal', value: 2 }, { fact: 'a', operator: 'equal', value: 1 }] }], nullPrototype],
      [[{ all: [{ fact: 'valueOf', operator: 'equal', value: 2 }] }], nullPrototype],
    ];
    const outcomes = [];
    for (const [roots, input] of cases) {
      await agree(roots, input);
      outcomes.push(compiled(roots, input).threw);
    }
    // Inherited or missing, the fact is undefined; own, it is read, whatever its name.
    expect(outcomes).toEqual([true, true, false, true, true, false, true]);
  });
});
