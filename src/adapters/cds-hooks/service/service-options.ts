import type { Issue } from '../../../model/issues.js';
import type { RuleSet } from '../../../rules/rule-set.js';
import type { FeedbackRequest } from '../schemas/feedback-schema.js';
import type { CallLimits } from './call-limits.js';
import type { FhirFetch } from './fhir-fetch.js';
import type { ExpiringKeyStore } from './replay-cache.js';
import { isHttpsOrLoopbackHttp } from './service-config.js';

/** One EHR allowed to call the service: its issuer, its public keys, and the FHIR servers it may name. */
export interface CdsClientOptions {
  /** The `iss` of its tokens. */
  readonly iss: string;
  /** Its public keys, inline. */
  readonly jwks?: { readonly keys: readonly Readonly<Record<string, unknown>>[] } | undefined;
  /** Where its public keys are published: https (http only on a loopback host). */
  readonly jwksUrl?: string | undefined;
  /** The only `jku` URLs a token of this issuer may point to; any other `jku` is refused. */
  readonly jkuAllowlist?: readonly string[] | undefined;
  /** The FHIR base URLs this client may send as `fhirServer`: a request's `fhirServer` is read only under one of them. */
  readonly fhirServers: readonly string[];
}

/** How to build the CDS service. */
export interface CdsServiceOptions {
  /** The rule set to assess with (e.g. a clinic overlay); default the shipped rules. */
  readonly ruleSet?: RuleSet;
  /** The fetch used to read the client's FHIR server; default `globalThis.fetch`. */
  readonly fetch?: FhirFetch;
  /** Receives each valid feedback request; a rejection gives the client a 500. */
  readonly onFeedback?: (feedback: FeedbackRequest, serviceId: string) => void | Promise<void>;
  /** The clock, for "today" in ages and recency and for token times; default the system clock. */
  readonly now?: () => Date;
  /** An absolute URL about the source of the guidance, shown on every card as `source.url`. */
  readonly sourceUrl?: string;
  /**
   * Read calls exactly as CDS Hooks 2.0 writes them: any null or empty value, a lowercase
   * `token_type` or an empty `draftOrders` gets 400 (for conformance testing). Default false: such
   * values are removed or normalised, each with a logged `conformance_warning`.
   */
  readonly strict?: boolean;
  /**
   * The SMART launch URL of the clinic's pre-sclerotherapy screening form. When set, the card that
   * asks to confirm screening questions carries a `smart` link to it.
   */
  readonly screeningLaunchUrl?: string;
  /** The base URL the EHRs call, e.g. `https://cds.example.org`; each token's `aud` must be `{publicUrl}/cds-services[/{id}[/feedback]]`. */
  readonly publicUrl?: string;
  /** The EHRs allowed to call, each with the FHIR servers it may name. Required unless `insecureNoAuth`. */
  readonly clients?: readonly CdsClientOptions[];
  /** Serve without authentication: a local demo only. Cannot be combined with `clients`. */
  readonly insecureNoAuth?: true;
  /**
   * Only with `insecureNoAuth`: the FHIR base prefixes a request's `fhirServer` must fall under to
   * be read, as no client (and so no client's `fhirServers`) is known. Default none: `fhirServer`
   * is never read. With `clients`, each client's own `fhirServers` apply and this option is refused.
   */
  readonly fhirServers?: readonly string[];
  /** The deadline and budgets of a hook call; unset ones take the defaults (3 s, 5 MB, 20 MB, 10,000 entries, 10 pages). */
  readonly limits?: Partial<CallLimits>;
  /** Browser origins allowed by CORS; CORS is off without it. */
  readonly cors?: { readonly origins: readonly string[] };
  /** Feedback settings: `logUserComment` writes the free-text comments to the log (default false). */
  readonly feedback?: { readonly logUserComment?: boolean | undefined };
  /**
   * The audit log: one entry per hook call (`hook_call`), per refused token (`auth_refused`, with
   * the reason class and the claimed issuer, never the token) and per feedback call (`feedback`),
   * and the details of internal errors; default one JSON line on stderr.
   */
  readonly log?: (entry: Readonly<Record<string, unknown>>) => void;
  /** Where token ids are remembered until they expire; default in memory, per process. */
  readonly replayStore?: ExpiringKeyStore;
  /** Where issued card uuids are remembered for 24 hours; default in memory, per process. */
  readonly issuedCards?: ExpiringKeyStore;
  /** How long fetching an issuer's JWKS may take, in milliseconds; default 5,000. */
  readonly jwksTimeoutMs?: number;
}

/**
 * Checks the options that the configuration schema does not: timeouts, callbacks, and the
 * service-wide FHIR servers, which apply only without client authentication.
 * @param options - the service options
 * @returns the issues, each with the path of its option
 */
export const optionIssues = (options: CdsServiceOptions): Issue[] => {
  const issues: Issue[] = [];
  if (options.jwksTimeoutMs !== undefined && !(Number.isFinite(options.jwksTimeoutMs) && options.jwksTimeoutMs > 0)) {
    issues.push({ code: 'invalid_option', message: 'jwksTimeoutMs must be a positive number of milliseconds', path: ['jwksTimeoutMs'] });
  }
  for (const key of ['log', 'onFeedback', 'now', 'fetch'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') issues.push({ code: 'invalid_option', message: `${key} must be a function`, path: [key] });
  }
  if (options.strict !== undefined && typeof options.strict !== 'boolean') issues.push({ code: 'invalid_option', message: 'strict must be true or false', path: ['strict'] });
  if (options.screeningLaunchUrl !== undefined && !(typeof options.screeningLaunchUrl === 'string' && isHttpsOrLoopbackHttp(options.screeningLaunchUrl))) {
    issues.push({ code: 'invalid_option', message: 'screeningLaunchUrl must be an absolute https URL (http only on a loopback host)', path: ['screeningLaunchUrl'] });
  }
  if (options.fhirServers !== undefined && options.fhirServers.length > 0 && options.insecureNoAuth !== true) {
    issues.push({
      code: 'fhir_servers_without_auth_only',
      message: "fhirServers applies only with insecureNoAuth; with clients, list each client's FHIR servers in its own fhirServers",
      path: ['fhirServers'],
    });
  }
  return issues;
};
