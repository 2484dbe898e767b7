import type { Effect, Severity, Status } from './vocabulary.js';

/** What an effect does to the planned session (CONTRACT §4.2). */
export type SessionAction = 'none' | 'defer' | 'hold' | 'block';

/** What one effect does: the severities it may carry, the status it sets and its session action. */
export interface EffectMeaning {
  /** The legal severities, strongest first; the first is the default. */
  readonly severities: readonly [Severity, ...Severity[]];
  /** The candidacy status the effect sets, if any. */
  readonly status?: Status;
  /**
   * What it does to the session. `hold` for `hold-session` holds the whole session only when the
   * rule is patient-scoped; a target-scoped one holds its targets.
   */
  readonly session: SessionAction;
  /** Whether the session status may be held by this effect only through its scope. */
  readonly holdsByScope?: true;
}

/**
 * The one table of effects (CONTRACT §4.2). The status and session logic, the rule checks, overlays
 * and cards all read it; nothing else says what an effect does.
 */
export const EFFECT_TABLE = {
  exclude: { severities: ['critical'], status: 'not-candidate', session: 'block' },
  'block-session': { severities: ['critical'], session: 'block' },
  'defer-veins': { severities: ['critical'], session: 'defer' },
  refer: { severities: ['warning'], status: 'refer', session: 'hold' },
  'require-information': { severities: ['warning'], status: 'insufficient-information', session: 'hold' },
  'hold-session': { severities: ['critical', 'warning'], status: 'candidate-with-precautions', session: 'hold', holdsByScope: true },
  caution: { severities: ['warning'], status: 'candidate-with-precautions', session: 'none' },
  inform: { severities: ['info'], session: 'none' },
} as const satisfies Readonly<Record<Effect, EffectMeaning>>;

const SESSION_WEIGHT: Readonly<Record<SessionAction, number>> = { none: 0, defer: 1, hold: 2, block: 3 };

// Status weights follow the status precedence: not-candidate > refer > insufficient-information >
// candidate-with-precautions > no status.
const STATUS_WEIGHT: Readonly<Record<Status, number>> = {
  candidate: 0,
  'candidate-with-precautions': 1,
  'insufficient-information': 2,
  refer: 3,
  'not-candidate': 4,
};

const meaningOf = (effect: Effect): EffectMeaning => EFFECT_TABLE[effect];

/**
 * The status weight of an effect: 0 when it sets no status.
 * @param effect - the effect
 * @returns its weight; higher is stronger
 */
export const statusWeightOf = (effect: Effect): number => {
  const status = meaningOf(effect).status;
  return status === undefined ? 0 : STATUS_WEIGHT[status];
};

/**
 * The session weight of an effect: none < defer < hold < block.
 * @param effect - the effect
 * @returns its weight; higher is stronger
 */
export const sessionWeightOf = (effect: Effect): number => SESSION_WEIGHT[meaningOf(effect).session];

/**
 * Tells whether an effect is at least as strong as another for both the status and the session, so
 * that replacing one with the other never drops anything (e.g. `block-session` is not a stronger
 * `caution`: it would drop the precaution from the status).
 * @param next - the proposed effect
 * @param current - the effect it would replace
 * @returns true when nothing is weakened
 */
export const atLeastAsStrong = (next: Effect, current: Effect): boolean =>
  statusWeightOf(next) >= statusWeightOf(current) && sessionWeightOf(next) >= sessionWeightOf(current);

/**
 * Tells whether a severity is legal for an effect.
 * @param effect - the effect
 * @param severity - the severity
 * @returns true when the pair is legal
 */
export const isLegalSeverity = (effect: Effect, severity: Severity): boolean =>
  (meaningOf(effect).severities as readonly Severity[]).includes(severity);

/**
 * The legal severities of an effect.
 * @param effect - the effect
 * @returns the severities, strongest first
 */
export const legalSeveritiesOf = (effect: Effect): readonly Severity[] => meaningOf(effect).severities;

/**
 * The status an effect sets.
 * @param effect - the effect
 * @returns the status, or undefined when it sets none
 */
export const statusOfEffect = (effect: Effect): Status | undefined => meaningOf(effect).status;

/**
 * What an effect does to the session.
 * @param effect - the effect
 * @returns its session action
 */
export const sessionActionOf = (effect: Effect): SessionAction => meaningOf(effect).session;
