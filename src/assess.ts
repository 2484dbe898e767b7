import * as E from 'fp-ts/lib/Either.js';
import type { Assessment } from './model/assessment.js';
import { RulesError, type Issues } from './model/issues.js';
import { parseRequest } from './model/parse-request.js';
import { duplexAfter } from './model/cross-field-checks.js';
import { toDayNumber, toIsoDate } from './model/dates.js';
import type { AssessmentRequest } from './model/request-schema.js';
import { toFacts } from './facts/to-facts.js';
import { isValidatedRuleSet, type RuleSet } from './rules/rule-set.js';
import { defaultRuleSet } from './rules/default-rule-set.js';
import { JURISDICTIONS, type Jurisdiction, type JurisdictionInForce } from './model/vocabulary.js';
import { runRules } from './engine/run-rules.js';
import { buildFinding } from './explain/build-finding.js';
import { buildAssessment, sessionStatusOf } from './explain/build-assessment.js';
import { assessedVeins } from './explain/vein-names.js';

/** Options of {@link assess}. */
export interface AssessOptions {
  /** The rule set to evaluate instead of the shipped one, e.g. a clinic's. */
  readonly ruleSet?: RuleSet;
  /** "Today" as `YYYY-MM-DD`; defaults to the planned session's date, else the current date. */
  readonly asOf?: string;
  /** Whose product labels decide label-specific items; omitted, the strictest of both apply. */
  readonly jurisdiction?: Jurisdiction;
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

// A rule marked for one jurisdiction fires under that jurisdiction and under the strictest default.
const appliesIn = (jurisdiction: JurisdictionInForce) => (rule: RuleSet['rules'][number]): boolean =>
  rule.params.jurisdiction === undefined || jurisdiction === 'strictest' || rule.params.jurisdiction === jurisdiction;

const resolveRuleSet = (ruleSet: unknown): E.Either<Issues, RuleSet> => {
  if (ruleSet === undefined) return E.right(defaultRuleSet);
  if (isValidatedRuleSet(ruleSet)) return E.right(ruleSet);
  return E.left(optionIssue('Option "ruleSet" must be a rule set made by loadRuleSet or applyOverlay, unchanged', ['ruleSet']));
};

const evaluate = async (
  request: AssessmentRequest,
  ruleSet: RuleSet,
  asOf: string,
  jurisdiction: JurisdictionInForce,
): Promise<Assessment> => {
  const first = toFacts(request, ruleSet.limits, toDayNumber(asOf) ?? 0, jurisdiction, ruleSet.agents);
  const rules = ruleSet.rules.filter(appliesIn(jurisdiction));
  const stageOne = (await runRules(rules.filter((r) => r.stage === 1), first)).map((fired) =>
    buildFinding(fired, first, ruleSet),
  );
  const second = { ...first, sessionStatus: sessionStatusOf(first, stageOne) };
  const stageTwo = (await runRules(rules.filter((r) => r.stage === 2), second)).map((fired) =>
    buildFinding(fired, second, ruleSet),
  );
  const assessment = buildAssessment(second, [...stageOne, ...stageTwo], ruleSet, asOf, jurisdiction);
  return { ...assessment, veins: assessedVeins(request.veins, second.targetIds, assessment.session) };
};

/**
 * Assesses a patient and a planned session against the rules; never throws and never rejects.
 * @param request - the request, as unknown JSON; it is validated here and never changed
 * @param options - another rule set, another "today", or one jurisdiction's labels
 * @returns the explained assessment, or the issues with the path of each bad field
 */
export const assess = async (request: unknown, options: AssessOptions = {}): Promise<E.Either<Issues, Assessment>> => {
  try {
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
    return E.right(await evaluate(parsed.right, ruleSet.right, asOf.right, jurisdiction.right));
  } catch (error) {
    // Unreachable for valid rule sets; reported as data so callers never see a rejection.
    const message = error instanceof Error ? error.message : String(error);
    return E.left([{ code: 'internal_error', message: `The assessment could not be completed: ${message}`, path: [] }]);
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
