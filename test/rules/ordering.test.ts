import { describe, expect, it } from 'vitest';
import type { AssessmentRequest, Vein } from '../../src/model/request-schema.js';
import { assessValid, changed, expectFinding, expectSilent } from '../helpers.js';

const SPIDER = 'ordering.varicose-before-spider';
const FEEDER = 'ordering.feeders-before-telangiectasia';

const varicose = (id: string, extra: Partial<Vein> = {}): Vein => ({ id, kind: 'varicose', diameterMm: 4, region: 'leg', ...extra });

/**
 * The clean request (t1 telangiectasia and r1 reticular, both left) with more veins, these targets,
 * a duplex on record (no reflux unless given) and further changes.
 */
const plan = (
  veins: Vein[],
  targetVeinIds: string[],
  more: (request: AssessmentRequest) => void = () => undefined,
): AssessmentRequest =>
  changed((request) => {
    if (request.plannedSession === undefined) throw new Error('the clean request plans a session');
    request.veins.push(...veins);
    request.plannedSession.targetVeinIds = targetVeinIds;
    request.duplexUltrasound = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] };
    more(request);
  });

const withoutSide = (vein: Vein): Vein => {
  const copy = { ...vein };
  delete copy.side;
  return copy;
};

const reflux = (legs: ('left' | 'right')[]) => (request: AssessmentRequest): void => {
  request.duplexUltrasound = { date: '2026-02-01', truncalReflux: legs, deepVenousDisease: [] };
};

const editVein = (request: AssessmentRequest, id: string, change: (vein: Vein) => Vein): void => {
  request.veins = request.veins.map((v) => (v.id === id ? change(v) : v));
};

describe('ordering.varicose-before-spider', () => {
  it('defers a target telangiectasia on the same leg as an untreated varicose vein', async () => {
    const assessment = await assessValid(plan([varicose('v1', { side: 'left' })], ['t1']));
    const finding = expectFinding(assessment, SPIDER);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'deferrableTargetCount', expected: 0, actual: 1 }));
    expect(finding.veinIds).toEqual(['t1']);
    expect(finding.detail).toContain('spider veins (telangiectasia), left leg');
    expect(finding.detail).not.toMatch(/\bt1\b/);
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
  });

  it('counts a leg vein of 3 mm recorded as reticular as varicose, but not one of 2.99 mm', async () => {
    const wide: Vein = { id: 'w1', kind: 'reticular', diameterMm: 3, region: 'leg', side: 'left' };
    const at3 = await assessValid(plan([wide], ['t1']));
    expect(expectFinding(at3, SPIDER).veinIds).toEqual(['t1']);
    expect(at3.session.status).toBe('blocked');
    const under = await assessValid(plan([{ ...wide, diameterMm: 2.99 }], ['t1']));
    expectSilent(under, SPIDER);
    expect(under.session.deferredVeinIds).toEqual([]);
  });

  it('defers a target recorded as spider veins but measured at 2 mm (reticular by safety kind)', async () => {
    const request = plan([varicose('v1', { side: 'left' })], ['t1'], (r) => editVein(r, 't1', (v) => ({ ...v, diameterMm: 2 })));
    expect(expectFinding(await assessValid(request), SPIDER).veinIds).toEqual(['t1']);
  });

  it('never defers a target whose measured size makes it varicose', async () => {
    const request = plan([varicose('v1', { side: 'left' })], ['t1', 'v1'], (r) => editVein(r, 't1', (v) => ({ ...v, diameterMm: 3 })));
    const assessment = await assessValid(request);
    expectSilent(assessment, SPIDER);
    expect(assessment.session.deferredVeinIds).toEqual([]);
  });

  it('considers leg veins only: a varicose vein on the hand defers nothing, and a hand target is never deferred', async () => {
    const hand = await assessValid(plan([varicose('h1', { region: 'hand', side: 'left' })], ['t1']));
    expectSilent(hand, SPIDER);
    const handTarget: Vein = { id: 'h2', kind: 'telangiectasia', diameterMm: 0.5, region: 'hand', side: 'left' };
    const assessment = await assessValid(plan([varicose('v1', { side: 'left' }), handTarget], ['h2'], reflux(['left'])));
    expectSilent(assessment, SPIDER);
    expect(assessment.session.deferredVeinIds).toEqual([]);
  });

  it('blocks the session when every target is deferred', async () => {
    const assessment = await assessValid(plan([varicose('v1', { side: 'left' })], ['t1', 'r1']));
    expect(expectFinding(assessment, SPIDER).veinIds).toEqual(['t1', 'r1']);
    expect(assessment.session.deferredVeinIds).toEqual(['t1', 'r1']);
    expect(assessment.session.status).toBe('blocked');
  });

  it('approves the session with deferrals when only some targets are deferred', async () => {
    const t2: Vein = { id: 't2', kind: 'telangiectasia', diameterMm: 0.5, region: 'leg', side: 'right' };
    const assessment = await assessValid(plan([varicose('v1', { side: 'left' }), t2], ['t1', 't2']));
    expect(expectFinding(assessment, SPIDER).veinIds).toEqual(['t1']);
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('approved-with-deferrals');
  });

  it('does not defer a target when the varicose vein is on the other leg', async () => {
    const assessment = await assessValid(plan([varicose('v1', { side: 'right' })], ['t1', 'r1']));
    expectSilent(assessment, SPIDER);
    expect(assessment.session.deferredVeinIds).toEqual([]);
    expect(assessment.session.status).toBe('approved');
  });

  it('defers a target when the varicose vein has no side', async () => {
    const assessment = await assessValid(plan([varicose('v1')], ['t1']));
    expect(expectFinding(assessment, SPIDER).veinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('blocked');
  });

  it('defers a target that has no side', async () => {
    const request = plan([varicose('v1', { side: 'right' })], ['t1'], (r) => editVein(r, 't1', withoutSide));
    const assessment = await assessValid(request);
    expect(expectFinding(assessment, SPIDER).veinIds).toEqual(['t1']);
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
  });

  it('does not count a treated varicose vein', async () => {
    const assessment = await assessValid(plan([varicose('v1', { side: 'left', status: 'treated' })], ['t1']));
    expectSilent(assessment, SPIDER);
    expect(assessment.session.status).toBe('approved');
  });

  it('counts a varicose vein that is a target of the same session, even if recorded as treated', async () => {
    for (const status of ['untreated', 'treated'] as const) {
      const assessment = await assessValid(plan([varicose('v1', { side: 'left', status })], ['v1', 't1']));
      expect(expectFinding(assessment, SPIDER).veinIds).toEqual(['t1']);
      expect(assessment.session.deferredVeinIds).toEqual(['t1']);
      expect(assessment.session.status).toBe('approved-with-deferrals');
    }
  });

  it('defers a target on a leg with truncal reflux', async () => {
    const assessment = await assessValid(plan([], ['t1'], reflux(['left'])));
    const finding = expectFinding(assessment, SPIDER);
    expect(finding.veinIds).toEqual(['t1']);
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('blocked');
  });

  it('does not defer a target when truncal reflux is on the other leg', async () => {
    const assessment = await assessValid(plan([], ['t1'], reflux(['right'])));
    expectSilent(assessment, SPIDER);
    expect(assessment.session.deferredVeinIds).toEqual([]);
  });

  it('stays silent with no varicose vein and no reflux', async () => {
    const assessment = await assessValid(plan([], ['t1', 'r1']));
    expectSilent(assessment, SPIDER);
    expect(assessment.session.deferredVeinIds).toEqual([]);
  });

  it('never defers the varicose target itself', async () => {
    const assessment = await assessValid(plan([varicose('v1', { side: 'left' })], ['v1']));
    expectSilent(assessment, SPIDER);
    expect(assessment.session.deferredVeinIds).toEqual([]);
  });
});

describe('ordering.feeders-before-telangiectasia', () => {
  it('informs when reticular and telangiectasia targets share a leg', async () => {
    const assessment = await assessValid(plan([], ['t1', 'r1']));
    const finding = expectFinding(assessment, FEEDER);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'feederPairTargetCount', expected: 0, actual: 2 }));
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.deferredVeinIds).toEqual([]);
  });

  it('informs when one of the pair has no side', async () => {
    const sideless = plan([], ['t1', 'r1'], (r) => editVein(r, 'r1', withoutSide));
    expectFinding(await assessValid(sideless), FEEDER);
  });

  it('stays silent when they are on different legs', async () => {
    const request = plan([], ['t1', 'r1'], (r) => editVein(r, 'r1', (v) => ({ ...v, side: 'right' })));
    expectSilent(await assessValid(request), FEEDER);
  });

  it('stays silent when only one kind is targeted', async () => {
    expectSilent(await assessValid(plan([], ['t1'])), FEEDER);
    expectSilent(await assessValid(plan([], ['r1'])), FEEDER);
  });

  it('names the paired targets in veinIds and the detail', async () => {
    const finding = expectFinding(await assessValid(plan([], ['t1', 'r1'])), FEEDER);
    expect(finding.veinIds).toEqual(['t1', 'r1']);
    expect(finding.detail).toContain('spider veins (telangiectasia), left leg; reticular vein, left leg');
  });

  it('pairs by safety kind: a "spider vein" measured at 2 mm is a reticular feeder, not a spider vein', async () => {
    const wide = plan([], ['t1', 'r1'], (r) => editVein(r, 't1', (v) => ({ ...v, diameterMm: 2 })));
    expectSilent(await assessValid(wide), FEEDER);
    const t2: Vein = { id: 't2', kind: 'telangiectasia', diameterMm: 0.5, region: 'leg', side: 'left' };
    const paired = plan([t2], ['t1', 't2'], (r) => editVein(r, 't1', (v) => ({ ...v, diameterMm: 2 })));
    expect(expectFinding(await assessValid(paired), FEEDER).veinIds).toEqual(['t1', 't2']);
  });

  it('considers leg veins only', async () => {
    const request = plan([], ['t1', 'r1'], (r) => editVein(r, 'r1', (v) => ({ ...v, region: 'hand' })));
    expectSilent(await assessValid(request), FEEDER);
  });
});
