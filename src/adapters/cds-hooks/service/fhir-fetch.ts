import type { ByteStream } from './bounded-body.js';
import type { SignalLike } from './web-platform.js';

/** What {@link FhirFetch} is called with: a GET with headers that never follows redirects and stops at the call's deadline. */
export interface FhirFetchInit {
  readonly method: 'GET';
  readonly headers: Readonly<Record<string, string>>;
  /** Always `manual`: a 3xx answer is returned, never followed, and the service treats it as a failed read. */
  readonly redirect: 'manual';
  /** Aborts at the hook call's deadline, or when the EHR disconnects. */
  readonly signal: SignalLike;
}

/** The part of a fetch `Response` the service reads. */
export interface FhirFetchResponse {
  readonly ok: boolean;
  readonly status: number;
  /**
   * The body as a byte stream (as `fetch` gives it): read with byte caps. A fetch that gives no
   * stream (e.g. a test double) is read with `json()` and only its entries are capped.
   */
  readonly body?: ByteStream | null;
  json(): Promise<unknown>;
}

/** A `fetch`-compatible function; `globalThis.fetch` is one. */
export type FhirFetch = (url: string, init: FhirFetchInit) => Promise<FhirFetchResponse>;

/**
 * Finds the runtime's `fetch` (Node 18+, browsers, workers) without depending on DOM or Node types.
 * @returns `globalThis.fetch`, or undefined where there is none
 */
export const globalFetch = (): FhirFetch | undefined => {
  const candidate = (globalThis as { readonly fetch?: unknown }).fetch;
  return typeof candidate === 'function' ? (candidate.bind(globalThis) as FhirFetch) : undefined;
};
