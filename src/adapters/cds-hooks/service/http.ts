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
}

/** A prefetch key the service needed and could not get. */
export interface MissingData {
  readonly key: string;
  /** The FHIR query, with its tokens filled when the context allowed it. */
  readonly query: string;
  readonly reason: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

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
