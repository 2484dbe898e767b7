import { describe, expect, it } from 'vitest';
import type { AssessOptions } from '../../src/assess.js';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest, PlannedSession, PriorSession } from '../../src/model/request-schema.js';
import { AGENTS } from '../../src/model/vocabulary.js';
import { assessValid, changed, expectClinicianText, expectFinding, expectSilent, findingOf } from '../helpers.js';

// The foam rules of RULES.md v2. The base adds a 4 mm varicose vein of the left calf ("v1") and a
// current duplex scan with no reflux to the clean request, so foam into v1 is a clean plan.

const varicose = (patch: Partial<PlannedSession>, more?: (request: AssessmentRequest) => void): AssessmentRequest =>
  changed((request) => {
    request.veins.push({ id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side: 'left' });
    request.duplexUltrasound = { date: '2026-02-01', truncalReflux: [], deepVenousDisease: [] };
    if (request.plannedSession === undefined) throw new Error('the clean request plans a session');
    Object.assign(request.plannedSession, { formulation: 'foam', concentrationPercent: 1, targetVeinIds: ['v1'], ...patch });
    more?.(request);
  });

const EU: AssessOptions = { jurisdiction: 'EU' };
const US: AssessOptions = { jurisdiction: 'US' };
const CO2 = { gas: 'carbon-dioxide' } as const;

const expectEvidence = (finding: Finding, fact: string, expected: unknown, actual: unknown): void =>
  expect(finding.evidence).toContainEqual(expect.objectContaining({ fact, expected, actual }));


const blocked = (assessment: Assessment, ruleId: string): Finding => {
  const finding = expectFinding(assessment, ruleId);
  expect(finding.scope).toBeUndefined();
  expect(finding.unconfirmed).toBeUndefined();
  expect(assessment.session.status).toBe('blocked');
  expectClinicianText(finding);
  return finding;
};

describe('the acceptance case: 8 mL of 1 % polidocanol foam from one 2 mL ampoule', () => {
  const acceptance = (foam: PlannedSession['foam']) => varicose({ containers: 1, containerVolumeMl: 2, totalVolumeMl: 8, ...(foam ? { foam } : {}) });

  it('is approved with 1.6 mL of liquid for 70 kg, with totals from the liquid content', async () => {
    const assessment = await assessValid(acceptance({ liquidVolumeMl: 1.6, ...CO2 }), EU);
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({
      volumeMl: 8,
      liquidVolumeMl: 1.6,
      foamVolumeMl: 8,
      liquidVolumeEstimated: false,
      containerEquivalents: 1,
      dailyLiquidVolumeMl: 1.6,
      dailyFoamVolumeMl: 8,
      polidocanolMg: 16,
      dailyPolidocanolMg: 16,
    });
    expect(assessment.session.limits).toMatchObject({ maxVolumeMl: 10, maxFoamVolumeMl: 10, maxPolidocanolMg: 140 });
  });

  it('is approved under the default jurisdiction too (the varicose label caution only)', async () => {
    const assessment = await assessValid(acceptance({ liquidVolumeMl: 1.6, ...CO2 }));
    expect(assessment.session.status).toBe('approved');
    expect(assessment.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual(['candidacy.varicose-outside-label']);
  });

  it('with the liquid not recorded, gives upper-estimate totals and no hold while the rich estimate is within every cap', async () => {
    const assessment = await assessValid(acceptance(CO2), EU);
    expectSilent(assessment, 'dose.foam-liquid-unconfirmed');
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ liquidVolumeMl: 4, liquidVolumeEstimated: true, polidocanolMg: 40, dailyLiquidVolumeMl: 4 });
  });
});

describe('dose.foam-liquid-unconfirmed', () => {
  const ID = 'dose.foam-liquid-unconfirmed';
  // 10 mL of 3 % foam: 2 mL (60 mg) on the standard estimate, 5 mL (150 mg) on the upper one.
  const threePercent = (weightKg: number, foam: PlannedSession['foam'] = CO2) =>
    varicose({ concentrationPercent: 3, containers: 2, totalVolumeMl: 10, foam }, (r) => {
      r.patient.weightKg = weightKg;
    });

  it('holds when only the upper estimate breaks the weight cap (74.9 kg: 150 mg over 149.8 mg)', async () => {
    const assessment = await assessValid(threePercent(74.9), EU);
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'foamLiquidOverCapCount', 0, 1);
    expect(finding.scope).toBeUndefined();
    expect(finding.unconfirmed).toEqual(['plannedSession.foam.liquidVolumeMl']);
    expect(finding.detail).toContain('weight-based polidocanol limit');
    expect(finding.detail).toContain('the liquid volume used to make the planned foam');
    expectClinicianText(finding);
    expectSilent(assessment, 'dose.weight-based-polidocanol-cap');
    expect(assessment.status).toBe('insufficient-information');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.holds).toEqual([
      expect.objectContaining({ ruleId: ID, reason: 'unconfirmed', paths: ['plannedSession.foam.liquidVolumeMl'], resolution: finding.resolution }),
    ]);
    expect(assessment.unconfirmed).toEqual(['plannedSession.foam.liquidVolumeMl']);
    expect(assessment.session.totals).toMatchObject({ dailyPolidocanolMg: 150 });
  });

  it('stays silent at 75 kg, where the upper estimate is exactly the cap', async () => {
    const assessment = await assessValid(threePercent(75), EU);
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
  });

  it('stays silent once the liquid is documented', async () => {
    const assessment = await assessValid(threePercent(74.9, { liquidVolumeMl: 2, ...CO2 }), EU);
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
    expect(assessment.session.totals).toMatchObject({ polidocanolMg: 60, liquidVolumeEstimated: false });
  });

  it('does not fire when the standard estimate already blocks: 29.9 kg blocks on the weight cap', async () => {
    const assessment = await assessValid(threePercent(29.9), EU);
    blocked(assessment, 'dose.weight-based-polidocanol-cap');
    expectSilent(assessment, ID);
  });

  // A liquid plan of 6 mL after an earlier foam session of 10 mL that day: 6 + 2 = 8 mL on the
  // standard estimate, 6 + 5 = 11 mL on the upper one.
  const afterFoam = (prior: Partial<PriorSession>) =>
    changed((r) => {
      Object.assign(r.plannedSession ?? {}, { containers: 3, totalVolumeMl: 6, targetVeinIds: ['r1'], concentrationPercent: 1 });
      r.priorSessions = [
        { date: '2026-02-01', agent: 'polidocanol', totalVolumeMl: 2, formulation: 'foam' },
        { date: '2026-03-02', agent: 'polidocanol', totalVolumeMl: 10, formulation: 'foam', concentrationPercent: 0.5, ...prior },
      ];
    });

  it('asks for the liquid of an earlier same-day foam session counted in the day total', async () => {
    const assessment = await assessValid(afterFoam({}));
    const finding = expectFinding(assessment, ID);
    expect(finding.unconfirmed).toEqual(['priorSessions[1].liquidVolumeMl']);
    expect(finding.detail).toContain('liquid limit per calendar day');
    expect(finding.detail).toContain('earlier session 2');
    expectSilent(assessment, 'dose.daily-volume-cap');
    expect(assessment.session.status).toBe('held');
    expect(assessment.session.totals).toMatchObject({ liquidVolumeMl: 6, dailyLiquidVolumeMl: 11, liquidVolumeEstimated: true });
  });

  it('stays silent when that earlier session records its liquid; the daily cap blocks on documented liquid above 4 mL', async () => {
    const within = await assessValid(afterFoam({ liquidVolumeMl: 4 }));
    expectSilent(within, ID);
    expect(within.session.status).toBe('approved');
    const over = await assessValid(afterFoam({ liquidVolumeMl: 4.01 }));
    expectSilent(over, ID);
    blocked(over, 'dose.daily-volume-cap');
  });

  it('asks for the liquid of a foam session in the interval window counted in the split-session total', async () => {
    const request = changed((r) => {
      Object.assign(r.plannedSession ?? {}, { containers: 3, totalVolumeMl: 6, targetVeinIds: ['r1'], concentrationPercent: 1 });
      r.priorSessions = [{ date: '2026-02-27', agent: 'polidocanol', totalVolumeMl: 10, formulation: 'foam', concentrationPercent: 0.5 }];
    });
    const assessment = await assessValid(request);
    const finding = expectFinding(assessment, ID);
    expect(finding.unconfirmed).toEqual(['priorSessions[0].liquidVolumeMl']);
    expect(finding.detail).toContain('closer together than the advised interval');
    expectSilent(assessment, 'dose.split-session-interval');
  });

  it('holds when only the upper estimate breaks the 3 % STS day cap (10 mL of foam: 2 mL standard, 5 mL upper)', async () => {
    const request = varicose({ agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 3, containers: 3, totalVolumeMl: 10, foam: CO2 });
    const assessment = await assessValid(request, EU);
    expect(expectFinding(assessment, ID).detail).toContain('3 % sodium tetradecyl sulfate');
    expectSilent(assessment, 'dose.agent-session-volume');
    const documented = await assessValid(varicose({ agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 3, containers: 3, totalVolumeMl: 10, foam: { liquidVolumeMl: 4, ...CO2 } }), EU);
    expectSilent(documented, ID);
    expectSilent(documented, 'dose.agent-session-volume');
  });
});

describe('dose.session-volume-cap on foam', () => {
  const ID = 'dose.session-volume-cap';
  it('counts the documented foam liquid: 10 mL is silent, 10.01 mL of liquid blocks (foam volume 10.01 mL)', async () => {
    // The foam cap blocks 10.01 mL of foam as well, so both blocks show.
    const assessment = await assessValid(varicose({ containers: 6, containerVolumeMl: 2, totalVolumeMl: 10.01, foam: { liquidVolumeMl: 10.01, ...CO2 } }), EU);
    const finding = blocked(assessment, ID);
    expectEvidence(finding, 'plannedLiquidStandardMl', 10, 10.01);
    expect(finding.detail).toContain('made with 10.01 mL of liquid');
  });
});

describe('dose.foam-volume-cap', () => {
  const ID = 'dose.foam-volume-cap';
  const foam = (totalVolumeMl: number, patch: Partial<PlannedSession> = {}) =>
    varicose({ containers: 2, totalVolumeMl, foam: { liquidVolumeMl: 2, ...CO2 }, ...patch });

  it('allows 10 mL of foam', async () => {
    const assessment = await assessValid(foam(10), EU);
    expectSilent(assessment, ID);
    expect(assessment.session.status).toBe('approved');
  });

  it('blocks 10.01 mL of foam, naming the foam volume and the cap', async () => {
    const assessment = await assessValid(foam(10.01), EU);
    const finding = blocked(assessment, ID);
    expectEvidence(finding, 'dailyFoamVolumeMl', 10, 10.01);
    for (const text of ['10.01 mL of foam', '10 mL of foam per session and per day']) expect(finding.detail).toContain(text);
    expect(assessment.session.limits.maxFoamVolumeMl).toBe(10);
  });

  it('counts same-day earlier foam and sessions of unrecorded form, but not earlier liquid', async () => {
    // 6 mL of foam planned after an earlier session that day of 4.01 mL.
    const withPrior = (prior: Partial<PriorSession>) =>
      changed((r) => {
        r.priorSessions = [{ date: '2026-03-02', agent: 'polidocanol', totalVolumeMl: 4.01, concentrationPercent: 1, ...prior }];
      }, foam(6));
    blocked(await assessValid(withPrior({ formulation: 'foam', liquidVolumeMl: 1 }), EU), ID);
    const unrecordedForm = await assessValid(withPrior({}), EU);
    expectFinding(unrecordedForm, ID);
    expect(unrecordedForm.session.totals.dailyFoamVolumeMl).toBe(10.01);
    expectSilent(await assessValid(withPrior({ formulation: 'liquid' }), EU), ID);
    expectSilent(await assessValid(withPrior({ formulation: 'foam', totalVolumeMl: 4, liquidVolumeMl: 1 }), EU), ID);
  });

  it('does not apply to a liquid plan', async () => {
    expectSilent(await assessValid(varicose({ formulation: 'liquid', containers: 5, totalVolumeMl: 10 })), ID);
  });

  describe('the US canister case: polidocanol 1 % foam from its proprietary canister', () => {
    const canister = (totalVolumeMl: number, patch: Partial<PlannedSession> = {}) =>
      varicose({ containers: 1, totalVolumeMl, foam: { gas: 'proprietary-canister' }, ...patch });

    it('allows 15 mL under US, with the canister cap in the session limits', async () => {
      const assessment = await assessValid(canister(15), US);
      expectSilent(assessment, ID);
      expect(assessment.session.status).toBe('approved');
      expect(assessment.session.limits.maxFoamVolumeMl).toBe(15);
    });

    it('blocks 15.01 mL under US, naming the canister label', async () => {
      const finding = blocked(await assessValid(canister(15.01), US), ID);
      expectEvidence(finding, 'dailyFoamVolumeMl', 15, 15.01);
      expect(finding.detail).toContain('Varithena');
      expect(finding.detail).toContain('15 mL');
    });

    it.each([
      ['EU', EU],
      ['the default', {}],
    ] as const)('blocks 15 mL under %s, where the cap is 10 mL', async (_name, options) => {
      const assessment = await assessValid(canister(15), options);
      expectEvidence(blocked(assessment, ID), 'dailyFoamVolumeMl', 10, 15);
      expect(assessment.session.limits.maxFoamVolumeMl).toBe(10);
    });

    it('keeps the 10 mL cap under US for another gas, another strength or another agent', async () => {
      for (const patch of [{ foam: CO2 }, { concentrationPercent: 3 }, { agent: 'sodium-tetradecyl-sulfate' as const }]) {
        const assessment = await assessValid(canister(15, patch), US);
        expectEvidence(blocked(assessment, ID), 'dailyFoamVolumeMl', 10, 15);
      }
    });
  });
});

describe('dose.weight-based-polidocanol-cap on foam', () => {
  const ID = 'dose.weight-based-polidocanol-cap';
  // 10 mL of 3 % foam, liquid not recorded: 60 mg on the standard estimate; 30 kg allows 60 mg.
  const foam = (weightKg: number) =>
    varicose({ concentrationPercent: 3, containers: 2, totalVolumeMl: 10, foam: CO2 }, (r) => {
      r.patient.weightKg = weightKg;
    });

  it('blocks on the standard estimate at 29.9 kg, naming the estimated liquid and strength', async () => {
    const finding = blocked(await assessValid(foam(29.9), EU), ID);
    expectEvidence(finding, 'dailyPolidocanolMgStandard', 59.8, 60);
    expect(finding.detail).toContain('2 mL of 3 % liquid');
    expect(finding.detail).toContain('1 part liquid to 4 parts gas');
  });

  it('does not block at 30 kg (exactly 60 mg on the standard estimate), but holds for the rich estimate', async () => {
    const assessment = await assessValid(foam(30), EU);
    expectSilent(assessment, ID);
    expectFinding(assessment, 'dose.foam-liquid-unconfirmed');
    expect(assessment.session.status).toBe('held');
  });

  it('counts an earlier same-day foam session by its documented liquid', async () => {
    const request = changed((r) => {
      r.priorSessions = [{ date: '2026-03-02', agent: 'polidocanol', totalVolumeMl: 8, formulation: 'foam', liquidVolumeMl: 2, concentrationPercent: 1 }];
      r.patient.weightKg = 40;
    }, varicose({ concentrationPercent: 3, containers: 1, totalVolumeMl: 8, foam: { liquidVolumeMl: 2, ...CO2 } }));
    // 60 mg planned + 20 mg earlier = 80 mg, exactly 2 mg/kg for 40 kg.
    const assessment = await assessValid(request, EU);
    expectSilent(assessment, ID);
    expect(assessment.session.totals).toMatchObject({ polidocanolMg: 60, dailyPolidocanolMg: 80 });
  });
});

describe('dose.agent-session-volume', () => {
  const ID = 'dose.agent-session-volume';
  const sts = (totalVolumeMl: number, patch: Partial<PlannedSession> = {}, priors: PriorSession[] = []) =>
    varicose({ agent: 'sodium-tetradecyl-sulfate', formulation: 'liquid', concentrationPercent: 3, containers: 3, totalVolumeMl, ...patch }, (r) => {
      r.priorSessions = priors;
    });

  it('allows 4 mL of 3 % liquid', async () => expectSilent(await assessValid(sts(4), EU), ID));

  it('blocks 4.01 mL of 3 % liquid', async () => {
    const finding = blocked(await assessValid(sts(4.01), EU), ID);
    expectEvidence(finding, 'sts3PercentDailyStandardMl', 4, 4.01);
    for (const text of ['4.01 mL', '4 mL', 'Fibrovein']) expect(finding.detail).toContain(text);
  });

  it('does not apply below 3 %', async () => expectSilent(await assessValid(sts(6, { concentrationPercent: 1 }), EU), ID));

  it('counts same-day STS at 3 % or of unrecorded strength, not at 1 %, nor polidocanol', async () => {
    const prior = (extra: Partial<PriorSession>): PriorSession => ({ date: '2026-03-02', agent: 'sodium-tetradecyl-sulfate', totalVolumeMl: 1.01, formulation: 'liquid', ...extra });
    expectFinding(await assessValid(sts(3, {}, [prior({ concentrationPercent: 3 })]), EU), ID);
    const unknown = expectFinding(await assessValid(sts(3, {}, [prior({})]), EU), ID);
    expectEvidence(unknown, 'sts3PercentDailyStandardMl', 4, 4.01);
    expectSilent(await assessValid(sts(3, {}, [prior({ concentrationPercent: 1 })]), EU), ID);
    expectSilent(await assessValid(sts(3, {}, [prior({ agent: 'polidocanol', concentrationPercent: 1 })]), EU), ID);
    expectSilent(await assessValid(sts(3, {}, [prior({ concentrationPercent: 3, date: '2026-03-01' })]), EU), ID);
  });

  it('counts the liquid of foam: documented 4.01 mL blocks, 20 mL of foam estimated at 4 mL does not', async () => {
    blocked(await assessValid(sts(8, { formulation: 'foam', foam: { liquidVolumeMl: 4.01, ...CO2 } }), EU), ID);
    const assessment = await assessValid(sts(10, { formulation: 'foam', foam: CO2 }), EU);
    expectSilent(assessment, ID);
  });
});

describe('precaution.foam-small-veins', () => {
  const ID = 'precaution.foam-small-veins';

  it('cautions about foam into spider and reticular veins, naming only those targets', async () => {
    const assessment = await assessValid(varicose({ targetVeinIds: ['t1', 'r1', 'v1'], totalVolumeMl: 2, foam: CO2 }), EU);
    const finding = expectFinding(assessment, ID);
    expect(finding.veinIds).toEqual(['t1', 'r1']);
    expect(finding.scope).toBeUndefined();
    expect(finding.detail).toContain('spider veins (telangiectasia), left leg');
    expect(finding.detail).toMatch(/liquid/);
    expectClinicianText(finding);
    expect(assessment.status).toBe('candidate-with-precautions');
  });

  it('reads the measured diameter: a reticular vein of 3 mm is small, one of 3.1 mm is not', async () => {
    const sized = (diameterMm: number) =>
      varicose({ targetVeinIds: ['r1'], totalVolumeMl: 2, foam: CO2 }, (r) => {
        r.veins = r.veins.map((v) => (v.id === 'r1' ? { ...v, diameterMm } : v));
      });
    expect(expectFinding(await assessValid(sized(3), EU), ID).veinIds).toEqual(['r1']);
    expectSilent(await assessValid(sized(3.1), EU), ID);
  });

  it('stays silent for foam into a varicose vein and for liquid into a spider vein', async () => {
    expectSilent(await assessValid(varicose({ totalVolumeMl: 2, foam: CO2 }), EU), ID);
    expectSilent(await assessValid(changed(() => undefined)), ID);
  });
});

describe('precaution.room-air-foam', () => {
  const ID = 'precaution.room-air-foam';
  const gas = (foam: PlannedSession['foam'], patch: Partial<PlannedSession> = {}) => varicose({ totalVolumeMl: 2, ...(foam ? { foam } : {}), ...patch });

  it('cautions about room air, and says so', async () => {
    const assessment = await assessValid(gas({ gas: 'room-air' }), EU);
    const finding = expectFinding(assessment, ID);
    expectEvidence(finding, 'plannedFoamGas', ['room-air', 'undocumented'], 'room-air');
    expect(finding.detail).toContain('made with room air');
    expectClinicianText(finding);
    expect(assessment.session.status).toBe('approved');
  });

  it('cautions when the gas is not recorded, and says so', async () => {
    const finding = expectFinding(await assessValid(gas(undefined), EU), ID);
    expect(finding.detail).toContain('not recorded');
    expect(finding.unconfirmed).toBeUndefined();
  });

  it('stays silent for carbon dioxide, oxygen and carbon dioxide, and the canister', async () => {
    for (const g of ['carbon-dioxide', 'oxygen-carbon-dioxide', 'proprietary-canister'] as const) expectSilent(await assessValid(gas({ gas: g }), EU), ID);
  });

  it('stays silent for sodium tetradecyl sulfate foam and for liquid polidocanol', async () => {
    expectSilent(await assessValid(gas({ gas: 'room-air' }, { agent: 'sodium-tetradecyl-sulfate' }), EU), ID);
    expectSilent(await assessValid(varicose({ formulation: 'liquid', totalVolumeMl: 2 })), ID);
  });
});

describe('session limits', () => {
  it('show the foam cap with no plan', async () => {
    const assessment = await assessValid(changed((r) => delete r.plannedSession));
    expect(assessment.session.limits.maxFoamVolumeMl).toBe(10);
    expect(findingOf(assessment, 'dose.foam-volume-cap')).toBeUndefined();
  });
});

describe('the testing kit generates every agent, foam and jurisdiction', () => {
  it('covers every agent, foam with and without liquid and gas, the canister, and earlier foam with and without liquid', async () => {
    const fc = (await import('fast-check')).default;
    const { requestArbitrary, priorSessionsArbitrary, jurisdictionArbitrary } = await import('../../src/testing/arbitraries.js');
    const requests = fc.sample(requestArbitrary({ planned: true }), { numRuns: 2000, seed: 5 });
    const plans = requests.map((r) => r.plannedSession).filter((s): s is PlannedSession => s !== undefined);
    expect(new Set(plans.map((s) => s.agent))).toEqual(new Set(AGENTS));
    const foam = plans.filter((s) => s.formulation === 'foam');
    expect(new Set(foam.map((s) => s.agent))).toEqual(new Set(['polidocanol', 'sodium-tetradecyl-sulfate']));
    expect(foam.some((s) => s.foam?.liquidVolumeMl !== undefined)).toBe(true);
    expect(foam.some((s) => s.foam?.liquidVolumeMl === undefined)).toBe(true);
    expect(foam.some((s) => s.foam?.gas === undefined)).toBe(true);
    expect(foam.some((s) => s.foam?.gas === 'proprietary-canister' && s.concentrationPercent === 1)).toBe(true);
    expect(plans.filter((s) => s.formulation === 'liquid').every((s) => s.foam === undefined)).toBe(true);
    const priors = fc.sample(priorSessionsArbitrary, { numRuns: 2000, seed: 5 }).flat();
    expect(priors.some((p) => p.formulation === 'foam' && p.liquidVolumeMl !== undefined)).toBe(true);
    expect(priors.some((p) => p.formulation === 'foam' && p.liquidVolumeMl === undefined)).toBe(true);
    expect(priors.every((p) => p.liquidVolumeMl === undefined || (p.formulation === 'foam' && p.liquidVolumeMl <= p.totalVolumeMl))).toBe(true);
    expect(new Set(fc.sample(jurisdictionArbitrary, { numRuns: 200, seed: 5 }))).toEqual(new Set([undefined, 'US', 'EU']));
    // Every generated request is valid input.
    for (const request of requests.slice(0, 300)) await assessValid(request);
  });
});
