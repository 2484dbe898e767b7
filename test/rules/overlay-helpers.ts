import { expect } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import type { RuleSet } from '../../src/rules/rule-set.js';
import type { Issues } from '../../src/model/issues.js';

/** A minimal overlay with its identity, and whatever else a test adds. */
export const overlay = (extra: Record<string, unknown>) => ({ name: 'Test clinic', version: '1', approvedBy: 'Dr Test', ...extra });

/** A clinic source for overlays that add rules or limits. */
export const clinicSource = { sources: { CLINIC: { label: 'Test clinic policy, 2026' } } };

/** Applies an overlay to the default rules, failing the test when it is refused. */
export const accepted = (input: unknown): RuleSet => {
  const result = applyOverlay(defaultRuleSet, input);
  if (E.isLeft(result)) expect.fail(JSON.stringify(result.left));
  return result.right;
};

/** Applies an overlay to the default rules, failing the test when it is accepted; returns the issues. */
export const refused = (input: unknown): Issues => {
  const result = applyOverlay(defaultRuleSet, input);
  if (E.isRight(result)) expect.fail('expected the overlay to be refused');
  return result.left;
};
