import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toFacts } from '../../src/facts/to-facts.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { isSmallVein, onAnyOfLegs, onSameLeg } from '../../src/facts/legs.js';
import { isToBeTreated, safetyKind } from '../../src/facts/vein-classes.js';
import { requestArbitrary } from '../../src/testing/arbitraries.js';
import type { AssessmentRequest, Vein } from '../../src/model/request-schema.js';
import { NUM_RUNS } from '../properties/num-runs.js';

// The ordering and feeder facts are counted in one pass per request; here they are checked against
// their definitions written as plain searches (RULES.md, ordering rules).
const targetsOf = (request: AssessmentRequest): Vein[] =>
  (request.plannedSession?.targetVeinIds ?? []).flatMap((id) => {
    const vein = [...request.veins].reverse().find((v) => v.id === id);
    return vein === undefined ? [] : [vein];
  });
const smallLegTargets = (targets: readonly Vein[]): Vein[] => targets.filter((t) => t.region === 'leg' && isSmallVein(safetyKind(t)));

const deferrableByDefinition = (request: AssessmentRequest): string[] => {
  const targets = targetsOf(request);
  const ids = new Set(targets.map((t) => t.id));
  const varicose = request.veins.filter((v) => v.region === 'leg' && safetyKind(v) === 'varicose' && isToBeTreated(v, ids));
  const reflux = request.duplexUltrasound?.truncalReflux ?? [];
  return smallLegTargets(targets)
    .filter((t) => varicose.some((v) => v.id !== t.id && onSameLeg(t, v)) || onAnyOfLegs(t, reflux))
    .map((t) => t.id);
};

const feedersByDefinition = (request: AssessmentRequest): string[] => {
  const small = smallLegTargets(targetsOf(request));
  return small.filter((t) => small.some((u) => safetyKind(u) !== safetyKind(t) && onSameLeg(t, u))).map((t) => t.id);
};

describe('session facts', () => {
  it('find the deferrable and feeder-pair targets their definitions name', () => {
    fc.assert(
      fc.property(requestArbitrary({ planned: true }), (request) => {
        const facts = toFacts(request, defaultRuleSet.limits, 0, 'strictest', defaultRuleSet.agents);
        expect(facts.deferrableTargetIds).toEqual(deferrableByDefinition(request));
        expect(facts.feederPairTargetIds).toEqual(feedersByDefinition(request));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
