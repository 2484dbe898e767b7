/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { BUNDLED_RULE_FILES, BUNDLED_RULE_PATHS } from '../../src/rules/bundled-rules.generated.js';
import { parseSourceReference } from '../../src/rules/rule-set.js';
import type { Issues } from '../../src/model/issues.js';
import { PLANNED_RULE_IDS, requiredRules, specificationPaths } from './catalogue.js';

const validRule = () => ({
  name: 'dose.test-rule',
  conditions: { all: [{ fact: 'plannedVolumeMl', operator: 'greaterThan', value: { fact: 'limits', path: 'maxVolumeMl' } }] },
  event: {
    type: 'finding',
    params: {
      id: 'dose.test-rule',
      category: 'dose',
      effect: 'block-session',
      severity: 'critical',
      sources: ['SEED-001'],
      summary: 'A test summary.',
      detail: '{plannedVolumeMl} mL planned; the limit is {limits.maxVolumeMl} mL.',
      resolution: 'Less volume would clear this.',
    },
  },
});

const refused = (files: readonly unknown[], options?: Parameters<typeof loadRuleSet>[1]): Issues => {
  const result = loadRuleSet(files, options);
  if (E.isRight(result)) expect.fail('expected the rule set to be refused');
  return result.left;
};

const mutated = (change: (rule: ReturnType<typeof validRule>) => void) => {
  const rule = validRule();
  change(rule);
  return rule;
};

describe('loadRuleSet', () => {
  it('accepts a valid rule and sorts nothing away', () => {
    const result = loadRuleSet([validRule()]);
    expect(E.isRight(result) && result.right.rules.map((r) => r.id)).toEqual(['dose.test-rule']);
  });

  it('refuses an unknown fact, naming the rule and the path', () => {
    const rule = mutated((r) => Object.assign(r.conditions.all[0] ?? {}, { fact: 'sessionVolume' }));
    expect(refused([rule])).toEqual([
      expect.objectContaining({
        code: 'unknown_fact',
        message: 'Rule "dose.test-rule" uses unknown fact "sessionVolume"',
        path: [0, 'conditions', 'all', 0, 'fact'],
        ruleId: 'dose.test-rule',
      }),
    ]);
  });

  it('refuses an unknown fact in a placeholder', () => {
    const rule = mutated((r) => (r.event.params.detail = '{volume} mL'));
    expect(refused([rule])).toEqual([expect.objectContaining({ code: 'unknown_fact', path: [0, 'event', 'params', 'detail'] })]);
  });

  it('refuses an unknown operator', () => {
    const rule = mutated((r) => Object.assign(r.conditions.all[0] ?? {}, { operator: 'greaterThanInclusiv' }));
    expect(refused([rule])).toEqual([expect.objectContaining({ code: 'unknown_operator', path: [0, 'conditions', 'all', 0, 'operator'] })]);
  });

  it('refuses an unknown limit', () => {
    const rule = mutated((r) => Object.assign(r.conditions.all[0] ?? {}, { value: { fact: 'limits', path: 'maxVolume' } }));
    expect(refused([rule])).toEqual([expect.objectContaining({ code: 'unknown_limit' })]);
  });

  it.each(['__proto__', 'constructor', 'a.prototype'])('refuses the path "%s"', (path) => {
    const rule = mutated((r) => Object.assign(r.conditions.all[0] ?? {}, { value: { fact: 'limits', path } }));
    expect(refused([rule])).toEqual([expect.objectContaining({ code: 'unsafe_path' })]);
  });

  it('refuses duplicate ids', () => {
    expect(refused([validRule(), validRule()])).toEqual([
      expect.objectContaining({ code: 'duplicate_rule_id', path: [1, 'event', 'params', 'id'] }),
    ]);
  });

  it('refuses a rule with no source, and one with an unknown source', () => {
    expect(refused([mutated((r) => (r.event.params.sources = []))])).toEqual([expect.objectContaining({ code: 'missing_source' })]);
    expect(refused([mutated((r) => (r.event.params.sources = ['WIKIPEDIA']))])).toEqual([
      expect.objectContaining({ code: 'unknown_source', path: [0, 'event', 'params', 'sources', 0] }),
    ]);
  });

  it('refuses a summary over 140 characters', () => {
    expect(refused([mutated((r) => (r.event.params.summary = 'x'.repeat(141)))])).toEqual([
      expect.objectContaining({ code: 'summary_too_long' }),
    ]);
  });

  it('refuses an effect with the wrong severity, and a warning with no resolution', () => {
    expect(refused([mutated((r) => (r.event.params.severity = 'warning'))])).toEqual([
      expect.objectContaining({ code: 'effect_severity_mismatch' }),
    ]);
    const noResolution = mutated((r) => Object.assign(r.event.params, { resolution: undefined }));
    delete (noResolution.event.params as Partial<typeof noResolution.event.params>).resolution;
    expect(refused([noResolution])).toEqual([expect.objectContaining({ code: 'missing_resolution' })]);
  });

  it('refuses condition priorities, negations and condition references', () => {
    const withPriority = mutated((r) => Object.assign(r.conditions.all[0] ?? {}, { priority: 2 }));
    expect(refused([withPriority])[0]).toEqual(expect.objectContaining({ path: expect.arrayContaining([0, 'conditions']) }));
    const negated = mutated((r) => Object.assign(r, { conditions: { all: [{ not: { fact: 'sessionPlanned', operator: 'equal', value: true } }] } }));
    expect(refused([negated]).length).toBeGreaterThan(0);
    const reference = mutated((r) => Object.assign(r, { conditions: { all: [{ condition: 'shared' }] } }));
    expect(refused([reference]).length).toBeGreaterThan(0);
  });

  it('refuses limits that cite unknown sources, and anything that is not a list of files', () => {
    const limits = JSON.parse(JSON.stringify(defaultRuleSet.limitDefinitions)) as Record<string, { sources: string[] }>;
    if (limits['maxVolumeMl']) limits['maxVolumeMl'].sources = ['NOWHERE'];
    expect(refused([validRule()], { limits })).toEqual([expect.objectContaining({ code: 'unknown_source', path: ['limits', 'maxVolumeMl', 'sources', 0] })]);
    expect(refused('rules' as unknown as unknown[])).toEqual([expect.objectContaining({ code: 'invalid_rule' })]);
    expect(refused([])).toEqual([expect.objectContaining({ code: 'empty_rule_set' })]);
  });

  it('refuses placeholders that would print raw', () => {
    for (const detail of ['{plannedVolumeMl.value} mL', '{limits} apply', '{veinIds.first}']) {
      expect(refused([mutated((r) => (r.event.params.detail = detail))]), detail).toEqual([expect.objectContaining({ code: 'invalid_placeholder' })]);
    }
  });

  it('refuses options that are not an object', () => {
    expect(refused([validRule()], null as never)).toEqual([expect.objectContaining({ code: 'invalid_option' })]);
  });

  it('returns a frozen rule set', () => {
    expect(Object.isFrozen(defaultRuleSet)).toBe(true);
    expect(Object.isFrozen(defaultRuleSet.rules[0]?.file.conditions)).toBe(true);
  });
});

describe('the shipped rules', () => {
  it('are all bundled: the generated index lists every file under rules/', () => {
    const onDisk = readdirSync('rules', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(`rules/${d.name}`).map((f) => `rules/${d.name}/${f}`))
      .sort();
    expect(BUNDLED_RULE_PATHS).toEqual(onDisk);
    BUNDLED_RULE_PATHS.forEach((path, i) => expect(BUNDLED_RULE_FILES[i]).toEqual(JSON.parse(readFileSync(path, 'utf8'))));
  });

  it('live one per file at rules/<category>/<slug>.json', () => {
    for (const rule of defaultRuleSet.rules) {
      const [category, slug] = rule.id.split('.');
      expect(BUNDLED_RULE_PATHS).toContain(`rules/${category}/${slug}.json`);
    }
  });

  it.runIf(specificationPaths.sharedPresent)('keep the test copy of RULES.md identical to the specification', () => {
    expect(readFileSync(specificationPaths.copy, 'utf8')).toBe(readFileSync(specificationPaths.shared, 'utf8'));
  });

  const required = requiredRules().filter((r) => !PLANNED_RULE_IDS.has(r.id));

  it('include every rule of RULES.md outside the planned agent, foam and STS-label work', () => {
    expect(required.length).toBe(requiredRules().length - PLANNED_RULE_IDS.size);
    expect(defaultRuleSet.rules.map((r) => r.id)).toEqual(expect.arrayContaining(required.map((r) => r.id)));
  });

  it.each(required.map((r) => [r.id, r] as const))('define %s with its category, effect, severity, scope, hold reason and sources', (_id, spec) => {
    const rule = defaultRuleSet.rules.find((r) => r.id === spec.id);
    expect(rule?.params).toEqual(expect.objectContaining({ category: spec.category, effect: spec.effect, severity: spec.severity }));
    expect(rule?.params.scope ?? 'patient').toBe(spec.scope);
    expect(rule?.params.holdReason).toBe(spec.holdReason);
    const cited = new Set(rule?.params.sources.map((s) => parseSourceReference(s).key));
    expect([...spec.sourceKeys].filter((key) => !cited.has(key))).toEqual([]);
  });

  it('carry the rule set version 2.0.0 and its review date', () => {
    expect(defaultRuleSet.version).toBe('2.0.0');
    expect(defaultRuleSet.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
