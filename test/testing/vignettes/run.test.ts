/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverlay } from '../../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../../src/rules/default-rule-set.js';
import type { RuleSet } from '../../../src/rules/rule-set.js';
import { runVignette, runVignettes, type RunVignettesOptions, type VignetteReport, type VignetteResult } from '../../../src/testing/vignettes/run.js';
import type { LoadedVignette } from '../../../src/testing/vignettes/load.js';
import type { VignetteExpectation } from '../../../src/testing/vignettes/schema.js';
import { cleanRequest } from '../../helpers.js';
import { tempTree } from './temp-tree.js';

const tree = tempTree();
afterAll(() => tree.remove());

const report = async (paths: readonly string[], options?: RunVignettesOptions): Promise<VignetteReport> => {
  const result = await runVignettes(paths, options);
  if (E.isLeft(result)) return expect.fail(result.left.map((i) => i.message).join('\n'));
  return result.right;
};

const vignette = (expectation: VignetteExpectation, request: unknown = cleanRequest()): LoadedVignette => ({
  file: 'inline.yaml',
  index: 0,
  name: 'inline',
  request,
  expect: expectation,
});

const clinicRuleSet = (): RuleSet => {
  const result = applyOverlay(defaultRuleSet, JSON.parse(readFileSync('examples/overlays/clinic-8ml.json', 'utf8')));
  if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
  return result.right;
};

const failuresOf = (result: VignetteResult) => result.failures.map((f) => [f.expectation, f.expected, f.actual]);

describe('runVignettes', () => {
  it('passes every foreign vignette: 14 passed, 0 failed', async () => {
    const run = await report(['test/fixtures/vignettes-foreign']);
    expect([run.passed, run.failed, run.results.length]).toEqual([14, 0, 14]);
    expect(run.results.filter((r) => r.fired.length === 0).map((r) => r.file)).toEqual(Array(4).fill('test/fixtures/vignettes-foreign/rejected-requests.yaml'));
    expect(run.coverage).toBeUndefined();
  });

  it('fails exactly the deliberately wrong vignettes: 1 passed, 5 failed', async () => {
    const run = await report(['test/fixtures/vignettes-failing']);
    expect([run.passed, run.failed]).toEqual([1, 5]);
    expect(run.results.map((r) => [r.name, r.passed, r.failures.map((f) => f.expectation)])).toEqual([
      ['The typical patient is a candidate (this one passes)', true, []],
      ['A breastfeeding patient is wrongly expected to be excluded', false, ['status', 'session', 'includes', 'excludes', 'deferred', 'held', 'holds', 'unconfirmed']],
      ['A valid request is wrongly expected to be rejected', false, ['invalid']],
      ['A rejection is expected at the wrong field', false, ['invalid']],
      ['A request with a typo is expected to be assessed', false, ['request']],
      ['A misspelt rule id cannot pass silently', false, ['excludes']],
    ]);
  });

  it('records expected and actual values of each failed expectation', async () => {
    const run = await report(['test/fixtures/vignettes-failing']);
    expect(failuresOf(run.results[1] as VignetteResult)).toEqual([
      ['status', 'not-candidate', 'candidate-with-precautions'],
      ['session', 'blocked', 'approved'],
      ['includes', ['contraindication.acute-thromboembolism', 'precaution.breastfeeding'], ['precaution.breastfeeding']],
      ['excludes', 'none of aftercare.compression', ['aftercare.compression']],
      ['deferred', ['calf-spider'], []],
      ['held', ['calf-spider'], []],
      ['holds', ['screening.prior-sessions-unknown'], []],
      ['unconfirmed', ['history.mobility'], []],
    ]);
  });

  it('runs the vignettes against another rule set: the clinic\'s 8 mL cap fails the 9 mL vignette', async () => {
    const run = await report(['test/fixtures/vignettes-foreign'], { ruleSet: clinicRuleSet() });
    expect([run.passed, run.failed]).toEqual([13, 1]);
    expect(run.results.filter((r) => !r.passed).map((r) => r.name)).toEqual(['A 9 mL session from five 2 mL ampules is approved']);
    expect(run.ruleSet).toBe('sclerotherapy-cds default rules 2.0.0 with overlay "Riverside Vein Clinic policy" 2026.1');
  });

  it('reports which rules each vignette fired and which rules none fired', async () => {
    const run = await report(['test/fixtures/vignettes-foreign/spider-veins.json', 'test/fixtures/vignettes-foreign/rejected-requests.yaml'], { coverage: true });
    const coverage = run.coverage ?? expect.fail('no coverage');
    expect(coverage.rules).toEqual(defaultRuleSet.rules.map((r) => r.id).sort());
    expect(coverage.vignettes.map((v) => v.fired.length)).toEqual([7, 0, 0, 0, 0]);
    expect(coverage.vignettes[0]?.fired).toEqual([
      'aftercare.activity',
      'aftercare.compression',
      'aftercare.walk-and-observe',
      'candidacy.telangiectasia',
      'counselling.expected-effects',
      'counselling.results-timeline',
      'counselling.sessions-expected',
    ]);
    expect(coverage.unexercised).toEqual(coverage.rules.filter((id) => !coverage.vignettes[0]?.fired.includes(id)));
  });

  it('returns the loading issues and runs nothing when a file is bad', async () => {
    const folder = tree.write({ 'bad.yaml': 'name: x\nexpect: { status: refer }' });
    const result = await runVignettes(['test/fixtures/vignettes-foreign', folder]);
    expect(E.isLeft(result) ? result.left.map((i) => [i.code, i.path]) : []).toEqual([['request_or_base', ['request']]]);
  });
});

describe('runVignette', () => {
  it('passes when the status, session, includes, excludes, deferred and unconfirmed all hold', async () => {
    const result = await runVignette(
      vignette({ status: 'candidate', session: 'approved', includes: ['candidacy.telangiectasia'], excludes: ['dose.session-volume-cap'], deferred: [] }),
    );
    expect([result.passed, result.failures]).toEqual([true, []]);
    expect(result.fired).toContain('candidacy.telangiectasia');
    expect(result.findings[0]).toEqual({ ruleId: result.fired[0], severity: expect.any(String), summary: expect.any(String) });
  });

  it('fails when more veins are deferred than expected', async () => {
    const request = cleanRequest();
    request.veins.push({ id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side: 'left' });
    request.duplexUltrasound = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] };
    const result = await runVignette(vignette({ deferred: [] }, request));
    expect(failuresOf(result)).toEqual([['deferred', [], ['t1']]]);
  });

  it('passes when the held veins and the holds are exactly as expected', async () => {
    const request = cleanRequest();
    delete request.priorSessions;
    const result = await runVignette(vignette({ session: 'held', held: [], holds: [{ rule: 'screening.prior-sessions-unknown', reason: 'unconfirmed' }] }, request));
    expect([result.passed, result.failures]).toEqual([true, []]);
  });

  it('fails when a hold is missing, when one is not expected, and when its reason differs', async () => {
    const request = cleanRequest();
    delete request.priorSessions;
    const missing = await runVignette(vignette({ holds: [] }, request));
    expect(failuresOf(missing)).toEqual([['holds', [], ['screening.prior-sessions-unknown (unconfirmed)']]]);
    expect(missing.failures[0]?.message).toBe('the holds differ: not expected "screening.prior-sessions-unknown (unconfirmed)"');
    const wrongReason = await runVignette(vignette({ holds: [{ rule: 'screening.prior-sessions-unknown', reason: 'referral' }] }, request));
    expect(wrongReason.failures[0]?.message).toBe(
      'the holds differ: missing "screening.prior-sessions-unknown (referral)"; not expected "screening.prior-sessions-unknown (unconfirmed)"',
    );
    const unexpected = await runVignette(vignette({ holds: ['dose.weight-not-recorded'] }));
    expect(failuresOf(unexpected)).toEqual([['holds', ['dose.weight-not-recorded'], []]]);
  });

  it('fails when the held veins differ', async () => {
    const result = await runVignette(vignette({ held: ['t1'] }));
    expect(failuresOf(result)).toEqual([['held', ['t1'], []]]);
  });

  it('assesses under the jurisdiction the vignette names', async () => {
    const run = { ...vignette({ session: 'approved' }), jurisdiction: 'EU' as const };
    const result = await runVignette(run);
    expect([result.passed, result.assessment?.jurisdiction]).toEqual([true, 'EU']);
    expect((await runVignette(vignette({ session: 'approved' }))).assessment?.jurisdiction).toBe('strictest');
  });

  it('passes an invalid request when an issue is at each expected path, whatever else is wrong', async () => {
    const request = { ...cleanRequest(), patient: { ageYears: 200 }, veins: [] };
    const result = await runVignette(vignette({ invalid: ['patient.ageYears', 'plannedSession.targetVeinIds.0'] }, request));
    expect([result.passed, result.fired, result.issues?.length]).toEqual([true, [], 2]);
  });

  it('fails an invalid request when an expected path has no issue', async () => {
    const result = await runVignette(vignette({ invalid: ['patient.ageYears', 'veins.0.id'] }, { ...cleanRequest(), patient: { ageYears: 200 } }));
    expect(failuresOf(result)).toEqual([
      ['invalid', ['an issue at patient.ageYears', 'an issue at veins.0.id'], ['patient.ageYears: Too big: expected number to be <=130 [too_big]']],
    ]);
  });

  it('fails a vignette whose includes and excludes name rules the rule set does not have', async () => {
    const result = await runVignette(vignette({ includes: ['dose.nope', 'candidacy.telangiectasia'], excludes: ['dose.also-nope'] }));
    expect(result.failures.map((f) => `${f.expectation}: ${f.message}`)).toEqual([
      'includes: not in the rule set "sclerotherapy-cds default rules 2.0.0": "dose.nope"',
      'excludes: not in the rule set "sclerotherapy-cds default rules 2.0.0": "dose.also-nope"',
    ]);
  });

  it('assesses as of the vignette\'s date', async () => {
    const result = await runVignette({ ...vignette({ status: 'candidate' }), asOf: '2027-01-31' });
    expect(result.assessment?.asOf).toBe('2027-01-31');
  });
});

describe('runVignettes on bad arguments', () => {
  it('resolves to issues, never a rejection', async () => {
    expect((await runVignettes(null as never))._tag).toBe('Left');
    expect((await runVignettes(['x.yaml'], null as never))._tag).toBe('Left');
    const throwing = await runVignettes(['test/fixtures/vignettes-foreign/spider-veins.json'], { readFile: () => { throw new Error('disk on fire'); } });
    expect(E.isLeft(throwing) && throwing.left[0]?.message).toContain('disk on fire');
    const notText = await runVignettes(['test/fixtures/vignettes-foreign/spider-veins.json'], { readFile: () => Promise.resolve(42 as unknown as string) });
    expect(notText._tag).toBe('Left');
  });
});
