import { describe, expect, it } from 'vitest';
import type { AssessmentRequest, Vein } from '../../src/model/request-schema.js';
import { changed, cleanRequest, evidenceOf, findingOf, fires, plan, staysSilent } from '../helpers.js';

const vein = (request: AssessmentRequest, id: string): Vein =>
  request.veins.find((v) => v.id === id) ?? expect.fail(`no vein ${id}`);

const sorted = (ids: readonly string[] | undefined): string[] => [...(ids ?? [])].sort();

const withDuplex = (truncalReflux: ('left' | 'right')[], deepVenousDisease: ('left' | 'right')[] = []) =>
  changed((r) => {
    r.duplexUltrasound = { date: '2026-02-01', truncalReflux, deepVenousDisease };
  });

describe('candidacy.pediatric', () => {
  it('fires for a 17-year-old', async () => {
    const { assessment, finding } = await fires(changed((r) => { r.patient.ageYears = 17; }), 'candidacy.pediatric');
    expect(evidenceOf(finding, 'ageYears')).toMatchObject({ actual: 17, expected: 18, requestPath: 'patient.ageYears' });
    expect(finding.detail).toContain('17 years');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
  });

  it('fires for a 17.5-year-old', async () => {
    const { finding } = await fires(changed((r) => { r.patient.ageYears = 17.5; }), 'candidacy.pediatric');
    expect(evidenceOf(finding, 'ageYears').actual).toBe(17.5);
  });

  it('stays silent for an 18-year-old', async () => {
    const assessment = await staysSilent(changed((r) => { r.patient.ageYears = 18; }), 'candidacy.pediatric');
    expect(assessment.status).toBe('candidate');
  });
});

describe('candidacy.no-treatable-veins', () => {
  it('fires when no vein is documented', async () => {
    const request = changed((r) => { r.veins = []; delete r.plannedSession; });
    const { assessment, finding } = await fires(request, 'candidacy.no-treatable-veins');
    expect(evidenceOf(finding, 'untreatedVeinCount')).toMatchObject({ actual: 0, requestPath: 'veins' });
    expect(finding.detail).toContain('0 untreated');
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('not-planned');
  });

  it('fires when every documented vein is treated', async () => {
    const request = changed((r) => {
      r.veins = r.veins.map((v) => ({ ...v, status: 'treated' as const }));
      delete r.plannedSession;
    });
    const { finding } = await fires(request, 'candidacy.no-treatable-veins');
    expect(evidenceOf(finding, 'untreatedVeinCount').actual).toBe(0);
  });

  it('stays silent while one untreated vein remains', async () => {
    const request = changed((r) => { vein(r, 't1').status = 'treated'; delete r.plannedSession; });
    await staysSilent(request, 'candidacy.no-treatable-veins');
  });
});

describe('candidacy.telangiectasia and candidacy.reticular-veins', () => {
  it('name the untreated telangiectasias and reticular veins', async () => {
    const request = changed((r) => { r.veins.push({ id: 't2', kind: 'telangiectasia', region: 'leg', side: 'right' }); });
    const spider = (await fires(request, 'candidacy.telangiectasia')).finding;
    expect(spider.veinIds).toEqual(['t1', 't2']);
    expect(evidenceOf(spider, 'untreatedTelangiectasiaCount').actual).toBe(2);
    expect(spider.detail).toContain('t1, t2');
    const reticular = (await fires(request, 'candidacy.reticular-veins')).finding;
    expect(reticular.veinIds).toEqual(['r1']);
    expect(evidenceOf(reticular, 'untreatedReticularCount').actual).toBe(1);
    expect(reticular.detail).toContain('r1');
  });

  it('do not count a treated telangiectasia', async () => {
    const request = changed((r) => { vein(r, 't1').status = 'treated'; plan(r).targetVeinIds = ['r1']; });
    const assessment = await staysSilent(request, 'candidacy.telangiectasia');
    expect(findingOf(assessment, 'candidacy.reticular-veins')?.veinIds).toEqual(['r1']);
  });

  it('do not count a treated reticular vein', async () => {
    await staysSilent(changed((r) => { vein(r, 'r1').status = 'treated'; }), 'candidacy.reticular-veins');
  });
});

describe('candidacy.varicose-outside-label', () => {
  it('stays silent for a reticular vein of exactly 3 mm', async () => {
    const assessment = await staysSilent(changed((r) => { vein(r, 'r1').diameterMm = 3; }), 'candidacy.varicose-outside-label');
    expect(assessment.status).toBe('candidate');
  });

  it('fires for a reticular vein of 3.01 mm', async () => {
    const request = changed((r) => { vein(r, 'r1').diameterMm = 3.01; });
    const { assessment, finding } = await fires(request, 'candidacy.varicose-outside-label');
    expect(finding.veinIds).toEqual(['r1']);
    expect(evidenceOf(finding, 'largestUntreatedDiameterMm')).toMatchObject({ actual: 3.01, expected: 3 });
    expect(finding.detail).toContain('3.01 mm');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
  });

  it('fires for an untreated varicose vein of unknown diameter', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'v1', kind: 'varicose', region: 'leg', side: 'right' });
      r.duplexUltrasound = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] };
    });
    const { assessment, finding } = await fires(request, 'candidacy.varicose-outside-label');
    expect(finding.veinIds).toEqual(['v1']);
    expect(evidenceOf(finding, 'untreatedVaricoseCount').actual).toBe(1);
    expect(finding.detail).toContain('v1');
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('lists exactly the varicose and wide veins', async () => {
    const request = changed((r) => {
      vein(r, 'r1').diameterMm = 4;
      r.veins.push({ id: 'v1', kind: 'varicose', diameterMm: 2, region: 'leg', side: 'right' });
    });
    const { finding } = await fires(request, 'candidacy.varicose-outside-label');
    expect(sorted(finding.veinIds)).toEqual(['r1', 'v1']);
  });

  it('does not count treated wide or varicose veins', async () => {
    const request = changed((r) => {
      Object.assign(vein(r, 'r1'), { diameterMm: 5, status: 'treated' });
      r.veins.push({ id: 'v1', kind: 'varicose', region: 'leg', side: 'right', status: 'treated' });
    });
    await staysSilent(request, 'candidacy.varicose-outside-label');
  });
});

describe('candidacy.duplex-before-varicose', () => {
  const varicose = changed((r) => { r.veins.push({ id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side: 'right' }); });

  it('fires for an untreated varicose vein with no duplex on record', async () => {
    const { assessment, finding } = await fires(varicose, 'candidacy.duplex-before-varicose');
    expect(evidenceOf(finding, 'duplexRecorded')).toMatchObject({ actual: false, requestPath: 'duplexUltrasound' });
    expect(evidenceOf(finding, 'untreatedVaricoseCount').actual).toBe(1);
    expect(finding.detail).toContain('Untreated varicose veins: 1');
    expect(assessment.unconfirmed).toContain('duplexUltrasound');
    expect(assessment.status).toBe('insufficient-information');
  });

  it('stays silent once a duplex is on record', async () => {
    const request = changed((r) => { r.duplexUltrasound = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] }; }, varicose);
    const assessment = await staysSilent(request, 'candidacy.duplex-before-varicose');
    expect(assessment.unconfirmed).not.toContain('duplexUltrasound');
  });

  it('fires for an untreated symptomatic reticular vein', async () => {
    const { finding } = await fires(changed((r) => { vein(r, 'r1').symptomatic = true; }), 'candidacy.duplex-before-varicose');
    expect(evidenceOf(finding, 'untreatedSymptomaticCount').actual).toBe(1);
    expect(finding.evidence.map((e) => e.fact)).not.toContain('untreatedVaricoseCount');
  });

  it('fires for a prior thromboembolism alone', async () => {
    const request = changed((r) => { r.history.priorThromboembolism = true; });
    const { finding } = await fires(request, 'candidacy.duplex-before-varicose');
    expect(evidenceOf(finding, 'priorThromboembolism')).toMatchObject({ actual: true, requestPath: 'history.priorThromboembolism' });
    expect(finding.detail).toContain('prior thromboembolism: yes');
  });

  it('does not count treated varicose or symptomatic veins', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'v1', kind: 'varicose', region: 'leg', side: 'right', status: 'treated' });
      r.veins.push({ id: 'r2', kind: 'reticular', region: 'leg', side: 'right', status: 'treated', symptomatic: true });
    });
    await staysSilent(request, 'candidacy.duplex-before-varicose');
  });

  it('stays silent for small asymptomatic veins and no thromboembolism', async () => {
    await staysSilent(cleanRequest(), 'candidacy.duplex-before-varicose');
  });
});

describe('candidacy.truncal-reflux-refer', () => {
  it('fires for reflux on the leg of the untreated veins', async () => {
    const { assessment, finding } = await fires(withDuplex(['left']), 'candidacy.truncal-reflux-refer');
    expect(finding.veinIds).toEqual(['t1', 'r1']);
    expect(evidenceOf(finding, 'truncalRefluxVeinCount')).toMatchObject({ actual: 2, requestPath: 'duplexUltrasound.truncalReflux' });
    expect(finding.detail).toContain('t1, r1');
    expect(assessment.status).toBe('refer');
    // The only target shares the refluxing leg, so it is deferred and nothing is left to inject.
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('blocked');
  });

  it('stays silent for reflux on the other leg only', async () => {
    const assessment = await staysSilent(withDuplex(['right']), 'candidacy.truncal-reflux-refer');
    expect(assessment.status).toBe('candidate');
  });

  it('fires for a leg vein whose side is omitted', async () => {
    const request = changed((r) => { r.veins.push({ id: 'x1', kind: 'reticular', region: 'leg' }); }, withDuplex(['right']));
    const { assessment, finding } = await fires(request, 'candidacy.truncal-reflux-refer');
    expect(finding.veinIds).toEqual(['x1']);
    expect(evidenceOf(finding, 'truncalRefluxVeinCount').actual).toBe(1);
    expect(assessment.status).toBe('refer');
    expect(assessment.session.status).toBe('approved');
  });

  it('does not count treated veins or veins outside the legs', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'r2', kind: 'reticular', region: 'leg', side: 'right', status: 'treated' });
      r.veins.push({ id: 'h1', kind: 'reticular', region: 'hand' });
    }, withDuplex(['right']));
    await staysSilent(request, 'candidacy.truncal-reflux-refer');
  });

  it('is not raised by deep venous disease', async () => {
    await staysSilent(withDuplex([], ['left']), 'candidacy.truncal-reflux-refer');
  });
});

describe('candidacy.deep-venous-disease', () => {
  it('fires for deep venous disease on the leg of the untreated veins', async () => {
    const { assessment, finding } = await fires(withDuplex([], ['left']), 'candidacy.deep-venous-disease');
    expect(finding.veinIds).toEqual(['t1', 'r1']);
    expect(evidenceOf(finding, 'deepVenousDiseaseVeinCount')).toMatchObject({
      actual: 2,
      requestPath: 'duplexUltrasound.deepVenousDisease',
    });
    expect(finding.detail).toContain('t1, r1');
    expect(assessment.status).toBe('refer');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent for deep venous disease on the other leg only', async () => {
    await staysSilent(withDuplex([], ['right']), 'candidacy.deep-venous-disease');
  });

  it('fires for a leg vein whose side is omitted', async () => {
    const request = changed((r) => { r.veins.push({ id: 'x1', kind: 'telangiectasia', region: 'leg' }); }, withDuplex([], ['right']));
    const { finding } = await fires(request, 'candidacy.deep-venous-disease');
    expect(finding.veinIds).toEqual(['x1']);
  });

  it('does not count treated veins on the diseased leg', async () => {
    const request = changed((r) => { r.veins.push({ id: 'r2', kind: 'reticular', region: 'leg', side: 'right', status: 'treated' }); }, withDuplex([], ['right']));
    await staysSilent(request, 'candidacy.deep-venous-disease');
  });

  it('is not raised by truncal reflux', async () => {
    await staysSilent(withDuplex(['left']), 'candidacy.deep-venous-disease');
  });
});

describe('candidacy.advanced-venous-disease', () => {
  it.each(['C4a', 'C4b', 'C4c', 'C5', 'C6'] as const)('fires for CEAP class %s', async (ceapClass) => {
    const { assessment, finding } = await fires(changed((r) => { r.history.ceapClass = ceapClass; }), 'candidacy.advanced-venous-disease');
    expect(evidenceOf(finding, 'ceapClass')).toMatchObject({ actual: ceapClass, requestPath: 'history.ceapClass' });
    expect(finding.detail).toContain(ceapClass);
    expect(assessment.status).toBe('refer');
  });

  it.each(['C0', 'C1', 'C2', 'C3'] as const)('stays silent for CEAP class %s', async (ceapClass) => {
    const assessment = await staysSilent(changed((r) => { r.history.ceapClass = ceapClass; }), 'candidacy.advanced-venous-disease');
    expect(assessment.status).toBe('candidate');
  });

  it('stays silent when the CEAP class is undocumented', async () => {
    await staysSilent(changed((r) => { delete r.history.ceapClass; }), 'candidacy.advanced-venous-disease');
  });
});

describe('candidacy.off-label-site', () => {
  it('fires for an untreated vein on the hand', async () => {
    const request = changed((r) => { r.veins.push({ id: 'h1', kind: 'reticular', region: 'hand' }); });
    const { assessment, finding } = await fires(request, 'candidacy.off-label-site');
    expect(finding.veinIds).toEqual(['h1']);
    expect(evidenceOf(finding, 'offLabelSiteCount')).toMatchObject({ actual: 1, requestPath: 'veins' });
    expect(finding.detail).toContain('h1');
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('lists exactly the chest and face veins, not the leg veins', async () => {
    const request = changed((r) => {
      r.veins.push({ id: 'c1', kind: 'telangiectasia', region: 'chest' });
      r.veins.push({ id: 'f1', kind: 'telangiectasia', region: 'face' });
    });
    const { finding } = await fires(request, 'candidacy.off-label-site');
    expect(sorted(finding.veinIds)).toEqual(['c1', 'f1']);
    expect(evidenceOf(finding, 'offLabelSiteCount').actual).toBe(2);
  });

  it('does not count a treated hand vein', async () => {
    const request = changed((r) => { r.veins.push({ id: 'h1', kind: 'reticular', region: 'hand', status: 'treated' }); });
    await staysSilent(request, 'candidacy.off-label-site');
  });

  it('stays silent when every vein is on a leg', async () => {
    await staysSilent(cleanRequest(), 'candidacy.off-label-site');
  });
});
