import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { assess, assessOrThrow } from '../src/assess.js';
import { isRulesError, RulesError } from '../src/model/issues.js';
import { defaultRuleSet } from '../src/rules/default-rule-set.js';
import { assessInvalid, assessValid, changed, cleanRequest } from './helpers.js';

describe('assess', () => {
  it('resolves to a Left, never a rejection, for input that is not a request', async () => {
    for (const input of [undefined, null, 'x', [], { patient: null }]) {
      const result = await assess(input);
      expect(E.isLeft(result)).toBe(true);
    }
  });

  it('uses the planned date as "today" by default, and the asOf option when given', async () => {
    expect((await assessValid(cleanRequest())).asOf).toBe('2026-03-02');
    expect((await assessValid(cleanRequest(), { asOf: '2026-03-05' })).asOf).toBe('2026-03-05');
  });

  it('refuses an impossible asOf with the path of the option', async () => {
    expect(await assessInvalid(cleanRequest(), { asOf: '2026-02-30' })).toEqual([
      expect.objectContaining({ code: 'invalid_option', path: ['asOf'] }),
    ]);
  });

  it('refuses a rule set that loadRuleSet did not make', async () => {
    expect(await assessInvalid(cleanRequest(), { ruleSet: {} as never })).toEqual([
      expect.objectContaining({ code: 'invalid_option', path: ['ruleSet'] }),
    ]);
  });

  it('names the rule set it used', async () => {
    const assessment = await assessValid(cleanRequest());
    expect(assessment.ruleSet).toEqual(expect.objectContaining({ name: defaultRuleSet.name, version: '2.0.0' }));
    expect(assessment.ruleSet.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reports session totals and limits', async () => {
    const assessment = await assessValid(cleanRequest());
    expect(assessment.session.totals).toEqual({
      volumeMl: 2,
      liquidVolumeMl: 2,
      foamVolumeMl: 0,
      liquidVolumeEstimated: false,
      containers: 1,
      containerEquivalents: 1,
      dailyLiquidVolumeMl: 2,
      dailyFoamVolumeMl: 0,
      dailyVolumeMl: 2,
      polidocanolMg: 10,
      polidocanolMgPerKg: 0.142857,
      dailyPolidocanolMg: 10,
      dailyPolidocanolMgPerKg: 0.142857,
    });
    expect(assessment.session.limits).toEqual({ maxVolumeMl: 10, maxFoamVolumeMl: 10, maxContainers: 5, maxPolidocanolMg: 140 });
    expect([assessment.session.holds, assessment.session.heldVeinIds]).toEqual([[], []]);
  });

  it('reports a session that is not planned', async () => {
    const assessment = await assessValid(changed((r) => delete r.plannedSession));
    expect(assessment.session).toEqual({
      status: 'not-planned',
      holds: [],
      heldVeinIds: [],
      deferredVeinIds: [],
      totals: {
        volumeMl: 0,
        liquidVolumeMl: 0,
        foamVolumeMl: 0,
        liquidVolumeEstimated: false,
        containers: 0,
        containerEquivalents: 0,
        dailyLiquidVolumeMl: 0,
        dailyFoamVolumeMl: 0,
        dailyVolumeMl: 0,
      },
      limits: { maxVolumeMl: 10, maxFoamVolumeMl: 10, maxContainers: 5 },
    });
  });

  it('echoes the date used as today and the jurisdiction', async () => {
    const planned = await assessValid(cleanRequest());
    expect([planned.asOf, planned.jurisdiction]).toEqual(['2026-03-02', 'strictest']);
    const us = await assessValid(cleanRequest(), { asOf: '2026-02-01', jurisdiction: 'US' });
    expect([us.asOf, us.jurisdiction]).toEqual(['2026-02-01', 'US']);
    expect((await assessValid(cleanRequest(), { jurisdiction: 'EU' })).jurisdiction).toBe('EU');
  });

  it.each([['UK'], ['us'], ['strictest'], [42], [null]])('refuses the jurisdiction %j with invalid_option at ["jurisdiction"]', async (jurisdiction) => {
    const issues = await assessInvalid(cleanRequest(), { jurisdiction } as never);
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_option', path: ['jurisdiction'] })]);
  });

  it('holds a planned session with earlier sessions not documented, and approves it once they are', async () => {
    const omitted = await assessValid(changed((r) => delete r.priorSessions));
    expect([omitted.status, omitted.session.status]).toEqual(['insufficient-information', 'held']);
    expect(omitted.session.holds).toEqual([
      expect.objectContaining({ ruleId: 'screening.prior-sessions-unknown', reason: 'unconfirmed', paths: ['priorSessions'] }),
    ]);
    expect((await assessValid(cleanRequest())).session.status).toBe('approved');
  });
});

describe('assessOrThrow', () => {
  it('returns the assessment for valid input', async () => {
    await expect(assessOrThrow(cleanRequest())).resolves.toEqual(expect.objectContaining({ status: 'candidate' }));
  });

  it('throws a RulesError carrying the issues for invalid input', async () => {
    const error: unknown = await assessOrThrow({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RulesError);
    expect(isRulesError(error)).toBe(true);
    expect(isRulesError(new Error('x'))).toBe(false);
    if (isRulesError(error)) expect(error.issues[0]).toEqual(expect.objectContaining({ path: ['patient'] }));
  });
});

describe('assess with an edited rule set', () => {
  it('refuses a copy of a rule set with a raised limit', async () => {
    const forged = { ...defaultRuleSet, limits: { ...defaultRuleSet.limits, maxVolumeMl: 50 } };
    expect(await assessInvalid(cleanRequest(), { ruleSet: forged })).toEqual([expect.objectContaining({ code: 'invalid_option', path: ['ruleSet'] })]);
  });
});
