import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/model/assessment.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import { assessValid, changed, cleanRequest, expectFinding, expectSilent, firedIds } from '../helpers.js';

const COUNSELLING = ['counselling.expected-effects', 'counselling.sessions-expected', 'counselling.results-timeline'] as const;

const expectAllCounselling = (assessment: Assessment, veinsToTreat: number): void => {
  for (const ruleId of COUNSELLING) {
    const finding = expectFinding(assessment, ruleId);
    expect(finding.detail.trim()).not.toBe('');
    expect(finding.sources.length).toBeGreaterThan(0);
    expect(finding.evidence).toContainEqual(
      expect.objectContaining({ fact: 'veinsToTreatCount', operator: 'greaterThan', expected: 0, actual: veinsToTreat }),
    );
  }
};

const expectNoCounselling = (assessment: Assessment): void => {
  for (const ruleId of COUNSELLING) expectSilent(assessment, ruleId);
};

/** The clean request's veins with some marked treated, and no planned session. */
const withTreated = (treatedIds: string[], more: (request: AssessmentRequest) => void = () => undefined): AssessmentRequest =>
  changed((request) => {
    delete request.plannedSession;
    request.veins = request.veins.map((v) => (treatedIds.includes(v.id) ? { ...v, status: 'treated' as const } : v));
    more(request);
  });

describe('counselling rules fire when a vein is to be treated', () => {
  it('gives all three for the clean request with a planned session', async () => {
    expectAllCounselling(await assessValid(cleanRequest()), 2);
  });

  it('gives all three without a planned session', async () => {
    const assessment = await assessValid(withTreated([]));
    expect(assessment.session.status).toBe('not-planned');
    expectAllCounselling(assessment, 2);
  });

  it('gives all three when one vein is untreated and the rest are treated', async () => {
    expectAllCounselling(await assessValid(withTreated(['r1'])), 1);
  });

  it('counts a vein with no status as untreated', async () => {
    const assessment = await assessValid(
      withTreated(['r1'], (request) => {
        request.veins = request.veins.map((v) => (v.id === 't1' ? { ...v, status: 'untreated' as const } : v));
      }),
    );
    expectAllCounselling(assessment, 1);
  });

  it('gives all three for an untreated vein outside the legs', async () => {
    const assessment = await assessValid(
      withTreated(['t1', 'r1'], (request) => {
        request.veins.push({ id: 'f1', kind: 'telangiectasia', diameterMm: 0.5, region: 'face' });
      }),
    );
    expectAllCounselling(assessment, 1);
  });

  it('counts a touch-up target recorded as treated', async () => {
    const request = changed((r) => {
      r.veins = r.veins.map((v) => ({ ...v, status: 'treated' as const }));
    });
    const assessment = await assessValid(request);
    expect(assessment.session.status).toBe('approved');
    expectAllCounselling(assessment, 1);
    expect(firedIds(assessment)).not.toContain('candidacy.no-treatable-veins');
  });

  it('gives all three even when the session is blocked', async () => {
    const assessment = await assessValid(changed((request) => (request.history.acuteThromboembolism = true)));
    expect(assessment.session.status).toBe('blocked');
    expectAllCounselling(assessment, 2);
  });
});

describe('counselling rules stay silent when no vein is to be treated', () => {
  it('gives none when every vein is treated', async () => {
    const assessment = await assessValid(withTreated(['t1', 'r1']));
    expectNoCounselling(assessment);
    expect(firedIds(assessment)).toContain('candidacy.no-treatable-veins');
  });

  it('gives none when no vein is documented', async () => {
    expectNoCounselling(await assessValid(withTreated([], (request) => (request.veins = []))));
  });
});
