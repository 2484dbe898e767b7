import type { Evidence } from '../model/assessment.js';
import type { EvaluatedLeaf, EvaluatedNode } from '../engine/evaluated.js';
import { FACT_CATALOGUE } from '../facts/fact-catalogue.js';

type Description = Pick<Evidence, 'about' | 'requestPath'>;

// What the catalogue says of each fact, looked up once per fact name.
const descriptions = new Map<string, Description>();

const describe = (fact: string): Description => {
  let known = descriptions.get(fact);
  if (known === undefined) {
    const entry = (FACT_CATALOGUE as Readonly<Record<string, { description: string; requestPath?: string }>>)[fact];
    known = entry === undefined ? {} : entry.requestPath === undefined ? { about: entry.description } : { about: entry.description, requestPath: entry.requestPath };
    descriptions.set(fact, known);
  }
  return known;
};

const leafEvidence = (node: EvaluatedLeaf): Evidence => {
  const value = node.value;
  const reference =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value
      ? (value as { fact: string; path?: string })
      : undefined;
  // Built by assignment in the contract's order: a conditional spread costs V8 a run-time property
  // copy, about ten times an assignment, and a finding has a dozen or more of these rows.
  const row: Evidence = {
    fact: node.path === undefined ? node.fact : `${node.fact}.${node.path}`,
    operator: node.operator,
    expected: node.valueResult,
    actual: node.factResult,
  };
  if (reference !== undefined) row.expectedFrom = reference.path === undefined ? reference.fact : `${reference.fact}.${reference.path}`;
  const description = describe(node.fact);
  if (description.about !== undefined) row.about = description.about;
  if (description.requestPath !== undefined) row.requestPath = description.requestPath;
  return row;
};

// Appends the evidence under a node, depth first, in the order the conditions are written.
const collectInto = (node: EvaluatedNode, rows: Evidence[]): void => {
  // json-rules-engine leaves `result` off the root node; the root of a rule that fired is satisfied.
  if ('all' in node) {
    if (node.result !== false) for (const child of node.all) collectInto(child, rows);
  } else if ('any' in node) {
    if (node.result !== false) for (const child of node.any) if (child.result === true) collectInto(child, rows);
  } else if (node.result) {
    rows.push(leafEvidence(node));
  }
};

/**
 * Collects the conditions that made a rule fire from json-rules-engine's evaluated condition tree:
 * every leaf of a satisfied `all`, and the satisfied leaves of a satisfied `any`.
 * @param node - the evaluated tree of a rule that fired
 * @returns the evidence, in the order the conditions are written
 */
export const collectEvidence = (node: EvaluatedNode): readonly Evidence[] => {
  const rows: Evidence[] = [];
  collectInto(node, rows);
  return rows;
};
