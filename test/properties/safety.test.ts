import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTRAINDICATION_FIELDS, HISTORY_FIELDS } from '../../src/model/clinical-fields.js';
import { requestArbitrary } from '../../src/testing/arbitraries.js';
import { ABSOLUTE_CONTRAINDICATIONS, RISK_FACTORS } from '../../src/testing/risk-factors.js';
import {
  checkApprovedWithinLimits,
  checkContraindicationsExclude,
  checkRiskFactorsNeverHelp,
  checkUndocumentedContraindications,
  checkUndocumentedNeverSafer,
  checkVaricoseBeforeSpider,
  statusRank,
} from '../../src/testing/invariants.js';
import { assessValid } from '../helpers.js';
import { NUM_RUNS } from './num-runs.js';

const options = { numRuns: NUM_RUNS };

describe('safety properties', () => {
  it('(a) approves a session only when it is within every limit, daily totals included', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        expect(checkApprovedWithinLimits(request, await assessValid(request))).toEqual([]);
      }),
      options,
    );
  });

  it('(b) never approves treating a spider or reticular vein on a leg with an untreated varicose vein or truncal reflux', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        expect(checkVaricoseBeforeSpider(request, await assessValid(request))).toEqual([]);
      }),
      options,
    );
  });

  it('(c) gives not-candidate and no approved session for any absolute contraindication', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), fc.constantFrom(...ABSOLUTE_CONTRAINDICATIONS), async (base, factor) => {
        // An allergy contraindicates only the agent that is planned.
        fc.pre(base.plannedSession !== undefined || factor !== 'allergyToPlannedAgent');
        const request = RISK_FACTORS[factor](base);
        const assessment = await assessValid(request);
        expect(assessment.status).toBe('not-candidate');
        expect(checkContraindicationsExclude(request, assessment)).toEqual([]);
      }),
      options,
    );
  });

  it('(d) never improves the status or the session when a risk factor is added', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        expect(await checkRiskFactorsNeverHelp(request)).toEqual([]);
      }),
      options,
    );
  });

  it('(e) never lets an undocumented fact look safer than a confirmed absence', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        expect(await checkUndocumentedNeverSafer(request)).toEqual([]);
      }),
      options,
    );
  });

  it('(e) gives at least insufficient-information for an undocumented absolute contraindication, with its path unconfirmed', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), fc.constantFrom(...CONTRAINDICATION_FIELDS), async (base, field) => {
        const history = Object.fromEntries(Object.entries(base.history).filter(([key]) => key !== field));
        const request = { ...base, history };
        const assessment = await assessValid(request);
        expect(statusRank(assessment.status)).toBeGreaterThanOrEqual(statusRank('insufficient-information'));
        expect(assessment.unconfirmed).toContain(`history.${field}`);
        expect(checkUndocumentedContraindications(request, assessment)).toEqual([]);
      }),
      options,
    );
  });

  it('(e) lists every undocumented history field in unconfirmed', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        const assessment = await assessValid(request);
        const missing = HISTORY_FIELDS.filter((f) => request.history[f] === undefined).map((f) => `history.${f}`);
        expect(assessment.unconfirmed).toEqual(expect.arrayContaining(missing));
      }),
      options,
    );
  });
});
