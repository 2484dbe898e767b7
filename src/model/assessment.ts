import type { Category, Effect, SessionStatus, Severity, Status } from './vocabulary.js';

/** One condition that made a rule fire: the fact, how it was compared, and both values. */
export interface Evidence {
  /** The fact the condition read, e.g. `plannedVolumeMl`. */
  readonly fact: string;
  /** The json-rules-engine operator, e.g. `greaterThan`. */
  readonly operator: string;
  /** The value the fact was compared with (a limit's value when the rule reads a limit). */
  readonly expected: unknown;
  /** The patient's value, computed from this request. */
  readonly actual: unknown;
  /** Where `expected` came from when it is another fact, e.g. `limits.maxVolumeMl`. */
  readonly expectedFrom?: string;
  /** What the fact means. */
  readonly about?: string;
  /** The request field the fact reads, when it is one field. */
  readonly requestPath?: string;
}

/** A citation behind a finding. */
export interface Citation {
  readonly label: string;
  readonly url?: string;
}

/** One limit a finding applies, with its value in force. */
export interface AppliedLimit {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The default value, when a clinic overlay changed it. */
  readonly baseValue?: number;
  /** The overlay that changed it, as "name version". */
  readonly changedBy?: string;
}

/** Who made a clinic overlay and who approved it. */
export interface OverlayIdentity {
  readonly name: string;
  readonly version: string;
  readonly approvedBy: string;
  readonly approvedOn?: string;
}

/** One explained result of a rule that fired. */
export interface Finding {
  readonly ruleId: string;
  readonly category: Category;
  readonly effect: Effect;
  readonly severity: Severity;
  /** One line of at most 140 characters, with no patient identifiers. */
  readonly summary: string;
  /** Why the rule fired, naming the patient's actual values. */
  readonly detail: string;
  readonly evidence: readonly Evidence[];
  readonly sources: readonly Citation[];
  /** For warnings and critical findings: what would change this finding. */
  readonly resolution?: string;
  /** The veins the finding is about. */
  readonly veinIds?: readonly string[];
  /** The request paths this finding asks a clinician to confirm. */
  readonly unconfirmed?: readonly string[];
  /** The limits the rule applies, with the values in force. */
  readonly limits?: readonly AppliedLimit[];
}

/** Totals of the planned session (and of the day, for the daily limits). */
export interface SessionTotals {
  readonly volumeMl: number;
  readonly containers: number;
  readonly polidocanolMg?: number;
  readonly polidocanolMgPerKg?: number;
  /** Planned volume plus volume already given on the same date. */
  readonly dailyVolumeMl: number;
  /** Planned polidocanol plus polidocanol already given on the same date, in mg. */
  readonly dailyPolidocanolMg?: number;
  /** The same per kg of body weight, when the weight is documented. */
  readonly dailyPolidocanolMgPerKg?: number;
}

/** The session limits in force for this patient. */
export interface SessionLimits {
  readonly maxVolumeMl: number;
  readonly maxContainers: number;
  readonly maxPolidocanolMg?: number;
}

/** The result of assessing one request (CONTRACT §4). */
export interface Assessment {
  readonly status: Status;
  readonly session: {
    readonly status: SessionStatus;
    readonly totals: SessionTotals;
    readonly limits: SessionLimits;
    readonly deferredVeinIds: readonly string[];
  };
  /** Critical first, then warning, then info; ties by rule id. */
  readonly findings: readonly Finding[];
  /** Request paths of undocumented facts a clinician should confirm. */
  readonly unconfirmed: readonly string[];
  readonly ruleSet: { readonly name: string; readonly version: string; readonly overlay?: OverlayIdentity };
  /** The date used as "today". */
  readonly asOf: string;
}
