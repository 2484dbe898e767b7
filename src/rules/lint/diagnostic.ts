import type { IssuePath } from '../../model/issues.js';

/** How serious a lint finding is: errors make `loadRuleSet` refuse the set or the rule wrong; warnings are likely mistakes. */
export type LintSeverity = 'error' | 'warning';

/** One problem the rule linter found, in one rule file (or in the limits or sources file). */
export interface LintDiagnostic {
  readonly severity: LintSeverity;
  /** A snake_case code, e.g. `unknown_fact` or `unreachable_range`. */
  readonly code: string;
  /** What is wrong, what was expected and what was found, with names quoted. */
  readonly message: string;
  /** The file the problem is in, as given to the linter; empty for the rule set as a whole. */
  readonly file: string;
  /** Where in the file, as keys and indexes, e.g. `['conditions', 'all', 0, 'fact']`. */
  readonly path: IssuePath;
  /** The rule the problem is about, when the file could be read as a rule. */
  readonly ruleId?: string;
}

/** A problem found inside one rule, before it is tied to its file. */
export interface RuleProblem {
  readonly severity: LintSeverity;
  readonly code: string;
  readonly message: string;
  readonly path: IssuePath;
}
