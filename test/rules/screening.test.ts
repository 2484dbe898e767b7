import { describe, expect, it } from 'vitest';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import { changed, cleanRequest, evidenceOf, firedIds, fires, plan, staysSilent, ABSOLUTE_CONTRAINDICATION_FIELDS } from '../helpers.js';

type HistoryField = keyof AssessmentRequest['history'];

const withoutHistory = (...fields: HistoryField[]): AssessmentRequest =>
  changed((r) => {
    for (const field of fields) Reflect.deleteProperty(r.history, field);
  });

describe('screening.pregnancy-status-unknown', () => {
  const unknownStatus = (ageYears: number, sex?: 'female' | 'male' | 'other' | 'unknown') =>
    changed((r) => {
      r.patient.ageYears = ageYears;
      delete r.patient.pregnancy;
      if (sex === undefined) delete r.patient.sex;
      else r.patient.sex = sex;
    });

  it('fires for a 12-year-old of undocumented sex', async () => {
    const { assessment, finding } = await fires(unknownStatus(12), 'screening.pregnancy-status-unknown');
    expect(evidenceOf(finding, 'pregnancy')).toMatchObject({ actual: 'undocumented', requestPath: 'patient.pregnancy' });
    expect(evidenceOf(finding, 'sex')).toMatchObject({ actual: 'undocumented', requestPath: 'patient.sex' });
    expect(finding.evidence.filter((e) => e.fact === 'ageYears').map((e) => e.actual)).toEqual([12, 12]);
    expect(finding.detail).toContain('12 years');
    expect(finding.unconfirmed).toEqual(['patient.pregnancy']);
    expect(assessment.unconfirmed).toContain('patient.pregnancy');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent for an 11-year-old', async () => {
    const assessment = await staysSilent(unknownStatus(11, 'female'), 'screening.pregnancy-status-unknown');
    expect(assessment.unconfirmed).not.toContain('patient.pregnancy');
  });

  it('fires for a 12-year-old girl', async () => {
    const { finding } = await fires(unknownStatus(12, 'female'), 'screening.pregnancy-status-unknown');
    expect(evidenceOf(finding, 'sex').actual).toBe('female');
  });

  it('fires for a 55-year-old woman', async () => {
    const { assessment, finding } = await fires(unknownStatus(55, 'female'), 'screening.pregnancy-status-unknown');
    expect(finding.evidence.filter((e) => e.fact === 'ageYears').map((e) => e.actual)).toEqual([55, 55]);
    expect(finding.detail).toContain('55 years');
    expect(assessment.unconfirmed).toEqual(['patient.pregnancy']);
  });

  it('stays silent for a 56-year-old woman', async () => {
    const assessment = await staysSilent(unknownStatus(56, 'female'), 'screening.pregnancy-status-unknown');
    expect(assessment.status).toBe('candidate');
    expect(assessment.unconfirmed).toEqual([]);
  });

  it('stays silent for a 40-year-old man', async () => {
    const assessment = await staysSilent(unknownStatus(40, 'male'), 'screening.pregnancy-status-unknown');
    expect(assessment.unconfirmed).not.toContain('patient.pregnancy');
  });

  it.each(['other', 'unknown'] as const)('fires for a 40-year-old whose sex is %s', async (sex) => {
    const { finding } = await fires(unknownStatus(40, sex), 'screening.pregnancy-status-unknown');
    expect(evidenceOf(finding, 'sex').actual).toBe(sex);
    expect(finding.detail).toContain(sex);
  });

  it('stays silent once the pregnancy status is documented', async () => {
    const request = changed((r) => { r.patient.pregnancy = 'not-pregnant'; }, unknownStatus(30));
    await staysSilent(request, 'screening.pregnancy-status-unknown');
  });
});

describe('screening.unconfirmed-contraindications', () => {
  it.each(ABSOLUTE_CONTRAINDICATION_FIELDS)('fires when %s is undocumented', async (field) => {
    const { assessment, finding } = await fires(withoutHistory(field), 'screening.unconfirmed-contraindications');
    expect(evidenceOf(finding, 'undocumentedContraindicationCount').actual).toBe(1);
    expect(finding.unconfirmed).toEqual([`history.${field}`]);
    expect(assessment.unconfirmed).toEqual([`history.${field}`]);
    expect(finding.detail).toContain(`history.${field}`);
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('approved');
    expect(firedIds(assessment)).not.toContain('screening.unconfirmed-precautions');
  });

  it('lists every undocumented contraindication field', async () => {
    const request = withoutHistory('sclerosantAllergies', 'mobility', 'severeReactionToPriorSclerotherapy');
    const { assessment, finding } = await fires(request, 'screening.unconfirmed-contraindications');
    expect(evidenceOf(finding, 'undocumentedContraindicationCount').actual).toBe(3);
    const expected = ['history.sclerosantAllergies', 'history.mobility', 'history.severeReactionToPriorSclerotherapy'];
    expect([...(finding.unconfirmed ?? [])].sort()).toEqual([...expected].sort());
    expect([...assessment.unconfirmed].sort()).toEqual([...expected].sort());
  });

  it('fires for an undocumented shunt when foam is planned', async () => {
    const request = changed((r) => { plan(r).formulation = 'foam'; }, withoutHistory('rightToLeftShunt'));
    const { assessment, finding } = await fires(request, 'screening.unconfirmed-contraindications');
    expect(finding.unconfirmed).toEqual(['history.rightToLeftShunt']);
    expect(assessment.unconfirmed).toEqual(['history.rightToLeftShunt']);
    expect(assessment.status).toBe('insufficient-information');
  });

  it('stays silent for an undocumented shunt when liquid is planned', async () => {
    const assessment = await staysSilent(withoutHistory('rightToLeftShunt'), 'screening.unconfirmed-contraindications');
    expect(assessment.status).toBe('candidate');
  });

  it('stays silent for an undocumented shunt when nothing is planned', async () => {
    const request = changed((r) => { delete r.plannedSession; }, withoutHistory('rightToLeftShunt'));
    await staysSilent(request, 'screening.unconfirmed-contraindications');
  });

  it('stays silent when the contraindication fields are documented, even as present', async () => {
    const request = changed((r) => { r.history.acuteThromboembolism = true; });
    const assessment = await staysSilent(request, 'screening.unconfirmed-contraindications');
    expect(assessment.unconfirmed).toEqual([]);
  });

  it('stays silent for undocumented precaution fields only', async () => {
    await staysSilent(withoutHistory('ceapClass', 'allergyProne'), 'screening.unconfirmed-contraindications');
  });
});

describe('screening.unconfirmed-precautions', () => {
  const PRECAUTION_FIELDS = [
    'allergyProne',
    'priorThromboembolism',
    'thrombophilia',
    'activeCancer',
    'recentMajorSurgeryOrHospitalization',
    'rightToLeftShunt',
    'migraineWithAura',
    'estrogenTherapy',
    'anticoagulated',
    'acuteSuperficialThrombophlebitis',
    'ceapClass',
  ] as const;

  it.each(PRECAUTION_FIELDS)('fires when %s is undocumented', async (field) => {
    const { assessment, finding } = await fires(withoutHistory(field), 'screening.unconfirmed-precautions');
    expect(evidenceOf(finding, 'undocumentedPrecautionCount').actual).toBe(1);
    expect(assessment.status).toBe('candidate');
    expect(firedIds(assessment)).not.toContain('screening.unconfirmed-contraindications');
  });

  it('fires when breastfeeding is undocumented', async () => {
    const request = changed((r) => { delete r.patient.breastfeeding; });
    const { finding } = await fires(request, 'screening.unconfirmed-precautions');
    expect(evidenceOf(finding, 'undocumentedPrecautionCount').actual).toBe(1);
  });

  it('counts every undocumented precaution field', async () => {
    const request = changed((r) => { delete r.patient.breastfeeding; }, withoutHistory('ceapClass', 'anticoagulated'));
    const { finding } = await fires(request, 'screening.unconfirmed-precautions');
    expect(evidenceOf(finding, 'undocumentedPrecautionCount').actual).toBe(3);
  });

  it('stays silent for a fully documented history', async () => {
    await staysSilent(cleanRequest(), 'screening.unconfirmed-precautions');
  });

  it('stays silent for undocumented sex and weight, which are not history fields', async () => {
    const request = changed((r) => {
      delete r.patient.sex;
      delete r.patient.weightKg;
    });
    await staysSilent(request, 'screening.unconfirmed-precautions');
  });

  it('does not count contraindication fields or a foam-session shunt', async () => {
    const request = changed((r) => { plan(r).formulation = 'foam'; }, withoutHistory('mobility', 'rightToLeftShunt'));
    await staysSilent(request, 'screening.unconfirmed-precautions');
  });

  // RULES.md: each undocumented path goes into `unconfirmed`, and the detail names it.
  it.each(PRECAUTION_FIELDS)('lists history.%s in unconfirmed and in the detail', async (field) => {
    const { assessment, finding } = await fires(withoutHistory(field), 'screening.unconfirmed-precautions');
    expect(finding.unconfirmed).toEqual([`history.${field}`]);
    expect(assessment.unconfirmed).toEqual([`history.${field}`]);
    expect(finding.detail).toContain(`history.${field}`);
  });

  it('lists patient.breastfeeding in unconfirmed', async () => {
    const { assessment } = await fires(changed((r) => { delete r.patient.breastfeeding; }), 'screening.unconfirmed-precautions');
    expect(assessment.unconfirmed).toEqual(['patient.breastfeeding']);
  });
});
