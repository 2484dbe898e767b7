import type { SignalLike } from './web-platform.js';

/**
 * What a web framework passes to the handlers about the request: its method, URL and headers, so
 * that the service can authenticate the call (the `Authorization` header), answer CORS (`Origin`)
 * and route preflights, whatever the framework. Node's `IncomingMessage` fits as is.
 */
export interface CdsHttpRequest {
  readonly method?: string | undefined;
  /** The request target, e.g. `/cds-services/sclerotherapy-order-sign` (a full URL works too). */
  readonly url?: string | undefined;
  /** The request headers; names in any case. */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>> | undefined;
  /**
   * Aborted when the client goes away: every outbound FHIR read of the hook call stops then (as at
   * the call's deadline). Typed as the members of `AbortSignal` the service reads, so the entry
   * needs no DOM or Node types; an `AbortSignal` fits.
   */
  readonly signal?: SignalLike | undefined;
}
