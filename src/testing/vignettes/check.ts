import type { Assessment, Hold } from '../../model/assessment.js';
import type { Issue, Issues } from '../../model/issues.js';
import type { VignetteExpectation } from './schema.js';

/** Which expectation failed; `request` when a request expected to be valid was rejected. */
export type ExpectationName = keyof VignetteExpectation | 'request';

/** One expectation that did not hold, with what was expected and what was found. */
export interface VignetteFailure {
  readonly expectation: ExpectationName;
  /** What went wrong, in one line a clinician can read. */
  readonly message: string;
  readonly expected: string | readonly string[];
  readonly actual: string | readonly string[];
}

const list = (ids: readonly string[]): string => ids.map((id) => `"${id}"`).join(', ');

/**
 * Writes an issue path as the dot path that vignettes use in `invalid`.
 * @param issue - the issue
 * @returns e.g. `veins.1.id`, or the empty string for the root
 */
export const toDotPath = (issue: Issue): string => issue.path.join('.');

const unknownRules = (
  name: 'includes' | 'excludes',
  ids: readonly string[],
  known: ReadonlySet<string>,
  ruleSet: string,
): VignetteFailure[] => {
  const unknown = ids.filter((id) => !known.has(id));
  return unknown.length === 0
    ? []
    : [{ expectation: name, message: `not in the rule set "${ruleSet}": ${list(unknown)}`, expected: unknown, actual: 'no such rule' }];
};

const checkRules = (expectation: VignetteExpectation, fired: readonly string[], known: ReadonlySet<string>, ruleSet: string): VignetteFailure[] => {
  const includes = expectation.includes ?? [];
  const excludes = expectation.excludes ?? [];
  const missing = includes.filter((id) => known.has(id) && !fired.includes(id));
  const unwanted = excludes.filter((id) => fired.includes(id));
  const notFired: VignetteFailure[] =
    missing.length === 0 ? [] : [{ expectation: 'includes', message: `did not fire: ${list(missing)}`, expected: includes, actual: includes.filter((id) => fired.includes(id)) }];
  const firedAnyway: VignetteFailure[] =
    unwanted.length === 0 ? [] : [{ expectation: 'excludes', message: `fired, but must not: ${list(unwanted)}`, expected: `none of ${excludes.join(', ')}`, actual: unwanted }];
  return [...unknownRules('includes', includes, known, ruleSet), ...notFired, ...unknownRules('excludes', excludes, known, ruleSet), ...firedAnyway];
};

type ExpectedHold = NonNullable<VignetteExpectation['holds']>[number];

const holdText = (hold: ExpectedHold | Hold): string =>
  typeof hold === 'string' ? hold : `${'rule' in hold ? hold.rule : hold.ruleId} (${hold.reason})`;

const checkHolds = (expected: readonly ExpectedHold[], assessment: Assessment): VignetteFailure[] => {
  const holds = assessment.session.holds;
  const matches = (want: ExpectedHold) => (hold: Hold) =>
    typeof want === 'string' ? hold.ruleId === want : hold.ruleId === want.rule && hold.reason === want.reason;
  const missing = expected.filter((want) => !holds.some(matches(want)));
  const extra = holds.filter((hold) => !expected.some((want) => matches(want)(hold)));
  if (missing.length === 0 && extra.length === 0) return [];
  const problems = [
    ...(missing.length === 0 ? [] : [`missing ${missing.map((h) => `"${holdText(h)}"`).join(', ')}`]),
    ...(extra.length === 0 ? [] : [`not expected ${extra.map((h) => `"${holdText(h)}"`).join(', ')}`]),
  ];
  return [{ expectation: 'holds', message: `the holds differ: ${problems.join('; ')}`, expected: expected.map(holdText), actual: holds.map(holdText) }];
};

/**
 * Compares an assessment with a vignette's expectations.
 * @param expectation - what the vignette expects
 * @param assessment - the assessment of its request
 * @param ruleSet - the ids of the rules evaluated and the rule set's name, so unknown ids fail instead of passing silently
 * @returns one failure per expectation that does not hold, in the order status, session, includes, excludes, deferred, held, holds, unconfirmed, invalid
 */
export const checkAssessment = (
  expectation: VignetteExpectation,
  assessment: Assessment,
  ruleSet: { readonly ids: ReadonlySet<string>; readonly label: string },
): readonly VignetteFailure[] => {
  const failures: VignetteFailure[] = [];
  if (expectation.status !== undefined && expectation.status !== assessment.status) {
    failures.push({ expectation: 'status', message: 'the patient status differs', expected: expectation.status, actual: assessment.status });
  }
  if (expectation.session !== undefined && expectation.session !== assessment.session.status) {
    failures.push({ expectation: 'session', message: 'the session status differs', expected: expectation.session, actual: assessment.session.status });
  }
  failures.push(...checkRules(expectation, assessment.findings.map((f) => f.ruleId), ruleSet.ids, ruleSet.label));
  if (expectation.deferred !== undefined) {
    const expected = [...expectation.deferred].sort();
    const actual = [...assessment.session.deferredVeinIds].sort();
    if (expected.join('\n') !== actual.join('\n')) failures.push({ expectation: 'deferred', message: 'the deferred veins differ', expected, actual });
  }
  if (expectation.held !== undefined) {
    const expected = [...expectation.held].sort();
    const actual = [...assessment.session.heldVeinIds].sort();
    if (expected.join('\n') !== actual.join('\n')) failures.push({ expectation: 'held', message: 'the held veins differ', expected, actual });
  }
  if (expectation.holds !== undefined) failures.push(...checkHolds(expectation.holds, assessment));
  const unlisted = (expectation.unconfirmed ?? []).filter((path) => !assessment.unconfirmed.includes(path));
  if (unlisted.length > 0) {
    const expected = expectation.unconfirmed ?? [];
    failures.push({ expectation: 'unconfirmed', message: `not listed as unconfirmed: ${list(unlisted)}`, expected, actual: expected.filter((path) => assessment.unconfirmed.includes(path)) });
  }
  if (expectation.invalid !== undefined) {
    failures.push({
      expectation: 'invalid',
      message: 'the request was accepted, but must be rejected',
      expected: expectation.invalid.map((path) => `an issue at ${path}`),
      actual: `accepted (status ${assessment.status}, session ${assessment.session.status})`,
    });
  }
  return failures;
};

/**
 * Compares the issues of a rejected request with a vignette's expectations.
 * @param expectation - what the vignette expects
 * @param issues - why the request was rejected
 * @returns no failure when `invalid` names only paths that have an issue; otherwise the failure
 */
export const checkRejection = (expectation: VignetteExpectation, issues: Issues): readonly VignetteFailure[] => {
  const found = issues.map((issue) => `${toDotPath(issue) || '(root)'}: ${issue.message} [${issue.code}]`);
  if (expectation.invalid === undefined) {
    return [{ expectation: 'request', message: 'the request was rejected, so nothing was assessed', expected: 'a valid request', actual: found }];
  }
  const paths = new Set(issues.map(toDotPath));
  const missing = expectation.invalid.filter((path) => !paths.has(path));
  return missing.length === 0
    ? []
    : [{ expectation: 'invalid', message: `no issue at ${list(missing)}`, expected: expectation.invalid.map((path) => `an issue at ${path}`), actual: found }];
};
