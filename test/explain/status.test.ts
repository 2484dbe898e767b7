import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/assessment.js';
import type { Effect, Severity } from '../../src/model/vocabulary.js';
import { sortFindings, toDeferredVeinIds, toSessionStatus, toStatus } from '../../src/explain/status.js';

const finding = (ruleId: string, effect: Effect, severity: Severity, veinIds?: string[]): Finding => ({
  ruleId,
  category: 'dose',
  effect,
  severity,
  summary: 's',
  detail: 'd',
  evidence: [],
  sources: [{ label: 'x' }],
  ...(veinIds === undefined ? {} : { veinIds }),
});

describe('toStatus', () => {
  it.each([
    [['exclude', 'refer', 'caution'], 'not-candidate'],
    [['refer', 'require-information'], 'refer'],
    [['require-information', 'caution'], 'insufficient-information'],
    [['caution', 'inform'], 'candidate-with-precautions'],
    [['inform', 'block-session', 'defer-veins'], 'candidate'],
    [[], 'candidate'],
  ] as const)('gives %j the status %s', (effects, status) => {
    expect(toStatus(effects.map((e, i) => finding(`r.${i}`, e, 'info')))).toBe(status);
  });
});

describe('toSessionStatus', () => {
  const targets = ['a', 'b'];
  it('is not-planned without a plan, whatever the findings', () => {
    expect(toSessionStatus(false, 'not-candidate', [finding('x.y', 'exclude', 'critical')], [])).toBe('not-planned');
  });
  it('is blocked for a non-candidate, a block-session finding, or every target deferred', () => {
    expect(toSessionStatus(true, 'not-candidate', [], targets)).toBe('blocked');
    expect(toSessionStatus(true, 'candidate', [finding('d.cap', 'block-session', 'critical')], targets)).toBe('blocked');
    expect(toSessionStatus(true, 'candidate', [finding('o.v', 'defer-veins', 'critical', ['a', 'b'])], targets)).toBe('blocked');
  });
  it('approves with deferrals when some targets are deferred', () => {
    const findings = [finding('o.v', 'defer-veins', 'critical', ['b'])];
    expect(toSessionStatus(true, 'candidate', findings, targets)).toBe('approved-with-deferrals');
    expect(toDeferredVeinIds(findings, targets)).toEqual(['b']);
  });
  it('approves otherwise, even while information is missing', () => {
    expect(toSessionStatus(true, 'insufficient-information', [], targets)).toBe('approved');
  });
});

describe('sortFindings', () => {
  it('puts critical first, then warning, then info, ties by rule id', () => {
    const sorted = sortFindings([
      finding('b.info', 'inform', 'info'),
      finding('z.warn', 'caution', 'warning'),
      finding('a.warn', 'caution', 'warning'),
      finding('m.crit', 'exclude', 'critical'),
    ]);
    expect(sorted.map((f) => f.ruleId)).toEqual(['m.crit', 'a.warn', 'z.warn', 'b.info']);
  });
});
