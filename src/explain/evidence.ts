import type { Evidence } from '../model/assessment.js';
import type { EvaluatedNode } from '../engine/evaluated.js';
import { FACT_CATALOGUE } from '../facts/fact-catalogue.js';

const describe = (fact: string): Pick<Evidence, 'about' | 'requestPath'> => {
  const entry = (FACT_CATALOGUE as Readonly<Record<string, { description: string; requestPath?: string }>>)[fact];
  if (entry === undefined) return {};
  return entry.requestPath === undefined
    ? { about: entry.description }
    : { about: entry.description, requestPath: entry.requestPath };
};

const isSatisfied = (node: EvaluatedNode): boolean => node.result === true;

/**
 * Collects the conditions that made a rule fire from json-rules-engine's evaluated condition tree:
 * every leaf of a satisfied `all`, and the satisfied leaves of a satisfied `any`.
 * @param node - the evaluated tree of a rule that fired
 * @returns the evidence, in the order the conditions are written
 */
export const collectEvidence = (node: EvaluatedNode): readonly Evidence[] => {
  // json-rules-engine leaves `result` off the root node; the root of a rule that fired is satisfied.
  if ('all' in node) return node.result === false ? [] : node.all.flatMap(collectEvidence);
  if ('any' in node) return node.result === false ? [] : node.any.filter(isSatisfied).flatMap(collectEvidence);
  if (!node.result) return [];
  const value = node.value;
  const reference =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value
      ? (value as { fact: string; path?: string })
      : undefined;
  return [
    {
      fact: node.path === undefined ? node.fact : `${node.fact}.${node.path}`,
      operator: node.operator,
      expected: node.valueResult,
      actual: node.factResult,
      ...(reference === undefined
        ? {}
        : { expectedFrom: reference.path === undefined ? reference.fact : `${reference.fact}.${reference.path}` }),
      ...describe(node.fact),
    },
  ];
};
