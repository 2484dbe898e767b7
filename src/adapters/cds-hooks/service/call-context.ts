/**
 * Per-call context handed to a CDS Hooks service handler.
 *
 * `client` is present when the call carried a valid client JWT (absent only
 * when the service runs with `insecureNoAuth`). `fhirServers` lists the FHIR
 * base URLs the configured client may point the service at.
 */
export interface AuthenticatedClient { readonly iss: string; readonly sub?: string; readonly fhirServers: readonly string[] }
export interface CallContext { readonly client?: AuthenticatedClient; readonly signal?: AbortSignal; readonly log: (entry: Readonly<Record<string, unknown>>) => void }
