import { describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import type { Agent } from '../../src/model/vocabulary.js';
import {
  assessValid,
  changed,
  cleanRequest,
  evidenceOf,
  firedIds,
  fires as firesAsSpecified,
  plan,
  specifiedRule,
  staysSilent,
  expectClinicianText,
} from '../helpers.js';



/** Requires a rule that RULES.md lists as a precaution to fire, about the patient rather than particular veins. */
const fires = async (request: AssessmentRequest, ruleId: string): Promise<{ assessment: Assessment; finding: Finding }> => {
  expect(specifiedRule(ruleId).category).toBe('precaution');
  const fired = await firesAsSpecified(request, ruleId);
  expect(fired.finding.veinIds).toBeUndefined();
  expect(fired.finding.scope).toBeUndefined();
  expectClinicianText(fired.finding);
  return fired;
};

const expectPrecautionsOnly = (assessment: Assessment): void => {
  expect(assessment.status).toBe('candidate-with-precautions');
  expect(assessment.session.status).toBe('approved');
  expect(assessment.session.holds).toEqual([]);
};

const withAgent = (agent: Agent, change: (r: AssessmentRequest) => void): AssessmentRequest =>
  changed((r) => {
    change(r);
    plan(r).agent = agent;
  });

const withoutPlan = (change: (r: AssessmentRequest) => void): AssessmentRequest =>
  changed((r) => {
    change(r);
    delete r.plannedSession;
  });

/** A duplex on record with no reflux, so an earlier thrombosis does not also ask for one. */
const cleanDuplex = (r: AssessmentRequest): void => {
  r.duplexUltrasound = { date: '2026-01-10', truncalReflux: [], deepVenousDisease: [] };
};

describe.each([
  ['precaution.allergy-prone', 'allergyProne', 'asthma or a strong tendency to allergic reactions'],
  ['precaution.estrogen-therapy', 'estrogenTherapy', 'oral contraceptive or hormone replacement therapy'],
  ['precaution.anticoagulation', 'anticoagulated', 'anticoagulant'],
  ['precaution.superficial-thrombophlebitis', 'acuteSuperficialThrombophlebitis', 'acute superficial thrombophlebitis'],
] as const)('%s', (ruleId, field, words) => {
  it(`fires when ${field} is true`, async () => {
    const { assessment, finding } = await fires(changed((r) => { r.history[field] = true; }), ruleId);
    expect(evidenceOf(finding, field)).toMatchObject({ actual: true, expected: true, requestPath: `history.${field}` });
    expect(finding.detail.toLowerCase()).toContain(words);
    expect(finding.effect).toBe('caution');
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

describe('precaution.estrogen-therapy as a thrombosis factor', () => {
  it('also fires the thrombosis caution, naming oestrogen as a factor', async () => {
    const { assessment } = await fires(changed((r) => { r.history.estrogenTherapy = true; }), 'precaution.estrogen-therapy');
    expect(firedIds(assessment)).toContain('precaution.thrombosis-risk');
  });
});

describe('precaution.allergy-prone detail by agent', () => {
  const prone = (r: AssessmentRequest): void => { r.history.allergyProne = true; };

  it('describes polidocanol reactions and the 3 mL threshold for a polidocanol plan', async () => {
    const { finding } = await fires(changed(prone), 'precaution.allergy-prone');
    expect(finding.detail).toContain('polidocanol');
    expect(finding.detail).toContain('3 mL');
    expect(finding.detail).not.toContain('sodium tetradecyl sulfate');
  });

  it('names the STS labels, not polidocanol, for an STS plan', async () => {
    const { finding } = await fires(withAgent('sodium-tetradecyl-sulfate', prone), 'precaution.allergy-prone');
    expect(finding.detail).toContain('sodium tetradecyl sulfate labels list allergic conditions and asthma as contraindications');
    expect(finding.detail).not.toContain('polidocanol');
  });

  it.each([['hypertonic-saline', 'hypertonic saline'], ['glycerin', 'glycerin']] as const)(
    'says no label covers %s for that plan',
    async (agent, words) => {
      const { finding } = await fires(withAgent(agent, prone), 'precaution.allergy-prone');
      expect(finding.detail).toContain(`covers ${words}`);
      expect(finding.detail).not.toContain('polidocanol');
    },
  );

  it('describes polidocanol and STS when nothing is planned', async () => {
    const { finding } = await fires(withoutPlan(prone), 'precaution.allergy-prone');
    expect(finding.detail).toContain('polidocanol');
    expect(finding.detail).toContain('sodium tetradecyl sulfate');
  });
});

describe('precaution.superficial-thrombophlebitis detail by agent', () => {
  const phlebitis = (r: AssessmentRequest): void => { r.history.acuteSuperficialThrombophlebitis = true; };

  it('says an STS plan falls outside its labels', async () => {
    const { finding } = await fires(withAgent('sodium-tetradecyl-sulfate', phlebitis), 'precaution.superficial-thrombophlebitis');
    expect(finding.detail).toContain('this plan falls outside its label');
  });

  it('mentions the STS labels as a contraindication for another agent too', async () => {
    const { finding } = await fires(changed(phlebitis), 'precaution.superficial-thrombophlebitis');
    expect(finding.detail).toContain('contraindication on the sodium tetradecyl sulfate labels');
    expect(finding.detail).not.toContain('this plan falls outside');
  });
});

describe('precaution.breastfeeding', () => {
  const feeding = (r: AssessmentRequest): void => { r.patient.breastfeeding = true; };

  it('fires for a breastfeeding patient, with the polidocanol pause for a polidocanol plan', async () => {
    const { assessment, finding } = await fires(changed(feeding), 'precaution.breastfeeding');
    expect(evidenceOf(finding, 'breastfeeding')).toMatchObject({ actual: true, requestPath: 'patient.breastfeeding' });
    expect(finding.detail).toContain('2–3 days');
    expect(finding.detail).toContain('Swiss label');
    expect(finding.detail).not.toContain('sodium tetradecyl sulfate');
    expectPrecautionsOnly(assessment);
  });

  it('says excretion into milk is not known for an STS plan', async () => {
    const { finding } = await fires(withAgent('sodium-tetradecyl-sulfate', feeding), 'precaution.breastfeeding');
    expect(finding.detail).toContain('sodium tetradecyl sulfate passes into breast milk is not known');
    expect(finding.detail).not.toContain('polidocanol');
  });

  it('expects no drug exposure from hypertonic saline, yet stays a caution', async () => {
    const { finding } = await fires(withAgent('hypertonic-saline', feeding), 'precaution.breastfeeding');
    expect(finding.detail).toContain('not expected to expose the infant');
    expect(finding.effect).toBe('caution');
  });

  it('describes polidocanol and STS when nothing is planned', async () => {
    const { finding } = await fires(withoutPlan(feeding), 'precaution.breastfeeding');
    expect(finding.detail).toContain('polidocanol');
    expect(finding.detail).toContain('sodium tetradecyl sulfate');
  });

  it('stays silent when breastfeeding is false', async () => {
    await staysSilent(cleanRequest(), 'precaution.breastfeeding');
  });
});

describe('precaution.pregnancy', () => {
  const pregnant = (r: AssessmentRequest): void => { r.patient.pregnancy = 'pregnant'; };

  it('holds the session for a pregnant patient, deferring treatment', async () => {
    const { assessment, finding } = await fires(changed(pregnant), 'precaution.pregnancy');
    expect(finding).toMatchObject({ effect: 'hold-session', severity: 'critical', holdReason: 'deferred-treatment' });
    expect(evidenceOf(finding, 'pregnancy')).toMatchObject({ actual: 'pregnant', requestPath: 'patient.pregnancy' });
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toEqual([
      { ruleId: 'precaution.pregnancy', reason: 'deferred-treatment', resolution: finding.resolution },
    ]);
    expect(assessment.session.heldVeinIds).toEqual([]);
    expect(finding.resolution).toContain('after delivery');
    expect(finding.resolution).toContain('specialist decision');
    expect(firedIds(assessment)).not.toContain('precaution.postpartum');
    expect(firedIds(assessment).filter((id) => id.startsWith('aftercare.'))).toEqual([]);
  });

  it('cites the polidocanol animal data and the Swiss trimester limits for a polidocanol plan', async () => {
    const { finding } = await fires(changed(pregnant), 'precaution.pregnancy');
    expect(finding.detail).toContain('2.5 mg/kg');
    expect(finding.detail).toContain('Swiss label');
    expect(finding.detail).not.toContain('sodium tetradecyl sulfate');
  });

  it('describes the STS label, not polidocanol, for an STS plan', async () => {
    const { assessment, finding } = await fires(withAgent('sodium-tetradecyl-sulfate', pregnant), 'precaution.pregnancy');
    expect(finding.detail).toContain('only when clearly needed');
    expect(finding.detail).not.toMatch(/polidocanol|rabbit/);
    expect(assessment.session.status).toBe('held');
  });

  it.each([['hypertonic-saline', 'hypertonic saline'], ['glycerin', 'glycerin']] as const)(
    'says no label covers %s in pregnancy',
    async (agent, words) => {
      const { finding } = await fires(withAgent(agent, pregnant), 'precaution.pregnancy');
      expect(finding.detail).toContain(`covers ${words}`);
      expect(finding.detail).not.toMatch(/polidocanol|rabbit/);
    },
  );

  it('describes polidocanol and STS when nothing is planned, with no session to hold', async () => {
    const { assessment, finding } = await fires(withoutPlan(pregnant), 'precaution.pregnancy');
    expect(finding.detail).toContain('polidocanol');
    expect(finding.detail).toContain('sodium tetradecyl sulfate');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('not-planned');
    expect(assessment.session.holds).toEqual([]);
  });

  it('stays silent for a patient documented as not pregnant', async () => {
    const assessment = await staysSilent(cleanRequest(), 'precaution.pregnancy');
    expect(firedIds(assessment)).not.toContain('precaution.postpartum');
    expect(assessment.session.status).toBe('approved');
  });
});

describe('precaution.postpartum', () => {
  const postpartum = (r: AssessmentRequest): void => { r.patient.pregnancy = 'postpartum'; };

  it('holds the session within 3 months of delivery, as a warning', async () => {
    const { assessment, finding } = await fires(changed(postpartum), 'precaution.postpartum');
    expect(finding).toMatchObject({ effect: 'hold-session', severity: 'warning', holdReason: 'deferred-treatment' });
    expect(evidenceOf(finding, 'pregnancy')).toMatchObject({ actual: 'postpartum', requestPath: 'patient.pregnancy' });
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toEqual([
      { ruleId: 'precaution.postpartum', reason: 'deferred-treatment', resolution: finding.resolution },
    ]);
    expect(finding.resolution).toContain('at least 3 months after delivery');
    expect(firedIds(assessment)).not.toContain('precaution.pregnancy');
  });

  it('counts delivery as a thrombosis factor: the thrombosis caution names it', async () => {
    const { assessment } = await fires(changed(postpartum), 'precaution.postpartum');
    const caution = assessment.findings.find((f) => f.ruleId === 'precaution.thrombosis-risk');
    expect(caution?.detail).toContain('delivery within the last 3 months');
  });

  it('names the polidocanol labels for a polidocanol plan only', async () => {
    const pol = await fires(changed(postpartum), 'precaution.postpartum');
    expect(pol.finding.detail).toContain('polidocanol labels');
    const sts = await fires(withAgent('sodium-tetradecyl-sulfate', postpartum), 'precaution.postpartum');
    expect(sts.finding.detail).not.toContain('polidocanol');
  });

  it('stays silent for a pregnant patient, who has the pregnancy hold', async () => {
    await staysSilent(changed((r) => { r.patient.pregnancy = 'pregnant'; }), 'precaution.postpartum');
  });
});

describe('precaution.high-thrombosis-risk', () => {
  const RULE = 'precaution.high-thrombosis-risk';

  it('holds the session for a major factor with one other factor', async () => {
    const request = changed((r) => {
      r.history.thrombophilia = true;
      r.history.estrogenTherapy = true;
    });
    const { assessment, finding } = await fires(request, RULE);
    expect(finding).toMatchObject({ effect: 'hold-session', severity: 'warning', holdReason: 'decision-required' });
    expect(finding.evidence.map((e) => [e.fact, e.actual])).toEqual([
      ['highThrombosisRisk', true],
      ['thromboprophylaxisDecision', 'undocumented'],
      ['thrombophilia', true],
      ['estrogenTherapy', true],
    ]);
    expect(finding.detail).toContain('known thrombophilia (a hypercoagulable state), estrogen therapy');
    expect(finding.detail).toContain('3 factors or more');
    expect(finding.resolution).toContain('thromboprophylaxis decision');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toEqual([{ ruleId: RULE, reason: 'decision-required', resolution: finding.resolution }]);
    expect(firedIds(assessment)).not.toContain('precaution.thrombosis-risk');
  });

  it('holds for an earlier thrombosis with one other factor', async () => {
    const request = changed((r) => {
      cleanDuplex(r);
      r.history.priorThromboembolism = true;
      r.history.activeCancer = true;
    });
    const { assessment } = await fires(request, RULE);
    expect(assessment.session.status).toBe('held');
  });

  it('stays silent for one major factor alone', async () => {
    const assessment = await staysSilent(changed((r) => { r.history.thrombophilia = true; }), RULE);
    expect(firedIds(assessment)).toContain('precaution.thrombosis-risk');
    expectPrecautionsOnly(assessment);
  });

  it('stays silent for two minor factors, which get the caution', async () => {
    const request = changed((r) => {
      r.history.activeCancer = true;
      r.history.estrogenTherapy = true;
    });
    const assessment = await staysSilent(request, RULE);
    expect(firedIds(assessment)).toContain('precaution.thrombosis-risk');
    expectPrecautionsOnly(assessment);
  });

  it('holds for three minor factors, the default factor count', async () => {
    const request = changed((r) => {
      r.history.activeCancer = true;
      r.history.estrogenTherapy = true;
      r.history.mobility = 'reduced';
    });
    const { assessment, finding } = await fires(request, RULE);
    expect(finding.limits).toEqual([{ name: 'highThrombosisRiskFactorCount', value: 3, unit: expect.any(String) as string }]);
    expect(finding.evidence.filter((e) => e.fact !== 'highThrombosisRisk' && e.fact !== 'thromboprophylaxisDecision').map((e) => e.fact)).toEqual([
      'activeCancer',
      'mobility',
      'estrogenTherapy',
    ]);
    expect(assessment.session.status).toBe('held');
  });

  it('counts delivery within 3 months as a factor', async () => {
    const request = changed((r) => {
      r.patient.pregnancy = 'postpartum';
      r.history.thrombophilia = true;
    });
    const { finding } = await fires(request, RULE);
    expect(evidenceOf(finding, 'pregnancy').actual).toBe('postpartum');
  });

  it('never counts an undocumented factor as present', async () => {
    const request = changed((r) => {
      r.history.thrombophilia = true;
      delete r.history.estrogenTherapy;
    });
    const assessment = await staysSilent(request, RULE);
    // The missing oestrogen entry could tip the risk, so it is asked for instead.
    expect(assessment.session.status).toBe('held');
    expect(assessment.unconfirmed).toContain('history.estrogenTherapy');
  });

  it.each(['given', 'not-indicated'] as const)('is released by a documented decision (%s); the caution fires instead', async (decision) => {
    const request = changed((r) => {
      r.history.thrombophilia = true;
      r.history.estrogenTherapy = true;
      plan(r).thromboprophylaxisDecision = decision;
    });
    const assessment = await staysSilent(request, RULE);
    expectPrecautionsOnly(assessment);
    const caution = assessment.findings.find((f) => f.ruleId === 'precaution.thrombosis-risk') ?? expect.fail('no caution');
    expect(evidenceOf(caution, 'thromboprophylaxisDecision').actual).toBe(decision);
    expect(evidenceOf(caution, 'highThrombosisRisk').actual).toBe(true);
    expect(caution.detail).toContain(decision === 'given' ? 'decision to give thromboprophylaxis' : 'not indicated');
  });

  it('fires without a plan, with no session to hold', async () => {
    const request = withoutPlan((r) => {
      r.history.thrombophilia = true;
      r.history.recentMajorSurgeryOrHospitalization = true;
    });
    const { assessment, finding } = await fires(request, RULE);
    expect(evidenceOf(finding, 'thromboprophylaxisDecision').actual).toBe('none');
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('not-planned');
  });

  it('stays silent with no factor', async () => {
    await staysSilent(cleanRequest(), RULE);
  });
});

describe('precaution.thrombosis-risk', () => {
  const RULE = 'precaution.thrombosis-risk';

  it.each([
    ['priorThromboembolism', true, 'earlier deep-vein thrombosis or pulmonary embolism', (r: AssessmentRequest) => { cleanDuplex(r); r.history.priorThromboembolism = true; }],
    ['thrombophilia', true, 'known thrombophilia', (r: AssessmentRequest) => { r.history.thrombophilia = true; }],
    ['activeCancer', true, 'active cancer', (r: AssessmentRequest) => { r.history.activeCancer = true; }],
    ['recentMajorSurgeryOrHospitalization', true, 'major surgery or hospital stay in the last 3 months', (r: AssessmentRequest) => { r.history.recentMajorSurgeryOrHospitalization = true; }],
    ['mobility', 'reduced', 'reduced mobility', (r: AssessmentRequest) => { r.history.mobility = 'reduced'; }],
    ['estrogenTherapy', true, 'estrogen therapy', (r: AssessmentRequest) => { r.history.estrogenTherapy = true; }],
    ['pregnancy', 'postpartum', 'delivery within the last 3 months', (r: AssessmentRequest) => { r.patient.pregnancy = 'postpartum'; }],
  ] as const)('fires for %s alone and names only that factor', async (fact, actual, words, change) => {
    const { assessment, finding } = await fires(changed(change), RULE);
    expect(finding.evidence.map((e) => [e.fact, e.actual])).toEqual([[fact, actual], ['highThrombosisRisk', false]]);
    expect(finding.detail).toContain(`Thrombosis risk factors present: ${words}`);
    expect(finding.detail).toContain('not to the level that holds a session');
    if (fact !== 'pregnancy') expectPrecautionsOnly(assessment);
  });

  it('names each factor present when several are', async () => {
    const request = changed((r) => {
      r.history.activeCancer = true;
      r.history.mobility = 'reduced';
    });
    const { finding } = await fires(request, RULE);
    expect(finding.evidence.map((e) => [e.fact, e.actual])).toEqual([
      ['activeCancer', true],
      ['mobility', 'reduced'],
      ['highThrombosisRisk', false],
    ]);
    expect(finding.detail).toContain('active cancer, reduced mobility');
  });

  it('stays silent while the high-risk hold fires', async () => {
    const request = changed((r) => {
      r.history.thrombophilia = true;
      r.history.activeCancer = true;
    });
    const assessment = await staysSilent(request, RULE);
    expect(firedIds(assessment)).toContain('precaution.high-thrombosis-risk');
  });

  it('does not name a documented decision when the risk is not high', async () => {
    const request = changed((r) => {
      r.history.activeCancer = true;
      plan(r).thromboprophylaxisDecision = 'given';
    });
    const { finding } = await fires(request, RULE);
    expect(finding.evidence.map((e) => e.fact)).toEqual(['activeCancer', 'highThrombosisRisk']);
    expect(finding.detail).not.toContain('decision');
  });

  it('stays silent when every factor is confirmed absent', async () => {
    await staysSilent(cleanRequest(), RULE);
  });

  it('stays silent for undocumented factors, which are asked for instead', async () => {
    const request = changed((r) => {
      delete r.history.activeCancer;
      delete r.history.anticoagulated;
    });
    const assessment = await staysSilent(request, RULE);
    expect(firedIds(assessment)).toContain('screening.unconfirmed-thrombosis-risk');
  });

  it('does not name an undocumented factor next to a present one', async () => {
    const request = changed((r) => {
      r.history.activeCancer = true;
      delete r.history.anticoagulated;
    });
    const { finding } = await fires(request, RULE);
    expect(finding.evidence.map((e) => e.fact)).toEqual(['activeCancer', 'highThrombosisRisk']);
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
    expect(finding.detail).toContain(`recorded as ${grade}`);
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
    const { finding } = await fires(withFormulation('foam'), ruleId);
    expect(evidenceOf(finding, fact)).toMatchObject({ actual, requestPath: `history.${fact}` });
    expect(evidenceOf(finding, 'plannedFormulation')).toMatchObject({ actual: 'foam', requestPath: 'plannedSession.formulation' });
    expect(finding.detail).toContain('the plan is for foam');
    expect(finding.resolution).toContain('liquid');
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
  it('fires for an allergy to another agent than the planned one, naming agents in words', async () => {
    const request = changed((r) => { r.history.sclerosantAllergies = ['sodium-tetradecyl-sulfate']; });
    const { assessment, finding } = await fires(request, 'precaution.other-sclerosant-allergy');
    expect(evidenceOf(finding, 'sclerosantAllergyCount')).toMatchObject({
      actual: 1,
      requestPath: 'history.sclerosantAllergies',
    });
    expect(evidenceOf(finding, 'plannedAgentAllergy').actual).toBe(false);
    expect(finding.detail).toContain('allergies to sodium tetradecyl sulfate; the planned agent, polidocanol, is not among them');
    expect(finding.detail).not.toContain('sodium-tetradecyl-sulfate');
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
    expect(finding.detail).toContain('polidocanol, glycerin, and no session is planned');
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

describe('precaution rules and the session', () => {
  it('hold only through the three hold-session rules; every other precaution leaves the session approved', async () => {
    const assessment = await assessValid(
      changed((r) => {
        r.history.allergyProne = true;
        r.history.anticoagulated = true;
        r.history.peripheralArterialDisease = 'mild';
        r.patient.breastfeeding = true;
      }),
    );
    expectPrecautionsOnly(assessment);
  });
});
