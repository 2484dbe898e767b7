/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { assessOrThrow } from '../../src/assess.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { requestArbitrary } from '../../src/testing/arbitraries.js';
import { checkAssessmentInvariants, checkRiskFactorsNeverHelp } from '../../src/testing/invariants.js';
import { RISK_FACTORS, type RiskFactor } from '../../src/testing/risk-factors.js';

const clinic = applyOverlay(defaultRuleSet, JSON.parse(readFileSync('examples/overlays/clinic-8ml.json', 'utf8')));
if (E.isLeft(clinic)) throw new Error('the example overlay is refused');
const ruleSet = clinic.right;

describe('the property-testing kit', () => {
  it('generates clean requests with every contraindication documented absent', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ clean: true }), async (request) => {
        const assessment = await assessOrThrow(request);
        expect(assessment.unconfirmed.filter((p) => p.startsWith('history.'))).toEqual([]);
        expect(assessment.status).not.toBe('not-candidate');
      }),
      { numRuns: 50 },
    );
  });

  it.each(['acuteThromboembolism', 'bedridden', 'criticalLimbIschaemia'] as RiskFactor[])('generates requests with the chosen risk factor %s', async (factor) => {
    const [request] = fc.sample(requestArbitrary({ clean: true, riskFactor: factor }), 1);
    if (request === undefined) throw new Error('no sample');
    expect(request).toEqual(RISK_FACTORS[factor](request));
    expect((await assessOrThrow(request)).status).toBe('not-candidate');
  });

  it('property-tests a clinic overlay in a few lines', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        const assessment = await assessOrThrow(request, { ruleSet });
        expect(checkAssessmentInvariants(request, assessment)).toEqual([]);
        if (assessment.session.status.startsWith('approved')) expect(request.plannedSession?.totalVolumeMl).toBeLessThanOrEqual(8);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        expect(await checkRiskFactorsNeverHelp(request, { ruleSet })).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('reports a violation when an assessment breaks an invariant', () => {
    const [request] = fc.sample(requestArbitrary({ planned: true, clean: true }), { numRuns: 1, seed: 7 });
    if (request?.plannedSession === undefined) throw new Error('no sample');
    const forged = {
      status: 'candidate' as const,
      session: {
        status: 'approved' as const,
        totals: {
          volumeMl: 20,
          liquidVolumeMl: 20,
          foamVolumeMl: 0,
          liquidVolumeEstimated: false,
          containers: 10,
          containerEquivalents: 10,
          dailyLiquidVolumeMl: 20,
          dailyFoamVolumeMl: 0,
          dailyVolumeMl: 20,
        },
        limits: { maxVolumeMl: 1, maxFoamVolumeMl: 1, maxContainers: 0 },
        holds: [],
        heldVeinIds: [],
        deferredVeinIds: [],
      },
      findings: [],
      unconfirmed: [],
      ruleSet: { name: 'x', version: '0' },
      asOf: '2026-03-10',
      jurisdiction: 'strictest' as const,
    };
    expect(checkAssessmentInvariants(request, forged).length).toBeGreaterThan(0);
  });
});
