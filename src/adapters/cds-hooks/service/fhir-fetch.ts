/** What {@link FhirFetch} is called with: a GET with headers. */
export interface FhirFetchInit {
  readonly method: 'GET';
  readonly headers: Readonly<Record<string, string>>;
}

/** The part of a fetch `Response` the service reads. */
export interface FhirFetchResponse {
  readonly ok: boolean;
  readonly status: number;
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
