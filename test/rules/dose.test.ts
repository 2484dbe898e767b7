import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest, PlannedSession, PriorSession } from '../../src/model/request-schema.js';
import { assessValid, changed, expectFinding, expectSilent } from '../helpers.js';

/** The clean request with its planned session changed, and optionally more changes. */
const withSession = (patch: Partial<PlannedSession>, more?: (request: AssessmentRequest) => void): AssessmentRequest =>
  changed((request) => {
    if (request.plannedSession === undefined) throw new Error('the clean request plans a session');
    Object.assign(request.plannedSession, patch);
    more?.(request);
  });

const prior = (date: string, totalVolumeMl: number, extra: Partial<PriorSession> = {}): PriorSession =>
  ({ date, agent: 'polidocanol', totalVolumeMl, ...extra });

const expectEvidence = (finding: Finding, fact: string, expected: unknown, actual: unknown): void =>
  expect(finding.evidence).toContainEqual(expect.objectContaining({ fact, expected, actual }));

describe('dose.session-volume-cap', () => {
  const ID = 'dose.session-volume-cap';

  it('approves a session of exactly 10 mL', async () => {
    const assessment = await assessValid(withSession({ containers: 5, containerVolumeMl: 2.5, totalVolumeMl: 10 }));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ volumeMl: 10, containers: 5 });
    expect(assessment.session.limits).toMatchObject({ maxVolumeMl: 10, maxContainers: 5 });
  });

  it('blocks a session of 10.01 mL', async () => {
    const assessment = await assessValid(withSession({ containers: 5, containerVolumeMl: 2.5, totalVolumeMl: 10.01 }));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedVolumeMl', 10, 10.01);
    expect(finding.detail).toContain('10.01 mL');
    expect(finding.detail).toContain('10 mL');
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.totals.volumeMl).toBe(10.01);
    expect(assessment.session.limits.maxVolumeMl).toBe(10);
  });
});

describe('dose.session-container-cap', () => {
  const ID = 'dose.session-container-cap';

  it('approves a session that opens 5 containers', async () => {
    const assessment = await assessValid(withSession({ containers: 5 }));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
  });

  it('blocks a session that opens 6 containers', async () => {
    const assessment = await assessValid(withSession({ containers: 6 }));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedContainers', 5, 6);
    expect(finding.detail).toMatch(/\b6\b/);
    expect(finding.detail).toMatch(/\b5\b/);
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.totals.containers).toBe(6);
    expect(assessment.session.limits.maxContainers).toBe(5);
  });
});

describe('dose.daily-volume-cap', () => {
  const ID = 'dose.daily-volume-cap';
  const sixMl = (priors: PriorSession[]): AssessmentRequest =>
    withSession({ containers: 3, totalVolumeMl: 6 }, (request) => {
      request.priorSessions = priors;
    });

  it('approves 6 mL planned after 4 mL given earlier the same day', async () => {
    const assessment = await assessValid(sixMl([prior('2026-03-02', 4, { concentrationPercent: 0.5 })]));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ volumeMl: 6, dailyVolumeMl: 10 });
  });

  it('blocks 6 mL planned after 4.01 mL given earlier the same day', async () => {
    const assessment = await assessValid(sixMl([prior('2026-03-02', 4.01, { concentrationPercent: 0.5 })]));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'dailyVolumeMl', 10, 10.01);
    for (const text of ['6 mL', '4.01 mL', '10.01 mL', '10 mL']) expect(finding.detail).toContain(text);
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.totals).toMatchObject({ volumeMl: 6, dailyVolumeMl: 10.01 });
    expect(assessment.session.limits.maxVolumeMl).toBe(10);
    expectSilent(assessment, 'dose.session-volume-cap');
  });

  it('does not count a session given on another date', async () => {
    const assessment = await assessValid(sixMl([prior('2026-03-01', 4.01, { concentrationPercent: 0.5 })]));
    expectSilent(assessment, ID);
    expect(assessment.session.totals).toMatchObject({ dailyVolumeMl: 6 });
    expect(assessment.session.status).toBe('approved');
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

  it('blocks 100 mg for 49.9 kg', async () => {
    const assessment = await assessValid(hundredMg(49.9));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'dailyPolidocanolMg', 99.8, 100);
    for (const text of ['100 mg', '99.8 mg', '49.9 kg']) expect(finding.detail).toContain(text);
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.totals.polidocanolMg).toBe(100);
    expect(assessment.session.totals.polidocanolMgPerKg).toBeCloseTo(100 / 49.9, 5);
    expect(assessment.session.limits.maxPolidocanolMg).toBe(99.8);
  });

  // 50 kg (limit 100 mg): 6 mL of 1 % planned (60 mg) after 4 mL polidocanol earlier that day.
  const withSameDayPrior = (extra: Partial<PriorSession>): AssessmentRequest =>
    withSession({ concentrationPercent: 1, containers: 3, totalVolumeMl: 6, targetVeinIds: ['r1'] }, (request) => {
      request.patient.weightKg = 50;
      request.priorSessions = [prior('2026-03-02', 4, extra)];
    });

  it('counts a same-day prior session at its recorded strength', async () => {
    const assessment = await assessValid(withSameDayPrior({ concentrationPercent: 1 }));
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
  });

  it('counts a same-day prior polidocanol session without a strength at 3 %', async () => {
    const assessment = await assessValid(withSameDayPrior({}));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'dailyPolidocanolMg', 100, 180);
    expect(finding.detail).toContain('180 mg');
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.totals.polidocanolMg).toBe(60);
    expect(assessment.session.limits.maxPolidocanolMg).toBe(100);
  });

  it('does not fire when weight is undocumented, and asks for it instead', async () => {
    const assessment = await assessValid(
      withSession({ concentrationPercent: 3, containers: 5, totalVolumeMl: 10, targetVeinIds: ['r1'] }, (request) => {
        delete request.patient.weightKg;
      }),
    );
    expectSilent(assessment, ID);
    const finding = expectFinding(assessment, 'dose.weight-not-recorded');
    expectEvidence(finding, 'weightRecorded', false, false);
    expect(finding.detail).toContain('300 mg');
    expect(finding.unconfirmed).toContain('patient.weightKg');
    expect(assessment.unconfirmed).toContain('patient.weightKg');
    expect(assessment.session.limits.maxPolidocanolMg).toBeUndefined();
    expect(assessment.session.totals.polidocanolMgPerKg).toBeUndefined();
  });
});

describe('dose.weight-not-recorded', () => {
  const ID = 'dose.weight-not-recorded';

  it('stays silent when weight is documented', async () => expectSilent(await assessValid(withSession({})), ID));

  it('stays silent without weight when the agent is not polidocanol', async () => {
    const assessment = await assessValid(
      withSession({ agent: 'sodium-tetradecyl-sulfate' }, (request) => {
        delete request.patient.weightKg;
      }),
    );
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
    expect(finding.detail).toContain('0.51%');
    expect(finding.detail).toContain('0.5%');
    expect(finding.veinIds).toEqual(['t1']);
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent for 1 % into a reticular vein', async () => expectSilent(await strength(1, ['r1']), ID));

  it('warns for 1.1 % into a reticular vein', async () => {
    const finding = expectFinding(await strength(1.1, ['r1']), ID);
    expectEvidence(finding, 'plannedConcentrationPercent', 1, 1.1);
    expect(finding.detail).toContain('1.1%');
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

  it('does not apply to foam', async () => expectSilent(await strength(1, ['t1'], { formulation: 'foam' }), ID));

  it('names only the targets above their labelled strength', async () => {
    const finding = expectFinding(await strength(0.8, ['t1', 'r1']), ID);
    expect(finding.veinIds).toEqual(['t1']);
    expect(finding.detail).toContain('t1');
    expect(finding.detail).not.toContain('r1');
  });
});

describe('dose.per-injection-volume', () => {
  const ID = 'dose.per-injection-volume';
  const injecting = (veinId: string, volumeMl: number, patch: Partial<PlannedSession> = {}) =>
    assessValid(withSession({ targetVeinIds: [veinId], totalVolumeMl: volumeMl, injections: [{ veinId, volumeMl }], ...patch }));

  it('stays silent for 0.3 mL into a telangiectasia', async () => expectSilent(await injecting('t1', 0.3), ID));

  it('warns for 0.31 mL into a telangiectasia', async () => {
    const finding = expectFinding(await injecting('t1', 0.31), ID);
    expectEvidence(finding, 'largestSmallVeinInjectionMl', 0.3, 0.31);
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

  it('stays silent for 3 mL of polidocanol', async () =>
    expectSilent(await assessValid(withSession({ containers: 2, totalVolumeMl: 3 })), ID));

  it('informs for 3.01 mL of polidocanol', async () => {
    const assessment = await assessValid(withSession({ containers: 2, totalVolumeMl: 3.01 }));
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedVolumeMl', 3, 3.01);
    expect(finding.detail).toContain('3.01 mL');
    expect(finding.detail).toContain('3 mL');
    expect(assessment.session.status).toBe('approved');
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

  it('stays silent for a single injection', async () => {
    expectSilent(await allergyProne({ totalVolumeMl: 0.2, injections: [{ veinId: 't1', volumeMl: 0.2 }] }), ID);
  });

  it('warns for two injections at the first session', async () => {
    const assessment = await allergyProne(twoInjections);
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedInjectionCount', 1, 2);
    expectEvidence(finding, 'priorSessionCount', 0, 0);
    expect(finding.detail).toMatch(/\b2 injections/);
    expect(assessment.session.status).toBe('approved');
  });

  it('counts targets when injections are omitted', async () => {
    expectSilent(await allergyProne({ targetVeinIds: ['t1'] }), ID);
    const finding = expectFinding(await allergyProne({ targetVeinIds: ['t1', 'r1'] }), ID);
    expectEvidence(finding, 'plannedInjectionCount', 1, 2);
  });

  it('stays silent once a prior session is recorded', async () => {
    expectSilent(await allergyProne(twoInjections, [prior('2026-02-01', 2, { concentrationPercent: 0.5 })]), ID);
  });

  it('stays silent when the patient is not allergy-prone', async () => {
    expectSilent(await assessValid(withSession(twoInjections)), ID);
  });
});

describe('dose.session-interval', () => {
  const ID = 'dose.session-interval';
  const after = (...dates: string[]) =>
    assessValid(
      withSession({}, (request) => {
        request.priorSessions = dates.map((date) => prior(date, 2, { concentrationPercent: 0.5 }));
      }),
    );

  it('warns when the last session was 6 days before', async () => {
    const assessment = await after('2026-01-05', '2026-02-24');
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'daysSinceLastSession', 7, 6);
    expect(finding.detail).toContain('6 days');
    expect(finding.detail).toContain('7 days');
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent when the last session was 7 days before', async () =>
    expectSilent(await after('2026-01-05', '2026-02-23'), ID));

  it('stays silent with no prior session', async () => expectSilent(await after(), ID));
});
