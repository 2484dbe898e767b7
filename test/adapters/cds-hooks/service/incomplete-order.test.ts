import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { assessIncompleteOrder } from '../../../../src/adapters/cds-hooks/service/incomplete-order.js';
import type { IncompleteOrder } from '../../../../src/adapters/fhir/index.js';
import type { AssessmentRequest } from '../../../../src/model/request-schema.js';

const request: AssessmentRequest = { patient: { ageYears: 50, sex: 'male', weightKg: 80 }, history: {}, veins: [], priorSessions: [] };
const order = (totalVolumeMl: number, containers: number, percent?: number): IncompleteOrder => ({
  session: { date: '2026-11-23', agent: 'polidocanol', formulation: 'liquid', containers, totalVolumeMl, targetVeinIds: [], ...(percent === undefined ? {} : { concentrationPercent: percent }) },
  hint: {},
});

const assessed = async (incomplete: IncompleteOrder) => {
  const result = await assessIncompleteOrder(request, incomplete, { asOf: '2026-11-23' });
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right.assessment;
};

describe('an order checked as far as it goes', () => {
  it('without targets: the volume and vial caps block it; nothing about the veins is said', async () => {
    const assessment = await assessed(order(10.5, 6, 0.5));
    const rules = assessment.findings.map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['dose.session-volume-cap', 'dose.session-container-cap']));
    expect(rules.filter((r) => r.startsWith('candidacy.') || r.startsWith('ordering.') || r.startsWith('counselling.'))).toEqual([]);
    expect(assessment.session.status).toBe('blocked');
  });

  it('without targets or strength, within the caps: held until the order is complete, never approved', async () => {
    const assessment = await assessed(order(4, 2));
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds.at(-1)).toMatchObject({ reason: 'unconfirmed', resolution: expect.stringContaining('the strength of the sclerosant in %') });
  });

  it('without strength: a weight-based cap that only some strengths break is not claimed', async () => {
    // 10 mL at 0.5 % is 50 mg (within 2 mg/kg of 80 kg), at 3 % 300 mg (over it): it depends on the strength.
    const assessment = await assessed(order(10, 5));
    expect(assessment.findings.map((f) => f.ruleId)).not.toContain('dose.weight-based-polidocanol-cap');
  });
});
