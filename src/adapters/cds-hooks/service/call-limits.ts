import type { ByteBudget } from './bounded-body.js';
import type { SignalLike } from './web-platform.js';

/** The resources one hook call may use. */
export interface CallLimits {
  /** The whole call, every FHIR read included, in milliseconds (default 3,000). */
  readonly deadlineMs: number;
  /** The bytes of one FHIR response (default 5 MB). */
  readonly maxResponseBytes: number;
  /** The bytes of all FHIR responses of one call (default 20 MB). */
  readonly maxCallBytes: number;
  /** The resources read from FHIR responses in one call (default 10,000). */
  readonly maxEntries: number;
  /** The FHIR GETs of one call, first pages and `next` pages together (default 10). */
  readonly maxPages: number;
}

const MB = 1024 * 1024;

/** The default limits of a hook call. */
export const DEFAULT_CALL_LIMITS: CallLimits = { deadlineMs: 3_000, maxResponseBytes: 5 * MB, maxCallBytes: 20 * MB, maxEntries: 10_000, maxPages: 10 };

/** Why a FHIR read failed, as a class: what a 412 body says, and never more. */
export type ReadFailure = 'not_allowed' | 'unreachable' | 'redirect' | 'http_status' | 'not_fhir' | 'too_large' | 'timeout' | 'page_budget';

/** One outbound FHIR request, for the audit log: no path, no query, no token, no content. */
export interface OutboundRecord {
  readonly host: string;
  /** The HTTP status, or 0 when none came back. */
  readonly status: number;
  readonly bytes: number;
  readonly ms: number;
  /** The failure class, when the read failed. */
  readonly failure?: ReadFailure;
}

/** What one call has left to spend, shared by all its reads. */
export interface CallBudget {
  readonly limits: CallLimits;
  readonly signal: SignalLike;
  readonly bytes: ByteBudget;
  entries: number;
  pages: number;
  /** The URLs read so far: a URL read twice means a pagination loop. */
  readonly seen: Set<string>;
  /** Every outbound request, in order. */
  readonly outbound: OutboundRecord[];
}

/**
 * Starts the budget of one call.
 * @param limits - the call's limits
 * @param signal - aborts every read (the call's deadline, or the EHR going away)
 * @returns the budget
 */
export const newCallBudget = (limits: CallLimits, signal: SignalLike): CallBudget => ({
  limits,
  signal,
  bytes: { remaining: limits.maxCallBytes },
  entries: limits.maxEntries,
  pages: limits.maxPages,
  seen: new Set(),
  outbound: [],
});

/**
 * Fills unset limits with the defaults.
 * @param limits - some limits
 * @returns every limit
 */
export const callLimitsOf = (limits: Partial<CallLimits> | undefined): CallLimits => ({ ...DEFAULT_CALL_LIMITS, ...limits });
