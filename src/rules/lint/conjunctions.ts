import type { z } from 'zod';
import type { IssuePath } from '../../model/issues.js';
import type { ConditionNode, LeafConditionSchema } from '../rule-file-schema.js';

/** A leaf condition of a rule file. */
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

/** A leaf condition with its path inside the rule file. */
export interface PlacedLeaf {
  readonly leaf: LeafCondition;
  readonly path: IssuePath;
}

/**
 * Leaves that must all hold at once for one branch of a rule: the leaves of one `all` (or one leaf
 * of an `any`), together with the leaves of every enclosing `all`.
 */
export interface Conjunction {
  /** The leaves this branch adds, in file order. */
  readonly own: readonly PlacedLeaf[];
  /** The leaves of the enclosing `all` nodes, which hold whenever this branch counts. */
  readonly inherited: readonly PlacedLeaf[];
}

const isLeaf = (node: ConditionNode): node is LeafCondition => 'fact' in node;

/**
 * Splits a condition tree into its conjunctions, so each leaf is checked once, against exactly the
 * leaves that must hold with it.
 * @param node - a condition tree, valid against `ConditionNodeSchema`
 * @param path - the path of the node inside the rule file, e.g. `['conditions']`
 * @param inherited - the leaves of the enclosing `all` nodes
 * @returns one conjunction per `all` node and one per leaf directly under an `any`
 */
export const conjunctionsOf = (
  node: ConditionNode,
  path: IssuePath,
  inherited: readonly PlacedLeaf[] = [],
): readonly Conjunction[] => {
  if (isLeaf(node)) return [{ own: [{ leaf: node, path }], inherited }];
  if ('all' in node) {
    const children = node.all.map((child, i) => ({ child, path: [...path, 'all', i] }));
    const own = children.flatMap(({ child, path: at }) => (isLeaf(child) ? [{ leaf: child, path: at }] : []));
    const context = [...inherited, ...own];
    return [
      { own, inherited },
      ...children.flatMap(({ child, path: at }) => (isLeaf(child) ? [] : conjunctionsOf(child, at, context))),
    ];
  }
  return node.any.flatMap((child, i) => conjunctionsOf(child, [...path, 'any', i], inherited));
};

const withPath = (fact: string, path: string | undefined): string => (path === undefined ? fact : `${fact}.${path}`);

/**
 * Renders a condition's value as it reads in a message: JSON for literals, `fact.path` for references.
 * @param value - the value of a leaf condition
 * @returns e.g. `"pregnant"`, `[1,2]` or `limits.maxVolumeMl`
 */
export const describeValue = (value: LeafCondition['value']): string =>
  typeof value === 'object' && !Array.isArray(value) ? withPath(value.fact, value.path) : JSON.stringify(value);

/**
 * Renders a leaf as it reads in a message, e.g. `ageYears lessThan limits.adultAgeYears`.
 * @param leaf - the leaf condition
 * @returns the fact (with its path), the operator and the value
 */
export const describeLeaf = (leaf: LeafCondition): string =>
  `${withPath(leaf.fact, leaf.path)} ${leaf.operator} ${describeValue(leaf.value)}`;
