// The core compiles without DOM or Node types: `AbortSignal` here is the structural subset the service reads.
import type { SignalLike as AbortSignal } from './web-platform.js';

export interface AuthenticatedClient { readonly iss: string; readonly sub?: string; readonly fhirServers: readonly string[] }
export interface CallContext { readonly client?: AuthenticatedClient; readonly signal?: AbortSignal; readonly log: (entry: Readonly<Record<string, unknown>>) => void }
