export interface AuthenticatedClient { readonly iss: string; readonly sub?: string; readonly fhirServers: readonly string[] }
export interface CallContext { readonly client?: AuthenticatedClient; readonly signal?: AbortSignal; readonly log: (entry: Readonly<Record<string, unknown>>) => void }
