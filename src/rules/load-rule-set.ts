import * as E from 'fp-ts/lib/Either.js';
import type { Issues } from '../model/issues.js';
import { buildRuleSet, type RuleSetParts } from './build-rule-set.js';
import { applyOverlay } from './apply-overlay.js';
import type { RuleSet } from './rule-set.js';

/** What a rule set is built from besides its rule files. */
export interface RuleSetOptions extends RuleSetParts {
  /** A clinic overlay to apply on top of the rules (see `OverlaySchema`). */
  readonly overlay?: unknown;
}

/**
 * Validates rule files and builds an immutable rule set, then applies a clinic overlay if one is
 * given. Refuses, as a Left: files that break the rule schema; unknown facts, operators or limits;
 * duplicate ids; rules with no source or an unknown one; summaries over the limit; warnings or
 * critical rules with no resolution; and overlays that loosen a limit, disable a rule that is more
 * than informational, or weaken a rule.
 * @param files - parsed rule files (json-rules-engine rules with clinical metadata in `event.params`)
 * @param options - the identity, limits, sources and agent table (each defaults to the shipped file), and an overlay
 * @returns the rule set, or every issue found with its path
 */
export const loadRuleSet = (files: readonly unknown[], options: RuleSetOptions | null = {}): E.Either<Issues, RuleSet> => {
  if (typeof options !== 'object' || options === null) {
    return E.left([{ code: 'invalid_option', message: 'The options of loadRuleSet must be an object', path: [] }]);
  }
  const { overlay, ...parts } = options;
  const base = buildRuleSet(files, parts);
  return overlay === undefined || E.isLeft(base) ? base : applyOverlay(base.right, overlay);
};
