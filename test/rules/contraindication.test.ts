import { describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import { STATUSES, type Status } from '../../src/model/vocabulary.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import {
  assessValid,
  changed,
  cleanRequest,
  evidenceOf,
  findingOf,
  firedIds,
  fires as firesAsSpecified,
  plan,
  staysSilent,
  ABSOLUTE_CONTRAINDICATION_FIELDS,
  expectClinicianText,
} from '../helpers.js';


/** Requires a contraindication to fire as RULES.md lists it, about the patient, with clinician-facing text. */
const fires = async (request: AssessmentRequest, ruleId: string): Promise<{ assessment: Assessment; finding: Finding }> => {
  const fired = await firesAsSpecified(request, ruleId);
  expect(fired.finding.category).toBe('contraindication');
  expect(fired.finding.veinIds).toBeUndefined();
  expect(fired.finding.scope).toBeUndefined();
  expectClinicianText(fired.finding);
  return fired;
};

/** Tells whether a status is at least as strong as another (CONTRACT §4 precedence). */
const atLeast = (status: Status, floor: Status): boolean => STATUSES.indexOf(status) >= STATUSES.indexOf(floor);

const expectExcluded = (assessment: Assessment): void => {
  expect(assessment.status).toBe('not-candidate');
  expect(assessment.session.status).toBe('blocked');
};

describe.each([
  ['contraindication.acute-thromboembolism', 'acuteThromboembolism'],
  ['contraindication.severe-acute-illness', 'severeAcuteIllness'],
  ['contraindication.local-infection', 'localInfectionAtTreatmentSite'],
  ['contraindication.prior-severe-reaction', 'severeReactionToPriorSclerotherapy'],
] as const)('%s', (ruleId, field) => {
  it(`excludes the patient when ${field} is true`, async () => {
    const { assessment, finding } = await fires(changed((r) => { r.history[field] = true; }), ruleId);
    expect(evidenceOf(finding, field)).toMatchObject({ actual: true, expected: true, requestPath: `history.${field}` });
    expect(finding.detail).toMatch(/^The record documents /);
    expectExcluded(assessment);
  });

  it(`stays silent when ${field} is false`, async () => {
    const assessment = await staysSilent(changed((r) => { r.history[field] = false; }), ruleId);
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.status).toBe('approved');
  });

  it(`stays silent but asks for ${field} when it is undocumented`, async () => {
    const assessment = await staysSilent(changed((r) => { Reflect.deleteProperty(r.history, field); }), ruleId);
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.unconfirmed).toContain(`history.${field}`);
  });
});

describe('contraindication.bedridden', () => {
  it('excludes a bedridden patient', async () => {
    const { assessment, finding } = await fires(changed((r) => { r.history.mobility = 'bedridden'; }), 'contraindication.bedridden');
    expect(evidenceOf(finding, 'mobility')).toMatchObject({ actual: 'bedridden', requestPath: 'history.mobility' });
    expect(finding.detail).toContain('bedridden');
    expectExcluded(assessment);
  });

  it('stays silent for reduced mobility, which is a thrombosis risk instead', async () => {
    const assessment = await staysSilent(changed((r) => { r.history.mobility = 'reduced'; }), 'contraindication.bedridden');
    expect(firedIds(assessment)).toContain('precaution.thrombosis-risk');
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('stays silent for normal mobility', async () => {
    await staysSilent(cleanRequest(), 'contraindication.bedridden');
  });
});

describe('contraindication.critical-limb-ischemia', () => {
  it('excludes a patient with critical limb ischaemia', async () => {
    const request = changed((r) => { r.history.peripheralArterialDisease = 'critical'; });
    const { assessment, finding } = await fires(request, 'contraindication.critical-limb-ischemia');
    expect(evidenceOf(finding, 'peripheralArterialDisease')).toMatchObject({
      actual: 'critical',
      requestPath: 'history.peripheralArterialDisease',
    });
    expect(finding.detail).toContain('critical');
    expect(firedIds(assessment)).not.toContain('precaution.peripheral-arterial-disease');
    expectExcluded(assessment);
  });

  it('stays silent for severe arterial disease, which is a precaution instead', async () => {
    const request = changed((r) => { r.history.peripheralArterialDisease = 'severe'; });
    const assessment = await staysSilent(request, 'contraindication.critical-limb-ischemia');
    expect(firedIds(assessment)).toContain('precaution.peripheral-arterial-disease');
    expect(assessment.status).toBe('candidate-with-precautions');
  });
});

describe('contraindication.sclerosant-allergy', () => {
  it('excludes a patient allergic to the planned polidocanol', async () => {
    const request = changed((r) => { r.history.sclerosantAllergies = ['polidocanol']; });
    const { assessment, finding } = await fires(request, 'contraindication.sclerosant-allergy');
    expect(evidenceOf(finding, 'plannedAgentAllergy')).toMatchObject({
      actual: true,
      requestPath: 'history.sclerosantAllergies',
    });
    expect(finding.detail).toContain('allergy to polidocanol');
    expect(finding.detail).toContain('Asclera and Varithena');
    expect(finding.detail).not.toContain('sodium tetradecyl sulfate');
    expect(firedIds(assessment)).not.toContain('precaution.other-sclerosant-allergy');
    expectExcluded(assessment);
  });

  it.each([['hypertonic-saline', 'hypertonic saline'], ['glycerin', 'glycerin']] as const)(
    'excludes a patient allergic to planned %s, saying no label covers it',
    async (agent, words) => {
      const request = changed((r) => {
        r.history.sclerosantAllergies = [agent];
        plan(r).agent = agent;
      });
      const { assessment, finding } = await fires(request, 'contraindication.sclerosant-allergy');
      expect(finding.detail).toContain(`allergy to ${words}`);
      expect(finding.detail).toContain('label covers');
      expectExcluded(assessment);
    },
  );

  it('excludes a patient allergic to the planned sodium tetradecyl sulfate among other agents', async () => {
    const request = changed((r) => {
      r.history.sclerosantAllergies = ['glycerin', 'sodium-tetradecyl-sulfate'];
      plan(r).agent = 'sodium-tetradecyl-sulfate';
    });
    const { assessment, finding } = await fires(request, 'contraindication.sclerosant-allergy');
    expect(finding.detail).toContain('allergy to sodium tetradecyl sulfate (documented allergies: glycerin, sodium tetradecyl sulfate)');
    expect(finding.detail).toContain('Sotradecol and Fibrovein');
    expect(finding.detail).not.toMatch(/polidocanol|sodium-tetradecyl-sulfate/);
    expect(firedIds(assessment)).not.toContain('precaution.other-sclerosant-allergy');
    expectExcluded(assessment);
  });

  it('stays silent for an allergy to another agent than the planned one', async () => {
    const request = changed((r) => { r.history.sclerosantAllergies = ['sodium-tetradecyl-sulfate']; });
    const assessment = await staysSilent(request, 'contraindication.sclerosant-allergy');
    expect(firedIds(assessment)).toContain('precaution.other-sclerosant-allergy');
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('stays silent when nothing is planned', async () => {
    const request = changed((r) => { r.history.sclerosantAllergies = ['polidocanol']; delete r.plannedSession; });
    const assessment = await staysSilent(request, 'contraindication.sclerosant-allergy');
    expect(firedIds(assessment)).toContain('precaution.other-sclerosant-allergy');
    expect(assessment.session.status).toBe('not-planned');
  });

  it('stays silent when no allergy is known', async () => {
    await staysSilent(cleanRequest(), 'contraindication.sclerosant-allergy');
  });
});

describe('contraindication.symptomatic-shunt-foam', () => {
  const shunt = (formulation: 'liquid' | 'foam') =>
    changed((r) => {
      r.history.rightToLeftShunt = 'symptomatic';
      plan(r).formulation = formulation;
    });

  it('blocks a foam session for a symptomatic shunt', async () => {
    const { assessment, finding } = await fires(shunt('foam'), 'contraindication.symptomatic-shunt-foam');
    expect(evidenceOf(finding, 'rightToLeftShunt')).toMatchObject({
      actual: 'symptomatic',
      requestPath: 'history.rightToLeftShunt',
    });
    expect(evidenceOf(finding, 'plannedFormulation')).toMatchObject({ actual: 'foam', requestPath: 'plannedSession.formulation' });
    expect(finding.detail).toContain('foam');
    expect(finding.resolution).toMatch(/liquid/i);
    expect(assessment.session.status).toBe('blocked');
    // block-session is not an exclusion: the patient remains a candidate for liquid (CONTRACT §4);
    // the foam cautions (spider-vein target, gas not recorded) make it one with precautions.
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.findings.filter((f) => f.effect !== 'inform' && f.ruleId !== 'contraindication.symptomatic-shunt-foam').map((f) => f.ruleId)).toEqual([
      'precaution.foam-small-veins',
      'precaution.room-air-foam',
    ]);
  });

  it('stays silent for a liquid session', async () => {
    const assessment = await staysSilent(shunt('liquid'), 'contraindication.symptomatic-shunt-foam');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent when nothing is planned', async () => {
    const request = changed((r) => { delete r.plannedSession; }, shunt('foam'));
    await staysSilent(request, 'contraindication.symptomatic-shunt-foam');
  });

  it('stays silent for an asymptomatic shunt with foam, which is a precaution instead', async () => {
    const request = changed((r) => { r.history.rightToLeftShunt = 'asymptomatic'; }, shunt('foam'));
    const assessment = await staysSilent(request, 'contraindication.symptomatic-shunt-foam');
    expect(firedIds(assessment)).toContain('precaution.asymptomatic-shunt-foam');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent for foam when no shunt is present', async () => {
    const request = changed((r) => { r.history.rightToLeftShunt = 'none'; }, shunt('foam'));
    await staysSilent(request, 'contraindication.symptomatic-shunt-foam');
  });
});

describe('undocumented absolute-contraindication fields', () => {
  it.each(ABSOLUTE_CONTRAINDICATION_FIELDS)('give at least insufficient information when %s is deleted', async (field) => {
    const assessment = await assessValid(changed((r) => { Reflect.deleteProperty(r.history, field); }));
    expect(atLeast(assessment.status, 'insufficient-information')).toBe(true);
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.unconfirmed).toContain(`history.${field}`);
    expect(assessment.findings.filter((f) => f.category === 'contraindication')).toEqual([]);
  });

  it('count the shunt as unconfirmed only when foam is planned', async () => {
    const foam = await assessValid(changed((r) => { delete r.history.rightToLeftShunt; plan(r).formulation = 'foam'; }));
    expect(foam.status).toBe('insufficient-information');
    expect(findingOf(foam, 'screening.unconfirmed-contraindications')?.unconfirmed).toEqual(['history.rightToLeftShunt']);
    const liquid = await assessValid(changed((r) => { delete r.history.rightToLeftShunt; }));
    expect(liquid.status).toBe('candidate');
    expect(firedIds(liquid)).not.toContain('screening.unconfirmed-contraindications');
  });

  it('never hide a confirmed exclusion', async () => {
    const request = changed((r) => {
      delete r.history.mobility;
      r.history.acuteThromboembolism = true;
    });
    const assessment = await assessValid(request);
    expectExcluded(assessment);
    expect(assessment.unconfirmed).toContain('history.mobility');
  });
});
