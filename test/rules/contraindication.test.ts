import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/model/assessment.js';
import { STATUSES, type Status } from '../../src/model/vocabulary.js';
import { assessValid, changed, cleanRequest, evidenceOf, findingOf, firedIds, fires, plan, staysSilent, ABSOLUTE_CONTRAINDICATION_FIELDS } from '../helpers.js';

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
    expect(finding.detail).toContain('yes');
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
    expect(finding.detail).toContain('polidocanol');
    expect(firedIds(assessment)).not.toContain('precaution.other-sclerosant-allergy');
    expectExcluded(assessment);
  });

  it('excludes a patient allergic to the planned sodium tetradecyl sulfate among other agents', async () => {
    const request = changed((r) => {
      r.history.sclerosantAllergies = ['glycerin', 'sodium-tetradecyl-sulfate'];
      plan(r).agent = 'sodium-tetradecyl-sulfate';
    });
    const { assessment, finding } = await fires(request, 'contraindication.sclerosant-allergy');
    expect(finding.detail).toContain('sodium-tetradecyl-sulfate');
    expect(finding.detail).toContain('glycerin');
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
    // block-session is not an exclusion: the patient remains a candidate for liquid (CONTRACT §4).
    expect(assessment.status).toBe('candidate');
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
