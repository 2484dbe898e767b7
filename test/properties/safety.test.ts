/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { AssessOptions } from '../../src/assess.js';
import { CONTRAINDICATION_FIELDS, HISTORY_FIELDS } from '../../src/model/clinical-fields.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { priorSessionsArbitrary, requestArbitrary } from '../../src/testing/arbitraries.js';
import { ABSOLUTE_CONTRAINDICATIONS, RISK_FACTORS } from '../../src/testing/risk-factors.js';
import {
  UNDOCUMENTED_FIELDS,
  checkAftercare,
  checkApprovedWithinLimits,
  checkCaps,
  checkContraindicationsExclude,
  checkHoldsExplained,
  checkInvariants,
  checkNoApprovalWithOpenProblem,
  checkRiskFactorsNeverHelp,
  checkUndocumentedContraindications,
  checkUndocumentedNeverSafer,
  checkUndocumentedNeverSaferForSession,
  checkVaricoseBeforeSpider,
  statusRank,
} from '../../src/testing/index.js';
import { assessValid } from '../helpers.js';
import { NUM_RUNS } from './num-runs.js';

const options = { numRuns: NUM_RUNS };

// A clinic overlay that tightens limits (8 mL per session, 10 days between sessions).
const clinic = applyOverlay(defaultRuleSet, JSON.parse(readFileSync('examples/overlays/clinic-8ml.json', 'utf8')));
if (E.isLeft(clinic)) throw new Error('the example overlay is refused');

/** The settings every invariant must hold under (CONTRACT §4.5): jurisdictions and a tightened overlay. */
const SETTINGS: readonly (readonly [string, AssessOptions])[] = [
  ['jurisdiction omitted (strictest)', {}],
  ['jurisdiction US', { jurisdiction: 'US' }],
  ['jurisdiction EU', { jurisdiction: 'EU' }],
  ['the 8 mL clinic overlay', { ruleSet: clinic.right }],
  ['the 8 mL clinic overlay under US', { ruleSet: clinic.right, jurisdiction: 'US' }],
];

// "Today" varies too; the planned date stays the reference date of a planned session.
const asOf = fc.constantFrom(undefined, '2026-03-10', '2026-09-01', '2027-06-01');
const withAsOf = (settings: AssessOptions, date: string | undefined): AssessOptions => (date === undefined ? settings : { ...settings, asOf: date });

describe('safety invariants of CONTRACT §4.5', () => {
  describe.each(SETTINGS)('under %s', (_name, settings) => {
    it('I-1: never approves a session with an exclusion, referral, missing information, a block or a patient-wide hold', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ planned: true }), asOf, async (request, date) => {
          expect(checkNoApprovalWithOpenProblem(await assessValid(request, withAsOf(settings, date)))).toEqual([]);
        }),
        options,
      );
    });

    it('I-2: leaving a field undocumented never gives a better session than some documented value (any field)', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ planned: true }), fc.constantFrom(...UNDOCUMENTED_FIELDS), priorSessionsArbitrary, async (request, field, priors) => {
          expect(await checkUndocumentedNeverSaferForSession(request, { ...settings, fields: [field], priorSessions: [priors] })).toEqual([]);
        }),
        options,
      );
    });

    it('I-3: explains every hold', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(), asOf, async (request, date) => {
          expect(checkHoldsExplained(await assessValid(request, withAsOf(settings, date)))).toEqual([]);
        }),
        options,
      );
    });

    it('I-4: approves a session only within the caps in force', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ planned: true }), asOf, async (request, date) => {
          expect(checkCaps(await assessValid(request, withAsOf(settings, date)))).toEqual([]);
        }),
        options,
      );
    });

    it('I-5: gives aftercare only for an approved session', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(), asOf, async (request, date) => {
          expect(checkAftercare(await assessValid(request, withAsOf(settings, date)))).toEqual([]);
        }),
        options,
      );
    });

    it('every single-assessment check at once, as a clinic would run it', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
          expect(await checkInvariants(request, settings)).toEqual([]);
        }),
        options,
      );
    });
  });

  // I-2 for every field in scope, each with its own runs.
  describe.each(UNDOCUMENTED_FIELDS.map((f) => [f] as const))('I-2 for %s', (field) => {
    it('leaving it undocumented holds or blocks the session whenever a documented value would', async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ planned: true }), priorSessionsArbitrary, priorSessionsArbitrary, async (request, a, b) => {
          expect(await checkUndocumentedNeverSaferForSession(request, { fields: [field], priorSessions: [a, b] })).toEqual([]);
        }),
        options,
      );
    });
  });
});

describe('safety properties kept from version 1, in their version 2 meaning', () => {
  it('(a) approves a session only when its liquid, foam, containers and polidocanol, recomputed from the request, are within the caps', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        expect(checkApprovedWithinLimits(request, await assessValid(request))).toEqual([]);
      }),
      options,
    );
  });

  it('(b) never approves treating a small leg vein today on a leg with a varicose vein to be treated or truncal reflux', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        expect(checkVaricoseBeforeSpider(request, await assessValid(request))).toEqual([]);
      }),
      options,
    );
  });

  it('(c) gives not-candidate and a blocked session for any absolute contraindication', async () => {
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

  it('(d) never improves the session, nor the status of a fully documented history, when a risk factor is added', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        expect(await checkRiskFactorsNeverHelp(request)).toEqual([]);
      }),
      options,
    );
    // Each run assesses the request twice for each of the risk factors.
  }, 300_000);

  it('(e) never lets an undocumented fact give a better status than a confirmed absence, nor a better session short of a hold', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        expect(await checkUndocumentedNeverSafer(request)).toEqual([]);
      }),
      options,
    );
  }, 180_000);

  it('(e) gives at least insufficient-information, and holds a planned session, for an undocumented field that could exclude', async () => {
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
