import { FACT_CATALOGUE } from '../facts/fact-catalogue.js';
import { CATEGORIES } from '../model/vocabulary.js';
import { LIMIT_NAMES, type LimitName } from '../model/limits.js';
import type { ConditionNode, TextTemplate } from './rule-file-schema.js';
import { parseSourceReference, type RuleDefinition, type RuleSet } from './rule-set.js';
import { fillPlaceholders } from './templates.js';
import { AGENT_FORMULATIONS, agentCell } from '../model/agents.js';
import { AGENTS, VEIN_KINDS } from '../model/vocabulary.js';

const value = (n: number | undefined, unit: string): string => (n === undefined ? '—' : `${n} ${unit}`);

// One row per agent, formulation and strength class, with the block strength derived from the limit.
const agentRows = (ruleSet: RuleSet): string[] =>
  AGENTS.flatMap((agent) =>
    AGENT_FORMULATIONS.flatMap((formulation) =>
      VEIN_KINDS.flatMap((kind) => {
        const cell = agentCell(ruleSet.agents, agent, formulation, kind);
        if (cell === undefined) return [];
        const s = cell.labelledPercent;
        const block = s === undefined ? undefined : Number((ruleSet.limits.strengthBlockFactor * s).toFixed(9));
        const perInjection = cell.perInjectionFirstMl === undefined && cell.perInjectionLaterMl === undefined
          ? '—'
          : `${value(cell.perInjectionFirstMl, 'mL')} / ${value(cell.perInjectionLaterMl, 'mL')}`;
        const at3 = cell.perInjectionAt3PercentMl === undefined ? '' : `; at 3 %: ${cell.perInjectionAt3PercentMl} mL`;
        return [
          `| ${ruleSet.agents[agent].words} | ${formulation} | ${kind} | ${value(s, '%')} | ${value(block, '%')} | ${perInjection}${at3} | ${cell.usLabel} | ${cell.euLabel} | ${cell.sources.join(', ')} | ${cell.basis} |`,
        ];
      }),
    ),
  );

/** Each json-rules-engine operator in plain words, for catalogues and cards. */
export const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  equal: 'is',
  notEqual: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'includes',
  doesNotContain: 'does not include',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is more than',
  greaterThanInclusive: 'is at least',
};

const describeFact = (fact: string, path?: string): string => {
  if (fact === 'limits' && path !== undefined) return `the limit ${path}`;
  const entry = (FACT_CATALOGUE as Readonly<Record<string, { description: string }>>)[fact];
  return entry === undefined ? `"${fact}"` : `${entry.description.charAt(0).toLowerCase()}${entry.description.slice(1)} (\`${fact}\`)`;
};

const describeValue = (value: unknown, ruleSet: RuleSet): string => {
  if (Array.isArray(value)) return value.map((v) => `\`${String(v)}\``).join(', ');
  if (typeof value === 'object' && value !== null && 'fact' in value) {
    const { fact, path } = value as { fact: string; path?: string };
    if (fact === 'limits' && path !== undefined && (LIMIT_NAMES as readonly string[]).includes(path)) {
      const limit = ruleSet.limitDefinitions[path as LimitName];
      return `${limit.value} ${limit.unit} (limit \`${path}\`)`;
    }
    return describeFact(fact, path);
  }
  return `\`${String(value)}\``;
};

const describeCondition = (node: ConditionNode, ruleSet: RuleSet, depth: number): string[] => {
  const indent = '  '.repeat(depth);
  if ('all' in node || 'any' in node) {
    const [word, children] = 'all' in node ? ['all of', node.all] : ['any of', node.any];
    if (depth === 0 && children.length === 1 && children[0] !== undefined) return describeCondition(children[0], ruleSet, depth);
    return [`${indent}- ${word}:`, ...children.flatMap((c) => describeCondition(c, ruleSet, depth + 1))];
  }
  const words = OPERATOR_WORDS[node.operator] ?? node.operator;
  return [`${indent}- ${describeFact(node.fact, node.path)} ${words} ${describeValue(node.value, ruleSet)}`];
};

// Limits show their values; other placeholders show the fact they will be filled from.
const firstText = (template: TextTemplate | undefined, ruleSet: RuleSet): string | undefined => {
  if (template === undefined) return undefined;
  const text = typeof template === 'string' ? template : template.otherwise;
  return fillPlaceholders(text, ({ name, path }) =>
    name === 'limits' && path !== undefined && (LIMIT_NAMES as readonly string[]).includes(path)
      ? String(ruleSet.limitDefinitions[path as LimitName].value)
      : `_${path === undefined ? name : `${name}.${path}`}_`,
  );
};

const describeRule = (rule: RuleDefinition, ruleSet: RuleSet): string[] => {
  const p = rule.params;
  const citations = p.sources.map((reference) => {
    const { key, locator } = parseSourceReference(reference);
    const source = ruleSet.sources[key];
    return `- ${source?.label ?? key}${locator === undefined ? '' : `, ${locator}`}${source?.url === undefined ? '' : ` <${source.url}>`}`;
  });
  const limits = (p.limits ?? []).map((name) => {
    const limit = ruleSet.limitDefinitions[name as LimitName];
    return `\`${name}\` = ${limit.value} ${limit.unit}`;
  });
  const resolution = firstText(p.resolution, ruleSet);
  return [
    `### ${p.id}`,
    '',
    `| category | effect | severity |`,
    `|---|---|---|`,
    `| ${p.category} | ${p.effect} | ${p.severity} |`,
    '',
    `**Summary.** ${p.summary}`,
    '',
    `**Fires when**${rule.stage === 2 ? ' (after the session status is decided)' : ''}:`,
    '',
    ...describeCondition(rule.file.conditions, ruleSet, 0),
    '',
    ...(limits.length === 0 ? [] : [`**Limits.** ${limits.join('; ')}`, '']),
    ...(resolution === undefined ? [] : [`**What would change it.** ${resolution}`, '']),
    '**Sources.**',
    '',
    ...citations,
    '',
  ];
};

/**
 * Describes a rule set in Markdown: its limits with their sources, then every rule with its
 * category, effect, severity, when it fires in plain words, its limits and its full citations.
 * @param ruleSet - the rule set
 * @returns the Markdown page
 */
export const describeRuleSet = (ruleSet: RuleSet): string => {
  const limitRows = LIMIT_NAMES.map((name) => {
    const l = ruleSet.limitDefinitions[name];
    return `| \`${name}\` | ${l.value} ${l.unit} | ${l.tighten} | ${l.description} | ${l.sources.join(', ')} |`;
  });
  const sections = CATEGORIES.flatMap((category) => {
    const rules = ruleSet.rules.filter((r) => r.params.category === category);
    return rules.length === 0 ? [] : [`## ${category}`, '', ...rules.flatMap((r) => describeRule(r, ruleSet))];
  });
  return [
    `# Rule catalogue: ${ruleSet.name} ${ruleSet.version}`,
    '',
    'Generated from `rules/` by `npm run docs`; CI fails when this page is out of date. How to write',
    'rules is in [authoring.md](authoring.md); how to read a finding is in [explanations.md](explanations.md).',
    '',
    `${ruleSet.rules.length} rules. A fact shown as \`undocumented\` means the request left that field out.`,
    '',
    '## Limits',
    '',
    'A clinic overlay may move a limit only in its "tighten" direction.',
    '',
    '| limit | value | tighten | meaning | sources |',
    '|---|---|---|---|---|',
    ...limitRows,
    '',
    '## Agent table',
    '',
    'From `rules/agents.json` ([agents.md](agents.md) explains it). The class is the target\'s strength class. Above the',
    'labelled strength `dose.concentration-for-vein-size` cautions; at or above the block strength',
    `(\`strengthBlockFactor\` × labelled, ${ruleSet.limits.strengthBlockFactor} ×) \`dose.strength-far-above-label\` blocks. Per-injection maxima are for the first`,
    'session of the agent and for later sessions (`dose.per-injection-volume`). "—" means no value: that combination is',
    'not checked. A clinic overlay may lower any value, never raise it or fill a "—".',
    '',
    '| agent | formulation | class | labelled | block at ≥ | per injection, first / later | US label | EU / UK label | sources | verified / design |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...agentRows(ruleSet),
    '',
    ...sections,
  ].join('\n');
};
