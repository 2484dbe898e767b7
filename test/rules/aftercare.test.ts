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

  it("notes the seeds' range of a few days to 2 to 3 weeks", async () => {
    for (const targets of [['t1'], ['r1'], ['v1']]) {
      const { detail } = await targeting(targets);
      expect(detail).toMatch(/few days/);
      expect(detail).toMatch(/2 to 3 weeks|2–3 weeks/);
    }
  });
});
