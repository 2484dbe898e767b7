import { describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest, PlannedSession, PriorSession } from '../../src/model/request-schema.js';
import { assessValid, changed, expectClinicianText, expectFinding, expectSilent } from '../helpers.js';

// The clean request plans 2 mL of 0.5 % liquid polidocanol into the spider vein t1 on 2026-03-02,
// for a 70 kg patient with no earlier session.

/** The clean request with its planned session changed, and optionally more changes. */
const withSession = (patch: Partial<PlannedSession>, more?: (request: AssessmentRequest) => void): AssessmentRequest =>
  changed((request) => {
    if (request.plannedSession === undefined) throw new Error('the clean request plans a session');
    Object.assign(request.plannedSession, patch);
    more?.(request);
  });

/** The clean request with a planned volume and earlier sessions (5 containers of 2.5 mL hold up to 12.5 mL). */
const planWith = (totalVolumeMl: number, priors: PriorSession[], patch: Partial<PlannedSession> = {}): AssessmentRequest =>
  withSession({ containers: 5, containerVolumeMl: 2.5, totalVolumeMl, ...patch }, (request) => {
    request.priorSessions = priors;
  });

const prior = (date: string, totalVolumeMl: number, extra: Partial<PriorSession> = {}): PriorSession =>
  ({ date, agent: 'polidocanol', totalVolumeMl, formulation: 'liquid', concentrationPercent: 0.5, ...extra });

const expectEvidence = (finding: Finding, fact: string, expected: unknown, actual: unknown): void =>
  expect(finding.evidence).toContainEqual(expect.objectContaining({ fact, expected, actual }));


/** The finding of a block, checked for the contract's blocked session. */
const expectBlock = (assessment: Assessment, ruleId: string): Finding => {
  const finding = expectFinding(assessment, ruleId);
  expect(finding.scope).toBeUndefined();
  expect(finding.veinIds).toBeUndefined();
  expect(finding.unconfirmed).toBeUndefined();
  expect(assessment.session.status).toBe('blocked');
  expect(assessment.session.holds).toEqual([]);
  expectClinicianText(finding);
  return finding;
};

describe('dose.session-volume-cap', () => {
  const ID = 'dose.session-volume-cap';

  it('approves a session of exactly 10 mL', async () => {
    const assessment = await assessValid(planWith(10, []));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ volumeMl: 10, liquidVolumeMl: 10, containers: 5 });
    expect(assessment.session.limits).toMatchObject({ maxVolumeMl: 10, maxContainers: 5 });
  });

  it('blocks a session of 10.01 mL', async () => {
    const assessment = await assessValid(planWith(10.01, []));
    const finding = expectBlock(assessment, ID);
    expectEvidence(finding, 'plannedLiquidStandardMl', 10, 10.01);
    expect(finding.detail).toContain('10.01 mL');
    expect(finding.detail).toContain('10 mL');
    expect(finding.resolution).toContain('10 mL');
    expect(assessment.session.totals.volumeMl).toBe(10.01);
  });

  it('blocks 10.5 mL with no earlier session that day, and the daily cap stays silent', async () => {
    const assessment = await assessValid(planWith(10.5, []));
    expectBlock(assessment, ID);
    expectSilent(assessment, 'dose.daily-volume-cap');
    expectSilent(assessment, 'dose.split-session-interval');
  });

  it('counts the liquid of a foam plan, not its foam volume: 10.01 mL of foam made with 2 mL of liquid passes this cap', async () => {
    const assessment = await assessValid(planWith(10.01, [], { formulation: 'foam', foam: { liquidVolumeMl: 2, gas: 'carbon-dioxide' } }));
    expectSilent(assessment, ID);
    expectFinding(assessment, 'dose.foam-volume-cap');
  });
});

describe('dose.daily-volume-cap', () => {
  const ID = 'dose.daily-volume-cap';

  it('stays silent at exactly 10 mL for the day (5.2 mL earlier + 4.8 mL planned)', async () => {
    const assessment = await assessValid(planWith(4.8, [prior('2026-03-02', 5.2)]));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ volumeMl: 4.8, dailyVolumeMl: 10, dailyLiquidVolumeMl: 10 });
  });

  it('blocks 4.81 mL planned after 5.2 mL given earlier the same day', async () => {
    const assessment = await assessValid(planWith(4.81, [prior('2026-03-02', 5.2)]));
    const finding = expectBlock(assessment, ID);
    expectEvidence(finding, 'sameDayPriorLiquidMl', 0, 5.2);
    expectEvidence(finding, 'dailyLiquidStandardMl', 10, 10.01);
    for (const text of ['4.81 mL', '5.2 mL', '10.01 mL', '10 mL']) expect(finding.detail).toContain(text);
    expect(finding.detail).toMatch(/extends the session limit of 10 mL to the calendar day/);
    expectSilent(assessment, 'dose.session-volume-cap');
    expectSilent(assessment, 'dose.split-session-interval');
    // Same-day sessions are the daily cap's; the interval caution looks at earlier dates only.
    expectSilent(assessment, 'dose.session-interval');
  });

  it('stays silent with no same-day session, even over the cap', async () => {
    expectSilent(await assessValid(planWith(10.5, [])), ID);
    expectSilent(await assessValid(planWith(10.5, [prior('2026-02-01', 4)])), ID);
  });

  it('stays silent when the only same-day session gave 0 mL', async () => {
    const assessment = await assessValid(planWith(10.01, [prior('2026-03-02', 0)]));
    expectSilent(assessment, ID);
    expectFinding(assessment, 'dose.session-volume-cap');
  });

  it('counts a same-day session of another agent', async () => {
    const assessment = await assessValid(planWith(4, [prior('2026-03-02', 6.5, { agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 1 })]));
    expectBlock(assessment, ID);
  });
});

describe('dose.split-session-interval', () => {
  const ID = 'dose.split-session-interval';

  it('blocks 5 mL planned 6 days after a 6 mL session, and the interval caution stays silent', async () => {
    const assessment = await assessValid(planWith(5, [prior('2026-02-24', 6)]));
    const finding = expectBlock(assessment, ID);
    expect(finding.severity).toBe('critical');
    expectEvidence(finding, 'intervalWindowSessionCount', 0, 1);
    expectEvidence(finding, 'splitSessionVolumeMl', 10, 11);
    for (const text of ['6 mL', '5 mL', '11 mL', '10 mL', '7 days', '1 to 2 weeks']) expect(finding.detail).toContain(text);
    expect(finding.resolution).toContain('2026-03-03');
    expect(finding.resolution).toContain('7 days');
    expect(finding.sources.map((s) => s.label).join(' ')).toMatch(/Asclera/);
    expect(finding.sources.map((s) => s.label).join(' ')).toMatch(/Varithena/);
    expectSilent(assessment, 'dose.session-interval');
    expectSilent(assessment, 'dose.session-volume-cap');
    expectSilent(assessment, 'dose.daily-volume-cap');
  });

  it('stays silent 7 days after the 6 mL session, and so does the interval caution', async () => {
    const assessment = await assessValid(planWith(5, [prior('2026-02-23', 6)]));
    expectSilent(assessment, ID);
    expectSilent(assessment, 'dose.session-interval');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent at exactly 10 mL over the window (5 mL + 5 mL), and the interval caution warns', async () => {
    const assessment = await assessValid(planWith(5, [prior('2026-02-24', 5)]));
    expectSilent(assessment, ID);
    expectFinding(assessment, 'dose.session-interval');
    expect(assessment.session.status).toBe('approved');
  });

  it('blocks 5.01 mL after 5 mL 6 days before', async () => {
    const finding = expectBlock(await assessValid(planWith(5.01, [prior('2026-02-24', 5)])), ID);
    expectEvidence(finding, 'splitSessionVolumeMl', 10, 10.01);
  });

  it('does not block 2 mL planned 1 day after 3 mL, but cautions about the interval', async () => {
    const assessment = await assessValid(planWith(2, [prior('2026-03-01', 3)]));
    expectSilent(assessment, ID);
    expectFinding(assessment, 'dose.session-interval');
    expect(assessment.session.status).toBe('approved');
  });

  it('counts every session in the window and the same day, and dates the resolution from the last of them', async () => {
    // 4 mL 5 days before, 4 mL 3 days before, 1 mL earlier today, 1.01 mL planned: 10.01 mL.
    const priors = [prior('2026-02-25', 4), prior('2026-02-27', 4), prior('2026-03-02', 1), prior('2026-01-02', 9)];
    const assessment = await assessValid(planWith(1.01, priors));
    const finding = expectBlock(assessment, ID);
    expectEvidence(finding, 'intervalWindowSessionCount', 0, 2);
    expectEvidence(finding, 'splitSessionVolumeMl', 10, 10.01);
    expect(finding.detail).toContain('8 mL');
    expect(finding.resolution).toContain('2026-03-06');
    expectSilent(assessment, 'dose.daily-volume-cap');
  });

  it('needs a session in the window: same-day sessions alone are the daily cap', async () => {
    const assessment = await assessValid(planWith(5, [prior('2026-03-02', 6)]));
    expectSilent(assessment, ID);
    expectFinding(assessment, 'dose.daily-volume-cap');
  });
});

describe('dose.session-container-cap', () => {
  const ID = 'dose.session-container-cap';
  const containers = (count: number, containerVolumeMl: number) => assessValid(withSession({ containers: count, containerVolumeMl }));

  it('approves 5 containers of 2 mL', async () => {
    const assessment = await containers(5, 2);
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ containers: 5, containerEquivalents: 5 });
  });

  it('blocks 6 containers of 2 mL', async () => {
    const assessment = await containers(6, 2);
    const finding = expectBlock(assessment, ID);
    expectEvidence(finding, 'containerEquivalents', 5, 6);
    expect(finding.detail).toMatch(/\b6 vials or ampules/);
    expect(finding.detail).toContain('5 containers of 2 mL');
    expect(assessment.session.totals).toMatchObject({ containers: 6, containerEquivalents: 6 });
    expect(assessment.session.limits.maxContainers).toBe(5);
  });

  it('counts 6 containers of 1 mL as 3 equivalents and approves them', async () => {
    const assessment = await containers(6, 1);
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ containers: 6, containerEquivalents: 3 });
  });

  it('counts a larger container as 2 mL: 6 containers of 5 mL block', async () => {
    const assessment = await containers(6, 5);
    expectEvidence(expectBlock(assessment, ID), 'containerEquivalents', 5, 6);
  });
});

describe('dose.weight-based-polidocanol-cap', () => {
  const ID = 'dose.weight-based-polidocanol-cap';
  // 10 mL of 1 % polidocanol into the reticular vein: 100 mg.
  const hundredMg = (weightKg: number): AssessmentRequest =>
    withSession({ concentrationPercent: 1, containers: 5, totalVolumeMl: 10, targetVeinIds: ['r1'] }, (request) => {
      request.patient.weightKg = weightKg;
    });

  it('approves exactly 2 mg/kg (100 mg for 50 kg)', async () => {
    const assessment = await assessValid(hundredMg(50));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ polidocanolMg: 100, polidocanolMgPerKg: 2 });
    expect(assessment.session.limits.maxPolidocanolMg).toBe(100);
  });

  it('blocks 100 mg for 49.9 kg, naming the liquid volume and strength', async () => {
    const assessment = await assessValid(hundredMg(49.9));
    const finding = expectBlock(assessment, ID);
    expectEvidence(finding, 'dailyPolidocanolMgStandard', 99.8, 100);
    for (const text of ['100 mg', '99.8 mg', '49.9 kg', '10 mL of 1 % liquid', '2 mg/kg']) expect(finding.detail).toContain(text);
    expect(assessment.session.totals.polidocanolMgPerKg).toBeCloseTo(100 / 49.9, 5);
    expect(assessment.session.limits.maxPolidocanolMg).toBe(99.8);
  });

  // 50 kg (limit 100 mg): 6 mL of 1 % planned (60 mg) after a polidocanol session earlier that day.
  const withSameDayPrior = (totalVolumeMl: number, extra: Partial<PriorSession>): AssessmentRequest =>
    withSession({ concentrationPercent: 1, containers: 3, totalVolumeMl: 6, targetVeinIds: ['r1'] }, (request) => {
      request.patient.weightKg = 50;
      request.priorSessions = [{ date: '2026-03-02', agent: 'polidocanol', totalVolumeMl, ...extra }];
    });

  it('counts a same-day session of unrecorded strength at 4 %: 1 mL makes exactly 100 mg', async () => {
    const assessment = await assessValid(withSameDayPrior(1, {}));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ polidocanolMg: 60, dailyPolidocanolMg: 100 });
  });

  it('counts a same-day session of unrecorded strength at 4 %: 1.01 mL makes 100.4 mg and blocks', async () => {
    const assessment = await assessValid(withSameDayPrior(1.01, {}));
    const finding = expectBlock(assessment, ID);
    expectEvidence(finding, 'dailyPolidocanolMgStandard', 100, 100.4);
    expect(finding.detail).toContain('100.4 mg');
    expect(finding.detail).toContain('4 %');
    expect(assessment.session.totals.polidocanolMg).toBe(60);
  });

  it('counts a same-day session at its recorded strength', async () => {
    const assessment = await assessValid(withSameDayPrior(1.01, { concentrationPercent: 1 }));
    expectSilent(assessment, ID);
    expect(assessment.session.totals.dailyPolidocanolMg).toBe(70.1);
  });

  it('counts the liquid of a foam plan, naming the liquid volume and strength, not the foam volume', async () => {
    // 10 mL of 3 % foam made with 2 mL of liquid: 60 mg; 29.9 kg allows 59.8 mg.
    const request = withSession(
      { formulation: 'foam', concentrationPercent: 3, containers: 1, totalVolumeMl: 10, foam: { liquidVolumeMl: 2, gas: 'carbon-dioxide' } },
      (r) => {
        r.patient.weightKg = 29.9;
      },
    );
    const finding = expectBlock(await assessValid(request), ID);
    expectEvidence(finding, 'dailyPolidocanolMgStandard', 59.8, 60);
    expect(finding.detail).toContain('2 mL of 3 % liquid');
    expect(finding.detail).not.toContain('10 mL');
  });

  it('does not apply to sodium tetradecyl sulfate', async () => {
    const request = withSession({ agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 1, containers: 5, totalVolumeMl: 10, targetVeinIds: ['r1'] }, (r) => {
      r.patient.weightKg = 45;
    });
    expectSilent(await assessValid(request), ID);
  });
});

describe('dose.weight-not-recorded', () => {
  const ID = 'dose.weight-not-recorded';
  const noWeight = (patch: Partial<PlannedSession> = {}) =>
    assessValid(
      withSession(patch, (request) => {
        delete request.patient.weightKg;
      }),
    );

  it('holds a polidocanol session until the weight is documented', async () => {
    // 2.5 % stays under the block at 3 × the labelled 1 % for a reticular vein (agent table).
    const assessment = await noWeight({ concentrationPercent: 2.5, containers: 5, totalVolumeMl: 10, targetVeinIds: ['r1'] });
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'weightRecorded', false, false);
    expect(finding.scope).toBeUndefined();
    expect(finding.unconfirmed).toEqual(['patient.weightKg']);
    expect(finding.detail).toContain('250 mg');
    expect(finding.detail).toContain('body weight');
    expectClinicianText(finding);
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toContainEqual(
      expect.objectContaining({ ruleId: ID, reason: 'unconfirmed', paths: ['patient.weightKg'], resolution: finding.resolution }),
    );
    expect(assessment.unconfirmed).toContain('patient.weightKg');
    expectSilent(assessment, 'dose.weight-based-polidocanol-cap');
    expect(assessment.session.limits.maxPolidocanolMg).toBeUndefined();
    expect(assessment.session.totals.polidocanolMgPerKg).toBeUndefined();
  });

  it('stays silent when weight is documented', async () => expectSilent(await assessValid(withSession({})), ID));

  it('stays silent without weight when the agent is not polidocanol', async () => {
    const assessment = await noWeight({ agent: 'sodium-tetradecyl-sulfate' });
    expectSilent(assessment, ID);
    expect(assessment.unconfirmed).not.toContain('patient.weightKg');
  });
});

describe('dose.concentration-for-vein-size', () => {
  const ID = 'dose.concentration-for-vein-size';
  const strength = (concentrationPercent: number, targetVeinIds: string[], patch: Partial<PlannedSession> = {}) =>
    assessValid(withSession({ concentrationPercent, targetVeinIds, ...patch }));

  it('stays silent for 0.5 % into a telangiectasia', async () => expectSilent(await strength(0.5, ['t1']), ID));

  it('warns for 0.51 % into a telangiectasia', async () => {
    const assessment = await strength(0.51, ['t1']);
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedConcentrationPercent', 0.5, 0.51);
    expect(finding.detail).toContain('0.51 %');
    expect(finding.detail).toContain('0.5 %');
    expect(finding.veinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent for 1 % into a reticular vein', async () => expectSilent(await strength(1, ['r1']), ID));

  it('warns for 1.1 % into a reticular vein', async () => {
    const finding = expectFinding(await strength(1.1, ['r1']), ID);
    expectEvidence(finding, 'plannedConcentrationPercent', 1, 1.1);
    expect(finding.detail).toContain('1.1 %');
    expect(finding.veinIds).toEqual(['r1']);
  });

  it('holds a reticular vein of 1 mm to the spider-vein strength', async () => {
    const request = withSession({ concentrationPercent: 0.51, targetVeinIds: ['r1'] }, (r) => {
      r.veins = r.veins.map((v) => (v.id === 'r1' ? { ...v, diameterMm: 1 } : v));
    });
    const finding = expectFinding(await assessValid(request), ID);
    expectEvidence(finding, 'plannedConcentrationPercent', 0.5, 0.51);
    expect(finding.veinIds).toEqual(['r1']);
  });

  it('applies to foam by the foam cell of the agent table (0.5 % for spider veins)', async () => {
    expect(expectFinding(await strength(1, ['t1'], { formulation: 'foam' }), ID).veinIds).toEqual(['t1']);
    expectSilent(await strength(0.5, ['t1'], { formulation: 'foam' }), ID);
  });

  it('names only the targets above their labelled strength', async () => {
    const finding = expectFinding(await strength(0.8, ['t1', 'r1']), ID);
    expect(finding.veinIds).toEqual(['t1']);
  });
});

describe('dose.per-injection-volume', () => {
  const ID = 'dose.per-injection-volume';
  const injecting = (veinId: string, volumeMl: number, patch: Partial<PlannedSession> = {}) =>
    assessValid(withSession({ targetVeinIds: [veinId], totalVolumeMl: volumeMl, injections: [{ veinId, volumeMl }], ...patch }));

  it('stays silent for 0.3 mL into a telangiectasia', async () => expectSilent(await injecting('t1', 0.3), ID));

  it('warns for 0.31 mL into a telangiectasia', async () => {
    const finding = expectFinding(await injecting('t1', 0.31), ID);
    expectEvidence(finding, 'largestOversizeInjectionMl', 0.3, 0.31);
    expect(finding.detail).toContain('0.31 mL');
    expect(finding.detail).toContain('0.3 mL');
    expect(finding.veinIds).toEqual(['t1']);
  });

  it('warns for 0.31 mL into a reticular vein', async () => {
    expect(expectFinding(await injecting('r1', 0.31), ID).veinIds).toEqual(['r1']);
  });

  it('does not apply to a varicose vein', async () => {
    const request = withSession({ targetVeinIds: ['v1'], totalVolumeMl: 1, injections: [{ veinId: 'v1', volumeMl: 1 }] }, (r) => {
      r.veins.push({ id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side: 'right' });
    });
    expectSilent(await assessValid(request), ID);
  });

  it('does not apply to foam', async () => expectSilent(await injecting('t1', 0.31, { formulation: 'foam' }), ID));
});

describe('dose.anaphylaxis-volume', () => {
  const ID = 'dose.anaphylaxis-volume';

  it('stays silent for 3 mL of liquid polidocanol', async () =>
    expectSilent(await assessValid(withSession({ containers: 2, totalVolumeMl: 3 })), ID));

  it('informs for 3.01 mL of liquid polidocanol', async () => {
    const assessment = await assessValid(withSession({ containers: 2, totalVolumeMl: 3.01 }));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedLiquidVolumeMl', 3, 3.01);
    expect(finding.detail).toContain('3.01 mL');
    expect(finding.detail).toContain('3 mL');
    expectClinicianText(finding);
    expect(assessment.session.status).toBe('approved');
  });

  it('counts the upper liquid estimate of foam: 6 mL of foam is silent, 6.02 mL informs', async () => {
    expectSilent(await assessValid(withSession({ formulation: 'foam', containers: 4, totalVolumeMl: 6 })), ID);
    const finding = expectFinding(await assessValid(withSession({ formulation: 'foam', containers: 4, totalVolumeMl: 6.02 })), ID);
    expectEvidence(finding, 'plannedLiquidVolumeMl', 3, 3.01);
    expect(finding.detail).toContain('3.01 mL of liquid polidocanol');
  });

  it('stays silent for 3.01 mL of another agent', async () => {
    expectSilent(await assessValid(withSession({ agent: 'sodium-tetradecyl-sulfate', containers: 2, totalVolumeMl: 3.01 })), ID);
  });
});

describe('dose.allergy-prone-first-session', () => {
  const ID = 'dose.allergy-prone-first-session';
  const allergyProne = (patch: Partial<PlannedSession>, priors?: PriorSession[]) =>
    assessValid(
      withSession(patch, (request) => {
        request.history.allergyProne = true;
        if (priors !== undefined) request.priorSessions = priors;
      }),
    );
  const injections = [0.2, 0.2].map((volumeMl) => ({ veinId: 't1', volumeMl }));
  const twoInjections: Partial<PlannedSession> = { totalVolumeMl: 0.4, injections };

  it('stays silent for a single listed injection', async () => {
    expectSilent(await allergyProne({ totalVolumeMl: 0.2, injections: [{ veinId: 't1', volumeMl: 0.2 }] }), ID);
  });

  it('warns for two listed injections at the first session', async () => {
    const assessment = await allergyProne(twoInjections);
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'agentInjectionCount', 1, 2);
    expectEvidence(finding, 'priorSessionCount', 0, 0);
    expect(finding.detail).toMatch(/\b2 injections/);
    expect(finding.scope).toBeUndefined();
    expectClinicianText(finding);
    expect(assessment.session.status).toBe('approved');
  });

  it('without listed injections, counts 0.3 mL into one spider vein as one injection of at most 0.3 mL', async () => {
    expectSilent(await allergyProne({ totalVolumeMl: 0.3 }), ID);
  });

  it('without listed injections, counts 0.31 mL into one spider vein as two injections', async () => {
    expectEvidence(expectFinding(await allergyProne({ totalVolumeMl: 0.31 }), ID), 'agentInjectionCount', 1, 2);
  });

  it('rounds the volume quotient before rounding up: 0.6 mL is two injections, not three', async () => {
    expectEvidence(expectFinding(await allergyProne({ totalVolumeMl: 0.6 }), ID), 'agentInjectionCount', 1, 2);
  });

  it('counts the targets when they outnumber the volume estimate', async () => {
    expectEvidence(expectFinding(await allergyProne({ totalVolumeMl: 0.2, targetVeinIds: ['t1', 'r1'] }), ID), 'agentInjectionCount', 1, 2);
  });

  it('counts the targets when no per-injection maximum applies (glycerin has none)', async () => {
    expectSilent(await allergyProne({ agent: 'glycerin', totalVolumeMl: 2 }), ID);
  });

  it('stays silent once an earlier session is recorded', async () => {
    expectSilent(await allergyProne(twoInjections, [prior('2026-02-01', 2)]), ID);
  });

  it('stays silent when the patient is not allergy-prone', async () => {
    expectSilent(await assessValid(withSession(twoInjections)), ID);
  });
});

describe('dose.session-interval', () => {
  const ID = 'dose.session-interval';
  const after = (...priors: PriorSession[]) => assessValid(planWith(2, priors));

  it('warns when the latest earlier session was 6 days before', async () => {
    const assessment = await after(prior('2026-01-05', 2), prior('2026-02-24', 2));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'daysSinceLastSession', 7, 6);
    expectEvidence(finding, 'splitSessionIntervalExceeded', false, false);
    expect(finding.detail).toContain('6 day(s)');
    expect(finding.detail).toContain('7 days');
    expect(finding.detail).toContain('polidocanol');
    expect(finding.scope).toBeUndefined();
    expectClinicianText(finding);
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent when the latest earlier session was 7 days before', async () =>
    expectSilent(await after(prior('2026-01-05', 2), prior('2026-02-23', 2)), ID));

  it('names the earlier session agent in words', async () => {
    const finding = expectFinding(await after(prior('2026-02-27', 1, { agent: 'sodium-tetradecyl-sulfate' })), ID);
    expect(finding.detail).toContain('with sodium tetradecyl sulfate');
  });

  it('ignores same-day sessions and measures from the latest earlier date', async () => {
    expectSilent(await after(prior('2026-03-02', 2)), ID);
    expectSilent(await after(prior('2026-03-02', 2), prior('2026-02-20', 2)), ID);
    const finding = expectFinding(await after(prior('2026-03-02', 2), prior('2026-02-28', 2)), ID);
    expectEvidence(finding, 'daysSinceLastSession', 7, 2);
  });

  it('stays silent with no earlier session', async () => expectSilent(await after(), ID));
});

describe('session totals (CONTRACT §4.1)', () => {
  it('gives the totals of a liquid plan', async () => {
    const assessment = await assessValid(withSession({ containers: 2, containerVolumeMl: 2, totalVolumeMl: 3 }));
    expect(assessment.session.totals).toMatchObject({
      volumeMl: 3,
      liquidVolumeMl: 3,
      foamVolumeMl: 0,
      liquidVolumeEstimated: false,
      containers: 2,
      containerEquivalents: 2,
      dailyLiquidVolumeMl: 3,
      dailyFoamVolumeMl: 0,
    });
  });

  it('gives the totals of a foam plan on the upper (1 + 1) estimate', async () => {
    const assessment = await assessValid(withSession({ formulation: 'foam', concentrationPercent: 1, containers: 2, totalVolumeMl: 4 }));
    expect(assessment.session.totals).toMatchObject({
      volumeMl: 4,
      liquidVolumeMl: 2,
      foamVolumeMl: 4,
      liquidVolumeEstimated: true,
      containerEquivalents: 2,
      dailyLiquidVolumeMl: 2,
      dailyFoamVolumeMl: 4,
    });
  });

  it('counts a same-day session without formulation as liquid in liquid totals and as foam in the foam total', async () => {
    const undocumentedForm: PriorSession = { date: '2026-03-02', agent: 'polidocanol', totalVolumeMl: 3, concentrationPercent: 0.5 };
    const liquid = await assessValid(planWith(2, [undocumentedForm]));
    expect(liquid.session.totals).toMatchObject({
      liquidVolumeMl: 2,
      foamVolumeMl: 0,
      liquidVolumeEstimated: false,
      dailyLiquidVolumeMl: 5,
      dailyFoamVolumeMl: 3,
    });
    const foam = await assessValid(planWith(4, [undocumentedForm], { formulation: 'foam' }));
    expect(foam.session.totals).toMatchObject({ liquidVolumeMl: 2, foamVolumeMl: 4, dailyLiquidVolumeMl: 5, dailyFoamVolumeMl: 7 });
  });

  it('estimates a same-day foam session at the upper ratio and flags the estimate', async () => {
    const assessment = await assessValid(planWith(2, [prior('2026-03-02', 4, { formulation: 'foam' })]));
    expect(assessment.session.totals).toMatchObject({ liquidVolumeEstimated: true, dailyLiquidVolumeMl: 4, dailyFoamVolumeMl: 4 });
  });

  it('does not count sessions of other dates in the day totals', async () => {
    const assessment = await assessValid(planWith(2, [prior('2026-03-01', 3)]));
    expect(assessment.session.totals).toMatchObject({ dailyLiquidVolumeMl: 2, dailyFoamVolumeMl: 0, dailyVolumeMl: 2 });
  });
});
