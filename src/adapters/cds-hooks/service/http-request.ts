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
  /** Aborted when the client goes away; passed on to the hook call. */
  readonly signal?: AbortSignal | undefined;
}

// The entry is typed without DOM or Node types; of AbortSignal it needs only the name. The member
// declared here is the same in both, so it merges with either when an application has them.
declare global {
  interface AbortSignal {
    readonly aborted: boolean;
  }
}
