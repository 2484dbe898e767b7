import type { AppliedLimit, Citation, Finding } from '../model/assessment.js';
import type { LimitName } from '../model/limits.js';
import type { Facts } from '../facts/facts.js';
import type { FiredRule } from '../engine/run-rules.js';
import { parseSourceReference, type RuleSet } from '../rules/rule-set.js';
import { collectEvidence } from './evidence.js';
import { renderTemplate } from './render.js';

const stringList = (value: unknown): readonly string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const toCitation = (reference: string, ruleSet: RuleSet): Citation => {
  const { key, locator } = parseSourceReference(reference);
  const source = ruleSet.sources[key];
  const label = `${source?.label ?? key}${locator === undefined ? '' : `, ${locator}`}`;
  return source?.url === undefined ? { label } : { label, url: source.url };
};

const toAppliedLimit = (name: string, ruleSet: RuleSet): AppliedLimit => {
  const definition = ruleSet.limitDefinitions[name as LimitName];
  const baseValue = ruleSet.baseLimitValues?.[name as LimitName];
  const overlay = ruleSet.overlay;
  return baseValue === undefined || overlay === undefined || baseValue === definition.value
    ? { name, value: definition.value, unit: definition.unit }
    : { name, value: definition.value, unit: definition.unit, baseValue, changedBy: `${overlay.name} ${overlay.version}` };
};

// Says in words which limits a clinic changed, so the change is visible wherever the detail is shown.
const overlayNote = (limits: readonly AppliedLimit[]): string =>
  limits
    .filter((l) => l.baseValue !== undefined)
    .map((l) => ` ${l.changedBy ?? 'A clinic overlay'} sets ${l.name} to ${l.value} ${l.unit}; the default is ${l.baseValue ?? ''} ${l.unit}.`)
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
  const unconfirmed = [...stringList(read(params.unconfirmedFact)), ...(params.unconfirmedPaths ?? [])];
  const context = { facts, veinIds, unconfirmed };
  const limits = (params.limits ?? []).map((name) => toAppliedLimit(name, ruleSet));
  return {
    ruleId: params.id,
    category: params.category,
    effect: params.effect,
    severity: params.severity,
    ...(params.scope === 'targets' ? { scope: params.scope } : {}),
    ...(params.holdReason === undefined ? {} : { holdReason: params.holdReason }),
    summary: params.summary,
    detail: renderTemplate(params.detail, context) + overlayNote(limits),
    evidence: collectEvidence(fired.conditions),
    sources: params.sources.map((reference) => toCitation(reference, ruleSet)),
    ...(params.resolution === undefined ? {} : { resolution: renderTemplate(params.resolution, context) }),
    ...(veinIds.length === 0 ? {} : { veinIds }),
    ...(unconfirmed.length === 0 ? {} : { unconfirmed }),
    ...(limits.length === 0 ? {} : { limits }),
  };
};
