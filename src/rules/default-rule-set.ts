import * as E from 'fp-ts/lib/Either.js';
import { RulesError } from '../model/issues.js';
import { BUNDLED_RULE_FILES } from './bundled-rules.generated.js';
import { loadRuleSet } from './load-rule-set.js';
import type { RuleSet } from './rule-set.js';

const loaded = loadRuleSet(BUNDLED_RULE_FILES);
if (E.isLeft(loaded)) {
  // The shipped rules are validated by the test suite; reaching this means a broken package.
  throw new RulesError(loaded.left);
}

/** The shipped rules of `rules/`, with the shipped limits and sources, loaded and validated. */
export const defaultRuleSet: RuleSet = loaded.right;
