// The core compiles without DOM or Node types: `AbortSignal` here is the structural subset the service reads.
import type { SignalLike as AbortSignal } from './web-platform.js';

/**
 * Per-call context of a hook call, built by the service for each call it accepts.
 *
 * `client` is present when the call carried a valid client JWT (absent only when the service runs
 * with `insecureNoAuth`). Its `fhirServers` are the FHIR base URLs the configured client (the
 * entry of the token's issuer) may point the service at. `signal` aborts every outbound FHIR read
 * of the call: it fires at the call's deadline or when the EHR goes away. `log` receives the
 * call's audit entries.
 */
export interface AuthenticatedClient { readonly iss: string; readonly sub?: string; readonly fhirServers: readonly string[] }
export interface CallContext { readonly client?: AuthenticatedClient; readonly signal?: AbortSignal; readonly log: (entry: Readonly<Record<string, unknown>>) => void }
