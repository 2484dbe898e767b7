import { FACT_NAMES } from '../facts/fact-catalogue.js';
import { LIMIT_NAMES } from '../model/limits.js';
import { MAX_SUMMARY_CHARS } from '../model/assessment.js';
import { isLegalSeverity, legalSeveritiesOf } from '../model/effects.js';
import type { Issue, IssuePath } from '../model/issues.js';
import { OPERATORS, type ConditionNode, type RuleFile } from './rule-file-schema.js';
import { parseSourceReference } from './rule-set.js';
import { SPECIAL_PLACEHOLDERS, placeholdersOf, textsOf } from './templates.js';

const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const LIMIT_SET: ReadonlySet<string> = new Set(LIMIT_NAMES);
const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);

/** What a rule is checked against: the known source keys. */
export interface RuleCheckContext {
  readonly sourceKeys: ReadonlySet<string>;
}

type Report = (code: string, message: string, path: IssuePath) => void;

const checkPath = (id: string, fact: string, path: string | undefined, at: IssuePath, report: Report): void => {
  if (path === undefined) return;
  const segments = path.split('.');
  if (segments.some((s) => FORBIDDEN_SEGMENTS.has(s) || s === '')) {
    report('unsafe_path', `Rule "${id}" uses path "${path}", which is empty or reaches into an object's prototype`, at);
  } else if (fact === 'limits' && !LIMIT_SET.has(path)) {
    report('unknown_limit', `Rule "${id}" reads limit "${path}", which is not in the limits file`, at);
  }
};

const checkFact = (id: string, fact: string, at: IssuePath, report: Report): void => {
  if (!FACT_NAMES.has(fact)) report('unknown_fact', `Rule "${id}" uses unknown fact "${fact}"`, at);
};

const checkConditions = (id: string, node: ConditionNode, at: IssuePath, report: Report): boolean => {
  if ('all' in node) return node.all.map((c, i) => checkConditions(id, c, [...at, 'all', i], report)).some(Boolean);
  if ('any' in node) return node.any.map((c, i) => checkConditions(id, c, [...at, 'any', i], report)).some(Boolean);
  checkFact(id, node.fact, [...at, 'fact'], report);
  checkPath(id, node.fact, node.path, [...at, 'path'], report);
  if (!OPERATOR_SET.has(node.operator)) {
    report('unknown_operator', `Rule "${id}" uses unknown operator "${node.operator}"; expected one of ${OPERATORS.join(', ')}`, [...at, 'operator']);
  }
  const value = node.value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    checkFact(id, value.fact, [...at, 'value', 'fact'], report);
    checkPath(id, value.fact, value.path, [...at, 'value', 'path'], report);
    return node.fact === 'sessionStatus' || value.fact === 'sessionStatus';
  }
  return node.fact === 'sessionStatus';
};

const checkTexts = (rule: RuleFile, report: Report): void => {
  const { id, summary, severity } = rule.event.params;
  const at = ['event', 'params'];
  if (summary.length > MAX_SUMMARY_CHARS) {
    report('summary_too_long', `Rule "${id}" has a summary of ${summary.length} characters; the most is ${MAX_SUMMARY_CHARS}`, [...at, 'summary']);
  }
  if (placeholdersOf(summary).length > 0) {
    report('invalid_rule', `Rule "${id}" has placeholders in its summary; summaries are fixed text`, [...at, 'summary']);
  }
  if (severity !== 'info' && rule.event.params.resolution === undefined) {
    report('missing_resolution', `Rule "${id}" is ${severity} but says nothing about what would change it`, [...at, 'resolution']);
  }
  for (const key of ['detail', 'resolution'] as const) {
    const template = rule.event.params[key];
    if (template === undefined) continue;
    if (typeof template !== 'string') checkFact(id, template.byFact, [...at, key, 'byFact'], report);
    for (const text of textsOf(template)) {
      for (const placeholder of placeholdersOf(text)) {
        // Only limits have parts; any other path, or the whole limits object, would print raw.
        const needsPath = placeholder.name === 'limits';
        if ((placeholder.path !== undefined) !== needsPath) {
          report('invalid_placeholder', `Rule "${id}" uses placeholder "${placeholder.raw}"; ${needsPath ? 'name one limit, e.g. {limits.maxVolumeMl}' : 'only {limits.<name>} takes a path'}`, [...at, key]);
          continue;
        }
        if (SPECIAL_PLACEHOLDERS.has(placeholder.name)) continue;
        checkFact(id, placeholder.name, [...at, key], report);
        checkPath(id, placeholder.name, placeholder.path, [...at, key], report);
      }
    }
  }
};

const checkMetadata = (rule: RuleFile, context: RuleCheckContext, report: Report): void => {
  const params = rule.event.params;
  const at = ['event', 'params'];
  if (rule.name !== params.id) {
    report('invalid_rule', `Rule name "${rule.name}" differs from its id "${params.id}"`, ['name']);
  }
  if (!params.id.startsWith(`${params.category}.`)) {
    report('invalid_rule', `Rule "${params.id}" is in category "${params.category}" but its id does not start with it`, [...at, 'id']);
  }
  if (!isLegalSeverity(params.effect, params.severity)) {
    const legal = legalSeveritiesOf(params.effect).map((s) => `"${s}"`).join(' or ');
    report('effect_severity_mismatch', `Rule "${params.id}" has effect "${params.effect}", which must be ${legal}, not "${params.severity}"`, [...at, 'severity']);
  }
  if (params.effect === 'hold-session' && params.holdReason === undefined) {
    report('missing_hold_reason', `Rule "${params.id}" holds the session but names no hold reason ("deferred-treatment" or "decision-required")`, [...at, 'holdReason']);
  }
  if (params.effect !== 'hold-session' && params.holdReason !== undefined) {
    report('invalid_rule', `Rule "${params.id}" has a hold reason, which only a rule with effect "hold-session" may have`, [...at, 'holdReason']);
  }
  if (params.scope === 'targets' && params.veinIdsFact === undefined) {
    report('invalid_rule', `Rule "${params.id}" is target-scoped but names no veins; only a rule that sets veinIds may be target-scoped`, [...at, 'scope']);
  }
  if (params.sources.length === 0) report('missing_source', `Rule "${params.id}" cites no source`, [...at, 'sources']);
  params.sources.forEach((reference, i) => {
    const { key } = parseSourceReference(reference);
    if (!context.sourceKeys.has(key)) report('unknown_source', `Rule "${params.id}" cites unknown source "${key}"`, [...at, 'sources', i]);
  });
  (params.limits ?? []).forEach((limit, i) => {
    if (!LIMIT_SET.has(limit)) report('unknown_limit', `Rule "${params.id}" names unknown limit "${limit}"`, [...at, 'limits', i]);
  });
  for (const key of ['veinIdsFact', 'unconfirmedFact'] as const) {
    const fact = params[key];
    if (fact !== undefined) checkFact(params.id, fact, [...at, key], report);
  }
};

/**
 * Checks one schema-valid rule file against the fact catalogue, the operators, the sources and the
 * house rules for findings; returns every problem found, not just the first.
 * @param rule - the rule file, already valid against `RuleFileSchema`
 * @param context - the known sources and the summary limit
 * @returns the issues (paths relative to the rule file) and the stage the rule runs in
 */
export const checkRule = (
  rule: RuleFile,
  context: RuleCheckContext,
): { readonly issues: readonly Issue[]; readonly stage: 1 | 2 } => {
  const issues: Issue[] = [];
  const report: Report = (code, message, path) => issues.push({ code, message, path, ruleId: rule.event.params.id });
  checkMetadata(rule, context, report);
  checkTexts(rule, report);
  const readsSessionStatus = checkConditions(rule.event.params.id, rule.conditions, ['conditions'], report);
  if (readsSessionStatus && rule.event.params.effect !== 'inform') {
    report('invalid_rule', `Rule "${rule.event.params.id}" reads the session status, so it may only inform`, ['event', 'params', 'effect']);
  }
  return { issues, stage: readsSessionStatus ? 2 : 1 };
};
