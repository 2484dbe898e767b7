/// <reference types="node" />
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerFhirQuery, type Resource } from './fhir-records.js';

/** One request the FHIR server received. */
export interface FhirQuery {
  readonly method: string;
  /** The query relative to the base, e.g. `Condition?patient=123`. */
  readonly query: string;
  readonly authorization: string | undefined;
  readonly status: number;
}

/** A small FHIR server on 127.0.0.1 that answers reads and searches over fixed resources. */
export interface TestFhirServer {
  /** Its base URL, e.g. `http://127.0.0.1:40124/fhir`: what a CDS client sends as `fhirServer`. */
  readonly base: string;
  /** Every request, in order of arrival. */
  readonly queries: FhirQuery[];
  readonly close: () => Promise<void>;
}

const PREFIX = '/fhir/';

/**
 * Starts a FHIR server on 127.0.0.1 (a free port) that answers GETs under `/fhir/` over the given
 * resources (see `answerFhirQuery`), only with `Authorization: Bearer <token>` (401 otherwise),
 * and records every request.
 * @param resources - what the server holds
 * @param token - the access token it accepts
 * @returns the server
 */
export const startFhirServer = (resources: readonly Resource[], token: string): Promise<TestFhirServer> => {
  const queries: FhirQuery[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const query = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : path;
    const authorization = req.headers.authorization;
    const answer =
      authorization !== `Bearer ${token}`
        ? { status: 401, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'A valid bearer token is required' }] } }
        : req.method !== 'GET' || !path.startsWith(PREFIX)
          ? { status: 404, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', diagnostics: `No route for ${req.method ?? '?'} ${path}` }] } }
          : answerFhirQuery(resources, query, base);
    queries.push({ method: req.method ?? '?', query, authorization, status: answer.status });
    res.writeHead(answer.status, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(answer.body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
      resolve({
        base,
        queries,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
};
