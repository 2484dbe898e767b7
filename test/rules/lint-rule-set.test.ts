/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRuleSet, type LintDiagnostic, type LintFile } from '../../src/rules/lint-rule-set.js';
import shippedLimits from '../../rules/limits.json';

type Leaf = { fact: string; operator: string; value: unknown; path?: string };
type Node = Leaf | { all: Node[] } | { any: Node[] };

const leaf = (fact: string, operator: string, value: unknown): Leaf => ({ fact, operator, value });
const limit = (path: string) => ({ fact: 'limits', path });

const rule = (conditions: { all: Node[] } | { any: Node[] }, params: Record<string, unknown> = {}) => ({
  name: 'dose.test-rule',
  conditions,
  event: {
    type: 'finding',
    params: {
      id: 'dose.test-rule',
      category: 'dose',
      effect: 'caution',
      severity: 'warning',
      sources: ['SEED-001'],
      summary: 'A test summary.',
      detail: 'A test detail.',
      resolution: 'A test resolution.',
      ...params,
    },
  },
});

const file = (content: unknown, path = 'rules/dose/test-rule.json'): LintFile => ({ path, content });

const lintAll = (...conditions: Node[]): readonly LintDiagnostic[] => lintRuleSet([file(rule({ all: conditions }))]);

/** The code and path of each diagnostic: what most tests assert. */
const found = (diagnostics: readonly LintDiagnostic[]) => diagnostics.map((d) => ({ code: d.code, path: d.path }));

/** Reads every `<category>/*.json` under a folder, with its path relative to the project. */
const readRuleFolder = (dir: string): LintFile[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(`${dir}/${entry.name}`)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => file(JSON.parse(readFileSync(`${dir}/${entry.name}/${name}`, 'utf8')) as unknown, `${dir}/${entry.name}/${name}`)),
    );

/**
 * Diagnostics the shipped rules are known to get, each to be fixed in rules/ and then removed from
 * here; empty means the shipped rules lint clean.
 */
const KNOWN_SHIPPED_DIAGNOSTICS: readonly Pick<LintDiagnostic, 'file' | 'code'>[] = [];

describe('lintRuleSet on the shipped rules', () => {
  it('finds no errors and no warnings beyond the known exceptions', () => {
    const files = readRuleFolder('rules');
    expect(files.length).toBeGreaterThan(40);
    expect(lintRuleSet(files).map((d) => ({ file: d.file, code: d.code }))).toEqual(KNOWN_SHIPPED_DIAGNOSTICS);
  });
});

describe('lintRuleSet on the bad-rules fixture', () => {
  it('reports each broken rule with its file, path and rule id', () => {
    const diagnostics = lintRuleSet(readRuleFolder('test/fixtures/lint-bad-rules'));
    const dir = 'test/fixtures/lint-bad-rules';
    expect(diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, path: d.path, ruleId: d.ruleId }))).toEqual([
      { severity: 'error', code: 'negation_on_undocumentable_fact', file: `${dir}/candidacy/not-pregnant.json`, path: ['conditions', 'all', 0, 'operator'], ruleId: 'candidacy.not-pregnant' },
      { severity: 'error', code: 'summary_too_long', file: `${dir}/counselling/long-summary.json`, path: ['event', 'params', 'summary'], ruleId: 'counselling.long-summary' },
      { severity: 'warning', code: 'comparison_on_undocumentable_fact', file: `${dir}/dose/low-weight.json`, path: ['conditions', 'all', 1, 'fact'], ruleId: 'dose.low-weight' },
      { severity: 'warning', code: 'duplicate_condition', file: `${dir}/dose/repeated-condition.json`, path: ['conditions', 'all', 2], ruleId: 'dose.repeated-condition' },
      { severity: 'error', code: 'unknown_fact', file: `${dir}/dose/unknown-fact.json`, path: ['conditions', 'all', 1, 'fact'], ruleId: 'dose.unknown-fact' },
      { severity: 'error', code: 'unreachable_range', file: `${dir}/dose/unreachable-volume.json`, path: ['conditions', 'all', 2], ruleId: 'dose.unreachable-volume' },
      { severity: 'warning', code: 'misplaced_rule', file: `${dir}/ordering/misnamed-file.json`, path: ['event', 'params', 'id'], ruleId: 'ordering.varicose-first' },
      { severity: 'error', code: 'missing_source', file: `${dir}/precaution/missing-source.json`, path: ['event', 'params', 'sources'], ruleId: 'precaution.missing-source' },
    ]);
  });
});

describe('lintRuleSet: what loadRuleSet refuses', () => {
  it('reports a rule that breaks the schema as invalid_rule, with its file', () => {
    const diagnostics = lintRuleSet([file({ name: 'dose.x' }, 'dose/x.json')]);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.severity === 'error' && d.file === 'dose/x.json' && d.ruleId === undefined)).toBe(true);
    expect(diagnostics.map((d) => d.code)).toContain('invalid_rule');
  });

  it('reports a duplicate id at the second file, naming both files', () => {
    const diagnostics = lintRuleSet([file(rule({ all: [leaf('anticoagulated', 'equal', true)] })), file(rule({ all: [leaf('anticoagulated', 'equal', true)] }), 'other/dose/test-rule.json')]);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'duplicate_rule_id',
        message: 'Rule id "dose.test-rule" is used by "rules/dose/test-rule.json" and "other/dose/test-rule.json"; expected each id once',
        file: 'other/dose/test-rule.json',
        path: ['event', 'params', 'id'],
        ruleId: 'dose.test-rule',
      },
    ]);
  });

  it('reports unknown operators and sources, and effect and severity that disagree', () => {
    const bad = rule({ all: [leaf('anticoagulated', 'equals', true)] }, { sources: ['NOPE §1'], effect: 'exclude' });
    expect(found(lintRuleSet([file(bad)]))).toEqual([
      { code: 'unknown_operator', path: ['conditions', 'all', 0, 'operator'] },
      { code: 'effect_severity_mismatch', path: ['event', 'params', 'severity'] },
      { code: 'unknown_source', path: ['event', 'params', 'sources', 0] },
    ]);
  });

  it('reports a limits file that breaks its schema, and no rule files at all', () => {
    const diagnostics = lintRuleSet([], { limits: { maxVolumeMl: 10 }, limitsFile: 'clinic/limits.json' });
    expect(diagnostics.filter((d) => d.file === 'clinic/limits.json').length).toBeGreaterThan(0);
    expect(diagnostics.at(-1)).toEqual(expect.objectContaining({ code: 'empty_rule_set', file: '', path: [] }));
  });

  it('reports a limit that cites an unknown source, in the limits file', () => {
    const limits = { ...shippedLimits, maxVolumeMl: { ...shippedLimits.maxVolumeMl, sources: ['NOPE'] } };
    expect(lintRuleSet([file(rule({ all: [leaf('anticoagulated', 'equal', true)] }))], { limits })).toEqual([
      expect.objectContaining({ code: 'unknown_source', file: 'limits.json', path: ['maxVolumeMl', 'sources', 0] }),
    ]);
  });

  it('warns when the file is not at <category>/<slug>.json', () => {
    expect(lintRuleSet([file(rule({ all: [leaf('anticoagulated', 'equal', true)] }), 'rules/precaution/test-rule.json')])).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'misplaced_rule',
        message: 'Rule "dose.test-rule" is in "precaution/test-rule.json"; expected it at "dose/test-rule.json" (one rule per file at rules/<category>/<slug>.json)',
      }),
    ]);
  });
});

describe('lintRuleSet: negations of facts that may be undocumented', () => {
  it('refuses notEqual on pregnancy, explaining that "undocumented" passes', () => {
    const [diagnostic, ...rest] = lintAll(leaf('pregnancy', 'notEqual', 'pregnant'));
    expect(rest).toEqual([]);
    expect(diagnostic).toEqual(expect.objectContaining({ severity: 'error', code: 'negation_on_undocumentable_fact', path: ['conditions', 'all', 0, 'operator'] }));
    expect(diagnostic?.message).toMatchInlineSnapshot(
      `"Rule "dose.test-rule" negates fact "pregnancy", which may be undocumented, in condition pregnancy notEqual "pregnant": the value "undocumented" passes "notEqual", so the rule fires as if "pregnancy" were known; expected a positive test ("equal", "in", "contains"), or "undocumented" listed in the value, or a guard such as pregnancy notEqual "undocumented" in the same "all""`,
    );
  });

  it('accepts a negation whose value lists "undocumented"', () => {
    expect(lintAll(leaf('pregnancy', 'notIn', ['pregnant', 'undocumented']))).toEqual([]);
    expect(lintAll(leaf('pregnancy', 'notEqual', 'undocumented'))).toEqual([]);
  });

  it('accepts a negation guarded in the same all or an enclosing one, but not from a sibling any', () => {
    expect(lintAll(leaf('sex', 'notEqual', 'male'), leaf('sex', 'in', ['female', 'other']))).toEqual([]);
    expect(lintAll(leaf('sex', 'notEqual', 'undocumented'), { any: [leaf('sex', 'notEqual', 'male'), leaf('ageYears', 'lessThan', 50)] })).toEqual([]);
    expect(found(lintAll({ any: [leaf('sex', 'notEqual', 'undocumented'), leaf('ageYears', 'lessThan', 50)] }, leaf('sex', 'notEqual', 'male')))).toEqual([
      { code: 'negation_on_undocumentable_fact', path: ['conditions', 'all', 1, 'operator'] },
    ]);
  });

  it('refuses doesNotContain on an undocumentable list, which makes the rule silent', () => {
    const [diagnostic] = lintAll(leaf('sclerosantAllergies', 'doesNotContain', 'polidocanol'));
    expect(diagnostic?.code).toBe('negation_on_undocumentable_fact');
    expect(diagnostic?.message).toContain('"doesNotContain" returns false for the string "undocumented"');
  });

  it('refuses a negation against an undocumentable fact on the value side', () => {
    expect(found(lintAll(leaf('plannedVolumeMl', 'notEqual', { fact: 'weightKg' })))).toEqual([
      { code: 'negation_on_undocumentable_fact', path: ['conditions', 'all', 0, 'operator'] },
    ]);
  });

  it('leaves negations of always-documented facts alone', () => {
    expect(lintAll(leaf('plannedAgent', 'notEqual', 'polidocanol'), leaf('plannedFormulation', 'notIn', ['foam']))).toEqual([]);
  });
});

describe('lintRuleSet: numeric comparisons of facts that may be undocumented', () => {
  it('warns on an unguarded comparison, explaining that the rule would stay silent', () => {
    const [diagnostic, ...rest] = lintAll(leaf('weightKg', 'lessThan', 40));
    expect(rest).toEqual([]);
    expect(diagnostic).toEqual(expect.objectContaining({ severity: 'warning', code: 'comparison_on_undocumentable_fact', path: ['conditions', 'all', 0, 'fact'] }));
    expect(diagnostic?.message).toContain(`numeric operators return false for the string "undocumented"`);
    expect(diagnostic?.message).toContain('weightRecorded equal true');
  });

  it('accepts the comparison with the fact that records whether it is documented', () => {
    expect(lintAll(leaf('weightRecorded', 'equal', true), leaf('weightKg', 'lessThan', 40))).toEqual([]);
    expect(found(lintAll(leaf('weightRecorded', 'equal', false), leaf('weightKg', 'lessThan', 40)))).toEqual([
      { code: 'comparison_on_undocumentable_fact', path: ['conditions', 'all', 1, 'fact'] },
    ]);
  });

  it('accepts a guard on another fact read from the same request field', () => {
    expect(lintAll(leaf('sclerosantAllergyCount', 'greaterThan', 0), leaf('plannedAgentAllergy', 'equal', false))).toEqual([]);
    expect(found(lintAll(leaf('sclerosantAllergyCount', 'greaterThan', 0), leaf('anticoagulated', 'equal', false)))).toEqual([
      { code: 'comparison_on_undocumentable_fact', path: ['conditions', 'all', 0, 'fact'] },
    ]);
  });

  it('checks an undocumentable fact on the value side too', () => {
    expect(found(lintAll(leaf('dailyPolidocanolMg', 'greaterThan', { fact: 'maxPolidocanolMg' })))).toEqual([
      { code: 'comparison_on_undocumentable_fact', path: ['conditions', 'all', 0, 'value', 'fact'] },
    ]);
    expect(lintAll(leaf('weightRecorded', 'equal', true), leaf('dailyPolidocanolMg', 'greaterThan', { fact: 'maxPolidocanolMg' }))).toEqual([]);
  });
});

describe('lintRuleSet: unreachable ranges', () => {
  it.each([
    ['x > 10 and x < 5', [leaf('plannedVolumeMl', 'greaterThan', 10), leaf('plannedVolumeMl', 'lessThan', 5)]],
    ['x equal 3 and x > 4', [leaf('plannedVolumeMl', 'equal', 3), leaf('plannedVolumeMl', 'greaterThan', 4)]],
    ['x > 5 and x <= 5', [leaf('plannedVolumeMl', 'greaterThan', 5), leaf('plannedVolumeMl', 'lessThanInclusive', 5)]],
    ['x in [1, 2] and x notIn [1, 2]', [leaf('plannedContainers', 'in', [1, 2]), leaf('plannedContainers', 'notIn', [1, 2])]],
    ['x equal "none" and x > 4', [leaf('daysSinceLastSession', 'equal', 'none'), leaf('daysSinceLastSession', 'greaterThan', 4)]],
    ['x equal true and x equal false', [leaf('sessionPlanned', 'equal', true), leaf('sessionPlanned', 'equal', false)]],
  ])('refuses %s, at the second condition', (_, conditions) => {
    expect(found(lintAll(...conditions))).toEqual([{ code: 'unreachable_range', path: ['conditions', 'all', 1] }]);
  });

  it.each([
    ['x >= 5 and x <= 5', [leaf('plannedVolumeMl', 'greaterThanInclusive', 5), leaf('plannedVolumeMl', 'lessThanInclusive', 5)]],
    ['x > 4 and x < 5', [leaf('plannedVolumeMl', 'greaterThan', 4), leaf('plannedVolumeMl', 'lessThan', 5)]],
    ['x in [1, 6] and x > 5', [leaf('plannedContainers', 'in', [1, 6]), leaf('plannedContainers', 'greaterThan', 5)]],
    ['x > 10 and y < 5', [leaf('plannedVolumeMl', 'greaterThan', 10), leaf('plannedContainers', 'lessThan', 5)]],
  ])('accepts %s', (_, conditions) => {
    expect(lintAll(...conditions)).toEqual([]);
  });

  it('names both conditions and the resolved limit', () => {
    const [diagnostic] = lintAll(leaf('plannedVolumeMl', 'greaterThan', limit('maxVolumeMl')), leaf('plannedVolumeMl', 'lessThan', 5));
    expect(diagnostic?.message).toBe(
      'Rule "dose.test-rule" has conditions that can never all hold: "plannedVolumeMl" cannot be lessThan 5 (at conditions.all[1]) and greaterThan limits.maxVolumeMl = 10 (at conditions.all[0]) at once; expected conditions that some value can meet',
    );
  });

  it('resolves limits from the limits in force', () => {
    const conditions = [leaf('plannedVolumeMl', 'greaterThan', limit('maxVolumeMl')), leaf('plannedVolumeMl', 'lessThan', 5)];
    const limits = { ...shippedLimits, maxVolumeMl: { ...shippedLimits.maxVolumeMl, value: 4 } };
    expect(lintRuleSet([file(rule({ all: conditions }))], { limits })).toEqual([]);
  });

  it('names every condition when no single one contradicts the new one', () => {
    const [diagnostic, ...rest] = lintAll(leaf('plannedContainers', 'in', [1, 2]), leaf('plannedContainers', 'notEqual', 1), leaf('plannedContainers', 'notEqual', 2));
    expect(rest).toEqual([]);
    expect(diagnostic?.path).toEqual(['conditions', 'all', 2]);
    expect(diagnostic?.message).toContain('and in [1,2] (at conditions.all[0]) and notEqual 1 (at conditions.all[1]) at once');
  });

  it('refuses a branch of an any that contradicts the enclosing all, once', () => {
    const outer = leaf('plannedVolumeMl', 'greaterThan', 10);
    expect(found(lintAll(outer, { any: [leaf('plannedVolumeMl', 'lessThan', 5), leaf('plannedContainers', 'greaterThan', 5)] }, { all: [leaf('plannedContainers', 'equal', 2)] }))).toEqual([
      { code: 'unreachable_range', path: ['conditions', 'all', 1, 'any', 0] },
    ]);
  });

  it('leaves alternatives of an any alone', () => {
    expect(lintRuleSet([file(rule({ any: [leaf('plannedVolumeMl', 'greaterThan', 10), leaf('plannedVolumeMl', 'lessThan', 5)] }))])).toEqual([]);
  });

  it('skips values it cannot know before a request', () => {
    expect(lintAll(leaf('plannedConcentrationPercent', 'greaterThan', 3), leaf('plannedConcentrationPercent', 'lessThan', { fact: 'strengthAboveLabelLowestPercent' }))).toEqual([]);
  });
});

describe('lintRuleSet: repeated conditions', () => {
  it('warns at the repeat, naming the first', () => {
    const diagnostics = lintAll(leaf('plannedVolumeMl', 'greaterThan', limit('maxVolumeMl')), leaf('anticoagulated', 'equal', true), leaf('plannedVolumeMl', 'greaterThan', { path: 'maxVolumeMl', fact: 'limits' }));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'duplicate_condition',
        message: 'Rule "dose.test-rule" tests plannedVolumeMl greaterThan limits.maxVolumeMl twice in the same "all" (first at conditions.all[0]); expected each condition once',
        path: ['conditions', 'all', 2],
      }),
    ]);
  });

  it('warns when a nested all repeats an enclosing condition, but not for a different operator or value', () => {
    expect(found(lintAll(leaf('anticoagulated', 'equal', true), { any: [{ all: [leaf('anticoagulated', 'equal', true), leaf('allergyProne', 'equal', true)] }, leaf('thrombophilia', 'equal', true)] }))).toEqual([
      { code: 'duplicate_condition', path: ['conditions', 'all', 1, 'any', 0, 'all', 0] },
    ]);
    expect(lintAll(leaf('plannedVolumeMl', 'greaterThan', 3), leaf('plannedVolumeMl', 'greaterThanInclusive', 3), leaf('plannedVolumeMl', 'greaterThan', 4))).toEqual([]);
  });
});
