import * as E from 'fp-ts/lib/Either.js';
import { LIMIT_NAMES, type LimitName, type LimitsFile } from '../model/limits.js';
import { SEVERITIES } from '../model/vocabulary.js';
import { atLeastAsStrong } from '../model/effects.js';
import { fromZodIssues } from '../model/parse-request.js';
import type { Issue, Issues } from '../model/issues.js';
import { buildRuleSet } from './build-rule-set.js';
import { OverlaySchema, type Overlay } from './overlay-schema.js';
import type { OverlayChange, OverlayIdentity } from '../model/assessment.js';
import { isValidatedRuleSet, markValidated, parseSourceReference, type RuleSet } from './rule-set.js';
import { AGENT_CELL_UNITS, agentCell, agentCellName, parseAgentCellName, type AgentCellAddress, type AgentsFile } from '../model/agents.js';

const LIMIT_SET: ReadonlySet<string> = new Set(LIMIT_NAMES);

const checkLimits = (overlay: Overlay, base: LimitsFile): Issue[] =>
  Object.entries(overlay.limits ?? {}).flatMap(([name, change]): Issue[] => {
    const path = ['overlay', 'limits', name];
    if (!LIMIT_SET.has(name)) return [{ code: 'unknown_limit', message: `Overlay changes unknown limit "${name}"`, path }];
    const limit = base[name as LimitName];
    const looser = limit.tighten === 'lower' ? change.value > limit.value : change.value < limit.value;
    return looser
      ? [
          {
            code: 'overlay_loosens_limit',
            message: `Overlay "${overlay.name}" sets limit "${name}" to ${change.value} ${limit.unit}, looser than ${limit.value} ${limit.unit}; a clinic may only make it ${limit.tighten}`,
            path: [...path, 'value'],
          },
        ]
      : [];
  });

const cellValue = (table: AgentsFile, address: AgentCellAddress): number | undefined =>
  agentCell(table, address.agent, address.formulation, address.kind)?.[address.column];

// Agent-table cells may only be lowered; a cell with no value (the rule does not check it) stays so.
const checkAgentCells = (overlay: Overlay, base: AgentsFile, sourceKeys: ReadonlySet<string>): Issue[] => {
  const seen = new Map<string, string>();
  return Object.entries(overlay.agents ?? {}).flatMap(([name, change]): Issue[] => {
    const path = ['overlay', 'agents', name];
    const address = parseAgentCellName(name);
    if (address === undefined || agentCell(base, address.agent, address.formulation, address.kind) === undefined) {
      return [{ code: 'unknown_agent_cell', message: `Overlay changes unknown agent-table cell "${name}"; expected <agent>.<formulation>.<class>.<column>, e.g. polidocanol.liquid.telangiectasia.perInjectionLaterMl`, path }];
    }
    const canonical = agentCellName(address);
    const earlier = seen.get(canonical);
    seen.set(canonical, name);
    if (earlier !== undefined) return [{ code: 'duplicate_agent_cell', message: `Overlay changes agent-table cell "${canonical}" twice ("${earlier}" and "${name}")`, path }];
    const unknownSources = change.sources.flatMap((reference, i): Issue[] => {
      const { key } = parseSourceReference(reference);
      return sourceKeys.has(key) ? [] : [{ code: 'unknown_source', message: `Overlay cites unknown source "${key}" for agent-table cell "${canonical}"`, path: [...path, 'sources', i] }];
    });
    if (unknownSources.length > 0) return unknownSources;
    const value = cellValue(base, address);
    const unit = AGENT_CELL_UNITS[address.column];
    if (value === undefined) {
      return [{ code: 'overlay_loosens_limit', message: `Overlay "${overlay.name}" gives agent-table cell "${canonical}" a value, but the cell has none; a clinic may only lower existing values`, path: [...path, 'value'] }];
    }
    if (change.value > value) {
      return [{ code: 'overlay_loosens_limit', message: `Overlay "${overlay.name}" sets agent-table cell "${canonical}" to ${change.value} ${unit}, looser than ${value} ${unit}; a clinic may only make it lower`, path: [...path, 'value'] }];
    }
    return change.value <= 0
      ? [{ code: 'invalid_value', message: `Agent-table cell "${canonical}" must stay above 0 ${unit}`, path: [...path, 'value'] }]
      : [];
  });
};

// The lowered cells, with the overlay's sources added to each changed cell's own.
const mergedAgents = (overlay: Overlay, base: AgentsFile): AgentsFile => {
  const copy = JSON.parse(JSON.stringify(base)) as AgentsFile;
  for (const [name, change] of Object.entries(overlay.agents ?? {})) {
    const address = parseAgentCellName(name);
    const cell = address === undefined ? undefined : agentCell(copy, address.agent, address.formulation, address.kind);
    if (address === undefined || cell === undefined) continue;
    (cell as Record<string, unknown>)[address.column] = change.value;
    (cell as { sources: string[] }).sources = [...new Set([...cell.sources, ...change.sources])];
  }
  return copy;
};

const checkRuleEdits = (overlay: Overlay, base: RuleSet): Issue[] => {
  const byId = new Map(base.rules.map((rule) => [rule.id, rule]));
  const disabled = (overlay.disable ?? []).flatMap((id, index, all): Issue[] => {
    const rule = byId.get(id);
    const path = ['overlay', 'disable', index];
    if (all.indexOf(id) !== index) return [{ code: 'duplicate_rule_id', message: `Overlay disables "${id}" twice`, path, ruleId: id }];
    if (rule === undefined) return [{ code: 'unknown_rule', message: `Overlay disables unknown rule "${id}"`, path }];
    return rule.params.effect === 'inform'
      ? []
      : [{ code: 'overlay_disables_safety_rule', message: `Overlay "${overlay.name}" may not disable "${id}": only informational rules can be turned off`, path, ruleId: id }];
  });
  const changed = Object.entries(overlay.changes ?? {}).flatMap(([id, change]): Issue[] => {
    const rule = byId.get(id);
    const path = ['overlay', 'changes', id];
    if (rule === undefined) return [{ code: 'unknown_rule', message: `Overlay changes unknown rule "${id}"`, path }];
    const issues: Issue[] = [];
    if (change.effect !== undefined && !atLeastAsStrong(change.effect, rule.params.effect)) {
      issues.push({ code: 'overlay_downgrades_rule', message: `Overlay "${overlay.name}" weakens "${id}" from effect "${rule.params.effect}" to "${change.effect}"`, path: [...path, 'effect'], ruleId: id });
    }
    if (change.severity !== undefined && SEVERITIES.indexOf(change.severity) > SEVERITIES.indexOf(rule.params.severity)) {
      issues.push({ code: 'overlay_downgrades_rule', message: `Overlay "${overlay.name}" lowers "${id}" from severity "${rule.params.severity}" to "${change.severity}"`, path: [...path, 'severity'], ruleId: id });
    }
    if (change.scope === 'targets' && rule.params.scope !== 'targets') {
      issues.push({ code: 'overlay_narrows_scope', message: `Overlay "${overlay.name}" narrows "${id}" from the whole session to its target veins; a scope may only widen from targets to patient`, path: [...path, 'scope'], ruleId: id });
    }
    return issues;
  });
  return [...disabled, ...changed];
};

const editedRuleFiles = (overlay: Overlay, base: RuleSet): readonly unknown[] => {
  const disabled = new Set(overlay.disable ?? []);
  const edited = base.rules
    .filter((rule) => !disabled.has(rule.id))
    .map((rule): unknown => {
      const change = overlay.changes?.[rule.id];
      if (change === undefined) return rule.file;
      const { addSources, ...edits } = change;
      const params = Object.fromEntries(Object.entries(edits).filter(([, value]) => value !== undefined));
      return {
        ...rule.file,
        event: {
          ...rule.file.event,
          params: { ...rule.file.event.params, ...params, sources: [...rule.params.sources, ...(addSources ?? [])] },
        },
      };
    });
  return [...edited, ...(overlay.rules ?? [])];
};

const CHANGE_KINDS: Readonly<Record<string, OverlayChange>> = {
  summary: 'summary',
  detail: 'detail',
  resolution: 'resolution',
  effect: 'effect',
  severity: 'severity',
  scope: 'scope',
  holdReason: 'hold-reason',
  addSources: 'sources',
};

// What the overlay changed in each rule, so that its findings can say so: edited fields, or a rule of its own.
const overlayEdits = (overlay: Overlay, base: RuleSet, result: RuleSet): Record<string, readonly OverlayChange[]> => {
  const baseIds = new Set(base.rules.map((rule) => rule.id));
  const edits: Record<string, readonly OverlayChange[]> = {};
  for (const [id, change] of Object.entries(overlay.changes ?? {})) {
    edits[id] = Object.entries(change).flatMap(([key, value]) => (value === undefined || CHANGE_KINDS[key] === undefined ? [] : [CHANGE_KINDS[key]]));
  }
  for (const rule of result.rules) if (!baseIds.has(rule.id)) edits[rule.id] = ['added-rule'];
  return edits;
};

const mergedLimits = (overlay: Overlay, base: LimitsFile): LimitsFile =>
  Object.fromEntries(
    LIMIT_NAMES.map((name) => {
      const change = overlay.limits?.[name];
      return [name, change === undefined ? base[name] : { ...base[name], value: change.value, sources: [...change.sources] }];
    }),
  ) as LimitsFile;

// Points issues about rule files back into the overlay: its added rules, or its changes to a rule.
const relocate = (issues: Issues, baseCount: number): Issues => {
  const moved = issues.map((issue): Issue => {
    const [index, ...rest] = issue.path;
    if (typeof index !== 'number') return { ...issue, path: ['overlay', ...issue.path] };
    if (index >= baseCount) return { ...issue, path: ['overlay', 'rules', index - baseCount, ...rest] };
    return { ...issue, path: ['overlay', 'changes', issue.ruleId ?? index, ...rest] };
  });
  return moved as unknown as Issues;
};

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// zod's records drop a "__proto__" key without a word; refuse such keys anywhere instead.
const unsafeKeys = (value: unknown, path: readonly (string | number)[]): Issue[] => {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    const inner = (value as Record<string, unknown>)[key];
    return FORBIDDEN_KEYS.has(key)
      ? [{ code: 'unsafe_key', message: `The key "${key}" is not allowed in an overlay`, path: at }]
      : unsafeKeys(inner, at);
  });
};

// An overlay may add citations, never replace the ones the default rules cite.
const checkSources = (overlay: Overlay, base: RuleSet): Issue[] =>
  Object.keys(overlay.sources ?? {})
    .filter((key) => Object.prototype.hasOwnProperty.call(base.sources, key))
    .map((key) => ({
      code: 'overlay_replaces_source',
      message: `Overlay "${overlay.name}" redefines source "${key}", which the default rules cite; give the clinic's source a key of its own`,
      path: ['overlay', 'sources', key],
    }));

/**
 * Applies a clinic overlay to a rule set. Refuses, as a Left, an overlay that loosens any limit or
 * agent-table cell (or gives a value to a cell that has none),
 * disables a rule that is more than informational, or weakens a rule's effect or severity; every
 * rule of the result is validated again like any other rule set.
 * @param base - the rule set the clinic starts from, usually `defaultRuleSet`
 * @param input - the overlay, as parsed JSON
 * @returns the clinic's rule set, naming the overlay and the limits it changed, or the issues
 */
export const applyOverlay = (base: RuleSet, input: unknown): E.Either<Issues, RuleSet> => {
  if (!isValidatedRuleSet(base)) {
    return E.left([{ code: 'invalid_option', message: 'The base of an overlay must be a rule set made by loadRuleSet or defaultRuleSet', path: [] }]);
  }
  const unsafe = unsafeKeys(input, ['overlay']);
  const [firstUnsafe, ...moreUnsafe] = unsafe;
  if (firstUnsafe !== undefined) return E.left([firstUnsafe, ...moreUnsafe]);
  const parsed = OverlaySchema.safeParse(input);
  if (!parsed.success) return E.left(relocate(fromZodIssues(parsed.error.issues), Number.POSITIVE_INFINITY));
  const overlay = parsed.data;
  const [first, ...rest] = [
    ...checkLimits(overlay, base.limitDefinitions),
    ...checkAgentCells(overlay, base.agents, new Set([...Object.keys(base.sources), ...Object.keys(overlay.sources ?? {})])),
    ...checkRuleEdits(overlay, base),
    ...checkSources(overlay, base),
  ];
  if (first !== undefined) return E.left([first, ...rest]);
  const loaded = buildRuleSet(editedRuleFiles(overlay, base), {
    identity: {
      name: base.name,
      version: base.version,
      ...(base.reviewedOn === undefined ? {} : { reviewedOn: base.reviewedOn }),
      ...(base.reviewedBy === undefined ? {} : { reviewedBy: base.reviewedBy }),
    },
    limits: mergedLimits(overlay, base.limitDefinitions),
    sources: { ...base.sources, ...overlay.sources },
    agents: mergedAgents(overlay, base.agents),
  });
  if (E.isLeft(loaded)) return E.left(relocate(loaded.left, base.rules.length - (overlay.disable ?? []).length));
  const identity: OverlayIdentity = {
    name: overlay.name,
    version: overlay.version,
    approvedBy: overlay.approvedBy,
    ...(overlay.approvedOn === undefined ? {} : { approvedOn: overlay.approvedOn }),
  };
  const baseValues = Object.fromEntries(
    Object.keys(overlay.limits ?? {}).map((name) => [name, base.limitDefinitions[name as LimitName].value]),
  ) as Partial<Record<LimitName, number>>;
  const baseCells = Object.fromEntries(
    Object.keys(overlay.agents ?? {}).flatMap((name) => {
      const address = parseAgentCellName(name);
      const value = address === undefined ? undefined : cellValue(base.agents, address);
      return address === undefined || value === undefined ? [] : [[agentCellName(address), value]];
    }),
  );
  return E.right(
    Object.freeze(
      markValidated({
        ...loaded.right,
        overlay: identity,
        baseLimitValues: Object.freeze(baseValues),
        baseAgentCellValues: Object.freeze(baseCells),
        overlayEdits: Object.freeze(overlayEdits(overlay, base, loaded.right)),
        overlaySourceKeys: Object.freeze(Object.keys(overlay.sources ?? {})),
      }),
    ),
  );
};
