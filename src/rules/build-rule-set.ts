import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { LIMIT_NAMES, LimitsFileSchema, type Limits, type LimitsFile } from '../model/limits.js';
import { fromZodIssues } from '../model/parse-request.js';
import type { Issue, Issues } from '../model/issues.js';
import { RuleFileSchema, RuleSetIdentitySchema, SourcesFileSchema } from './rule-file-schema.js';
import { checkRule } from './check-rule.js';
import { deepFreeze, markValidated, parseSourceReference, type RuleDefinition, type RuleSet, type Source } from './rule-set.js';
import defaultLimits from '../../rules/limits.json';
import defaultSources from '../../rules/sources.json';
import defaultIdentity from '../../rules/rule-set.json';
import defaultAgents from '../../rules/agents.json';
import { AGENT_FORMULATIONS, AgentsFileSchema, agentCell, type AgentsFile } from '../model/agents.js';
import { AGENTS, VEIN_KINDS } from '../model/vocabulary.js';

/** What a rule set is built from besides its rule files; each part defaults to the shipped file. */
export interface RuleSetParts {
  /** The rule set's name and version, as in `rules/rule-set.json`. */
  readonly identity?: unknown;
  /** The limits, as in `rules/limits.json`. */
  readonly limits?: unknown;
  /** The citations by key, as in `rules/sources.json`. */
  readonly sources?: unknown;
  /** The agent table, as in `rules/agents.json`. */
  readonly agents?: unknown;
}

const prefixed = (issues: readonly Issue[], prefix: readonly (string | number)[]): Issue[] =>
  issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));

const parsePart = <T>(
  schema: z.ZodType<T>,
  value: unknown,
  name: string,
  issues: Issue[],
): T | undefined => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...prefixed(fromZodIssues(result.error.issues), [name]));
  return undefined;
};

const checkLimitSources = (limits: LimitsFile, sourceKeys: ReadonlySet<string>): Issue[] =>
  LIMIT_NAMES.flatMap((name) =>
    limits[name].sources.flatMap((reference, i) => {
      const { key } = parseSourceReference(reference);
      return sourceKeys.has(key)
        ? []
        : [{ code: 'unknown_source', message: `Limit "${name}" cites unknown source "${key}"`, path: ['limits', name, 'sources', i] }];
    }),
  );

// Every cell's sources, and every agent's label sources, must be keys of the sources file.
const checkAgentSources = (agents: AgentsFile, sourceKeys: ReadonlySet<string>): Issue[] =>
  AGENTS.flatMap((agent) => [
    ...agents[agent].labelSources.flatMap((key, i) =>
      sourceKeys.has(key)
        ? []
        : [{ code: 'unknown_source', message: `Agent "${agent}" names unknown label source "${key}"`, path: ['agents', agent, 'labelSources', i] }],
    ),
    ...AGENT_FORMULATIONS.flatMap((formulation) =>
      VEIN_KINDS.flatMap((kind) =>
        (agentCell(agents, agent, formulation, kind)?.sources ?? []).flatMap((reference, i) => {
          const { key } = parseSourceReference(reference);
          return sourceKeys.has(key)
            ? []
            : [{
                code: 'unknown_source',
                message: `Agent table cell ${agent} ${formulation} ${kind} cites unknown source "${key}"`,
                path: ['agents', agent, 'cells', formulation, kind, 'sources', i],
              }];
        }),
      ),
    ),
  ]);

const toLimitValues = (limits: LimitsFile): Limits =>
  Object.fromEntries(LIMIT_NAMES.map((name) => [name, limits[name].value])) as Record<keyof Limits, number>;

const loadRules = (
  files: readonly unknown[],
  limits: LimitsFile,
  sources: Readonly<Record<string, Source>>,
  issues: Issue[],
): RuleDefinition[] => {
  const context = { sourceKeys: new Set(Object.keys(sources)) };
  const seen = new Map<string, number>();
  const rules: RuleDefinition[] = [];
  files.forEach((file, index) => {
    const parsed = RuleFileSchema.safeParse(file);
    if (!parsed.success) {
      issues.push(...prefixed(fromZodIssues(parsed.error.issues), [index]).map((i) => ({ ...i, code: i.code === 'invalid_type' || i.code === 'invalid_union' ? 'invalid_rule' : i.code })));
      return;
    }
    const rule = parsed.data;
    const id = rule.event.params.id;
    const checked = checkRule(rule, context);
    issues.push(...prefixed(checked.issues, [index]));
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      issues.push({ code: 'duplicate_rule_id', message: `Rule id "${id}" is used by files ${earlier} and ${index}`, path: [index, 'event', 'params', 'id'], ruleId: id });
    }
    seen.set(id, index);
    rules.push({ id, file: rule, params: rule.event.params, stage: checked.stage });
  });
  return rules;
};

/**
 * Validates rule files and builds an immutable rule set. Refuses, as a Left, files that break the
 * rule schema, unknown facts or operators, unknown limits, duplicate ids, rules with no source or an
 * unknown one, summaries over the limit, and warnings or critical rules with no resolution.
 * @param files - parsed rule files (json-rules-engine rules with clinical metadata in `event.params`)
 * @param options - the identity, limits, sources and agent table; each defaults to the shipped file
 * @returns the rule set, or every issue found with its path (file index first)
 */
export const buildRuleSet = (files: readonly unknown[], options: RuleSetParts | null = {}): E.Either<Issues, RuleSet> => {
  const issues: Issue[] = [];
  if (typeof options !== 'object' || options === null) {
    return E.left([{ code: 'invalid_option', message: 'The options of loadRuleSet must be an object', path: [] }]);
  }
  if (!Array.isArray(files)) {
    return E.left([{ code: 'invalid_rule', message: 'Expected an array of rule files', path: [] }]);
  }
  const identity = parsePart(RuleSetIdentitySchema, options.identity ?? defaultIdentity, 'identity', issues);
  const limits = parsePart(LimitsFileSchema, options.limits ?? defaultLimits, 'limits', issues);
  const sources = parsePart(SourcesFileSchema, options.sources ?? defaultSources, 'sources', issues);
  const agents = parsePart(AgentsFileSchema, options.agents ?? defaultAgents, 'agents', issues);
  if (files.length === 0) issues.push({ code: 'empty_rule_set', message: 'A rule set needs at least one rule', path: [] });
  if (identity === undefined || limits === undefined || sources === undefined || agents === undefined) {
    const [first, ...rest] = issues;
    return E.left(first === undefined ? [{ code: 'invalid_rule', message: 'Invalid rule set', path: [] }] : [first, ...rest]);
  }
  issues.push(...checkLimitSources(limits, new Set(Object.keys(sources))));
  issues.push(...checkAgentSources(agents, new Set(Object.keys(sources))));
  const rules = loadRules(files, limits, sources, issues);
  const [first, ...rest] = issues;
  if (first !== undefined) return E.left([first, ...rest]);
  return E.right(
    deepFreeze(markValidated({
      name: identity.name,
      version: identity.version,
      ...(identity.reviewedOn === undefined ? {} : { reviewedOn: identity.reviewedOn }),
      ...(identity.reviewedBy === undefined ? {} : { reviewedBy: identity.reviewedBy }),
      rules: [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      limitDefinitions: limits,
      limits: toLimitValues(limits),
      sources,
      agents,
    })),
  );
};
