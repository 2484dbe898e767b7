import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';

/** A path into the data an issue is about: object keys and array indexes. */
export type IssuePath = readonly (string | number)[];

/** One problem found in a request, a rule file or an option, described as data. */
export interface Issue {
  /** A snake_case code that names the kind of problem, e.g. `duplicate_vein_id`. */
  readonly code: string;
  /** What is wrong, what was expected and what was found, in one sentence. */
  readonly message: string;
  /** Where the problem is, as keys and indexes into the input. */
  readonly path: IssuePath;
  /** The rule file the issue is about, when it is about a rule. */
  readonly ruleId?: string;
}

/** A non-empty list of issues: the Left side of every fallible function in the library. */
export type Issues = ReadonlyNonEmptyArray<Issue>;

/**
 * Builds one issue.
 * @param code - the snake_case code
 * @param message - the sentence describing the problem
 * @param path - where the problem is
 * @returns the issue
 */
export const issue = (code: string, message: string, path: IssuePath = []): Issue => ({
  code,
  message,
  path,
});

/**
 * Renders an issue path as a dotted string, with indexes in brackets.
 * @param path - the path to render
 * @returns e.g. `plannedSession.injections[2].volumeMl`, or `(root)` for an empty path
 */
export const formatPath = (path: IssuePath): string => {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
};

/** The one error class the library throws, only from `*OrThrow` functions and the CLI. */
export class RulesError extends Error {
  /** The issues that caused the error. */
  readonly issues: Issues;

  /**
   * Creates the error from its issues; the message lists each one with its path.
   * @param issues - the issues to carry
   */
  constructor(issues: Issues) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n'));
    this.name = 'RulesError';
    this.issues = issues;
  }
}

/**
 * Tells whether a value is a `RulesError`, also across bundle copies of the library.
 * @param value - anything caught
 * @returns true when the value is a RulesError carrying issues
 */
export const isRulesError = (value: unknown): value is RulesError =>
  value instanceof RulesError ||
  (typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'RulesError' &&
    Array.isArray((value as { issues?: unknown }).issues));
