import { describe, expect, it } from 'vitest';
import { assessInvalid, assessValid, changed, cleanRequest } from '../helpers.js';
import { isCalendarDate } from '../../src/model/dates.js';

const pathsOf = (issues: readonly { path: readonly (string | number)[] }[]) => issues.map((i) => i.path);

describe('AssessmentRequestSchema', () => {
  it('refuses a wrong type with the path of the field', async () => {
    const issues = await assessInvalid(changed((r) => Object.assign(r.patient, { ageYears: 'forty' })));
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['patient', 'ageYears'] })]);
  });

  it('refuses out-of-range numbers', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        r.patient.ageYears = 131;
        r.patient.weightKg = 0;
      }),
    );
    expect(pathsOf(issues)).toEqual([['patient', 'ageYears'], ['patient', 'weightKg']]);
  });

  it('refuses an unknown field by its own path instead of dropping it', async () => {
    const issues = await assessInvalid(changed((r) => Object.assign(r.history, { smoker: true })));
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: ['history', 'smoker'] })]);
  });

  it('refuses a "__proto__" key in the input', async () => {
    const request = JSON.parse(JSON.stringify(cleanRequest()).replace('"history":{', '"history":{"__proto__":{"polluted":true},')) as unknown;
    const issues = await assessInvalid(request);
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: ['history', '__proto__'] })]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses duplicate vein ids at the second use', async () => {
    const issues = await assessInvalid(changed((r) => r.veins.push({ id: 't1', kind: 'reticular', region: 'leg' })));
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate_vein_id', path: ['veins', 2, 'id'] })]);
  });

  it('refuses a target that names no vein', async () => {
    const issues = await assessInvalid(changed((r) => r.plannedSession?.targetVeinIds.push('nope')));
    expect(issues).toEqual([expect.objectContaining({ code: 'unknown_vein', path: ['plannedSession', 'targetVeinIds', 1] })]);
  });

  it('refuses an injection that names no vein', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        if (r.plannedSession) r.plannedSession.injections = [{ veinId: 'ghost', volumeMl: 2 }];
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'unknown_vein', path: ['plannedSession', 'injections', 0, 'veinId'] })]);
  });

  it('refuses an injection into a vein that is not a target', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        if (r.plannedSession) r.plannedSession.injections = [{ veinId: 'r1', volumeMl: 2 }];
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'injection_not_targeted', path: ['plannedSession', 'injections', 0, 'veinId'] })]);
  });

  it('accepts injections that add up within 0.01 mL and refuses ones that do not', async () => {
    const withInjections = (volumes: number[]) =>
      changed((r) => {
        if (r.plannedSession) r.plannedSession.injections = volumes.map((volumeMl) => ({ veinId: 't1', volumeMl }));
      });
    await expect(assessInvalid(withInjections([1, 0.98]))).resolves.toEqual([
      expect.objectContaining({ code: 'injection_volume_mismatch', path: ['plannedSession', 'injections'] }),
    ]);
    const { assess } = await import('../../src/assess.js');
    expect((await assess(withInjections([1, 0.99])))._tag).toBe('Right');
    expect((await assess(withInjections([0.1, 0.2, 1.7])))._tag).toBe('Right');
  });

  it('refuses more volume than the opened containers hold, with the default 2 mL container', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        if (r.plannedSession === undefined) return;
        delete r.plannedSession.containerVolumeMl;
        r.plannedSession.totalVolumeMl = 2.5;
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'volume_exceeds_containers', path: ['plannedSession', 'totalVolumeMl'] })]);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1'])('refuses the impossible or malformed date %s', async (date) => {
    const issues = await assessInvalid(changed((r) => r.plannedSession && (r.plannedSession.date = date)));
    expect(pathsOf(issues)).toEqual([['plannedSession', 'date']]);
  });

  it('refuses a prior session dated after the planned session', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        r.priorSessions = [
          { date: '2026-03-02', agent: 'polidocanol', totalVolumeMl: 1 },
          { date: '2026-03-10', agent: 'polidocanol', totalVolumeMl: 1 },
        ];
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'prior_session_after_planned_date', path: ['priorSessions', 1, 'date'] })]);
  });

  it('refuses a duplex ultrasound dated one day after the planned session, at the duplex date', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        r.duplexUltrasound = { date: '2026-03-03', truncalReflux: [], deepVenousDisease: [] };
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'duplex_after_planned_date', path: ['duplexUltrasound', 'date'] })]);
  });

  it('accepts a duplex ultrasound done on the day of the planned session', async () => {
    const assessment = await assessValid(
      changed((r) => {
        r.duplexUltrasound = { date: '2026-03-02', truncalReflux: [], deepVenousDisease: [] };
      }),
    );
    expect(assessment.session.status).toBe('approved');
  });

  it('compares the duplex date with "today" (asOf) when nothing is planned', async () => {
    const request = changed((r) => {
      delete r.plannedSession;
      r.duplexUltrasound = { date: '2026-05-11', truncalReflux: [], deepVenousDisease: [] };
    });
    const issues = await assessInvalid(request, { asOf: '2026-05-10' });
    expect(issues).toEqual([expect.objectContaining({ code: 'duplex_after_planned_date', path: ['duplexUltrasound', 'date'] })]);
    const assessment = await assessValid(request, { asOf: '2026-05-11' });
    expect(assessment.session.status).toBe('not-planned');
  });

  it('reports a late duplex together with a late prior session', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        r.duplexUltrasound = { date: '2026-03-05', truncalReflux: [], deepVenousDisease: [] };
        r.priorSessions = [{ date: '2026-03-04', agent: 'polidocanol', totalVolumeMl: 1 }];
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ['duplex_after_planned_date', ['duplexUltrasound', 'date']],
        ['prior_session_after_planned_date', ['priorSessions', 0, 'date']],
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('accepts a vein label of 1 and of 60 characters', async () => {
    const assessment = await assessValid(
      changed((r) => {
        r.veins = [
          { id: 't1', label: 'x', kind: 'telangiectasia', diameterMm: 0.5, region: 'leg', side: 'left' },
          { id: 'r1', label: 'l'.repeat(60), kind: 'reticular', diameterMm: 2, region: 'leg', side: 'left' },
        ];
      }),
    );
    expect(assessment.session.status).toBe('approved');
  });

  it('refuses an empty vein label and one of 61 characters, at the label', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        r.veins = [
          { id: 't1', label: '', kind: 'telangiectasia', diameterMm: 0.5, region: 'leg', side: 'left' },
          { id: 'r1', label: 'l'.repeat(61), kind: 'reticular', diameterMm: 2, region: 'leg', side: 'left' },
        ];
      }),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['too_small', ['veins', 0, 'label']],
      ['too_big', ['veins', 1, 'label']],
    ]);
  });

  it('accepts 29 February in a leap year', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });

  it('reports every problem at once, each with its path', async () => {
    const issues = await assessInvalid({ patient: {}, history: { mobility: 'running' }, veins: 'none' });
    expect(pathsOf(issues)).toEqual(
      expect.arrayContaining([['patient', 'ageYears'], ['history', 'mobility'], ['veins']]),
    );
  });

  it('refuses a non-object with an issue at the root', async () => {
    const issues = await assessInvalid(42);
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: [] })]);
  });
});

describe('foam fields and the agent input checks (CONTRACT §3.2, §3.4)', () => {
  const foamPlan = (patch: Record<string, unknown>) =>
    changed((r) => {
      Object.assign(r.plannedSession ?? {}, { formulation: 'foam', concentrationPercent: 1, ...patch });
    });
  const codes = (issues: readonly { code: string; path: readonly (string | number)[] }[]) => issues.map((i) => [i.code, i.path]);

  it('accepts 8 mL of foam from one 2 mL ampoule, with and without its documented liquid', async () => {
    await assessValid(foamPlan({ containers: 1, totalVolumeMl: 8, foam: { liquidVolumeMl: 1.6, gas: 'carbon-dioxide' } }));
    await assessValid(foamPlan({ containers: 1, totalVolumeMl: 8 }));
    await assessValid(foamPlan({ containers: 1, totalVolumeMl: 16 }));
  });

  it('refuses foam needing more liquid than the containers hold: 16.01 mL at 1 + 7, or a documented 2.01 mL', async () => {
    expect(codes(await assessInvalid(foamPlan({ containers: 1, totalVolumeMl: 16.01 })))).toEqual([['volume_exceeds_containers', ['plannedSession', 'totalVolumeMl']]]);
    expect(codes(await assessInvalid(foamPlan({ containers: 1, totalVolumeMl: 8, foam: { liquidVolumeMl: 2.01 } })))).toEqual([
      ['volume_exceeds_containers', ['plannedSession', 'foam', 'liquidVolumeMl']],
    ]);
  });

  it.each([
    ['polidocanol', 4],
    ['sodium-tetradecyl-sulfate', 3],
    ['hypertonic-saline', 23.4],
    ['glycerin', 72],
  ] as const)('accepts %s at %s % and refuses it just above, in the plan and in an earlier session', async (agent, max) => {
    await assessValid(changed((r) => Object.assign(r.plannedSession ?? {}, { agent, concentrationPercent: max })));
    const issues = await assessInvalid(
      changed((r) => {
        Object.assign(r.plannedSession ?? {}, { agent, concentrationPercent: max + 0.01 });
        r.priorSessions = [{ date: '2026-02-01', agent, totalVolumeMl: 1, concentrationPercent: max + 0.01 }];
      }),
    );
    expect(codes(issues)).toEqual([
      ['implausible_concentration', ['plannedSession', 'concentrationPercent']],
      ['implausible_concentration', ['priorSessions', 0, 'concentrationPercent']],
    ]);
  });

  it.each(['hypertonic-saline', 'glycerin'] as const)('refuses %s foam, planned or earlier', async (agent) => {
    const issues = await assessInvalid(
      changed((r) => {
        Object.assign(r.plannedSession ?? {}, { agent, formulation: 'foam', concentrationPercent: 1 });
        r.priorSessions = [{ date: '2026-02-01', agent, totalVolumeMl: 1, formulation: 'foam' }];
      }),
    );
    expect(codes(issues)).toEqual([
      ['formulation_not_possible', ['plannedSession', 'formulation']],
      ['formulation_not_possible', ['priorSessions', 0, 'formulation']],
    ]);
  });

  it('refuses foam details without foam, at the foam object and at the earlier liquid volume', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        Object.assign(r.plannedSession ?? {}, { foam: { gas: 'room-air' } });
        r.priorSessions = [
          { date: '2026-02-01', agent: 'polidocanol', totalVolumeMl: 2, formulation: 'liquid', liquidVolumeMl: 1 },
          { date: '2026-02-02', agent: 'polidocanol', totalVolumeMl: 2, liquidVolumeMl: 1 },
        ];
      }),
    );
    expect(codes(issues)).toEqual([
      ['foam_without_foam_formulation', ['plannedSession', 'foam']],
      ['foam_without_foam_formulation', ['priorSessions', 0, 'liquidVolumeMl']],
      ['foam_without_foam_formulation', ['priorSessions', 1, 'liquidVolumeMl']],
    ]);
  });

  it('refuses a foam liquid above its volume, and accepts one equal to it', async () => {
    await assessValid(foamPlan({ totalVolumeMl: 2, foam: { liquidVolumeMl: 2 } }));
    const issues = await assessInvalid(
      changed((r) => {
        Object.assign(r.plannedSession ?? {}, { formulation: 'foam', totalVolumeMl: 2, foam: { liquidVolumeMl: 2.01 } });
        r.priorSessions = [{ date: '2026-02-01', agent: 'polidocanol', totalVolumeMl: 4, formulation: 'foam', liquidVolumeMl: 4.01 }];
      }),
    );
    expect(codes(issues)).toEqual(
      expect.arrayContaining([
        ['foam_liquid_exceeds_volume', ['plannedSession', 'foam', 'liquidVolumeMl']],
        ['foam_liquid_exceeds_volume', ['priorSessions', 0, 'liquidVolumeMl']],
      ]),
    );
  });

  it('refuses an unknown gas, an unknown foam field, and a liquid volume of 0', async () => {
    const issues = await assessInvalid(foamPlan({ foam: { gas: 'nitrogen', liquidVolumeMl: 0, ratio: 4 } }));
    expect(codes(issues)).toEqual(
      expect.arrayContaining([
        ['invalid_value', ['plannedSession', 'foam', 'gas']],
        ['too_small', ['plannedSession', 'foam', 'liquidVolumeMl']],
        ['unrecognized_keys', ['plannedSession', 'foam', 'ratio']],
      ]),
    );
  });

  it('reports every foam and agent issue together', async () => {
    const issues = await assessInvalid(
      changed((r) => {
        Object.assign(r.plannedSession ?? {}, { agent: 'glycerin', formulation: 'foam', concentrationPercent: 80, totalVolumeMl: 2, foam: { liquidVolumeMl: 3 } });
      }),
    );
    expect(codes(issues)).toEqual(
      expect.arrayContaining([
        ['implausible_concentration', ['plannedSession', 'concentrationPercent']],
        ['formulation_not_possible', ['plannedSession', 'formulation']],
        ['foam_liquid_exceeds_volume', ['plannedSession', 'foam', 'liquidVolumeMl']],
        ['volume_exceeds_containers', ['plannedSession', 'foam', 'liquidVolumeMl']],
      ]),
    );
  });
});
