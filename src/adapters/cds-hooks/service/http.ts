import type { Issue } from '../../../model/issues.js';

/** What every handler returns: an HTTP status, headers and a JSON body; a web framework sends it as is. */
export interface CdsHttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The body of an error response. */
export interface CdsErrorBody {
  /** A snake_case code, e.g. `invalid_request`, `unknown_service`, `missing_data`. */
  readonly error: string;
  /** What went wrong, in one sentence. */
  readonly message: string;
  /** Each problem with its path into the request body, for 400 responses. */
  readonly issues?: readonly Issue[];
  /** The prefetch keys the service could not get, for 412 responses. */
  readonly missing?: readonly MissingData[];
  /** For 500 responses: the identifier of the log entry that holds the details. */
  readonly correlationId?: string;
}

/** A prefetch key the service needed and could not get. */
export interface MissingData {
  readonly key: string;
  /** The FHIR query, with its tokens filled when the context allowed it. */
  readonly query: string;
  readonly reason: MissingReason;
}

/**
 * Why a prefetch key could not be got, as a class (never the FHIR server's bytes, ports or errors):
 * - `no_access`: not prefetched, and no `fhirServer` with `fhirAuthorization` (or no fetch) to read it;
 * - `not_allowed`: `fhirServer` (or a `next` link) is not under an allowed FHIR base, so nothing was sent;
 * - `unreachable`: no HTTP answer (connection refused or reset, DNS);
 * - `redirect`: the server answered 3xx, which is never followed;
 * - `http_status`: the server answered another non-2xx status;
 * - `not_fhir`: the answer is not JSON (or nests too deep);
 * - `too_large`: over the byte cap of a response or of the call, or over the entry cap;
 * - `timeout`: the call's deadline passed, or the EHR went away;
 * - `page_budget`: over the call's page budget, or a `next` link repeats a page already read;
 * - `incomplete`: an OperationOutcome in the data reports an error;
 * - `unfilled_template`: the hook context has no value for a token of the template.
 */
export type MissingReason =
  | 'no_access'
  | 'not_allowed'
  | 'unreachable'
  | 'redirect'
  | 'http_status'
  | 'not_fhir'
  | 'too_large'
  | 'timeout'
  | 'page_budget'
  | 'incomplete'
  | 'unfilled_template';

// Answers can carry patient data: never cached, never sniffed as another content type.
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * Builds a JSON response.
 * @param status - the HTTP status
 * @param body - the body
 * @returns the response
 */
export const jsonResponse = (status: number, body: unknown): CdsHttpResponse => ({ status, headers: JSON_HEADERS, body });

/**
 * Builds a JSON error response.
 * @param status - the HTTP status (4xx or 5xx)
 * @param body - the error code, message and details
 * @returns the response
 */
export const errorResponse = (status: number, body: CdsErrorBody): CdsHttpResponse => jsonResponse(status, body);
