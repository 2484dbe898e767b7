// What the benchmark runs, bundled from src/ by scripts/bench.mjs the way tsup builds dist/.
import * as E from 'fp-ts/lib/Either.js';
import { assess, assessSync } from '../../src/assess.js';
import { jsonRulesEngine } from '../../src/json-rules-engine.js';
import { parseRequest } from '../../src/model/parse-request.js';
import { toDayNumber } from '../../src/model/dates.js';
import { toFacts } from '../../src/facts/to-facts.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { runCompiled, stagesOf } from '../../src/engine/compiled-evaluator.js';
import { buildFinding } from '../../src/explain/build-finding.js';
import { buildAssessment, sessionStatusOf } from '../../src/explain/build-assessment.js';
import { loadVignettes } from '../../src/testing/vignettes/load.js';
import type { AssessOptions } from '../../src/assess.js';

export { assess, assessSync, jsonRulesEngine };

/** One request of the mix, with the options its vignette gives. */
export interface Case {
  readonly request: unknown;
  readonly options: AssessOptions;
}

/**
 * The vignette requests of test/vignettes, valid and invalid, with their dates and jurisdictions.
 * @returns the cases
 */
export const vignetteCases = async (): Promise<readonly Case[]> => {
  const loaded = await loadVignettes(['test/vignettes']);
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
  return loaded.right.flatMap((file) =>
    file.vignettes.map((v) => ({
      request: v.request,
      options: { ...(v.asOf === undefined ? {} : { asOf: v.asOf }), ...(v.jurisdiction === undefined ? {} : { jurisdiction: v.jurisdiction }) },
    })),
  );
};

/** Time spent in each stage of the compiled path, in milliseconds, summed over calls. */
export interface StageTimes {
  validation: number;
  facts: number;
  evaluation: number;
  explanation: number;
}

/**
 * The compiled path of assessSync for valid requests under the shipped rules, step by step, with
 * a timer around each stage; its result equals assessSync's.
 * @param request - a valid request
 * @param asOf - "today"
 * @param times - where the times are added
 * @returns the assessment, or undefined for an invalid request
 */
export const stagedAssess = (request: unknown, asOf: string | undefined, times: StageTimes): unknown => {
  let t = performance.now();
  const parsed = parseRequest(request);
  let now = performance.now();
  times.validation += now - t;
  if (E.isLeft(parsed)) return undefined;
  const day = asOf ?? parsed.right.plannedSession?.date ?? '2026-01-01';
  t = now;
  const facts = toFacts(parsed.right, defaultRuleSet.limits, toDayNumber(day) ?? 0, 'strictest', defaultRuleSet.agents);
  now = performance.now();
  times.facts += now - t;
  t = now;
  const stages = stagesOf(defaultRuleSet, 'strictest');
  const firedOne = runCompiled(stages.one, facts, true);
  now = performance.now();
  times.evaluation += now - t;
  t = now;
  const one = firedOne.map((f) => buildFinding(f, facts, defaultRuleSet));
  const second = Object.assign(facts, { sessionStatus: sessionStatusOf(facts, one) });
  now = performance.now();
  times.explanation += now - t;
  t = now;
  const firedTwo = runCompiled(stages.two, second, true);
  now = performance.now();
  times.evaluation += now - t;
  t = now;
  const assessment = buildAssessment(second, [...one, ...firedTwo.map((f) => buildFinding(f, second, defaultRuleSet))], defaultRuleSet, day, 'strictest');
  times.explanation += performance.now() - t;
  return assessment;
};
