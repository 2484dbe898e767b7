import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { BUNDLED_RULE_FILES } from '../../src/rules/bundled-rules.generated.js';
import { assessValid, changed, findingOf } from '../helpers.js';
import { accepted, clinicSource, overlay, refused } from './overlay-helpers.js';


/** A rule file written as a clinic would, holding the veins a fact lists. */
const holdRule = (id: string, veinIdsFact: string, extra: Record<string, unknown> = {}) => ({
  name: id,
  conditions: { all: [{ fact: 'sessionPlanned', operator: 'equal', value: true }] },
  event: {
    type: 'finding',
    params: {
      id,
      category: 'precaution',
      effect: 'hold-session',
      severity: 'warning',
      holdReason: 'decision-required',
      scope: 'targets',
      veinIdsFact,
      sources: ['CLINIC'],
      summary: 'Clinic policy: these veins wait for a second opinion before treatment.',
      detail: 'The clinic asks for a second opinion before these veins are treated: {veinIds}.',
      resolution: 'A documented second opinion would release these veins.',
      ...extra,
    },
  },
});

describe('rule files: scope and hold reason (CONTRACT §2)', () => {
  const load = (rule: unknown) => loadRuleSet([...BUNDLED_RULE_FILES, rule], { sources: { ...defaultRuleSet.sources, ...clinicSource.sources } });
  const codes = (result: ReturnType<typeof load>) => (E.isLeft(result) ? result.left.map((i) => i.code) : []);

  it('accepts a target-scoped hold-session rule with its hold reason, at warning or critical', () => {
    expect(E.isRight(load(holdRule('precaution.clinic-hold', 'targetIds')))).toBe(true);
    expect(E.isRight(load(holdRule('precaution.clinic-hold', 'targetIds', { severity: 'critical' })))).toBe(true);
  });

  it('refuses a hold-session rule without a hold reason, and a hold reason on any other effect', () => {
    const withoutReason: Record<string, unknown> = { ...holdRule('precaution.clinic-hold', 'targetIds').event.params };
    delete withoutReason.holdReason;
    expect(codes(load({ ...holdRule('precaution.clinic-hold', 'targetIds'), event: { type: 'finding', params: withoutReason } }))).toContain('missing_hold_reason');
    expect(codes(load(holdRule('precaution.clinic-hold', 'targetIds', { effect: 'caution' })))).toContain('invalid_rule');
  });

  it('refuses hold-session at info severity', () => {
    expect(codes(load(holdRule('precaution.clinic-hold', 'targetIds', { severity: 'info' })))).toContain('effect_severity_mismatch');
  });

  it('refuses a target-scoped rule that names no veins', () => {
    const params: Record<string, unknown> = { ...holdRule('precaution.clinic-hold', 'targetIds').event.params };
    delete params.veinIdsFact;
    expect(codes(load({ ...holdRule('precaution.clinic-hold', 'targetIds'), event: { type: 'finding', params } }))).toContain('invalid_rule');
  });

  it('refuses an unknown scope, hold reason or jurisdiction with the path of the field', () => {
    const result = load(holdRule('precaution.clinic-hold', 'targetIds', { scope: 'leg', holdReason: 'later', jurisdiction: 'UK' }));
    expect(E.isLeft(result)).toBe(true);
    const paths = E.isLeft(result) ? result.left.map((i) => i.path.slice(-1)[0]) : [];
    expect(paths).toEqual(expect.arrayContaining(['scope', 'holdReason', 'jurisdiction']));
  });
});

describe('a target-scoped hold-session rule (CONTRACT §4.3)', () => {
  it('holds the session when it holds every target that is not deferred', async () => {
    const ruleSet = accepted(overlay({ ...clinicSource, rules: [holdRule('precaution.clinic-hold', 'targetIds')] }));
    const assessment = await assessValid(changed(() => undefined), { ruleSet });
    expect(assessment.session.status).toBe('held');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.heldVeinIds).toEqual(['t1']);
    expect(assessment.session.holds).toEqual([
      { ruleId: 'precaution.clinic-hold', reason: 'decision-required', veinIds: ['t1'], resolution: 'A documented second opinion would release these veins.' },
    ]);
    expect(assessment.findings.some((f) => f.category === 'aftercare')).toBe(false);
  });

  it('holds only its targets when other targets remain, giving approved-with-deferrals', async () => {
    const ruleSet = accepted(overlay({ ...clinicSource, rules: [holdRule('precaution.clinic-hold', 'feederPairTargetIds')] }));
    const request = changed((r) => {
      r.veins.push({ id: 'c1', kind: 'telangiectasia', diameterMm: 0.5, region: 'chest' });
      if (r.plannedSession) r.plannedSession.targetVeinIds = ['c1', 't1', 'r1'];
      if (r.plannedSession) r.plannedSession.concentrationPercent = 0.5;
    });
    const assessment = await assessValid(request, { ruleSet });
    // t1 and r1 are a feeder pair on the left leg; c1 is on the chest and stays treatable.
    expect(assessment.session.heldVeinIds).toEqual(['t1', 'r1']);
    expect(assessment.session.status).toBe('approved-with-deferrals');
    expect(assessment.session.holds.map((h) => h.veinIds)).toEqual([['t1', 'r1']]);
  });

  it('is dropped from the holds when it names no target', async () => {
    const ruleSet = accepted(overlay({ ...clinicSource, rules: [holdRule('precaution.clinic-hold', 'feederPairTargetIds')] }));
    const assessment = await assessValid(changed(() => undefined), { ruleSet });
    expect(findingOf(assessment, 'precaution.clinic-hold')).toBeDefined();
    expect(assessment.session.holds).toEqual([]);
    expect(assessment.session.status).toBe('approved');
  });

  it('holds the whole session once a later overlay widens its scope to the patient', async () => {
    const ruleSet = accepted(overlay({ ...clinicSource, rules: [holdRule('precaution.clinic-hold', 'feederPairTargetIds')] }));
    const widened = applyOverlay(ruleSet, overlay({ name: 'Stricter clinic', changes: { 'precaution.clinic-hold': { scope: 'patient' } } }));
    if (E.isLeft(widened)) expect.fail(JSON.stringify(widened.left));
    const request = changed((r) => {
      r.veins.push({ id: 'c1', kind: 'telangiectasia', diameterMm: 0.5, region: 'chest' });
      if (r.plannedSession) r.plannedSession.targetVeinIds = ['c1', 't1', 'r1'];
    });
    const assessment = await assessValid(request, { ruleSet: widened.right });
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.heldVeinIds).toEqual([]);
    expect(assessment.session.holds).toEqual([expect.objectContaining({ ruleId: 'precaution.clinic-hold', reason: 'decision-required' })]);
    const narrowed = applyOverlay(widened.right, overlay({ name: 'Looser clinic', changes: { 'precaution.clinic-hold': { scope: 'targets' } } }));
    expect(E.isLeft(narrowed) && narrowed.left[0]?.code).toBe('overlay_narrows_scope');
  });
});

describe('overlays and scope (RULES.md, Conventions)', () => {
  it('may strengthen a caution into a hold with its reason', async () => {
    const ruleSet = accepted(overlay({ changes: { 'precaution.anticoagulation': { effect: 'hold-session', holdReason: 'decision-required' } } }));
    const assessment = await assessValid(changed((r) => { r.history.anticoagulated = true; }), { ruleSet });
    expect(findingOf(assessment, 'precaution.anticoagulation')?.effect).toBe('hold-session');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toEqual([
      expect.objectContaining({ ruleId: 'precaution.anticoagulation', reason: 'decision-required' }),
    ]);
  });

  it('refuses a strengthening into a hold that names no hold reason', () => {
    const issues = refused(overlay({ changes: { 'precaution.anticoagulation': { effect: 'hold-session' } } }));
    expect(issues.map((i) => i.code)).toContain('missing_hold_reason');
  });

  it('refuses weakening a hold into a caution', () => {
    const issues = refused(overlay({ changes: { 'dose.weight-not-recorded': { effect: 'caution' } } }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'overlay_downgrades_rule' }));
  });

  it('refuses narrowing a patient-scoped rule to its targets', () => {
    const issues = refused(overlay({ changes: { 'screening.prior-sessions-unknown': { scope: 'targets' } } }));
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'overlay_narrows_scope', path: ['overlay', 'changes', 'screening.prior-sessions-unknown', 'scope'] }),
    );
  });
});

describe('jurisdiction-marked rules (CONTRACT §2)', () => {
  const marked = (jurisdiction: 'US' | 'EU') => ({
    name: 'counselling.clinic-label-note',
    conditions: { all: [{ fact: 'sessionPlanned', operator: 'equal', value: true }] },
    event: {
      type: 'finding',
      params: {
        id: 'counselling.clinic-label-note',
        category: 'counselling',
        effect: 'inform',
        severity: 'info',
        jurisdiction,
        sources: ['CLINIC'],
        summary: 'A note that applies under one jurisdiction only.',
        detail: 'This note follows one jurisdiction’s product labels.',
      },
    },
  });

  it.each([
    ['US', undefined, true],
    ['US', 'US', true],
    ['US', 'EU', false],
    ['EU', undefined, true],
    ['EU', 'US', false],
  ] as const)('a rule marked %s fires under %s: %s', async (mark, jurisdiction, fires) => {
    const ruleSet = accepted(overlay({ ...clinicSource, rules: [marked(mark)] }));
    const assessment = await assessValid(changed(() => undefined), jurisdiction === undefined ? { ruleSet } : { ruleSet, jurisdiction });
    expect(findingOf(assessment, 'counselling.clinic-label-note') !== undefined).toBe(fires);
    expect(assessment.jurisdiction).toBe(jurisdiction ?? 'strictest');
  });
});
