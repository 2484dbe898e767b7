import type { AppliedLimit, Citation } from '../model/assessment.js';
import type { LimitName } from '../model/limits.js';
import { AGENTS, type Agent } from '../model/vocabulary.js';
import { parseSourceReference, type RuleSet } from '../rules/rule-set.js';

/** The parts of every finding that depend on the rule set alone, worked out once per rule set. */
interface RuleSetParts {
  /** The agents whose product label each source key is. */
  readonly labelOwners: ReadonlyMap<string, readonly Agent[]>;
  /** The same, by whole source reference, filled as references are met. */
  readonly ownersByReference: Map<string, readonly Agent[] | undefined>;
  readonly citations: Map<string, Citation>;
  readonly limits: Map<string, readonly AppliedLimit[]>;
}

const partsByRuleSet = new WeakMap<RuleSet, RuleSetParts>();

const partsOf = (ruleSet: RuleSet): RuleSetParts => {
  const known = partsByRuleSet.get(ruleSet);
  if (known !== undefined) return known;
  const owners = new Map<string, Agent[]>();
  for (const agent of AGENTS) {
    for (const key of ruleSet.agents[agent].labelSources) owners.set(key, [...(owners.get(key) ?? []), agent]);
  }
  const parts = { labelOwners: owners, ownersByReference: new Map(), citations: new Map(), limits: new Map() };
  partsByRuleSet.set(ruleSet, parts);
  return parts;
};

/**
 * The agents whose product label a source reference is.
 * @param reference - a source reference, e.g. `ASCLERA-PI §2`
 * @param ruleSet - the rule set, whose agent table names each agent's label sources
 * @returns the agents, or undefined when it is not a product label
 */
export const labelOwnersOf = (reference: string, ruleSet: RuleSet): readonly Agent[] | undefined => {
  const parts = partsOf(ruleSet);
  const known = parts.ownersByReference.get(reference);
  if (known !== undefined || parts.ownersByReference.has(reference)) return known;
  const owners = parts.labelOwners.get(parseSourceReference(reference).key);
  parts.ownersByReference.set(reference, owners);
  return owners;
};

const makeCitation = (reference: string, ruleSet: RuleSet): Citation => {
  const { key, locator } = parseSourceReference(reference);
  const source = ruleSet.sources[key];
  const label = `${source?.label ?? key}${locator === undefined ? '' : `, ${locator}`}`;
  return { label, ...(source?.url === undefined ? {} : { url: source.url }), ...(locator === undefined ? {} : { locator }) };
};

// The full citation of a source reference: a fresh object each call, worked out once per rule set.
const citationOf = (reference: string, ruleSet: RuleSet): Citation => {
  const citations = partsOf(ruleSet).citations;
  let citation = citations.get(reference);
  if (citation === undefined) {
    citation = makeCitation(reference, ruleSet);
    citations.set(reference, citation);
  }
  return { ...citation };
};

// The citations of a list of references, by list: the lists are the frozen ones filterLabelSources
// keeps, so a finding's citations are looked up once per list rather than once per reference.
const citationLists = new WeakMap<RuleSet, WeakMap<readonly string[], readonly Citation[]>>();

/**
 * The full citations of a list of source references: fresh objects each call.
 * @param references - the references; a frozen list keeps its citations between calls
 * @param ruleSet - the rule set, for its sources
 * @returns the citations, in the order of the references
 */
export const citationsOf = (references: readonly string[], ruleSet: RuleSet): Citation[] => {
  if (!Object.isFrozen(references)) return references.map((reference) => citationOf(reference, ruleSet));
  let byList = citationLists.get(ruleSet);
  if (byList === undefined) citationLists.set(ruleSet, (byList = new WeakMap()));
  let citations = byList.get(references);
  if (citations === undefined) {
    citations = references.map((reference) => citationOf(reference, ruleSet));
    byList.set(references, citations);
  }
  return citations.map((citation) => ({ ...citation }));
};

const makeLimit = (name: string, ruleSet: RuleSet): AppliedLimit => {
  const definition = ruleSet.limitDefinitions[name as LimitName];
  const baseValue = ruleSet.baseLimitValues?.[name as LimitName];
  const overlay = ruleSet.overlay;
  return baseValue === undefined || overlay === undefined || baseValue === definition.value
    ? { name, value: definition.value, unit: definition.unit }
    : { name, value: definition.value, unit: definition.unit, baseValue, changedBy: `${overlay.name} ${overlay.version}` };
};

/**
 * The limits a rule applies, with the default where an overlay changed one: fresh objects each
 * call, worked out once per rule set and rule.
 * @param ruleId - the rule
 * @param names - the names of its limits
 * @param ruleSet - the rule set
 * @returns the applied limits
 */
export const appliedLimitsOf = (ruleId: string, names: readonly string[], ruleSet: RuleSet): AppliedLimit[] => {
  const byRule = partsOf(ruleSet).limits;
  let limits = byRule.get(ruleId);
  if (limits === undefined) {
    limits = names.map((name) => makeLimit(name, ruleSet));
    byRule.set(ruleId, limits);
  }
  return limits.map((limit) => ({ ...limit }));
};
