import * as E from 'fp-ts/lib/Either.js';
import type { Assessment, Finding } from './model/assessment.js';
import { RulesError, type Issues } from './model/issues.js';
import { parseRequest } from './model/parse-request.js';
import { duplexAfter } from './model/cross-field-checks.js';
import { toDayNumber, toIsoDate } from './model/dates.js';
import type { AssessmentRequest } from './model/request-schema.js';
import type { Facts } from './facts/facts.js';
import { toFacts } from './facts/to-facts.js';
import { isValidatedRuleSet, type RuleSet } from './rules/rule-set.js';
import { defaultRuleSet } from './rules/default-rule-set.js';
import { JURISDICTIONS, type Jurisdiction, type JurisdictionInForce } from './model/vocabulary.js';
import type { FiredRule, RuleEvaluator } from './engine/evaluated.js';
import { compiledEvaluator, runCompiled, stagesOf, type Stages } from './engine/compiled-evaluator.js';
import { buildFinding } from './explain/build-finding.js';
import { buildAssessment, sessionStatusOf } from './explain/build-assessment.js';
import { assessedVeins } from './explain/vein-names.js';

/** Options of {@link assess} and {@link assessSync}. */
export interface AssessOptions {
  /** The rule set to evaluate instead of the shipped one, e.g. a clinic's. */
  readonly ruleSet?: RuleSet;
  /** "Today" as `YYYY-MM-DD`; defaults to the planned session's date, else the current date. */
  readonly asOf?: string;
  /** Whose product labels decide label-specific items; omitted, the strictest of both apply. */
  readonly jurisdiction?: Jurisdiction;
  /**
   * What evaluates the rules; omitted, the compiled evaluator. The json-rules-engine reference,
   * `jsonRulesEngine` from `sclerotherapy-cds/json-rules-engine`, gives the same assessment and
   * works with `assess` only.
   */
  readonly evaluator?: RuleEvaluator;
}

const optionIssue = (message: string, path: (string | number)[]): Issues => [{ code: 'invalid_option', message, path }];

const resolveAsOf = (request: AssessmentRequest, asOf: unknown): E.Either<Issues, string> => {
  if (asOf === undefined) return E.right(request.plannedSession?.date ?? toIsoDate(new Date()));
  if (typeof asOf === 'string' && toDayNumber(asOf) !== undefined) return E.right(asOf);
  return E.left(optionIssue(`Option "asOf" must be a calendar date written YYYY-MM-DD, not ${JSON.stringify(asOf)}`, ['asOf']));
};

const resolveJurisdiction = (jurisdiction: unknown): E.Either<Issues, JurisdictionInForce> => {
  if (jurisdiction === undefined) return E.right('strictest');
  if ((JURISDICTIONS as readonly unknown[]).includes(jurisdiction)) return E.right(jurisdiction as Jurisdiction);
  return E.left(optionIssue(`Option "jurisdiction" must be "US" or "EU", not ${JSON.stringify(jurisdiction) ?? String(jurisdiction)}`, ['jurisdiction']));
};

const resolveRuleSet = (ruleSet: unknown): E.Either<Issues, RuleSet> => {
  if (ruleSet === undefined) return E.right(defaultRuleSet);
  if (isValidatedRuleSet(ruleSet)) return E.right(ruleSet);
  return E.left(optionIssue('Option "ruleSet" must be a rule set made by loadRuleSet or applyOverlay, unchanged', ['ruleSet']));
};

const resolveEvaluator = (evaluator: unknown, synchronousOnly: boolean): E.Either<Issues, RuleEvaluator> => {
  if (evaluator === undefined) return E.right(compiledEvaluator);
  const candidate = (typeof evaluator === 'object' && evaluator !== null ? evaluator : {}) as Partial<Record<keyof RuleEvaluator, unknown>>;
  if (typeof candidate.run !== 'function' || typeof candidate.synchronous !== 'boolean' || typeof candidate.name !== 'string') {
    return E.left(optionIssue('Option "evaluator" must be a rule evaluator, e.g. jsonRulesEngine from sclerotherapy-cds/json-rules-engine', ['evaluator']));
  }
  if (synchronousOnly && !candidate.synchronous) {
    return E.left(optionIssue(`Option "evaluator" (${candidate.name}) is asynchronous: use assess, or leave the option out`, ['evaluator']));
  }
  return E.right(evaluator as RuleEvaluator);
};

/** A valid request with its options resolved and its facts derived: what the rules run on. */
interface Prepared {
  readonly request: AssessmentRequest;
  readonly ruleSet: RuleSet;
  readonly asOf: string;
  readonly jurisdiction: JurisdictionInForce;
  readonly evaluator: RuleEvaluator;
  readonly stages: Stages;
  readonly facts: Facts;
}

const prepare = (request: unknown, options: unknown, synchronousOnly: boolean): E.Either<Issues, Prepared> => {
  const opts: Partial<Record<keyof AssessOptions, unknown>> = typeof options === 'object' && options !== null ? options : {};
  const parsed = parseRequest(request);
  if (E.isLeft(parsed)) return parsed;
  const asOf = resolveAsOf(parsed.right, opts.asOf);
  if (E.isLeft(asOf)) return asOf;
  // With a plan, the schema compares the duplex with the planned date; without one, with "today".
  const futureDuplex = parsed.right.plannedSession === undefined ? duplexAfter(parsed.right, asOf.right, 'today') : undefined;
  if (futureDuplex !== undefined) return E.left([futureDuplex]);
  const ruleSet = resolveRuleSet(opts.ruleSet);
  if (E.isLeft(ruleSet)) return ruleSet;
  const jurisdiction = resolveJurisdiction(opts.jurisdiction);
  if (E.isLeft(jurisdiction)) return jurisdiction;
  const evaluator = resolveEvaluator(opts.evaluator, synchronousOnly);
  if (E.isLeft(evaluator)) return evaluator;
  const facts = toFacts(parsed.right, ruleSet.right.limits, toDayNumber(asOf.right) ?? 0, jurisdiction.right, ruleSet.right.agents);
  return E.right({
    request: parsed.right,
    ruleSet: ruleSet.right,
    asOf: asOf.right,
    jurisdiction: jurisdiction.right,
    evaluator: evaluator.right,
    stages: stagesOf(ruleSet.right, jurisdiction.right),
    facts,
  });
};

const explain = (fired: readonly FiredRule[], facts: Facts, ruleSet: RuleSet): Finding[] => fired.map((f) => buildFinding(f, facts, ruleSet));

// Stage 2 (aftercare advice) reads the session status that the findings of stage 1 decide. The facts
// are this call's own, made by toFacts in prepare and read by nothing once stage 1 is explained, so
// the status is written into them: a copy of some 130 facts would cost more than the rules of stage 2.
const withSessionStatus = (facts: Facts, stageOne: readonly Finding[]): Facts => {
  (facts as { sessionStatus: Facts['sessionStatus'] }).sessionStatus = sessionStatusOf(facts, stageOne);
  return facts;
};

const assemble = (p: Prepared, second: Facts, stageOne: readonly Finding[], firedTwo: readonly FiredRule[]): Assessment => {
  const assessment = buildAssessment(second, [...stageOne, ...explain(firedTwo, second, p.ruleSet)], p.ruleSet, p.asOf, p.jurisdiction);
  // The assessment is this call's own and just made, so its veins are added to it, not to a copy.
  (assessment as { veins?: Assessment['veins'] }).veins = assessedVeins(p.request.veins, second.targetIds, assessment.session);
  return assessment;
};

const internalError = (error: unknown): E.Either<Issues, never> => {
  // Unreachable for valid rule sets; reported as data so callers never see a throw or a rejection.
  const message = error instanceof Error ? error.message : String(error);
  return E.left([{ code: 'internal_error', message: `The assessment could not be completed: ${message}`, path: [] }]);
};

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

const runSync = (p: Prepared, rules: Stages[keyof Stages], facts: Facts): readonly FiredRule[] => {
  // The facts were made by toFacts in prepare, and the rules come from a validated rule set: the
  // compiled evaluator is told so, and may then cut a rule short (see compileConditions).
  if (p.evaluator === compiledEvaluator) return runCompiled(rules, facts, true);
  const fired = p.evaluator.run(rules, facts);
  if (isPromise(fired)) throw new Error(`the evaluator "${p.evaluator.name}" says it is synchronous but returned a promise`);
  return fired;
};

const evaluateSync = (p: Prepared): Assessment => {
  const stageOne = explain(runSync(p, p.stages.one, p.facts), p.facts, p.ruleSet);
  const second = withSessionStatus(p.facts, stageOne);
  return assemble(p, second, stageOne, runSync(p, p.stages.two, second));
};

/**
 * Assesses a patient and a planned session against the rules, synchronously, with the compiled
 * evaluator (or another synchronous one); the same result as {@link assess}. Never throws.
 * @param request - the request, as unknown JSON; it is validated here and never changed
 * @param options - another rule set, another "today", or one jurisdiction's labels
 * @returns the explained assessment, or the issues with the path of each bad field
 */
export const assessSync = (request: unknown, options: AssessOptions = {}): E.Either<Issues, Assessment> => {
  try {
    const prepared = prepare(request, options, true);
    if (E.isLeft(prepared)) return prepared;
    return E.right(evaluateSync(prepared.right));
  } catch (error) {
    return internalError(error);
  }
};

/**
 * Assesses a patient and a planned session against the rules; never throws and never rejects.
 * @param request - the request, as unknown JSON; it is validated here and never changed
 * @param options - another rule set, another "today", one jurisdiction's labels, or another evaluator
 * @returns the explained assessment, or the issues with the path of each bad field
 */
export const assess = async (request: unknown, options: AssessOptions = {}): Promise<E.Either<Issues, Assessment>> => {
  try {
    const prepared = prepare(request, options, false);
    if (E.isLeft(prepared)) return prepared;
    const p = prepared.right;
    if (p.evaluator.synchronous) return E.right(evaluateSync(p));
    const stageOne = explain(await p.evaluator.run(p.stages.one, p.facts), p.facts, p.ruleSet);
    const second = withSessionStatus(p.facts, stageOne);
    return E.right(assemble(p, second, stageOne, await p.evaluator.run(p.stages.two, second)));
  } catch (error) {
    return internalError(error);
  }
};

/**
 * Assesses a request like {@link assess}, but throws a `RulesError` carrying the issues on invalid input.
 * @param request - the request
 * @param options - as for assess
 * @returns the assessment
 */
export const assessOrThrow = async (request: unknown, options?: AssessOptions): Promise<Assessment> => {
  const result = await assess(request, options);
  if (E.isLeft(result)) throw new RulesError(result.left);
  return result.right;
};
