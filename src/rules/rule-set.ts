import type { z } from 'zod';
import type { LimitsFile, Limits } from '../model/limits.js';
import type { LimitName } from '../model/limits.js';
import type { FindingParams, RuleFile, SourceSchema } from './rule-file-schema.js';
import type { OverlayChange, OverlayIdentity } from '../model/assessment.js';
import type { AgentsFile } from '../model/agents.js';

/** A full citation. */
export type Source = z.infer<typeof SourceSchema>;

/** One validated rule: its file as written, its clinical metadata and its evaluation stage. */
export interface RuleDefinition {
  readonly id: string;
  readonly file: RuleFile;
  readonly params: FindingParams;
  /** 1 for rules that decide the status; 2 for advice that reads the session status of stage 1. */
  readonly stage: 1 | 2;
}

/** A validated, immutable set of rules with the limits and sources they use. */
export interface RuleSet {
  readonly name: string;
  readonly version: string;
  /** When the clinical content was last reviewed (YYYY-MM-DD), and by whom. */
  readonly reviewedOn?: string;
  readonly reviewedBy?: string;
  readonly rules: readonly RuleDefinition[];
  readonly limitDefinitions: LimitsFile;
  readonly limits: Limits;
  readonly sources: Readonly<Record<string, Source>>;
  /** The agent table (`rules/agents.json`), after any overlay. */
  readonly agents: AgentsFile;
  /** The clinic overlay applied on top of the base rules, if any. */
  readonly overlay?: OverlayIdentity;
  /** The base value of each limit the overlay changed. */
  readonly baseLimitValues?: Readonly<Partial<Record<LimitName, number>>>;
  /** The base value of each agent-table cell the overlay lowered, by cell name (e.g. `polidocanol.liquid.telangiectasia.labelledPercent`). */
  readonly baseAgentCellValues?: Readonly<Record<string, number>>;
  /** What the overlay changed in each rule it edited or added, by rule id. */
  readonly overlayEdits?: Readonly<Record<string, readonly OverlayChange[]>>;
  /** The source keys the overlay defines: cited by every finding the overlay changed. */
  readonly overlaySourceKeys?: readonly string[];
}

const SOURCE_REFERENCE = /^([A-Z0-9-]+)(?:\s+(.+))?$/;

/**
 * Splits a source reference such as `ASCLERA-PI §2` into its key and its locator.
 * @param reference - the reference as written in a rule or limit
 * @returns the key and, when given, the locator
 */
export const parseSourceReference = (reference: string): { readonly key: string; readonly locator?: string } => {
  const match = SOURCE_REFERENCE.exec(reference.trim());
  if (match === null) return { key: reference };
  const [, key = reference, locator] = match;
  return locator === undefined ? { key } : { key, locator };
};

// A mark only rule sets built and validated by this library carry; a copy made with spread or
// JSON does not, so a hand-edited rule set (e.g. a raised limit) is refused by `assess`.
const VALIDATED = Symbol.for('sclerotherapy-cds.validated-rule-set');

/**
 * Marks a rule set as validated by the library; call only on rule sets that passed every check.
 * @param ruleSet - the validated rule set, not yet frozen
 * @returns the same rule set, marked
 */
export const markValidated = <T extends object>(ruleSet: T): T => {
  Object.defineProperty(ruleSet, VALIDATED, { value: true, enumerable: false });
  return ruleSet;
};

/**
 * Tells whether a value is a rule set the library built and validated, not a copy or a forgery.
 * @param value - anything
 * @returns true for rule sets from loadRuleSet, applyOverlay or defaultRuleSet
 */
export const isValidatedRuleSet = (value: unknown): value is RuleSet =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VALIDATED] === true;

/**
 * Freezes a value and everything inside it, so shared rule sets cannot be changed by anyone.
 * @param value - the value
 * @returns the same value, frozen
 */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};
