import { describe, expect, it } from 'vitest';
import type { AssessOptions } from '../../src/assess.js';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import {
  assessValid,
  changed,
  cleanRequest,
  evidenceOf,
  expectFinding,
  findingOf,
  firedIds,
  fires as firesAsSpecified,
  plan,
  staysSilent,
  ABSOLUTE_CONTRAINDICATION_FIELDS,
  expectClinicianText,
} from '../helpers.js';

type HistoryField = keyof AssessmentRequest['history'];
type Change = (r: AssessmentRequest) => void;

const CONTRAINDICATIONS = 'screening.unconfirmed-contraindications';
const THROMBOSIS = 'screening.unconfirmed-thrombosis-risk';
const PRECAUTIONS = 'screening.unconfirmed-precautions';
const PREGNANCY = 'screening.pregnancy-status-unknown';
const PRIOR = 'screening.prior-sessions-unknown';

/**
 * Every history field, written from CONTRACT §3.2 rather than imported from the code under test,
 * so a field added to the request without a screening group fails the coverage test below.
 */
const EVERY_HISTORY_FIELD = [
  'sclerosantAllergies',
  'allergyProne',
  'acuteThromboembolism',
  'priorThromboembolism',
  'thrombophilia',
  'activeCancer',
  'recentMajorSurgeryOrHospitalization',
  'mobility',
  'localInfectionAtTreatmentSite',
  'severeAcuteIllness',
  'peripheralArterialDisease',
  'rightToLeftShunt',
  'migraineWithAura',
  'severeReactionToPriorSclerotherapy',
  'estrogenTherapy',
  'anticoagulated',
  'acuteSuperficialThrombophlebitis',
  'ceapClass',
] as const satisfies readonly HistoryField[];

/** RULES.md: listed whenever undocumented. */
const ALWAYS_HOLDING = [...ABSOLUTE_CONTRAINDICATION_FIELDS, 'ceapClass'] as const;
/** RULES.md: the thrombosis-risk group. */
const THROMBOSIS_FIELDS = [
  'priorThromboembolism',
  'thrombophilia',
  'activeCancer',
  'recentMajorSurgeryOrHospitalization',
  'estrogenTherapy',
  'anticoagulated',
] as const;


const assessWith = async (request: AssessmentRequest, ruleId: string, options?: AssessOptions): Promise<{ assessment: Assessment; finding: Finding }> => {
  const assessment = await assessValid(request, options);
  const finding = expectFinding(assessment, ruleId);
  expect(finding.category).toBe('screening');
  expect(finding.scope).toBeUndefined();
  expectClinicianText(finding);
  return { assessment, finding };
};

const fires = async (request: AssessmentRequest, ruleId: string): Promise<{ assessment: Assessment; finding: Finding }> => {
  await firesAsSpecified(request, ruleId);
  return assessWith(request, ruleId);
};

const without = (fields: readonly HistoryField[], base: AssessmentRequest = cleanRequest()): AssessmentRequest =>
  changed((r) => {
    for (const field of fields) Reflect.deleteProperty(r.history, field);
  }, base);

const withoutHistory = (...fields: HistoryField[]): AssessmentRequest => without(fields);

/** A duplex on record with no reflux: an earlier thrombosis is then not asked for because of a missing scan. */
const withDuplex: Change = (r) => {
  r.duplexUltrasound = { date: '2026-01-10', truncalReflux: [], deepVenousDisease: [] };
};

const sts: Change = (r) => {
  plan(r).agent = 'sodium-tetradecyl-sulfate';
};

const listedBy = (assessment: Assessment, ruleId: string): readonly string[] => findingOf(assessment, ruleId)?.unconfirmed ?? [];

/** Requires a held session whose only hold is the rule's, asking for exactly these paths. */
const expectHeldFor = (assessment: Assessment, ruleId: string, paths: readonly string[]): void => {
  expect(assessment.status).toBe('insufficient-information');
  expect(assessment.session.status).toBe('held');
  const finding = findingOf(assessment, ruleId) ?? expect.fail(`${ruleId} did not fire`);
  expect(assessment.session.holds).toEqual([{ ruleId, reason: 'unconfirmed', paths, resolution: finding.resolution }]);
};

describe('screening.pregnancy-status-unknown', () => {
  const unknownStatus = (ageYears: number, sex?: 'female' | 'male' | 'other' | 'unknown') =>
    changed((r) => {
      r.patient.ageYears = ageYears;
      delete r.patient.pregnancy;
      if (sex === undefined) delete r.patient.sex;
      else r.patient.sex = sex;
    });

  it('holds the session for a 12-year-old of undocumented sex', async () => {
    const { assessment, finding } = await fires(unknownStatus(12), PREGNANCY);
    expect(evidenceOf(finding, 'pregnancy')).toMatchObject({ actual: 'undocumented', requestPath: 'patient.pregnancy' });
    expect(evidenceOf(finding, 'sex')).toMatchObject({ actual: 'undocumented', requestPath: 'patient.sex' });
    expect(finding.evidence.filter((e) => e.fact === 'ageYears').map((e) => e.actual)).toEqual([12, 12]);
    expect(finding.detail).toContain('12 years');
    expect(finding.detail).toContain('Sex: not documented');
    expect(finding.unconfirmed).toEqual(['patient.pregnancy']);
    // A 12-year-old is also referred (candidacy.pediatric), so only the hold of this rule is checked.
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toContainEqual({ ruleId: PREGNANCY, reason: 'unconfirmed', paths: ['patient.pregnancy'], resolution: finding.resolution });
  });

  it('stays silent for an 11-year-old', async () => {
    const assessment = await staysSilent(unknownStatus(11, 'female'), PREGNANCY);
    expect(assessment.unconfirmed).not.toContain('patient.pregnancy');
  });

  it('fires for a 12-year-old girl', async () => {
    const { finding } = await fires(unknownStatus(12, 'female'), PREGNANCY);
    expect(evidenceOf(finding, 'sex').actual).toBe('female');
  });

  it('holds the session of a 55-year-old woman', async () => {
    const { assessment, finding } = await fires(unknownStatus(55, 'female'), PREGNANCY);
    expect(finding.evidence.filter((e) => e.fact === 'ageYears').map((e) => e.actual)).toEqual([55, 55]);
    expect(finding.detail).toContain('55 years');
    expect(assessment.unconfirmed).toEqual(['patient.pregnancy']);
    expectHeldFor(assessment, PREGNANCY, ['patient.pregnancy']);
  });

  it('stays silent for a 56-year-old woman, whose session is approved', async () => {
    const assessment = await staysSilent(unknownStatus(56, 'female'), PREGNANCY);
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.status).toBe('approved');
    expect(assessment.unconfirmed).toEqual([]);
  });

  it('stays silent for a 40-year-old man', async () => {
    const assessment = await staysSilent(unknownStatus(40, 'male'), PREGNANCY);
    expect(assessment.unconfirmed).not.toContain('patient.pregnancy');
    expect(assessment.session.status).toBe('approved');
  });

  it.each(['other', 'unknown'] as const)('fires for a 40-year-old whose sex is %s', async (sex) => {
    const { finding } = await fires(unknownStatus(40, sex), PREGNANCY);
    expect(evidenceOf(finding, 'sex').actual).toBe(sex);
    expect(finding.detail).toContain(sex);
  });

  it('fires without a plan, with no session to hold', async () => {
    const request = changed((r) => { delete r.plannedSession; }, unknownStatus(30, 'female'));
    const { assessment } = await fires(request, PREGNANCY);
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('not-planned');
    expect(assessment.session.holds).toEqual([]);
  });

  it('stays silent once the pregnancy status is documented', async () => {
    const request = changed((r) => { r.patient.pregnancy = 'not-pregnant'; }, unknownStatus(30));
    await staysSilent(request, PREGNANCY);
  });
});

describe('screening.prior-sessions-unknown', () => {
  it('holds a planned session when earlier sessions are omitted', async () => {
    const { assessment, finding } = await fires(changed((r) => { delete r.priorSessions; }), PRIOR);
    expect(evidenceOf(finding, 'priorSessionsDocumented').actual).toBe(false);
    expect(finding.unconfirmed).toEqual(['priorSessions']);
    expect(finding.detail).toContain('earlier sessions');
    expectHeldFor(assessment, PRIOR, ['priorSessions']);
  });

  it('stays silent when there were none ([])', async () => {
    const assessment = await staysSilent(cleanRequest(), PRIOR);
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent when earlier sessions are listed', async () => {
    const request = changed((r) => {
      r.priorSessions = [{ date: '2026-01-05', agent: 'polidocanol', totalVolumeMl: 2, formulation: 'liquid', concentrationPercent: 0.5 }];
    });
    await staysSilent(request, PRIOR);
  });

  it('stays silent when nothing is planned', async () => {
    const request = changed((r) => {
      delete r.priorSessions;
      delete r.plannedSession;
    });
    const assessment = await staysSilent(request, PRIOR);
    expect(assessment.status).toBe('candidate');
  });
});

describe('screening.unconfirmed-contraindications', () => {
  it.each(ALWAYS_HOLDING)('holds the session when %s is undocumented', async (field) => {
    const { assessment, finding } = await fires(withoutHistory(field), CONTRAINDICATIONS);
    expect(evidenceOf(finding, 'undocumentedContraindicationCount').actual).toBe(1);
    expect(finding.unconfirmed).toEqual([`history.${field}`]);
    expect(assessment.unconfirmed).toEqual([`history.${field}`]);
    expectHeldFor(assessment, CONTRAINDICATIONS, [`history.${field}`]);
    expect(firedIds(assessment)).not.toContain(PRECAUTIONS);
    expect(firedIds(assessment)).not.toContain(THROMBOSIS);
  });

  it('names the fields in clinical words', async () => {
    const { finding } = await fires(withoutHistory('acuteThromboembolism', 'ceapClass'), CONTRAINDICATIONS);
    expect(finding.detail).toContain('Not documented: acute deep-vein thrombosis or pulmonary embolism; CEAP clinical class.');
  });

  it('lists every undocumented contraindication field', async () => {
    const request = withoutHistory('sclerosantAllergies', 'mobility', 'severeReactionToPriorSclerotherapy');
    const { finding } = await fires(request, CONTRAINDICATIONS);
    expect(evidenceOf(finding, 'undocumentedContraindicationCount').actual).toBe(3);
    expect(finding.unconfirmed).toEqual(['history.sclerosantAllergies', 'history.mobility', 'history.severeReactionToPriorSclerotherapy']);
  });

  it('lists the shunt when foam is planned, not for liquid or without a plan', async () => {
    const foam = changed((r) => { plan(r).formulation = 'foam'; }, withoutHistory('rightToLeftShunt'));
    const { assessment } = await fires(foam, CONTRAINDICATIONS);
    expectHeldFor(assessment, CONTRAINDICATIONS, ['history.rightToLeftShunt']);
    const liquid = await staysSilent(withoutHistory('rightToLeftShunt'), CONTRAINDICATIONS);
    expect(listedBy(liquid, PRECAUTIONS)).toEqual(['history.rightToLeftShunt']);
    await staysSilent(changed((r) => { delete r.plannedSession; }, withoutHistory('rightToLeftShunt')), CONTRAINDICATIONS);
  });

  it('lists an earlier thrombosis when no duplex is on record, and not when one is', async () => {
    const { assessment } = await fires(withoutHistory('priorThromboembolism'), CONTRAINDICATIONS);
    expectHeldFor(assessment, CONTRAINDICATIONS, ['history.priorThromboembolism']);
    const scanned = await staysSilent(changed(withDuplex, withoutHistory('priorThromboembolism')), CONTRAINDICATIONS);
    expect(listedBy(scanned, THROMBOSIS)).toEqual(['history.priorThromboembolism']);
    expect(scanned.session.status).toBe('approved');
  });

  describe('thrombosis tipping', () => {
    it('lists an undocumented earlier thrombosis next to thrombophilia: together they would make the risk high', async () => {
      const request = changed((r) => {
        withDuplex(r);
        r.history.thrombophilia = true;
      }, withoutHistory('priorThromboembolism'));
      const { assessment } = await fires(request, CONTRAINDICATIONS);
      expectHeldFor(assessment, CONTRAINDICATIONS, ['history.priorThromboembolism']);
      expect(firedIds(assessment)).not.toContain(THROMBOSIS);
      expect(firedIds(assessment)).not.toContain('precaution.high-thrombosis-risk');
    });

    it('does not tip once a thromboprophylaxis decision is documented', async () => {
      const request = changed((r) => {
        withDuplex(r);
        r.history.thrombophilia = true;
        plan(r).thromboprophylaxisDecision = 'given';
      }, withoutHistory('priorThromboembolism'));
      const assessment = await staysSilent(request, CONTRAINDICATIONS);
      expect(listedBy(assessment, THROMBOSIS)).toEqual(['history.priorThromboembolism']);
      expect(assessment.session.status).toBe('approved');
    });

    it('lists the third minor factor that would reach the factor count', async () => {
      const request = changed((r) => {
        withDuplex(r);
        r.history.activeCancer = true;
        r.history.estrogenTherapy = true;
      }, withoutHistory('recentMajorSurgeryOrHospitalization'));
      const { assessment } = await fires(request, CONTRAINDICATIONS);
      expectHeldFor(assessment, CONTRAINDICATIONS, ['history.recentMajorSurgeryOrHospitalization']);
    });

    it('does not tip when the missing factor would make only 2 minor factors', async () => {
      const request = changed((r) => {
        withDuplex(r);
        r.history.activeCancer = true;
      }, withoutHistory('recentMajorSurgeryOrHospitalization'));
      const assessment = await staysSilent(request, CONTRAINDICATIONS);
      expect(listedBy(assessment, THROMBOSIS)).toEqual(['history.recentMajorSurgeryOrHospitalization']);
      expect(assessment.session.status).toBe('approved');
    });

    it('lists every undocumented tipping field when together they could make the risk high', async () => {
      const request = changed(withDuplex, withoutHistory('thrombophilia', 'activeCancer', 'anticoagulated'));
      const { assessment, finding } = await fires(request, CONTRAINDICATIONS);
      expect(finding.unconfirmed).toEqual(['history.thrombophilia', 'history.activeCancer']);
      // Anticoagulation is not a thrombosis factor: it stays with the caution.
      expect(listedBy(assessment, THROMBOSIS)).toEqual(['history.anticoagulated']);
    });

    it('does not tip when the risk is already high (the hold asks for a decision instead)', async () => {
      const request = changed((r) => {
        withDuplex(r);
        r.history.thrombophilia = true;
        r.history.priorThromboembolism = true;
      }, withoutHistory('activeCancer'));
      const assessment = await staysSilent(request, CONTRAINDICATIONS);
      expect(listedBy(assessment, THROMBOSIS)).toEqual(['history.activeCancer']);
      expect(firedIds(assessment)).toContain('precaution.high-thrombosis-risk');
    });
  });

  describe('sodium tetradecyl sulfate planned', () => {
    const stsWithout = (...fields: HistoryField[]): AssessmentRequest => changed((r) => { withDuplex(r); sts(r); }, without(fields));

    it.each(['acuteSuperficialThrombophlebitis', 'allergyProne', 'activeCancer'] as const)(
      'lists %s in every jurisdiction',
      async (field) => {
        for (const jurisdiction of ['US', 'EU', undefined] as const) {
          const { assessment } = await assessWith(stsWithout(field), CONTRAINDICATIONS, jurisdiction === undefined ? {} : { jurisdiction });
          expectHeldFor(assessment, CONTRAINDICATIONS, [`history.${field}`]);
        }
      },
    );

    it.each(['thrombophilia', 'recentMajorSurgeryOrHospitalization'] as const)('lists %s under EU and the default, not under US', async (field) => {
      for (const options of [{ jurisdiction: 'EU' } as const, {}]) {
        const { finding } = await assessWith(stsWithout(field), CONTRAINDICATIONS, options);
        expect(finding.unconfirmed).toEqual([`history.${field}`]);
      }
      const us = await assessValid(stsWithout(field), { jurisdiction: 'US' });
      expectFinding(us, THROMBOSIS);
      expect(listedBy(us, THROMBOSIS)).toEqual([`history.${field}`]);
      expect(firedIds(us)).not.toContain(CONTRAINDICATIONS);
    });

    it('lists an earlier thrombosis under EU unless oestrogen is documented absent', async () => {
      // A documented decision turns thrombosis tipping off, so only the STS label item lists the field.
      const withEstrogen = changed((r) => {
        r.history.estrogenTherapy = true;
        plan(r).thromboprophylaxisDecision = 'given';
      }, stsWithout('priorThromboembolism'));
      const eu = await assessWith(withEstrogen, CONTRAINDICATIONS, { jurisdiction: 'EU' });
      expect(eu.finding.unconfirmed).toEqual(['history.priorThromboembolism']);
      const us = await assessValid(withEstrogen, { jurisdiction: 'US' });
      expect(listedBy(us, THROMBOSIS)).toEqual(['history.priorThromboembolism']);
      const noEstrogen = await assessValid(stsWithout('priorThromboembolism'), { jurisdiction: 'EU' });
      expect(firedIds(noEstrogen)).not.toContain(CONTRAINDICATIONS);
      expect(listedBy(noEstrogen, THROMBOSIS)).toEqual(['history.priorThromboembolism']);
    });

    it('lists oestrogen under EU when another thrombosis factor is present', async () => {
      const request = changed((r) => { r.history.mobility = 'reduced'; }, stsWithout('estrogenTherapy'));
      const eu = await assessWith(request, CONTRAINDICATIONS, { jurisdiction: 'EU' });
      expect(eu.finding.unconfirmed).toEqual(['history.estrogenTherapy']);
      const us = await assessValid(request, { jurisdiction: 'US' });
      expect(listedBy(us, THROMBOSIS)).toEqual(['history.estrogenTherapy']);
      const alone = await assessValid(stsWithout('estrogenTherapy'), { jurisdiction: 'EU' });
      expect(listedBy(alone, THROMBOSIS)).toEqual(['history.estrogenTherapy']);
    });

    it('lists none of the STS fields for a polidocanol plan', async () => {
      const request = changed(withDuplex, withoutHistory('acuteSuperficialThrombophlebitis', 'allergyProne', 'thrombophilia'));
      const assessment = await staysSilent(request, CONTRAINDICATIONS);
      expect(listedBy(assessment, PRECAUTIONS)).toEqual(['history.allergyProne', 'history.acuteSuperficialThrombophlebitis']);
    });
  });

  it('stays silent when the contraindication fields are documented, even as present', async () => {
    const assessment = await staysSilent(changed((r) => { r.history.acuteThromboembolism = true; }), CONTRAINDICATIONS);
    expect(assessment.unconfirmed).toEqual([]);
  });

  it('stays silent for undocumented precaution fields only', async () => {
    await staysSilent(withoutHistory('migraineWithAura', 'allergyProne'), CONTRAINDICATIONS);
  });
});

describe('screening.unconfirmed-thrombosis-risk', () => {
  it.each(THROMBOSIS_FIELDS)('cautions, without holding, when %s is undocumented', async (field) => {
    const request = changed(withDuplex, withoutHistory(field));
    const { assessment, finding } = await fires(request, THROMBOSIS);
    expect(evidenceOf(finding, 'undocumentedThrombosisRiskCount').actual).toBe(1);
    expect(finding.unconfirmed).toEqual([`history.${field}`]);
    expect(assessment.unconfirmed).toEqual([`history.${field}`]);
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.holds).toEqual([]);
    expect(firedIds(assessment)).not.toContain(CONTRAINDICATIONS);
    expect(firedIds(assessment)).not.toContain(PRECAUTIONS);
  });

  it('names the fields in clinical words', async () => {
    const { finding } = await fires(withoutHistory('activeCancer', 'anticoagulated'), THROMBOSIS);
    expect(finding.detail).toContain('Not documented: active cancer; anticoagulant treatment.');
  });

  it('stays silent for a fully documented history', async () => {
    await staysSilent(cleanRequest(), THROMBOSIS);
  });
});

describe('screening.unconfirmed-precautions', () => {
  const PRECAUTION_FIELDS = ['allergyProne', 'rightToLeftShunt', 'migraineWithAura', 'acuteSuperficialThrombophlebitis'] as const;

  it.each(PRECAUTION_FIELDS)('informs when %s is undocumented, naming it in words', async (field) => {
    const { assessment, finding } = await fires(withoutHistory(field), PRECAUTIONS);
    expect(evidenceOf(finding, 'undocumentedPrecautionCount').actual).toBe(1);
    expect(finding.unconfirmed).toEqual([`history.${field}`]);
    expect(assessment.unconfirmed).toEqual([`history.${field}`]);
    expect(finding.detail).not.toContain(field);
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.status).toBe('approved');
  });

  it('informs when breastfeeding is undocumented', async () => {
    const { assessment, finding } = await fires(changed((r) => { delete r.patient.breastfeeding; }), PRECAUTIONS);
    expect(finding.unconfirmed).toEqual(['patient.breastfeeding']);
    expect(finding.detail).toContain('Not documented: breastfeeding.');
    expect(assessment.unconfirmed).toEqual(['patient.breastfeeding']);
  });

  it('no longer lists the CEAP class or the thrombosis fields', async () => {
    const assessment = await staysSilent(changed(withDuplex, withoutHistory('ceapClass', 'activeCancer')), PRECAUTIONS);
    expect(listedBy(assessment, CONTRAINDICATIONS)).toEqual(['history.ceapClass']);
    expect(listedBy(assessment, THROMBOSIS)).toEqual(['history.activeCancer']);
  });

  it('stays silent for a fully documented history', async () => {
    await staysSilent(cleanRequest(), PRECAUTIONS);
  });

  it('stays silent for undocumented sex and weight, which are not history fields', async () => {
    const request = changed((r) => {
      delete r.patient.sex;
      delete r.patient.weightKg;
    });
    await staysSilent(request, PRECAUTIONS);
  });
});

describe('every history field is covered by exactly one screening rule where it is undocumented', () => {
  const contexts: ReadonlyArray<readonly [string, Change, AssessOptions]> = [
    ['polidocanol liquid, no duplex', () => undefined, {}],
    ['polidocanol liquid, duplex on record', withDuplex, {}],
    ['polidocanol foam', (r) => { plan(r).formulation = 'foam'; }, {}],
    ['nothing planned', (r) => { delete r.plannedSession; }, {}],
    ['STS, US', (r) => { withDuplex(r); sts(r); }, { jurisdiction: 'US' }],
    ['STS, EU', (r) => { withDuplex(r); sts(r); }, { jurisdiction: 'EU' }],
    ['STS, strictest, oestrogen and reduced mobility', (r) => { sts(r); r.history.estrogenTherapy = true; r.history.mobility = 'reduced'; }, {}],
    ['thrombophilia present', (r) => { withDuplex(r); r.history.thrombophilia = true; }, {}],
    ['thrombophilia present, decision documented', (r) => { withDuplex(r); r.history.thrombophilia = true; plan(r).thromboprophylaxisDecision = 'not-indicated'; }, {}],
    ['two minor factors present', (r) => { withDuplex(r); r.history.activeCancer = true; r.history.estrogenTherapy = true; }, {}],
    ['postpartum', (r) => { r.patient.pregnancy = 'postpartum'; }, {}],
  ];

  const coverage = (assessment: Assessment, path: string): readonly string[] =>
    [CONTRAINDICATIONS, THROMBOSIS, PRECAUTIONS].filter((id) => listedBy(assessment, id).includes(path));

  it.each(contexts)('with %s, each field undocumented alone', async (_name, context, options) => {
    for (const field of EVERY_HISTORY_FIELD) {
      const assessment = await assessValid(without([field], changed(context)), options);
      expect({ field, rules: coverage(assessment, `history.${field}`) }).toEqual({ field, rules: [expect.any(String)] });
    }
  });

  it.each(contexts)('with %s, every field undocumented at once', async (_name, context, options) => {
    const assessment = await assessValid(without(EVERY_HISTORY_FIELD, changed(context)), options);
    for (const field of EVERY_HISTORY_FIELD) {
      expect({ field, rules: coverage(assessment, `history.${field}`) }).toEqual({ field, rules: [expect.any(String)] });
    }
  });

  it('leaves nothing listed when the history is fully documented', async () => {
    for (const [, context, options] of contexts) {
      const assessment = await assessValid(changed(context), options);
      expect(EVERY_HISTORY_FIELD.filter((f) => coverage(assessment, `history.${f}`).length > 0)).toEqual([]);
    }
  });
});
