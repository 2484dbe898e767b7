import type { AppliedLimit, Finding, OverlayChange } from '../model/assessment.js';
import type { LimitName } from '../model/limits.js';
import type { Facts } from '../facts/facts.js';
import type { FiredRule } from '../engine/evaluated.js';
import type { RuleSet } from '../rules/rule-set.js';
import { appliedLimitsOf, citationsOf, labelOwnersOf } from './rule-set-parts.js';
import { collectEvidence } from './evidence.js';
import { renderTemplate } from './render.js';
import { AGENTS, type Agent } from '../model/vocabulary.js';
import { parseAgentCellName, type AgentCellColumn } from '../model/agents.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The interval rules: their findings are also about the earlier sessions' agents (RULES.md, "Filtering"). */
const INTERVAL_RULE_IDS: ReadonlySet<string> = new Set(['dose.session-interval', 'dose.split-session-interval']);

/** The agents a finding is about: the planned one, for interval rules also earlier ones; with no plan, all. */
const agentsOfFinding = (ruleId: string, facts: Facts): readonly Agent[] => {
  if (facts.plannedAgent === 'none') return AGENTS;
  if (!INTERVAL_RULE_IDS.has(ruleId) || facts.earlierSessionAgents.length === 0) return [facts.plannedAgent];
  return [...new Set([facts.plannedAgent, ...facts.earlierSessionAgents])].sort();
};

// Per rule set, rule references and set of agents: the references kept.
const keptByRuleSet = new WeakMap<RuleSet, WeakMap<readonly string[], Map<string, readonly string[]>>>();

/**
 * Keeps the label sources of the agents a finding is about, and every source that is not a product
 * label (RULES.md, "Agent-specific text and sources"); all of them when filtering would leave none.
 * @param references - the rule's source references
 * @param ruleId - the rule
 * @param facts - the facts of this request
 * @param ruleSet - the rule set, whose agent table names each agent's label sources
 * @returns the references to show, each once
 */
export const filterLabelSources = (references: readonly string[], ruleId: string, facts: Facts, ruleSet: RuleSet): readonly string[] => {
  const agents = agentsOfFinding(ruleId, facts);
  // The answer depends only on the rule set, the rule's references and the agents: worked out once.
  let byReferences = keptByRuleSet.get(ruleSet);
  if (byReferences === undefined) keptByRuleSet.set(ruleSet, (byReferences = new WeakMap()));
  let byAgents = byReferences.get(references);
  if (byAgents === undefined) byReferences.set(references, (byAgents = new Map()));
  const key = agents.length === 1 ? (agents[0] as Agent) : agents.join(',');
  const known = byAgents.get(key);
  if (known !== undefined) return known;
  const about = new Set(agents);
  const kept = references.filter((reference) => {
    const owners = labelOwnersOf(reference, ruleSet);
    return owners === undefined || owners.some((agent) => about.has(agent));
  });
  // Each reference once, as a finding cites it.
  const result = Object.freeze([...new Set(kept.length === 0 ? references : kept)]);
  byAgents.set(key, result);
  return result;
};


const CLASS_WORDS: Readonly<Record<string, string>> = { telangiectasia: 'spider veins', reticular: 'reticular veins', varicose: 'varicose veins' };
const COLUMN_WORDS: Readonly<Record<AgentCellColumn, string>> = {
  labelledPercent: 'labelled strength',
  perInjectionFirstMl: 'largest injection at a first session',
  perInjectionLaterMl: 'largest injection at later sessions',
  perInjectionAt3PercentMl: 'largest injection at 3 %',
};

// The agent-table values a finding's veins were checked against, with the default when an overlay lowered one.
const appliedCells = (veinIdsFact: string | undefined, facts: Facts, ruleSet: RuleSet): readonly AppliedLimit[] => {
  if (veinIdsFact === undefined) return [];
  const overlay = ruleSet.overlay;
  return (facts.appliedAgentCells[veinIdsFact] ?? []).map((cell) => {
    const baseValue = ruleSet.baseAgentCellValues?.[cell.name];
    const name = `agents.${cell.name}`;
    return baseValue === undefined || overlay === undefined || baseValue === cell.value
      ? { name, value: cell.value, unit: cell.unit }
      : { name, value: cell.value, unit: cell.unit, baseValue, changedBy: `${overlay.name} ${overlay.version}` };
  });
};

// Says in words which agent-table values a clinic lowered.
const cellNote = (cells: readonly AppliedLimit[], ruleSet: RuleSet): string =>
  cells
    .filter((c) => c.baseValue !== undefined)
    .map((c) => {
      const address = parseAgentCellName(c.name);
      const what = address === undefined
        ? 'a value of the agent table'
        : `the ${COLUMN_WORDS[address.column]} of ${address.formulation} ${ruleSet.agents[address.agent].words} for ${CLASS_WORDS[address.kind] ?? address.kind}`;
      return ` ${c.changedBy ?? 'A clinic overlay'} lowers ${what} to ${c.value} ${c.unit}; the default is ${c.baseValue ?? ''} ${c.unit}.`;
    })
    .join('');

const stringList = (value: unknown): readonly string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

// A finding the overlay changed names the overlay, says what it changed, and cites the overlay's own
// sources and those of the limits it changed.
const NO_PROVENANCE: { changes: readonly OverlayChange[]; references: readonly string[] } = { changes: [], references: [] };

const provenance = (id: string, limits: readonly AppliedLimit[], ruleSet: RuleSet): { changes: readonly OverlayChange[]; references: readonly string[] } => {
  if (ruleSet.overlay === undefined) return NO_PROVENANCE;
  const changedLimits = limits.filter((limit) => limit.changedBy !== undefined);
  const changes: OverlayChange[] = [
    ...(ruleSet.overlayEdits?.[id] ?? []),
    ...(changedLimits.some((limit) => !limit.name.startsWith('agents.')) ? ['limit' as const] : []),
    ...(changedLimits.some((limit) => limit.name.startsWith('agents.')) ? ['agent-table' as const] : []),
  ];
  if (changes.length === 0) return { changes, references: [] };
  const limitSources = changedLimits.flatMap((limit) => (limit.name.startsWith('agents.') ? [] : ruleSet.limitDefinitions[limit.name as LimitName].sources));
  return { changes, references: [...(ruleSet.overlaySourceKeys ?? []), ...limitSources] };
};

// Says in words which limits a clinic changed, so the change is visible wherever the detail is shown.
const limitWords = (name: string, ruleSet: RuleSet): string => {
  const description = ruleSet.limitDefinitions[name as LimitName]?.description ?? 'a limit';
  // "Most liquid sclerosant in one session (1 cc = 1 mL)" reads "the most liquid sclerosant in one session".
  return `the limit "${description.replace(/\s*\([^)]*\)\s*$/, '').replace(/^./, (c) => c.toLowerCase())}"`;
};

const overlayNote = (limits: readonly AppliedLimit[], ruleSet: RuleSet): string =>
  limits
    .filter((l) => l.baseValue !== undefined)
    .map((l) => ` ${l.changedBy ?? 'A clinic overlay'} sets ${limitWords(l.name, ruleSet)} to ${l.value} ${l.unit}; the default is ${l.baseValue ?? ''} ${l.unit}.`)
    .join('');

/**
 * Builds the explained finding of a rule that fired: its detail and resolution rendered with this
 * request's values, the conditions that made it fire, its veins, the paths it asks a clinician to
 * confirm, the limits it applies and its full citations.
 * @param fired - the rule and its evaluated conditions
 * @param facts - the facts of this request
 * @param ruleSet - the rule set, for citations and limits
 * @returns the finding
 */
export const buildFinding = (fired: FiredRule, facts: Facts, ruleSet: RuleSet): Finding => {
  const params = fired.rule.params;
  const read = (fact: string | undefined): unknown =>
    fact === undefined ? undefined : (facts as unknown as Readonly<Record<string, unknown>>)[fact];
  const veinIds = stringList(read(params.veinIdsFact));
  const unconfirmedFromFact = stringList(read(params.unconfirmedFact));
  const unconfirmed = params.unconfirmedPaths === undefined ? unconfirmedFromFact : [...unconfirmedFromFact, ...params.unconfirmedPaths];
  const context = { facts, veinIds, unconfirmed };
  const cells = appliedCells(params.veinIdsFact, facts, ruleSet);
  const ruleLimits = appliedLimitsOf(params.id, params.limits ?? [], ruleSet);
  const limits = cells.length === 0 ? ruleLimits : [...ruleLimits, ...cells];
  const overlay = provenance(params.id, limits, ruleSet);
  const labelSources = filterLabelSources(params.sources, params.id, facts, ruleSet);
  const references = overlay.references.length === 0 ? labelSources : [...new Set([...labelSources, ...overlay.references])];
  // Optional fields are assigned in the contract's order rather than spread in: a conditional
  // spread costs V8 a run-time property copy, about ten times an assignment, on every finding.
  const finding: Mutable<Finding> = { ruleId: params.id, category: params.category, effect: params.effect, severity: params.severity } as Mutable<Finding>;
  if (params.scope === 'targets') finding.scope = params.scope;
  if (params.holdReason !== undefined) finding.holdReason = params.holdReason;
  finding.summary = params.summary;
  // Only an overlay changes limits, so only then do the notes say what it changed.
  finding.detail = ruleSet.overlay === undefined
    ? renderTemplate(params.detail, context)
    : renderTemplate(params.detail, context) + overlayNote(limits.filter((l) => !cells.includes(l)), ruleSet) + cellNote(cells, ruleSet);
  finding.evidence = collectEvidence(fired.conditions);
  finding.sources = citationsOf(references, ruleSet);
  if (params.resolution !== undefined) finding.resolution = renderTemplate(params.resolution, context);
  if (veinIds.length > 0) finding.veinIds = veinIds;
  if (unconfirmed.length > 0) finding.unconfirmed = unconfirmed;
  if (limits.length > 0) finding.limits = limits;
  if (overlay.changes.length > 0 && ruleSet.overlay !== undefined) {
    finding.changedBy = `${ruleSet.overlay.name} ${ruleSet.overlay.version}`;
    finding.overlayChanges = overlay.changes;
  }
  return finding;
};
