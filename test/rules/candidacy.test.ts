import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/model/assessment.js';
import type { AssessmentRequest, Vein } from '../../src/model/request-schema.js';
import { assessValid, changed, cleanRequest, evidenceOf, expectFinding, expectSilent, findingOf, fires, plan, staysSilent } from '../helpers.js';

const vein = (request: AssessmentRequest, id: string): Vein =>
  request.veins.find((v) => v.id === id) ?? expect.fail(`no vein ${id}`);

const sorted = (ids: readonly string[] | undefined): string[] => [...(ids ?? [])].sort();

const CLEAN_DUPLEX = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] };

const withDuplex = (truncalReflux: ('left' | 'right')[], deepVenousDisease: ('left' | 'right')[] = [], base = cleanRequest()) =>
  changed((r) => {
    r.duplexUltrasound = { date: '2026-02-01', truncalReflux, deepVenousDisease };
  }, base);

const noPlan = (change: (r: AssessmentRequest) => void = () => undefined): AssessmentRequest =>
  changed((r) => {
    delete r.plannedSession;
    change(r);
  });

/** The clean request with one more vein, made a target of the planned session when asked. */
const withVein = (extra: Vein, target = false, base = cleanRequest()): AssessmentRequest =>
  changed((r) => {
    r.veins.push(extra);
    if (target) plan(r).targetVeinIds.push(extra.id);
  }, base);

const V1: Vein = { id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side: 'right' };

const holdOf = (assessment: Assessment, ruleId: string) => assessment.session.holds.find((h) => h.ruleId === ruleId);

const textOf = (assessment: Assessment, ruleId: string): string => {
  const finding = findingOf(assessment, ruleId) ?? expect.fail(`${ruleId} did not fire`);
  return [finding.summary, finding.detail, finding.resolution ?? ''].join(' ');
};

describe('candidacy.pediatric', () => {
  it('refers a 17-year-old and holds the session', async () => {
    const { assessment, finding } = await fires(changed((r) => { r.patient.ageYears = 17; }), 'candidacy.pediatric');
    expect(evidenceOf(finding, 'ageYears')).toMatchObject({ actual: 17, expected: 18 });
    expect(finding.detail).toContain('17 years');
    expect(finding.detail).toContain('vascular');
    expect(assessment.status).toBe('refer');
    expect(assessment.session.status).toBe('held');
    expect(holdOf(assessment, 'candidacy.pediatric')).toMatchObject({ reason: 'referral' });
    expect(holdOf(assessment, 'candidacy.pediatric')?.veinIds).toBeUndefined();
  });

  it('refers a patient of 17.99 years', async () => {
    const { finding } = await fires(changed((r) => { r.patient.ageYears = 17.99; }), 'candidacy.pediatric');
    expect(evidenceOf(finding, 'ageYears').actual).toBe(17.99);
  });

  it('stays silent for an 18-year-old', async () => {
    const assessment = await staysSilent(changed((r) => { r.patient.ageYears = 18; }), 'candidacy.pediatric');
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.status).toBe('approved');
  });
});

describe('candidacy.no-treatable-veins', () => {
  it('fires when no vein is documented', async () => {
    const { assessment, finding } = await fires(noPlan((r) => { r.veins = []; }), 'candidacy.no-treatable-veins');
    expect(evidenceOf(finding, 'veinsToTreatCount')).toMatchObject({ actual: 0, expected: 0 });
    expect(finding.unconfirmed).toBeUndefined();
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('not-planned');
  });

  it('fires when every documented vein is treated and nothing is planned', async () => {
    const request = noPlan((r) => { r.veins = r.veins.map((v) => ({ ...v, status: 'treated' as const })); });
    const { finding } = await fires(request, 'candidacy.no-treatable-veins');
    expect(evidenceOf(finding, 'veinsToTreatCount').actual).toBe(0);
  });

  it('stays silent while one untreated vein remains', async () => {
    await staysSilent(noPlan((r) => { vein(r, 't1').status = 'treated'; }), 'candidacy.no-treatable-veins');
  });

  it('counts a touch-up of a treated vein as a vein to be treated', async () => {
    const request = changed((r) => { r.veins = r.veins.map((v) => ({ ...v, status: 'treated' as const })); });
    const assessment = await staysSilent(request, 'candidacy.no-treatable-veins');
    expect(assessment.session.status).toBe('approved');
  });
});

describe('candidacy.telangiectasia and candidacy.reticular-veins', () => {
  it('name the veins to be treated by kind, side and region, never by id', async () => {
    const request = withVein({ id: 'vein-0042', kind: 'telangiectasia', region: 'leg' });
    const spider = (await fires(request, 'candidacy.telangiectasia')).finding;
    expect(spider.veinIds).toEqual(['t1', 'vein-0042']);
    expect(evidenceOf(spider, 'telangiectasiaToTreatCount').actual).toBe(2);
    expect(spider.detail).toContain('spider veins (telangiectasia), left leg; spider veins (telangiectasia), leg (side not recorded)');
    expect(spider.detail).not.toContain('vein-0042');
    const reticular = (await fires(request, 'candidacy.reticular-veins')).finding;
    expect(reticular.veinIds).toEqual(['r1']);
    expect(reticular.detail).toContain('reticular vein, left leg');
  });

  it('name a vein by its label when one is given', async () => {
    const request = changed((r) => { vein(r, 't1').label = 'left knee, medial'; });
    const { finding } = await fires(request, 'candidacy.telangiectasia');
    expect(finding.detail).toContain('left knee, medial');
    expect(finding.detail).not.toContain('spider veins (telangiectasia), left leg');
  });

  it('count a vein of exactly 1 mm as spider-vein sized and one of 1.01 mm as reticular sized', async () => {
    const at1 = await assessValid(changed((r) => { vein(r, 'r1').diameterMm = 1; }));
    expect(expectFinding(at1, 'candidacy.telangiectasia').veinIds).toEqual(['t1', 'r1']);
    expectSilent(at1, 'candidacy.reticular-veins');
    const over = await assessValid(changed((r) => { vein(r, 't1').diameterMm = 1.01; }));
    expect(expectFinding(over, 'candidacy.reticular-veins').veinIds).toEqual(['t1', 'r1']);
    expectSilent(over, 'candidacy.telangiectasia');
  });

  it('do not count a treated vein that is not a target', async () => {
    const request = changed((r) => { vein(r, 't1').status = 'treated'; plan(r).targetVeinIds = ['r1']; });
    const assessment = await staysSilent(request, 'candidacy.telangiectasia');
    expect(findingOf(assessment, 'candidacy.reticular-veins')?.veinIds).toEqual(['r1']);
    await staysSilent(noPlan((r) => { vein(r, 'r1').status = 'treated'; }), 'candidacy.reticular-veins');
  });

  it('count a touch-up target even when recorded as treated', async () => {
    const request = changed((r) => { vein(r, 't1').status = 'treated'; });
    const { finding } = await fires(request, 'candidacy.telangiectasia');
    expect(finding.veinIds).toEqual(['t1']);
  });

  it('give the planned agent\'s labelled strength', async () => {
    const polidocanol = (await fires(cleanRequest(), 'candidacy.telangiectasia')).finding.detail;
    expect(polidocanol).toContain('0.5 %');
    expect(polidocanol).toContain('Asclera');
    expect(polidocanol).not.toContain('Fibrovein');
    const sts = changed((r) => { plan(r).agent = 'sodium-tetradecyl-sulfate'; plan(r).concentrationPercent = 0.2; });
    const stsDetail = (await fires(sts, 'candidacy.telangiectasia')).finding.detail;
    expect(stsDetail).toContain('0.2 %');
    expect(stsDetail).not.toContain('Asclera');
    const reticular = (await fires(sts, 'candidacy.reticular-veins')).finding.detail;
    expect(reticular).toContain('0.5 %');
  });

  it('give polidocanol and STS strengths when nothing is planned', async () => {
    const detail = (await fires(noPlan(), 'candidacy.reticular-veins')).finding.detail;
    expect(detail).toContain('1 %');
    expect(detail).toContain('0.5 %');
    expect(detail).toContain('Asclera');
    expect(detail).toContain('Fibrovein');
  });
});

describe('candidacy.varicose-outside-label', () => {
  const RULE = 'candidacy.varicose-outside-label';
  const withDuplexOnRecord = (r: AssessmentRequest): void => { r.duplexUltrasound = { ...CLEAN_DUPLEX }; };

  it('fires for a polidocanol plan with a varicose target, naming the Asclera label', async () => {
    const request = changed(withDuplexOnRecord, withVein(V1, true));
    const { assessment, finding } = await fires(request, RULE);
    expect(finding.veinIds).toEqual(['v1']);
    expect(finding.detail).toContain('varicose vein, right leg');
    expect(finding.detail).toContain('Asclera');
    expect(finding.detail).not.toContain('Sotradecol');
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('fires under the US labels and stays silent under the EU labels for polidocanol (item a)', async () => {
    const request = changed(withDuplexOnRecord, withVein(V1, true));
    expectFinding(await assessValid(request, { jurisdiction: 'US' }), RULE);
    expectSilent(await assessValid(request, { jurisdiction: 'EU' }), RULE);
  });

  it('counts a target of 3 mm as varicose but not one of 2.99 mm', async () => {
    const at3 = changed((r) => { vein(r, 'r1').diameterMm = 3; plan(r).targetVeinIds = ['r1']; withDuplexOnRecord(r); });
    expect(expectFinding(await assessValid(at3), RULE).veinIds).toEqual(['r1']);
    const under = changed((r) => { vein(r, 'r1').diameterMm = 2.99; plan(r).targetVeinIds = ['r1']; withDuplexOnRecord(r); });
    await staysSilent(under, RULE);
  });

  it('with a plan, considers targets only', async () => {
    await staysSilent(changed(withDuplexOnRecord, withVein(V1, false)), RULE);
  });

  it('for STS, fires without a duplex on record or outside the legs, and stays silent for a clear leg (item b)', async () => {
    const sts = (r: AssessmentRequest): void => { plan(r).agent = 'sodium-tetradecyl-sulfate'; plan(r).concentrationPercent = 1; };
    const clear = changed((r) => { sts(r); withDuplexOnRecord(r); }, withVein(V1, true));
    await staysSilent(clear, RULE);
    const noDuplex = changed(sts, withVein(V1, true));
    const finding = expectFinding(await assessValid(noDuplex), RULE);
    expect(finding.veinIds).toEqual(['v1']);
    expect(finding.detail).toContain('Sotradecol');
    expect(finding.detail).not.toContain('Asclera');
    const onHand = changed((r) => { sts(r); withDuplexOnRecord(r); }, withVein({ ...V1, id: 'h1', region: 'hand' }, true));
    expect(expectFinding(await assessValid(onHand), RULE).veinIds).toEqual(['h1']);
    const refluxLeg = changed((r) => { sts(r); r.duplexUltrasound = { ...CLEAN_DUPLEX, deepVenousDisease: ['right'] }; }, withVein(V1, true));
    expect(expectFinding(await assessValid(refluxLeg), RULE).veinIds).toEqual(['v1']);
    expectSilent(await assessValid(noDuplex, { jurisdiction: 'EU' }), RULE);
  });

  it('fires for hypertonic saline in every jurisdiction (item c)', async () => {
    const request = changed((r) => {
      plan(r).agent = 'hypertonic-saline';
      plan(r).concentrationPercent = 11.7;
      withDuplexOnRecord(r);
    }, withVein(V1, true));
    for (const jurisdiction of ['US', 'EU'] as const) {
      const finding = expectFinding(await assessValid(request, { jurisdiction }), RULE);
      expect(finding.veinIds).toEqual(['v1']);
      expect(finding.detail).toContain('Hypertonic saline');
    }
  });

  it('without a plan, fires for a varicose vein to be treated unless the jurisdiction is EU', async () => {
    const request = noPlan((r) => { r.veins.push(V1); withDuplexOnRecord(r); });
    const finding = expectFinding(await assessValid(request), RULE);
    expect(finding.veinIds).toEqual(['v1']);
    expect(finding.detail).toContain('Asclera');
    expect(finding.detail).toContain('Sotradecol');
    expectSilent(await assessValid(request, { jurisdiction: 'EU' }), RULE);
    await staysSilent(noPlan((r) => { r.veins.push({ ...V1, status: 'treated' }); }), RULE);
  });
});

describe('candidacy.duplex-before-varicose', () => {
  const RULE = 'candidacy.duplex-before-varicose';

  it('asks for a duplex for a varicose leg vein to be treated, and holds the session', async () => {
    const { assessment, finding } = await fires(withVein(V1), RULE);
    expect(evidenceOf(finding, 'duplexRecorded')).toMatchObject({ actual: false });
    expect(evidenceOf(finding, 'legVaricoseToTreatCount').actual).toBe(1);
    expect(finding.unconfirmed).toEqual(['duplexUltrasound']);
    expect(finding.detail).not.toMatch(/duplexUltrasound|ceapClass|priorThromboembolism/);
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('held');
    expect(holdOf(assessment, RULE)).toMatchObject({ reason: 'unconfirmed', paths: ['duplexUltrasound'] });
  });

  it('counts a "reticular" vein of 3 mm as varicose but not one of 2.99 mm', async () => {
    await fires(changed((r) => { vein(r, 'r1').diameterMm = 3; }), RULE);
    await staysSilent(changed((r) => { vein(r, 'r1').diameterMm = 2.99; }), RULE);
  });

  it('does not ask for a duplex for a varicose vein outside the legs', async () => {
    await staysSilent(withVein({ ...V1, id: 'h1', region: 'hand' }), RULE);
  });

  it('stays silent once a duplex is on record', async () => {
    const assessment = await staysSilent(changed((r) => { r.duplexUltrasound = { ...CLEAN_DUPLEX }; }, withVein(V1)), RULE);
    expect(assessment.unconfirmed).not.toContain('duplexUltrasound');
  });

  it('asks for a duplex for a symptomatic leg vein, not for a symptomatic vein elsewhere', async () => {
    const { finding } = await fires(changed((r) => { vein(r, 'r1').symptomatic = true; }), RULE);
    expect(evidenceOf(finding, 'legSymptomaticToTreatCount').actual).toBe(1);
    await staysSilent(withVein({ id: 'c1', kind: 'reticular', region: 'chest', symptomatic: true }), RULE);
  });

  it('asks for a duplex after an earlier deep-vein thrombosis', async () => {
    const { finding } = await fires(changed((r) => { r.history.priorThromboembolism = true; }), RULE);
    expect(evidenceOf(finding, 'priorThromboembolism')).toMatchObject({ actual: true });
    expect(finding.detail).toContain('earlier deep-vein thrombosis or pulmonary embolism: yes');
  });

  it.each(['C2', 'C3'] as const)('asks for a duplex for CEAP class %s', async (ceapClass) => {
    const { finding } = await fires(changed((r) => { r.history.ceapClass = ceapClass; }), RULE);
    expect(evidenceOf(finding, 'ceapClass').actual).toBe(ceapClass);
  });

  it.each(['C0', 'C1', 'C4a'] as const)('does not ask for a duplex for CEAP class %s alone', async (ceapClass) => {
    await staysSilent(changed((r) => { r.history.ceapClass = ceapClass; }), RULE);
  });

  it('does not count treated veins that are not targets, but counts a varicose touch-up target', async () => {
    await staysSilent(withVein({ ...V1, status: 'treated', symptomatic: true }), RULE);
    await fires(withVein({ ...V1, status: 'treated' }, true), RULE);
  });
});

describe('candidacy.duplex-outdated', () => {
  const RULE = 'candidacy.duplex-outdated';
  // The planned date is 2026-03-02: 2025-03-02 is 365 days before it, 2025-03-01 is 366.
  const scanned = (date: string, base = withVein(V1)) =>
    changed((r) => { r.duplexUltrasound = { ...CLEAN_DUPLEX, date }; }, base);

  it('cautions about a duplex 366 days old with a varicose leg vein to be treated', async () => {
    const { assessment, finding } = await fires(scanned('2025-03-01'), RULE);
    expect(evidenceOf(finding, 'duplexAgeDays')).toMatchObject({ actual: 366, expected: 365 });
    expect(finding.detail).toContain('366 days');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
    expectSilent(assessment, 'candidacy.duplex-before-varicose');
  });

  it('stays silent for a duplex exactly 365 days old', async () => {
    await staysSilent(scanned('2025-03-02'), RULE);
  });

  it('stays silent for an old duplex when nothing calls for one', async () => {
    await staysSilent(scanned('2024-01-01', cleanRequest()), RULE);
  });

  it('cautions for an old duplex after an earlier deep-vein thrombosis', async () => {
    const request = scanned('2025-03-01', changed((r) => { r.history.priorThromboembolism = true; }));
    await fires(request, RULE);
  });

  it('measures the age to "today" when nothing is planned', async () => {
    const request = scanned('2025-03-01', noPlan((r) => { r.veins.push(V1); }));
    expectFinding(await assessValid(request, { asOf: '2026-03-02' }), RULE);
    expectSilent(await assessValid(request, { asOf: '2026-03-01' }), RULE);
  });
});

describe('candidacy.truncal-reflux-refer', () => {
  const RULE = 'candidacy.truncal-reflux-refer';

  it('refers for reflux on the leg of the veins to be treated, naming every such vein', async () => {
    const { assessment, finding } = await fires(withDuplex(['left']), RULE);
    expect(finding.scope).toBe('targets');
    expect(finding.veinIds).toEqual(['t1', 'r1']);
    expect(evidenceOf(finding, 'refluxLegVeinCount').actual).toBe(2);
    expect(finding.detail).toContain('spider veins (telangiectasia), left leg; reticular vein, left leg');
    expect(assessment.status).toBe('refer');
    // The only target is also deferred behind the reflux, so nothing is left to inject.
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
    expect(assessment.session.heldVeinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('blocked');
  });

  it('holds the session and lists exactly the affected targets, in target order', async () => {
    const request = changed((r) => {
      r.veins.push({ ...V1, side: 'left' });
      plan(r).targetVeinIds = ['v1', 'r1'];
    }, withDuplex(['left']));
    const assessment = await assessValid(request);
    const finding = expectFinding(assessment, RULE);
    expect(finding.veinIds).toEqual(['t1', 'r1', 'v1']);
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.heldVeinIds).toEqual(['v1', 'r1']);
    expect(holdOf(assessment, RULE)).toMatchObject({ reason: 'referral', veinIds: ['v1', 'r1'] });
    expect(holdOf(assessment, RULE)?.resolution).toContain('ablation');
  });

  it('stays silent for reflux on the other leg only', async () => {
    const assessment = await staysSilent(withDuplex(['right']), RULE);
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.heldVeinIds).toEqual([]);
  });

  it('refers for a leg vein whose side is omitted', async () => {
    const request = withVein({ id: 'x1', kind: 'reticular', region: 'leg' }, false, withDuplex(['right']));
    const { assessment, finding } = await fires(request, RULE);
    expect(finding.veinIds).toEqual(['x1']);
    expect(assessment.status).toBe('refer');
    // x1 is not a target: the referral holds the session, but no target is held.
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.heldVeinIds).toEqual([]);
    expect(holdOf(assessment, RULE)?.veinIds).toBeUndefined();
  });

  it('does not count treated non-target veins or veins outside the legs', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'r2', kind: 'reticular', region: 'leg', side: 'right', status: 'treated' });
      r.veins.push({ id: 'h1', kind: 'reticular', region: 'hand' });
    }, withDuplex(['right']));
    await staysSilent(request, RULE);
  });

  it('counts a touch-up target on the refluxing leg', async () => {
    const request = withVein({ id: 'r2', kind: 'reticular', region: 'leg', side: 'right', status: 'treated' }, true, withDuplex(['right']));
    const { assessment, finding } = await fires(request, RULE);
    expect(finding.veinIds).toEqual(['r2']);
    expect(assessment.session.heldVeinIds).toEqual(['r2']);
  });

  it('is not raised by deep venous disease', async () => {
    await staysSilent(withDuplex([], ['left']), RULE);
  });
});

describe('candidacy.deep-venous-disease', () => {
  const RULE = 'candidacy.deep-venous-disease';

  it('refers for deep venous disease on the leg of the veins to be treated and holds the targets', async () => {
    const { assessment, finding } = await fires(withDuplex([], ['left']), RULE);
    expect(finding.scope).toBe('targets');
    expect(finding.veinIds).toEqual(['t1', 'r1']);
    expect(evidenceOf(finding, 'deepDiseaseLegVeinCount').actual).toBe(2);
    expect(finding.detail).not.toContain('t1');
    expect(assessment.status).toBe('refer');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.heldVeinIds).toEqual(['t1']);
    expect(holdOf(assessment, RULE)).toMatchObject({ reason: 'referral', veinIds: ['t1'] });
  });

  it('stays silent for deep venous disease on the other leg only', async () => {
    await staysSilent(withDuplex([], ['right']), RULE);
  });

  it('refers for a leg vein whose side is omitted', async () => {
    const request = withVein({ id: 'x1', kind: 'telangiectasia', region: 'leg' }, false, withDuplex([], ['right']));
    expect((await fires(request, RULE)).finding.veinIds).toEqual(['x1']);
  });

  it('does not count treated non-target veins or veins outside the legs', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'r2', kind: 'reticular', region: 'leg', side: 'right', status: 'treated' });
      r.veins.push({ id: 'c1', kind: 'reticular', region: 'chest' });
    }, withDuplex([], ['right']));
    await staysSilent(request, RULE);
  });

  it('is not raised by truncal reflux', async () => {
    await staysSilent(withDuplex(['left']), RULE);
  });
});

describe('candidacy.advanced-venous-disease', () => {
  it.each(['C4a', 'C4b', 'C4c', 'C5', 'C6'] as const)('refers for CEAP class %s and holds the session', async (ceapClass) => {
    const { assessment, finding } = await fires(changed((r) => { r.history.ceapClass = ceapClass; }), 'candidacy.advanced-venous-disease');
    expect(evidenceOf(finding, 'ceapClass')).toMatchObject({ actual: ceapClass });
    expect(finding.detail).toContain(ceapClass);
    expect(assessment.status).toBe('refer');
    expect(assessment.session.status).toBe('held');
  });

  it.each(['C0', 'C1', 'C2', 'C3'] as const)('stays silent for CEAP class %s', async (ceapClass) => {
    await staysSilent(changed((r) => { r.history.ceapClass = ceapClass; }), 'candidacy.advanced-venous-disease');
  });

  it('stays silent when the CEAP class is undocumented', async () => {
    await staysSilent(changed((r) => { delete r.history.ceapClass; }), 'candidacy.advanced-venous-disease');
  });
});

describe('candidacy.off-label-site', () => {
  const RULE = 'candidacy.off-label-site';
  const H1: Vein = { id: 'h1', kind: 'reticular', region: 'hand', side: 'right' };

  it('with a plan, fires for a target on the hand and names the planned agent\'s label', async () => {
    const { assessment, finding } = await fires(withVein(H1, true), RULE);
    expect(finding.veinIds).toEqual(['h1']);
    expect(evidenceOf(finding, 'nonLegSiteCount').actual).toBe(1);
    expect(finding.detail).toContain('reticular vein, right hand');
    expect(finding.detail).toContain('Asclera');
    expect(finding.detail).not.toContain('periocular');
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('with a plan, stays silent for a hand vein that is not a target', async () => {
    await staysSilent(withVein(H1, false), RULE);
  });

  it('without a plan, fires for a vein to be treated outside the legs, and not once it is treated', async () => {
    const request = noPlan((r) => { r.veins.push({ id: 'c1', kind: 'telangiectasia', region: 'chest' }); });
    const finding = expectFinding(await assessValid(request), RULE);
    expect(finding.veinIds).toEqual(['c1']);
    expect(finding.detail).toContain('Sotradecol');
    await staysSilent(noPlan((r) => { r.veins.push({ ...H1, status: 'treated' }); }), RULE);
  });

  it('adds the facial-vein advice for a face target', async () => {
    const request = withVein({ id: 'f1', kind: 'telangiectasia', diameterMm: 0.4, region: 'face' }, true);
    const { finding } = await fires(request, RULE);
    expect(sorted(finding.veinIds)).toEqual(['f1']);
    expect(finding.detail).toContain('spider veins (telangiectasia), face');
    expect(finding.detail).toContain('Blindness and stroke');
    expect(finding.detail).toContain('periocular');
  });

  it('stays silent when every target is on a leg', async () => {
    await staysSilent(cleanRequest(), RULE);
  });
});

describe('candidacy.vein-kind-diameter-mismatch', () => {
  const RULE = 'candidacy.vein-kind-diameter-mismatch';

  it('cautions about a "reticular" vein measured at 3 mm, not at 2.99 mm', async () => {
    const { assessment, finding } = await fires(changed((r) => { vein(r, 'r1').diameterMm = 3; }), RULE);
    expect(finding.veinIds).toEqual(['r1']);
    expect(finding.detail).toContain('reticular vein, left leg');
    expect(assessment.status).not.toBe('candidate');
    await staysSilent(changed((r) => { vein(r, 'r1').diameterMm = 2.99; }), RULE);
  });

  it('cautions about a spider vein measured at 1 mm, not at 0.99 mm', async () => {
    expect((await fires(changed((r) => { vein(r, 't1').diameterMm = 1; }), RULE)).finding.veinIds).toEqual(['t1']);
    await staysSilent(changed((r) => { vein(r, 't1').diameterMm = 0.99; }), RULE);
  });

  it('cautions about a "varicose" vein measured under 3 mm', async () => {
    const request = changed((r) => { r.duplexUltrasound = { ...CLEAN_DUPLEX }; }, withVein({ ...V1, diameterMm: 2.5 }));
    const { assessment, finding } = await fires(request, RULE);
    expect(finding.veinIds).toEqual(['v1']);
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent without a measured diameter, and for a treated vein that is not a target', async () => {
    await staysSilent(withVein({ id: 'r2', kind: 'reticular', region: 'leg', side: 'left' }), RULE);
    await staysSilent(withVein({ id: 'r2', kind: 'reticular', diameterMm: 4, region: 'leg', side: 'right', status: 'treated' }), RULE);
  });
});

describe('candidacy text', () => {
  it('never shows vein ids or field names', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'zz-left-7', kind: 'varicose', diameterMm: 5, region: 'leg', side: 'left' });
      r.veins.push({ id: 'zz-face-9', kind: 'reticular', diameterMm: 1.5, region: 'face' });
      plan(r).targetVeinIds = ['t1', 'r1', 'zz-left-7', 'zz-face-9'];
      r.history.ceapClass = 'C3';
    });
    const assessment = await assessValid(request);
    for (const finding of assessment.findings.filter((f) => f.category === 'candidacy' || f.category === 'ordering')) {
      const text = textOf(assessment, finding.ruleId);
      expect(text).not.toMatch(/zz-|\bt1\b|\br1\b|ceapClass|duplexUltrasound|diameterMm|undocumented/);
    }
  });
});
