import type { FhirFetch, FhirFetchInit } from '../../../../src/adapters/cds-hooks/service/fhir-fetch.js';

/** One request the fake server received. */
export interface Call {
  readonly url: string;
  readonly init: FhirFetchInit;
}

/** A fake FHIR server: answers GETs by exact URL, records every call, and answers 404 otherwise. */
export interface FakeFhirServer {
  readonly fetch: FhirFetch;
  readonly calls: Call[];
}

/**
 * Builds a fake FHIR server for the injected `fetch`.
 * @param pages - the JSON body for each absolute URL, or a status number to answer with
 * @returns the fetch and its calls
 */
export const fakeFhirServer = (pages: Readonly<Record<string, unknown>>): FakeFhirServer => {
  const calls: Call[] = [];
  const fetch: FhirFetch = (url, init) => {
    calls.push({ url, init });
    const page = pages[url];
    if (page === undefined) return Promise.resolve({ ok: false, status: 404, json: () => Promise.resolve({ resourceType: 'OperationOutcome' }) });
    if (typeof page === 'number') return Promise.resolve({ ok: page < 300, status: page, json: () => Promise.resolve({}) });
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(page) });
  };
  return { fetch, calls };
};

/** A fetch that fails the test if it is ever called. */
export const unusedFetch: FhirFetch = (url) => Promise.reject(new Error(`fetch was not expected, but was called for ${url}`));
