/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { BUNDLED_RULE_FILES } from '../../src/rules/bundled-rules.generated.js';
import type { RuleSet } from '../../src/rules/rule-set.js';
import { assessValid, changed, findingOf } from '../helpers.js';
import { accepted, clinicSource, overlay, refused } from './overlay-helpers.js';

const clinic = JSON.parse(readFileSync('examples/overlays/clinic-8ml.json', 'utf8')) as Record<string, unknown>;

const nineMl = changed((r) => {
  if (r.plannedSession === undefined) return;
  r.plannedSession.containers = 5;
  r.plannedSession.totalVolumeMl = 9;
});

describe('clinic overlays', () => {
  it('refuses an overlay that raises the session cap to 12 mL', () => {
    expect(refused(overlay({ ...clinicSource, limits: { maxVolumeMl: { value: 12, sources: ['CLINIC'] } } }))).toEqual([
      expect.objectContaining({ code: 'overlay_loosens_limit', path: ['overlay', 'limits', 'maxVolumeMl', 'value'] }),
    ]);
  });

  it('refuses a shorter interval between sessions, since that limit tightens upwards', () => {
    expect(refused(overlay({ ...clinicSource, limits: { minDaysBetweenSessions: { value: 5, sources: ['CLINIC'] } } }))).toEqual([
      expect.objectContaining({ code: 'overlay_loosens_limit' }),
    ]);
  });

  it('refuses an overlay that drops a contraindication or any warning', () => {
    expect(refused(overlay({ disable: ['contraindication.acute-thromboembolism'] }))).toEqual([
      expect.objectContaining({ code: 'overlay_disables_safety_rule', path: ['overlay', 'disable', 0] }),
    ]);
    expect(refused(overlay({ disable: ['precaution.pregnancy'] }))[0]?.code).toBe('overlay_disables_safety_rule');
  });

  it('refuses a weaker effect or severity', () => {
    expect(refused(overlay({ changes: { 'contraindication.bedridden': { effect: 'caution', severity: 'warning' } } }))).toEqual([
      expect.objectContaining({ code: 'overlay_downgrades_rule', path: ['overlay', 'changes', 'contraindication.bedridden', 'effect'] }),
      expect.objectContaining({ code: 'overlay_downgrades_rule', path: ['overlay', 'changes', 'contraindication.bedridden', 'severity'] }),
    ]);
  });

  it('refuses unknown rules and limits, and a limit without a source', () => {
    expect(refused(overlay({ disable: ['dose.nothing'] }))[0]?.code).toBe('unknown_rule');
    expect(refused(overlay({ limits: { maxVolumeMI: { value: 8, sources: ['CLINIC'] } }, ...clinicSource }))[0]?.code).toBe('unknown_limit');
    expect(refused(overlay({ limits: { maxVolumeMl: { value: 8, sources: ['NOWHERE'] } } }))[0]?.code).toBe('unknown_source');
    expect(refused({ name: 'No approver', version: '1' })).toEqual([expect.objectContaining({ path: ['overlay', 'approvedBy'] })]);
  });

  it('checks added rules like any other and points at them in the overlay', () => {
    const badRule = { ...(BUNDLED_RULE_FILES[0] as Record<string, unknown>) };
    expect(refused(overlay({ rules: [badRule] }))).toEqual([expect.objectContaining({ code: 'duplicate_rule_id', path: ['overlay', 'rules', 0, 'event', 'params', 'id'] })]);
  });

  it('blocks a 9 mL session under an 8 mL cap, and the finding shows both limits', async () => {
    const withDefault = await assessValid(nineMl);
    expect(withDefault.session.status).toBe('approved');

    const ruleSet = accepted(clinic);
    const assessment = await assessValid(nineMl, { ruleSet });
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.limits.maxVolumeMl).toBe(8);
    const finding = findingOf(assessment, 'dose.session-volume-cap');
    expect(finding?.summary).toBe("The planned volume is over this clinic's per-session limit; the session is blocked.");
    expect(finding?.limits).toEqual([
      { name: 'maxVolumeMl', value: 8, unit: 'mL', baseValue: 10, changedBy: 'Riverside Vein Clinic policy 2026.1' },
    ]);
    expect(finding?.detail).toContain('9 mL planned; the limit is 8 mL');
    expect(finding?.detail).toContain('sets the limit "most liquid sclerosant in one session, in one calendar day, and in one interval window" to 8 mL; the default is 10 mL');
    expect(finding?.detail).not.toContain('maxVolumeMl');
    expect(finding?.changedBy).toBe('Riverside Vein Clinic policy 2026.1');
    expect(finding?.overlayChanges).toEqual(['summary', 'limit']);
    // The overlay's own source is cited by the finding it changed.
    expect(finding?.sources.map((s) => s.label)).toContain('Riverside Vein Clinic sclerotherapy policy, version 2026.1 (internal document)');
    expect(finding?.evidence).toContainEqual(expect.objectContaining({ fact: 'plannedLiquidStandardMl', expected: 8, actual: 9, expectedFrom: 'limits.maxVolumeMl' }));
    expect(finding?.sources.map((s) => s.label)).toContain('Consumer article on sclerotherapy: up to 10 cc or 5 vials per session (seed 001_85d918566faa684f.txt)');
  });

  it('names the overlay and its approver in the assessment', async () => {
    const assessment = await assessValid(nineMl, { ruleSet: accepted(clinic) });
    expect(assessment.ruleSet).toEqual({
      name: defaultRuleSet.name,
      version: defaultRuleSet.version,
      reviewedOn: defaultRuleSet.reviewedOn,
      reviewedBy: defaultRuleSet.reviewedBy,
      overlay: { name: 'Riverside Vein Clinic policy', version: '2026.1', approvedBy: 'Dr A. Example, medical director', approvedOn: '2026-10-01' },
    });
  });

  it('is applied by loadRuleSet through its overlay option too', () => {
    const result = loadRuleSet(BUNDLED_RULE_FILES, { overlay: clinic });
    expect(E.isRight(result) && result.right.limits.maxVolumeMl).toBe(8);
    const loose = loadRuleSet(BUNDLED_RULE_FILES, { overlay: overlay({ ...clinicSource, limits: { maxContainers: { value: 6, sources: ['CLINIC'] } } }) });
    expect(E.isLeft(loose) && loose.left[0]?.code).toBe('overlay_loosens_limit');
  });

  it('may turn off an informational rule and strengthen another', async () => {
    const ruleSet = accepted(overlay({ disable: ['counselling.sessions-expected'], changes: { 'precaution.estrogen-therapy': { effect: 'refer' } } }));
    const assessment = await assessValid(changed((r) => { r.history.estrogenTherapy = true; }), { ruleSet });
    expect(findingOf(assessment, 'counselling.sessions-expected')).toBeUndefined();
    expect(findingOf(assessment, 'precaution.estrogen-therapy')?.effect).toBe('refer');
    expect(assessment.status).toBe('refer');
  });

  it('marks a finding whose effect it strengthened, names the overlay and cites its sources', async () => {
    const ruleSet = accepted(overlay({ ...clinicSource, changes: { 'precaution.estrogen-therapy': { effect: 'refer', summary: 'Estrogen therapy is documented; this clinic refers before sclerotherapy.' } } }));
    const assessment = await assessValid(changed((r) => { r.history.estrogenTherapy = true; }), { ruleSet });
    const finding = findingOf(assessment, 'precaution.estrogen-therapy');
    expect(finding?.overlayChanges).toEqual(['summary', 'effect']);
    expect(finding?.changedBy).toMatch(/\S+ \S+/);
    const overlaySources = Object.values(clinicSource.sources).map((source) => source.label);
    expect(finding?.sources.map((s) => s.label)).toEqual(expect.arrayContaining(overlaySources));
    // Findings the overlay did not touch carry no mark.
    expect(assessment.findings.filter((f) => f.changedBy !== undefined).map((f) => f.ruleId)).toEqual(['precaution.estrogen-therapy']);
  });
});

describe('clinic overlays that look stronger but are not', () => {
  it('refuses an effect that blocks or defers instead of keeping a status', () => {
    for (const [id, effect] of [
      ['precaution.pregnancy', 'defer-veins'],
      ['candidacy.advanced-venous-disease', 'defer-veins'],
      ['screening.unconfirmed-contraindications', 'block-session'],
      ['precaution.anticoagulation', 'block-session'],
    ] as const) {
      const issues = refused(overlay({ changes: { [id]: { effect, severity: 'critical' } } }));
      expect(issues, id).toContainEqual(expect.objectContaining({ code: 'overlay_downgrades_rule', path: ['overlay', 'changes', id, 'effect'] }));
    }
  });

  it('accepts an effect that is stronger for both the status and the session', () => {
    accepted(overlay({ changes: { 'candidacy.truncal-reflux-refer': { effect: 'exclude', severity: 'critical' } } }));
    accepted(overlay({ changes: { 'ordering.varicose-before-spider': { effect: 'block-session' } } }));
  });

  it('refuses redefining a source the default rules cite, and a link that is not http(s)', () => {
    expect(refused(overlay({ sources: { 'ASCLERA-PI': { label: 'Clinic memo' } } }))).toEqual([
      expect.objectContaining({ code: 'overlay_replaces_source', path: ['overlay', 'sources', 'ASCLERA-PI'] }),
    ]);
    expect(refused(overlay({ sources: { CLINIC: { label: 'x', url: 'javascript:alert(1)' } } }))[0]?.path).toEqual(['overlay', 'sources', 'CLINIC', 'url']);
  });

  it('refuses prototype keys anywhere, and a rule disabled twice', () => {
    const unsafe = JSON.parse('{"name":"c","version":"1","approvedBy":"x","limits":{"__proto__":{"value":1,"sources":["SEED-001"]}}}') as unknown;
    expect(refused(unsafe)).toEqual([expect.objectContaining({ code: 'unsafe_key', path: ['overlay', 'limits', '__proto__'] })]);
    expect(refused(overlay({ disable: ['counselling.sessions-expected', 'counselling.sessions-expected'] }))[0]?.code).toBe('duplicate_rule_id');
  });

  it('refuses a base that is not a validated rule set, and a copy of one', () => {
    expect(E.isLeft(applyOverlay(undefined as unknown as RuleSet, clinic))).toBe(true);
    expect(E.isLeft(applyOverlay({ ...defaultRuleSet }, clinic))).toBe(true);
  });
});
