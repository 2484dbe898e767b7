import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toFacts } from '../../src/facts/to-facts.js';
import { toHistoryFacts } from '../../src/facts/history-facts.js';
import { toVeinFacts } from '../../src/facts/vein-facts.js';
import { toSessionFacts } from '../../src/facts/session-facts.js';
import { toAgentFacts } from '../../src/facts/agent-facts.js';
import { toFoamFacts } from '../../src/facts/foam-facts.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { jurisdictionArbitrary, requestArbitrary } from '../../src/testing/arbitraries.js';
import { NUM_RUNS } from '../properties/num-runs.js';

// toFacts names every fact in one literal rather than spreading its five parts; this checks that
// the literal carries each part whole, value for value, and nothing else.
describe('toFacts', () => {
  it('is the five parts of the facts together, with the limits, the jurisdiction and a provisional status', () => {
    const { limits, agents } = defaultRuleSet;
    fc.assert(
      fc.property(fc.oneof(requestArbitrary(), requestArbitrary({ planned: false })), jurisdictionArbitrary, fc.integer({ min: 19000, max: 22000 }), (request, chosen, day) => {
        const jurisdiction = chosen ?? 'strictest';
        const parts = {
          limits,
          jurisdiction,
          ...toHistoryFacts(request, limits, jurisdiction),
          ...toVeinFacts(request, limits, day, jurisdiction),
          ...toSessionFacts(request, limits, day),
          ...toAgentFacts(request, limits, agents, jurisdiction),
          ...toFoamFacts(request, limits, jurisdiction),
          sessionStatus: 'not-planned',
        };
        const facts = toFacts(request, limits, day, jurisdiction, agents);
        expect(Object.keys(facts).sort()).toEqual(Object.keys(parts).sort());
        expect(facts).toEqual(parts);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
