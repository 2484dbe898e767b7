import { describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest, Vein } from '../../src/model/request-schema.js';
import { assessValid, changed, cleanRequest, expectFinding, expectSilent } from '../helpers.js';

const AFTERCARE = ['aftercare.walk-and-observe', 'aftercare.compression', 'aftercare.activity'] as const;

/** The finding of an aftercare rule, which must have fired as RULES.md lists it, with a detail and sources. */
const expectAftercare = (assessment: Assessment, ruleId: string): Finding => {
  const finding = expectFinding(assessment, ruleId);
  expect(finding.detail.trim()).not.toBe('');
  expect(finding.sources.length).toBeGreaterThan(0);
  return finding;
};

const expectAllAftercare = (assessment: Assessment, sessionStatus: string): void => {
  for (const ruleId of AFTERCARE) {
    const finding = expectAftercare(assessment, ruleId);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'sessionPlanned', expected: true, actual: true }));
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'sessionStatus', actual: sessionStatus }));
  }
};

const expectNoAftercare = (assessment: Assessment): void => {
  for (const ruleId of AFTERCARE) expectSilent(assessment, ruleId);
};

const varicose = (side: 'left' | 'right'): Vein => ({ id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side });

/** The clean request with changes to its planned session and anything else. */
const withSession = (change: (session: NonNullable<AssessmentRequest['plannedSession']>, request: AssessmentRequest) => void) =>
  changed((request) => {
    if (request.plannedSession === undefined) throw new Error('the clean request plans a session');
    request.duplexUltrasound = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] };
    change(request.plannedSession, request);
  });

describe('aftercare rules fire when a session is planned and not blocked', () => {
  it('gives all three for an approved session', async () => {
    const assessment = await assessValid(cleanRequest());
    expect(assessment.session.status).toBe('approved');
    expectAllAftercare(assessment, 'approved');
  });

  it('gives all three for a session approved with deferrals', async () => {
    const assessment = await assessValid(
      withSession((session, request) => {
        request.veins.push(varicose('right'));
        request.veins = request.veins.map((v) => (v.id === 'r1' ? { ...v, side: 'right' as const } : v));
        session.targetVeinIds = ['t1', 'r1'];
      }),
    );
    expect(assessment.session.status).toBe('approved-with-deferrals');
    expect(assessment.session.deferredVeinIds).toEqual(['r1']);
    expectAllAftercare(assessment, 'approved-with-deferrals');
  });

  it('gives all three for an approved session with precautions', async () => {
    const assessment = await assessValid(changed((request) => (request.history.anticoagulated = true)));
    expect(assessment.status).toBe('candidate-with-precautions');
    expect(assessment.session.status).toBe('approved');
    expectAllAftercare(assessment, 'approved');
  });
});

describe('aftercare rules stay silent when no session will go ahead', () => {
  it('gives none when no session is planned', async () => {
    const assessment = await assessValid(changed((request) => delete request.plannedSession));
    expect(assessment.session.status).toBe('not-planned');
    expectNoAftercare(assessment);
  });

  it('gives none when a dose limit blocks the session', async () => {
    const assessment = await assessValid(
      withSession((session) => Object.assign(session, { containers: 5, containerVolumeMl: 2.5, totalVolumeMl: 10.01 })),
    );
    expect(assessment.session.status).toBe('blocked');
    expectNoAftercare(assessment);
  });

  it('gives none when the patient is not a candidate', async () => {
    const assessment = await assessValid(changed((request) => (request.history.acuteThromboembolism = true)));
    expect(assessment.status).toBe('not-candidate');
    expect(assessment.session.status).toBe('blocked');
    expectNoAftercare(assessment);
  });

  it('gives none when the session is held (body weight not documented for polidocanol)', async () => {
    const assessment = await assessValid(changed((request) => delete request.patient.weightKg));
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds.map((h) => h.ruleId)).toContain('dose.weight-not-recorded');
    expectNoAftercare(assessment);
  });

  it('gives none when the split-session interval blocks the session', async () => {
    const assessment = await assessValid(
      withSession((session, request) => {
        Object.assign(session, { containers: 3, totalVolumeMl: 5 });
        request.priorSessions = [{ date: '2026-02-24', agent: 'polidocanol', totalVolumeMl: 6 }];
      }),
    );
    expect(assessment.session.status).toBe('blocked');
    expectNoAftercare(assessment);
  });

  it('gives none when every target is deferred', async () => {
    const assessment = await assessValid(withSession((_session, request) => request.veins.push(varicose('left'))));
    expect(assessment.session.status).toBe('blocked');
    expect(assessment.session.deferredVeinIds).toEqual(['t1']);
    expectNoAftercare(assessment);
  });
});

describe('aftercare.compression', () => {
  const ID = 'aftercare.compression';
  const targeting = async (targetVeinIds: string[]): Promise<Finding> => {
    const assessment = await assessValid(
      withSession((session, request) => {
        request.veins.push(varicose('right'));
        session.targetVeinIds = targetVeinIds;
      }),
    );
    expect(assessment.session.status).toBe('approved');
    return expectAftercare(assessment, ID);
  };

  it('advises 2 to 3 days when the largest target is a telangiectasia', async () => {
    const { detail } = await targeting(['t1']);
    expect(detail).toMatch(/2 to 3 days|2–3 days/);
    expect(detail).not.toMatch(/5 to 7 days|5–7 days/);
  });

  it('advises 5 to 7 days when the largest target is a reticular vein', async () => {
    const { detail } = await targeting(['t1', 'r1']);
    expect(detail).toMatch(/5 to 7 days|5–7 days/);
    expect(detail).not.toMatch(/2 to 3 days|2–3 days/);
  });

  it('advises longer compression when a varicose vein is targeted', async () => {
    const { detail } = await targeting(['v1']);
    expect(detail).toMatch(/longer/);
    expect(detail).not.toMatch(/2 to 3 days|5 to 7 days/);
  });

  it('sizes compression by the targets treated today, not the deferred ones', async () => {
    const assessment = await assessValid(
      withSession((session, request) => {
        request.veins.push(varicose('right'));
        const reticular = request.veins.find((v) => v.id === 'r1');
        if (reticular) reticular.side = 'right';
        session.targetVeinIds = ['t1', 'r1'];
      }),
    );
    expect(assessment.session.deferredVeinIds).toEqual(['r1']);
    expect(expectAftercare(assessment, ID).detail).toMatch(/2 to 3 days/);
  });

  it('sizes compression by safety kind: a reticular vein measured at 4 mm counts as varicose', async () => {
    const assessment = await assessValid(
      withSession((session, request) => {
        request.veins = request.veins.map((v) => (v.id === 'r1' ? { ...v, diameterMm: 4 } : v));
        session.targetVeinIds = ['r1'];
      }),
    );
    expect(assessment.session.status).toBe('approved');
    const { detail } = expectAftercare(assessment, ID);
    expect(detail).toMatch(/longer/);
    expect(detail).not.toMatch(/5 to 7 days/);
  });

  it('gives about 2 weeks for varicose veins treated with polidocanol foam', async () => {
    const assessment = await assessValid(
      withSession((session, request) => {
        request.veins.push(varicose('right'));
        Object.assign(session, { formulation: 'foam', concentrationPercent: 1, targetVeinIds: ['v1'] });
      }),
    );
    expect(assessment.session.status).toBe('approved');
    expect(expectAftercare(assessment, ID).detail).toMatch(/2 weeks after foam/);
  });

  it('names no product label in the compression advice, which applies to every agent', async () => {
    const assessment = await assessValid(
      withSession((session) => Object.assign(session, { agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 0.2 })),
    );
    expect(assessment.session.status).toBe('approved');
    const { detail } = expectAftercare(assessment, ID);
    expect(detail).toMatch(/2 to 3 days/);
    expect(detail).not.toMatch(/Asclera|Varithena|polidocanol/);
  });

  it("notes the seeds' range of a few days to 2 to 3 weeks", async () => {
    for (const targets of [['t1'], ['r1'], ['v1']]) {
      const { detail } = await targeting(targets);
      expect(detail).toMatch(/few days/);
      expect(detail).toMatch(/2 to 3 weeks|2–3 weeks/);
    }
  });
});

describe('aftercare.walk-and-observe', () => {
  const ID = 'aftercare.walk-and-observe';
  const advice = async (change: (session: NonNullable<AssessmentRequest['plannedSession']>, request: AssessmentRequest) => void): Promise<string> => {
    const assessment = await assessValid(withSession(change));
    expect(assessment.session.status).toBe('approved');
    return expectAftercare(assessment, ID).detail;
  };

  it('gives the Asclera walk of 15 to 20 minutes after liquid polidocanol', async () => {
    const detail = await advice(() => undefined);
    expect(detail).toMatch(/15 to 20 minutes/);
    expect(detail).toMatch(/Asclera/);
  });

  it('gives at least 10 minutes of observation after polidocanol foam', async () => {
    const detail = await advice((session) => (session.formulation = 'foam'));
    expect(detail).toMatch(/at least 10 minutes/);
    expect(detail).not.toMatch(/15 to 20 minutes/);
  });

  it('gives the test-dose advice at a first sodium tetradecyl sulfate session', async () => {
    const detail = await advice((session) => Object.assign(session, { agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 0.2 }));
    expect(detail).toMatch(/test injection of 0\.5 mL/);
    expect(detail).toMatch(/several hours/);
    expect(detail).not.toMatch(/Asclera|polidocanol/);
  });

  it('gives observation for allergic reactions at a later sodium tetradecyl sulfate session', async () => {
    const detail = await advice((session, request) => {
      Object.assign(session, { agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 0.2 });
      request.priorSessions = [{ date: '2026-02-01', agent: 'sodium-tetradecyl-sulfate', totalVolumeMl: 2 }];
    });
    expect(detail).toMatch(/allergic reactions/);
    expect(detail).not.toMatch(/test injection/);
  });

  it('counts an earlier session of another agent as no earlier sodium tetradecyl sulfate session', async () => {
    const detail = await advice((session, request) => {
      Object.assign(session, { agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 0.2 });
      request.priorSessions = [{ date: '2026-02-01', agent: 'polidocanol', totalVolumeMl: 2 }];
    });
    expect(detail).toMatch(/test injection/);
  });

  it('gives a period of walking under observation after hypertonic saline or glycerin', async () => {
    for (const [agent, concentrationPercent] of [['hypertonic-saline', 11.7], ['glycerin', 72]] as const) {
      const detail = await advice((session) => Object.assign(session, { agent, concentrationPercent }));
      expect(detail).toMatch(/walking under observation/);
      expect(detail).not.toMatch(/Asclera|Varithena|Sotradecol/);
    }
  });
});
