import type { z } from 'zod';
import { LIMIT_NAMES, LimitsFileSchema, type LimitsFile } from '../model/limits.js';
import { fromZodIssues } from '../model/parse-request.js';
import type { Issue, IssuePath } from '../model/issues.js';
import { RuleFileSchema, SourcesFileSchema, type RuleFile } from './rule-file-schema.js';
import { checkRule } from './check-rule.js';
import { parseSourceReference } from './rule-set.js';
import { conjunctionsOf } from './lint/conjunctions.js';
import { checkUndocumented } from './lint/undocumented-checks.js';
import { checkDuplicates, checkRanges, type LimitValues } from './lint/range-checks.js';
import type { LintDiagnostic, RuleProblem } from './lint/diagnostic.js';
import defaultLimits from '../../rules/limits.json';
import defaultSources from '../../rules/sources.json';
import defaultAgents from '../../rules/agents.json';
import { AgentsFileSchema, agentCellValues, agentCell, AGENT_FORMULATIONS, type AgentsFile } from '../model/agents.js';
import { AGENTS, VEIN_KINDS } from '../model/vocabulary.js';

export type { LintDiagnostic, LintSeverity } from './lint/diagnostic.js';

/** One rule file to lint: where it was read from, and its parsed JSON. */
export interface LintFile {
  readonly path: string;
  readonly content: unknown;
}

/** What the rules are linted against; each part defaults to the shipped file. */
export interface LintOptions {
  /** The limits, as in `rules/limits.json`; limit references in conditions resolve to these values. */
  readonly limits?: unknown;
  /** The citations by key, as in `rules/sources.json`. */
  readonly sources?: unknown;
  /** The name diagnostics give the limits file; defaults to `limits.json`. */
  readonly limitsFile?: string;
  /** The name diagnostics give the sources file; defaults to `sources.json`. */
  readonly sourcesFile?: string;
  /** The agent table, as in `rules/agents.json`. */
  readonly agents?: unknown;
  /** The name diagnostics give the agent table; defaults to `agents.json`. */
  readonly agentsFile?: string;
}

const error = (file: string, issue: Issue): LintDiagnostic => ({ severity: 'error', file, ...issue });

// As in buildRuleSet: a rule whose shape is wrong is an `invalid_rule`; finer zod codes are kept.
const schemaErrors = (file: string, issues: readonly z.core.$ZodIssue[], asRule = false): LintDiagnostic[] =>
  fromZodIssues(issues).map((i) =>
    error(file, asRule && (i.code === 'invalid_type' || i.code === 'invalid_union') ? { ...i, code: 'invalid_rule' } : i),
  );

const parseLimits = (value: unknown, file: string, out: LintDiagnostic[]): LimitsFile | undefined => {
  const parsed = LimitsFileSchema.safeParse(value);
  if (!parsed.success) out.push(...schemaErrors(file, parsed.error.issues));
  return parsed.success ? parsed.data : undefined;
};

const sourceKeysOf = (value: unknown, file: string, out: LintDiagnostic[]): ReadonlySet<string> => {
  const parsed = SourcesFileSchema.safeParse(value);
  if (parsed.success) return new Set(Object.keys(parsed.data));
  out.push(...schemaErrors(file, parsed.error.issues));
  // Keep the keys that are there, so one bad entry does not make every citation unknown.
  return new Set(typeof value === 'object' && value !== null ? Object.keys(value) : []);
};

const checkLimitSources = (limits: LimitsFile, sourceKeys: ReadonlySet<string>, file: string): LintDiagnostic[] =>
  LIMIT_NAMES.flatMap((name) =>
    limits[name].sources.flatMap((reference, i) => {
      const { key } = parseSourceReference(reference);
      return sourceKeys.has(key)
        ? []
        : [error(file, { code: 'unknown_source', message: `Limit "${name}" cites unknown source "${key}"`, path: [name, 'sources', i] })];
    }),
  );

/**
 * Checks the agent table: its schema, its sources, strengths within the input maximum of the agent,
 * a first-session per-injection maximum no larger than the later one, and a 3 % maximum no larger
 * than the later one.
 */
const checkAgents = (value: unknown, sourceKeys: ReadonlySet<string>, file: string): LintDiagnostic[] => {
  const parsed = AgentsFileSchema.safeParse(value);
  if (!parsed.success) return schemaErrors(file, parsed.error.issues);
  const table: AgentsFile = parsed.data;
  const out: LintDiagnostic[] = [];
  for (const agent of AGENTS) {
    table[agent].labelSources.forEach((key, i) => {
      if (!sourceKeys.has(key)) out.push(error(file, { code: 'unknown_source', message: `Agent "${agent}" names unknown label source "${key}"`, path: [agent, 'labelSources', i] }));
    });
    for (const formulation of AGENT_FORMULATIONS) {
      for (const kind of VEIN_KINDS) {
        const cell = agentCell(table, agent, formulation, kind);
        if (cell === undefined) continue;
        const at = [agent, 'cells', formulation, kind];
        cell.sources.forEach((reference, i) => {
          const { key } = parseSourceReference(reference);
          if (!sourceKeys.has(key)) out.push(error(file, { code: 'unknown_source', message: `Agent-table cell ${agent} ${formulation} ${kind} cites unknown source "${key}"`, path: [...at, 'sources', i] }));
        });
        const first = cell.perInjectionFirstMl;
        const later = cell.perInjectionLaterMl;
        if (first !== undefined && later !== undefined && first > later) {
          out.push(error(file, { code: 'invalid_agent_cell', message: `Agent-table cell ${agent} ${formulation} ${kind} allows more per injection at a first session (${first} mL) than later (${later} mL)`, path: [...at, 'perInjectionFirstMl'] }));
        }
        const at3 = cell.perInjectionAt3PercentMl;
        if (at3 !== undefined && later !== undefined && at3 > later) {
          out.push(error(file, { code: 'invalid_agent_cell', message: `Agent-table cell ${agent} ${formulation} ${kind} allows more per injection at 3 % (${at3} mL) than at lower strengths (${later} mL)`, path: [...at, 'perInjectionAt3PercentMl'] }));
        }
      }
    }
  }
  for (const cell of agentCellValues(table)) {
    if (cell.column === 'labelledPercent' && cell.value > table[cell.agent].maxInputPercent) {
      out.push(error(file, {
        code: 'invalid_agent_cell',
        message: `Agent-table cell ${cell.agent} ${cell.formulation} ${cell.kind} labels ${cell.value} %, above the highest strength the input accepts (${table[cell.agent].maxInputPercent} %)`,
        path: [cell.agent, 'cells', cell.formulation, cell.kind, 'labelledPercent'],
      }));
    }
  }
  return out;
};

const checkPlacement = (rule: RuleFile, file: string): RuleProblem[] => {
  const { id, category } = rule.event.params;
  // An id outside its category is already an `invalid_rule`; there is no right place to point to.
  if (!id.startsWith(`${category}.`)) return [];
  const segments = file.split(/[\\/]/);
  const base = segments.at(-1) ?? '';
  if (!base.endsWith('.json')) return [];
  const folder = segments.length > 1 ? segments.at(-2) : undefined;
  const slug = id.slice(category.length + 1);
  if (base === `${slug}.json` && (folder === undefined || folder === category)) return [];
  return [
    {
      severity: 'warning',
      code: 'misplaced_rule',
      message: `Rule "${id}" is in "${folder === undefined ? base : `${folder}/${base}`}"; expected it at "${category}/${slug}.json" (one rule per file at rules/<category>/<slug>.json)`,
      path: ['event', 'params', 'id'],
    },
  ];
};

const checkConditions = (rule: RuleFile, limits: LimitValues): RuleProblem[] => {
  const id = rule.event.params.id;
  return conjunctionsOf(rule.conditions, ['conditions']).flatMap((conjunction) => [
    ...checkUndocumented(id, conjunction),
    ...checkRanges(id, conjunction, limits),
    ...checkDuplicates(id, conjunction),
  ]);
};

const byPath = (a: { readonly path: IssuePath }, b: { readonly path: IssuePath }): number => {
  const length = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < length; i++) {
    const x = a.path[i] ?? '';
    const y = b.path[i] ?? '';
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
  }
  return a.path.length - b.path.length;
};

/**
 * Lints rule files before they are loaded: everything `loadRuleSet` refuses (schema, unknown facts,
 * operators and limits, duplicate ids, missing or unknown sources, long summaries, effect and
 * severity that disagree) as errors, plus what it lets through: negations of facts that may be
 * undocumented, unguarded numeric comparisons of such facts, conditions no value can meet together,
 * repeated conditions, and rule files whose path does not match their id; and the agent table
 * (schema, sources, strengths within the input maximum, first-session maxima no larger than later ones).
 * @param files - the rule files, each with the path it was read from
 * @param options - the limits and sources the rules are checked against; each defaults to the shipped file
 * @returns every diagnostic, file by file in the order given, each with its path inside the file
 */
export const lintRuleSet = (files: readonly LintFile[], options: LintOptions = {}): readonly LintDiagnostic[] => {
  const limitsFile = options.limitsFile ?? 'limits.json';
  const sourcesFile = options.sourcesFile ?? 'sources.json';
  const diagnostics: LintDiagnostic[] = [];
  const limits = parseLimits(options.limits ?? defaultLimits, limitsFile, diagnostics);
  const sourceKeys = sourceKeysOf(options.sources ?? defaultSources, sourcesFile, diagnostics);
  if (limits !== undefined) diagnostics.push(...checkLimitSources(limits, sourceKeys, limitsFile));
  diagnostics.push(...checkAgents(options.agents ?? defaultAgents, sourceKeys, options.agentsFile ?? 'agents.json'));
  const limitValues: LimitValues = limits === undefined ? undefined : Object.fromEntries(LIMIT_NAMES.map((n) => [n, limits[n].value]));
  const context = { sourceKeys };
  if (files.length === 0) {
    diagnostics.push(error('', { code: 'empty_rule_set', message: 'A rule set needs at least one rule; found no rule files', path: [] }));
  }
  const firstFileOf = new Map<string, string>();
  for (const { path: file, content } of files) {
    const parsed = RuleFileSchema.safeParse(content);
    if (!parsed.success) {
      diagnostics.push(...schemaErrors(file, parsed.error.issues, true));
      continue;
    }
    const rule = parsed.data;
    const ruleId = rule.event.params.id;
    const problems: RuleProblem[] = [
      ...checkRule(rule, context).issues.map((i) => ({ severity: 'error' as const, code: i.code, message: i.message, path: i.path })),
      ...checkPlacement(rule, file),
      ...checkConditions(rule, limitValues),
    ];
    const earlier = firstFileOf.get(ruleId);
    if (earlier === undefined) firstFileOf.set(ruleId, file);
    else {
      problems.push({ severity: 'error', code: 'duplicate_rule_id', message: `Rule id "${ruleId}" is used by "${earlier}" and "${file}"; expected each id once`, path: ['event', 'params', 'id'] });
    }
    diagnostics.push(...problems.sort(byPath).map((p) => ({ ...p, file, ruleId })));
  }
  return diagnostics;
};
