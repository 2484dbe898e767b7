/** Something with an `indexOf`, as json-rules-engine's list operators call it without checking. */
interface Indexable {
  indexOf(item: unknown): number;
}

/** A comparison of a fact's value (left) with a condition's value (right). */
export type Comparison = (fact: unknown, value: unknown) => boolean;

/**
 * json-rules-engine 7.3.1's number check: anything parseFloat reads as a number, e.g. "2.5" or
 * "3abc". It writes `parseFloat(v).toString() !== 'NaN'`; a number prints as NaN exactly when it is
 * NaN, so this asks the same without making a string per comparison.
 * @param value - a fact's value
 * @returns true when json-rules-engine would compare it as a number
 */
const isNumeric = (value: unknown): boolean => !Number.isNaN(Number.parseFloat(value as string));

/**
 * The operators a rule may use, with json-rules-engine 7.3.1's semantics exactly: its fact-value
 * checks (`Array.isArray` for `contains`, its number check for the orderings), and `indexOf` called
 * on the right-hand side of `in`/`notIn` and the fact of `contains`, so that they throw where it throws.
 */
export const COMPARISONS: Readonly<Record<string, Comparison>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as Indexable).indexOf(a) > -1,
  notIn: (a, b) => (b as Indexable).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumeric(a) && (a as number) >= (b as number),
};
