import { describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import {
  changed,
  cleanRequest,
  evidenceOf,
  firedIds,
  fires as firesAsSpecified,
  plan,
  specifiedRule,
  staysSilent,
} from '../helpers.js';

/** Requires a rule that RULES.md lists as a precaution to fire, about the patient rather than particular veins. */
const fires = async (request: AssessmentRequest, ruleId: string): Promise<{ assessment: Assessment; finding: Finding }> => {
  expect(specifiedRule(ruleId).category).toBe('precaution');
  const fired = await firesAsSpecified(request, ruleId);
  expect(fired.finding.veinIds).toBeUndefined();
  return fired;
};

const expectPrecautionsOnly = (assessment: Assessment): void => {
  expect(assessment.status).toBe('candidate-with-precautions');
  expect(assessment.session.status).toBe('approved');
};

describe.each([
  ['precaution.allergy-prone', 'allergyProne'],
  ['precaution.estrogen-therapy', 'estrogenTherapy'],
  ['precaution.anticoagulation', 'anticoagulated'],
  ['precaution.superficial-thrombophlebitis', 'acuteSuperficialThrombophlebitis'],
] as const)('%s', (ruleId, field) => {
  it(`fires when ${field} is true`, async () => {
    const { assessment, finding } = await fires(changed((r) => { r.history[field] = true; }), ruleId);
    expect(evidenceOf(finding, field)).toMatchObject({ actual: true, expected: true, requestPath: `history.${field}` });
    expect(finding.detail).toContain('(yes)');
    expectPrecautionsOnly(assessment);
  });

  it(`stays silent when ${field} is false`, async () => {
    const assessment = await staysSilent(changed((r) => { r.history[field] = false; }), ruleId);
    expect(assessment.status).toBe('candidate');
  });

  it(`stays silent when ${field} is undocumented`, async () => {
    await staysSilent(changed((r) => { Reflect.deleteProperty(r.history, field); }), ruleId);
  });
});

describe('precaution.breastfeeding', () => {
  it('fires for a breastfeeding patient', async () => {
    const { assessment, finding } = await fires(changed((r) => { r.patient.breastfeeding = true; }), 'precaution.breastfeeding');
    expect(evidenceOf(finding, 'breastfeeding')).toMatchObject({ actual: true, requestPath: 'patient.breastfeeding' });
    expect(finding.detail).toContain('Breastfeeding: yes');
    expectPrecautionsOnly(assessment);
  });

  it('stays silent when breastfeeding is false', async () => {
    await staysSilent(cleanRequest(), 'precaution.breastfeeding');
  });
});

describe('precaution.pregnancy and precaution.postpartum', () => {
  it('fires the pregnancy precaution for a pregnant patient', async () => {
    const request = changed((r) => { r.patient.pregnancy = 'pregnant'; });
    const { assessment, finding } = await fires(request, 'precaution.pregnancy');
    expect(evidenceOf(finding, 'pregnancy')).toMatchObject({ actual: 'pregnant', requestPath: 'patient.pregnancy' });
    expect(finding.detail).toContain('pregnant');
    expect(firedIds(assessment)).not.toContain('precaution.postpartum');
    expectPrecautionsOnly(assessment);
  });

  it('fires the postpartum precaution, not the pregnancy one, after delivery', async () => {
    const request = changed((r) => { r.patient.pregnancy = 'postpartum'; });
    const { assessment, finding } = await fires(request, 'precaution.postpartum');
    expect(evidenceOf(finding, 'pregnancy')).toMatchObject({ actual: 'postpartum', requestPath: 'patient.pregnancy' });
    expect(finding.detail).toContain('postpartum');
    expect(firedIds(assessment)).not.toContain('precaution.pregnancy');
    expectPrecautionsOnly(assessment);
  });

  it('stays silent for a patient documented as not pregnant', async () => {
    const assessment = await staysSilent(cleanRequest(), 'precaution.pregnancy');
    expect(firedIds(assessment)).not.toContain('precaution.postpartum');
  });
});

describe('precaution.thrombosis-risk', () => {
  it.each([
    ['priorThromboembolism', true, 'Prior DVT or PE: yes', (r: AssessmentRequest) => { r.history.priorThromboembolism = true; }],
    ['thrombophilia', true, 'thrombophilia: yes', (r: AssessmentRequest) => { r.history.thrombophilia = true; }],
    ['activeCancer', true, 'active cancer: yes', (r: AssessmentRequest) => { r.history.activeCancer = true; }],
    [
      'recentMajorSurgeryOrHospitalization',
      true,
      'last 3 months: yes',
      (r: AssessmentRequest) => { r.history.recentMajorSurgeryOrHospitalization = true; },
    ],
    ['mobility', 'reduced', 'mobility: reduced', (r: AssessmentRequest) => { r.history.mobility = 'reduced'; }],
  ] as const)('fires for %s alone and names only that factor', async (fact, actual, text, change) => {
    const { assessment, finding } = await fires(changed(change), 'precaution.thrombosis-risk');
    expect(finding.evidence.map((e) => e.fact)).toEqual([fact]);
    expect(evidenceOf(finding, fact)).toMatchObject({ actual, requestPath: `history.${fact}` });
    expect(finding.detail).toContain(text);
    // A prior thromboembolism also asks for a duplex, which outranks the caution.
    if (fact !== 'priorThromboembolism') expectPrecautionsOnly(assessment);
  });

  it('names each factor present when several are', async () => {
    const request = changed((r) => {
      r.history.thrombophilia = true;
      r.history.activeCancer = true;
      r.history.mobility = 'reduced';
    });
    const { finding } = await fires(request, 'precaution.thrombosis-risk');
    expect(finding.evidence.map((e) => [e.fact, e.actual])).toEqual([
      ['thrombophilia', true],
      ['activeCancer', true],
      ['mobility', 'reduced'],
    ]);
  });

  it('stays silent when every factor is confirmed absent', async () => {
    await staysSilent(cleanRequest(), 'precaution.thrombosis-risk');
  });

  it('stays silent for undocumented factors, which are asked for instead', async () => {
    const request = changed((r) => {
      delete r.history.priorThromboembolism;
      delete r.history.thrombophilia;
    });
    const assessment = await staysSilent(request, 'precaution.thrombosis-risk');
    expect(firedIds(assessment)).toContain('screening.unconfirmed-precautions');
  });

  it('does not name an undocumented factor next to a present one', async () => {
    const request = changed((r) => {
      r.history.activeCancer = true;
      delete r.history.thrombophilia;
    });
    const { finding } = await fires(request, 'precaution.thrombosis-risk');
    expect(finding.evidence.map((e) => e.fact)).toEqual(['activeCancer']);
  });
});

describe('precaution.peripheral-arterial-disease', () => {
  it.each(['mild', 'severe'] as const)('fires for %s arterial disease', async (grade) => {
    const request = changed((r) => { r.history.peripheralArterialDisease = grade; });
    const { assessment, finding } = await fires(request, 'precaution.peripheral-arterial-disease');
    expect(evidenceOf(finding, 'peripheralArterialDisease')).toMatchObject({
      actual: grade,
      requestPath: 'history.peripheralArterialDisease',
    });
    expect(finding.detail).toContain(grade);
    expectPrecautionsOnly(assessment);
  });

  it('stays silent for no arterial disease', async () => {
    await staysSilent(cleanRequest(), 'precaution.peripheral-arterial-disease');
  });

  it('stays silent for critical ischaemia, which is a contraindication instead', async () => {
    const request = changed((r) => { r.history.peripheralArterialDisease = 'critical'; });
    const assessment = await staysSilent(request, 'precaution.peripheral-arterial-disease');
    expect(firedIds(assessment)).toContain('contraindication.critical-limb-ischemia');
  });
});

describe.each([
  ['precaution.asymptomatic-shunt-foam', (r: AssessmentRequest) => { r.history.rightToLeftShunt = 'asymptomatic'; }, 'rightToLeftShunt', 'asymptomatic'],
  ['precaution.migraine-foam', (r: AssessmentRequest) => { r.history.migraineWithAura = true; }, 'migraineWithAura', true],
] as const)('%s', (ruleId, condition, fact, actual) => {
  const withFormulation = (formulation: 'liquid' | 'foam') =>
    changed((r) => {
      condition(r);
      plan(r).formulation = formulation;
    });

  it('fires when foam is planned', async () => {
    const { assessment, finding } = await fires(withFormulation('foam'), ruleId);
    expect(evidenceOf(finding, fact)).toMatchObject({ actual, requestPath: `history.${fact}` });
    expect(evidenceOf(finding, 'plannedFormulation')).toMatchObject({ actual: 'foam', requestPath: 'plannedSession.formulation' });
    expect(finding.detail).toContain('foam');
    expectPrecautionsOnly(assessment);
  });

  it('stays silent when liquid is planned', async () => {
    const assessment = await staysSilent(withFormulation('liquid'), ruleId);
    expect(assessment.status).toBe('candidate');
  });

  it('stays silent when nothing is planned', async () => {
    await staysSilent(changed((r) => { delete r.plannedSession; }, withFormulation('foam')), ruleId);
  });

  it('stays silent for foam without the condition', async () => {
    await staysSilent(changed((r) => { plan(r).formulation = 'foam'; }), ruleId);
  });
});

describe('precaution.asymptomatic-shunt-foam with a symptomatic shunt', () => {
  it('gives way to the contraindication', async () => {
    const request = changed((r) => {
      r.history.rightToLeftShunt = 'symptomatic';
      plan(r).formulation = 'foam';
    });
    const assessment = await staysSilent(request, 'precaution.asymptomatic-shunt-foam');
    expect(firedIds(assessment)).toContain('contraindication.symptomatic-shunt-foam');
  });
});

describe('precaution.other-sclerosant-allergy', () => {
  it('fires for an allergy to another agent than the planned one', async () => {
    const request = changed((r) => { r.history.sclerosantAllergies = ['sodium-tetradecyl-sulfate']; });
    const { assessment, finding } = await fires(request, 'precaution.other-sclerosant-allergy');
    expect(evidenceOf(finding, 'sclerosantAllergyCount')).toMatchObject({
      actual: 1,
      requestPath: 'history.sclerosantAllergies',
    });
    expect(evidenceOf(finding, 'plannedAgentAllergy').actual).toBe(false);
    expect(finding.detail).toContain('sodium-tetradecyl-sulfate');
    expect(finding.detail).toContain('polidocanol');
    expect(firedIds(assessment)).not.toContain('contraindication.sclerosant-allergy');
    expectPrecautionsOnly(assessment);
  });

  it('fires for any allergy when nothing is planned', async () => {
    const request = changed((r) => {
      r.history.sclerosantAllergies = ['polidocanol', 'glycerin'];
      delete r.plannedSession;
    });
    const { assessment, finding } = await fires(request, 'precaution.other-sclerosant-allergy');
    expect(evidenceOf(finding, 'sclerosantAllergyCount').actual).toBe(2);
    expect(finding.detail).toContain('polidocanol, glycerin');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('not-planned');
  });

  it('stays silent when the planned agent is among the allergies', async () => {
    const request = changed((r) => { r.history.sclerosantAllergies = ['glycerin', 'polidocanol']; });
    const assessment = await staysSilent(request, 'precaution.other-sclerosant-allergy');
    expect(firedIds(assessment)).toContain('contraindication.sclerosant-allergy');
  });

  it('stays silent when no allergy is known', async () => {
    await staysSilent(cleanRequest(), 'precaution.other-sclerosant-allergy');
  });

  it('stays silent when allergies are undocumented', async () => {
    await staysSilent(changed((r) => { delete r.history.sclerosantAllergies; }), 'precaution.other-sclerosant-allergy');
  });
});
