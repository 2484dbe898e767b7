import * as E from 'fp-ts/lib/Either.js';
import { toIsoDate } from '../../../model/dates.js';
import { RulesError, type Issue, type Issues } from '../../../model/issues.js';
import { fromZodIssues } from '../../../model/parse-request.js';
import type { RuleSet } from '../../../rules/rule-set.js';
import { FeedbackRequestSchema, type FeedbackItem, type FeedbackRequest } from '../schemas/feedback-schema.js';
import { CdsServiceRequestSchema, HOOK_CONTEXT_SCHEMAS } from '../schemas/request-schema.js';
import { createClientVerifier, type AuthFailureReason, type ClientVerifier } from './auth.js';
import type { AuthenticatedClient, CallContext } from './call-context.js';
import { corsHeaders, headerValue, preflightAnswer, routeOf } from './cors.js';
import { CDS_SERVICES, type CdsServiceDefinition } from './discovery.js';
import { globalFetch, type FhirFetch } from './fhir-fetch.js';
import type { CdsHttpRequest } from './http-request.js';
import { errorResponse, jsonResponse, type CdsHttpResponse } from './http.js';
import { answerHookCall } from './hook-call.js';
import { createMemoryKeyStore, type ExpiringKeyStore } from './replay-cache.js';
import { ServiceAuthOptionsSchema, type ClientOptions } from './service-config.js';

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
  /** The FHIR base URLs this client may send as `fhirServer`. */
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
  /** The base URL the EHRs call, e.g. `https://cds.example.org`; each token's `aud` must be `{publicUrl}/cds-services[/{id}[/feedback]]`. */
  readonly publicUrl?: string;
  /** The EHRs allowed to call. Required unless `insecureNoAuth`. */
  readonly clients?: readonly CdsClientOptions[];
  /** Serve without authentication: a local demo only. Cannot be combined with `clients`. */
  readonly insecureNoAuth?: true;
  /** Browser origins allowed by CORS; CORS is off without it. */
  readonly cors?: { readonly origins: readonly string[] };
  /** Feedback settings: `logUserComment` writes the free-text comments to the log (default false). */
  readonly feedback?: { readonly logUserComment?: boolean | undefined };
  /** Where the service logs why it refused a call, and the feedback it received; default one JSON line on stderr. */
  readonly log?: (entry: Readonly<Record<string, unknown>>) => void;
  /** Where token ids are remembered until they expire; default in memory, per process. */
  readonly replayStore?: ExpiringKeyStore;
  /** Where issued card uuids are remembered for 24 hours; default in memory, per process. */
  readonly issuedCards?: ExpiringKeyStore;
  /** How long fetching an issuer's JWKS may take, in milliseconds; default 5,000. */
  readonly jwksTimeoutMs?: number;
}

/** Framework-agnostic handlers of a CDS Hooks 2.0 service; none of them throws or rejects. */
export interface CdsService {
  /** The services offered, as discovery lists them. */
  readonly services: readonly CdsServiceDefinition[];
  /** `GET {baseUrl}/cds-services`: the discovery response (401 without a valid client token). */
  discovery(request?: CdsHttpRequest): Promise<CdsHttpResponse>;
  /** `POST {baseUrl}/cds-services/{id}`: 200 with cards, 400 on a malformed call, 401 without a valid client token, 404 for an unknown service, 412 when data is missing. */
  handle(serviceId: string, body: unknown, request?: CdsHttpRequest): Promise<CdsHttpResponse>;
  /** `POST {baseUrl}/cds-services/{id}/feedback`: 200 once handed to `onFeedback`, 400 when malformed or about cards the service did not issue, 401, 404. */
  feedback(serviceId: string, body: unknown, request?: CdsHttpRequest): Promise<CdsHttpResponse>;
  /** `OPTIONS` on any path: a CORS preflight, answered 204 only on the service's routes for a configured origin. */
  preflight(request: CdsHttpRequest): CdsHttpResponse;
}

/** The most feedback items one call may carry. */
export const MAX_FEEDBACK_ITEMS = 50;
/** How long an issued card uuid is accepted in feedback. */
export const ISSUED_CARD_TTL_MS = 24 * 60 * 60 * 1000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// One JSON line on stderr (console.error in Node), found at run time so the entry needs no DOM or Node types.
const defaultLog = (entry: Readonly<Record<string, unknown>>): void => {
  const sink = (globalThis as { readonly console?: { readonly error?: (line: string) => void } }).console;
  sink?.error?.(JSON.stringify({ time: new Date().toISOString(), ...entry }));
};

const unknownService = (serviceId: string): CdsHttpResponse =>
  errorResponse(404, { error: 'unknown_service', message: `There is no CDS service "${serviceId}"; the services are ${CDS_SERVICES.map((s) => `"${s.id}"`).join(', ')}` });

const invalid = (error: string, message: string, issues: readonly Issue[]): CdsHttpResponse => errorResponse(400, { error, message, issues });

const within = (prefix: string, issues: readonly Issue[]): readonly Issue[] => issues.map((i) => ({ ...i, path: [prefix, ...i.path] }));

const REFUSALS: Readonly<Record<AuthFailureReason, string>> = {
  missing_token: 'The call needs Authorization: Bearer <JWT> signed by a configured CDS client',
  malformed_token: 'The bearer token is not a well-formed JWT',
  unsupported_alg: 'The token must be signed with an asymmetric algorithm (ES256/384/512, RS256/384/512, PS256/384/512)',
  missing_kid: 'The token header must name its key (kid)',
  unknown_issuer: 'The token issuer is not a configured client',
  jku_not_allowed: "The token jku is not on the issuer's allowlist",
  unknown_key: 'No key of the issuer matches the token',
  keys_unavailable: "The issuer's keys could not be read",
  bad_signature: 'The token signature does not verify',
  bad_audience: 'The token aud must be the URL of the endpoint called',
  expired: 'The token has expired',
  not_yet_valid: 'The token is not valid yet',
  exp_too_far: 'The token exp must be at most 5 minutes ahead',
  bad_iat: 'The token iat is not acceptable',
  missing_claim: 'The token must carry iss, aud, exp, iat and jti',
  replayed: 'This token (jti) was already used',
};

const unauthorized = (reason: AuthFailureReason): CdsHttpResponse => ({
  status: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': reason === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"' },
  body: { error: 'unauthorized', reason, message: REFUSALS[reason] },
});

interface Settings {
  readonly options: CdsServiceOptions;
  readonly publicUrl: string;
  readonly verify: ClientVerifier | undefined;
  readonly origins: ReadonlySet<string>;
  readonly log: (entry: Readonly<Record<string, unknown>>) => void;
  readonly now: () => Date;
  readonly issuedCards: ExpiringKeyStore;
}

type Authenticated = { readonly ok: true; readonly client?: AuthenticatedClient } | { readonly ok: false; readonly response: CdsHttpResponse };

const authenticate = async (settings: Settings, request: CdsHttpRequest | undefined, audience: string, serviceId?: string): Promise<Authenticated> => {
  if (settings.verify === undefined) return { ok: true };
  const result = await settings.verify(headerValue(request, 'authorization'), audience);
  if (result.ok) return { ok: true, client: result.client };
  // Never the token itself: the reason, why, and the claimed issuer.
  settings.log({ level: 'warn', event: 'auth_refused', reason: result.reason, detail: result.detail, aud: audience, ...(serviceId === undefined ? {} : { serviceId }), ...(result.iss === undefined ? {} : { iss: result.iss }) });
  return { ok: false, response: unauthorized(result.reason) };
};

const issuedKey = (client: AuthenticatedClient | undefined, serviceId: string, uuid: string): string => `card|${client?.iss ?? ''}|${serviceId}|${uuid}`;

const rememberCards = async (settings: Settings, client: AuthenticatedClient | undefined, serviceId: string, response: CdsHttpResponse): Promise<void> => {
  if (response.status !== 200) return;
  const cards = (response.body as { readonly cards?: unknown }).cards;
  if (!Array.isArray(cards)) return;
  const until = settings.now().getTime() + ISSUED_CARD_TTL_MS;
  for (const card of cards as unknown[]) {
    const uuid = (card as { readonly uuid?: unknown }).uuid;
    if (typeof uuid === 'string') await settings.issuedCards.add(issuedKey(client, serviceId, uuid), until);
  }
};

const handleCall = async (settings: Settings, serviceId: string, body: unknown, request: CdsHttpRequest | undefined): Promise<CdsHttpResponse> => {
  const auth = await authenticate(settings, request, `${settings.publicUrl}/cds-services/${serviceId}`, serviceId);
  if (!auth.ok) return auth.response;
  const { options } = settings;
  const service = CDS_SERVICES.find((s) => s.id === serviceId);
  if (service === undefined) return unknownService(serviceId);
  const parsed = CdsServiceRequestSchema.safeParse(body);
  if (!parsed.success) return invalid('invalid_request', 'The body is not a valid CDS Hooks 2.0 request', fromZodIssues(parsed.error.issues));
  const call = parsed.data;
  if (call.hook !== service.hook) {
    return invalid('hook_mismatch', `Service "${service.id}" answers the "${service.hook}" hook, not "${call.hook}"`, [
      { code: 'hook_mismatch', message: `Expected "${service.hook}"`, path: ['hook'] },
    ]);
  }
  const context = HOOK_CONTEXT_SCHEMAS[service.hook].safeParse(call.context);
  if (!context.success) return invalid('invalid_context', `The context is not a valid "${service.hook}" context`, within('context', fromZodIssues(context.error.issues)));
  const callContext: CallContext = {
    ...(auth.client === undefined ? {} : { client: auth.client }),
    ...(request?.signal === undefined ? {} : { signal: request.signal }),
    log: settings.log,
  };
  const response = await answerHookCall(service, call, {
    asOf: toIsoDate(settings.now()),
    fetch: options.fetch ?? globalFetch(),
    call: callContext,
    ...(options.ruleSet === undefined ? {} : { ruleSet: options.ruleSet }),
    ...(options.sourceUrl === undefined ? {} : { sourceUrl: options.sourceUrl }),
  });
  await rememberCards(settings, auth.client, serviceId, response);
  return response;
};

// What the log keeps of a feedback item: never the free-text comment unless configured.
const loggedItem = (item: FeedbackItem, withComment: boolean): Readonly<Record<string, unknown>> => ({
  card: item.card,
  outcome: item.outcome,
  ...(item.acceptedSuggestions === undefined ? {} : { acceptedSuggestions: item.acceptedSuggestions.map((s) => s.id) }),
  ...(item.overrideReason?.reason === undefined ? {} : { overrideReason: item.overrideReason.reason.code }),
  ...(item.overrideReason?.userComment === undefined ? {} : withComment ? { userComment: item.overrideReason.userComment } : { userComment: '[not logged]' }),
});

const handleFeedback = async (settings: Settings, serviceId: string, body: unknown, request: CdsHttpRequest | undefined): Promise<CdsHttpResponse> => {
  const auth = await authenticate(settings, request, `${settings.publicUrl}/cds-services/${serviceId}/feedback`, serviceId);
  if (!auth.ok) return auth.response;
  if (!CDS_SERVICES.some((s) => s.id === serviceId)) return unknownService(serviceId);
  const items = (body as { readonly feedback?: unknown } | null | undefined)?.feedback;
  if (Array.isArray(items) && items.length > MAX_FEEDBACK_ITEMS) {
    return invalid('too_many_feedback_items', `A feedback call may carry at most ${MAX_FEEDBACK_ITEMS} items, not ${items.length}`, [
      { code: 'too_many_feedback_items', message: `At most ${MAX_FEEDBACK_ITEMS} items`, path: ['feedback'] },
    ]);
  }
  const parsed = FeedbackRequestSchema.safeParse(body);
  if (!parsed.success) return invalid('invalid_feedback', 'The body is not valid CDS Hooks 2.0 feedback', fromZodIssues(parsed.error.issues));
  const unknown: Issue[] = [];
  for (const [i, item] of parsed.data.feedback.entries()) {
    if (!(await settings.issuedCards.has(issuedKey(auth.client, serviceId, item.card)))) {
      unknown.push({ code: 'unknown_card', message: `Card ${item.card} was not issued by this service to this client in the last 24 hours`, path: ['feedback', i, 'card'] });
    }
  }
  if (unknown.length > 0) return invalid('unknown_card', 'The feedback names cards this service did not issue', unknown);
  const withComment = settings.options.feedback?.logUserComment === true;
  settings.log({
    level: 'info',
    event: 'feedback',
    serviceId,
    ...(auth.client === undefined ? {} : { iss: auth.client.iss, ...(auth.client.sub === undefined ? {} : { sub: auth.client.sub }) }),
    items: parsed.data.feedback.map((item) => loggedItem(item, withComment)),
  });
  try {
    await settings.options.onFeedback?.(parsed.data, serviceId);
  } catch (error) {
    return errorResponse(500, { error: 'feedback_failed', message: `The feedback could not be recorded: ${messageOf(error)}` });
  }
  return jsonResponse(200, { received: parsed.data.feedback.length });
};

const handleDiscovery = async (settings: Settings, request: CdsHttpRequest | undefined): Promise<CdsHttpResponse> => {
  const auth = await authenticate(settings, request, `${settings.publicUrl}/cds-services`);
  return auth.ok ? jsonResponse(200, { services: CDS_SERVICES }) : auth.response;
};

// The last line of defence for "never throws": an unexpected error becomes a 500 with its message.
const guarded = async (run: () => Promise<CdsHttpResponse>): Promise<CdsHttpResponse> => {
  try {
    return await run();
  } catch (error) {
    return errorResponse(500, { error: 'internal_error', message: `The service failed unexpectedly: ${messageOf(error)}` });
  }
};

const withCors = (settings: Settings, request: CdsHttpRequest | undefined, response: CdsHttpResponse): CdsHttpResponse => {
  const cors = corsHeaders(request, settings.origins);
  return Object.keys(cors).length === 0 ? response : { ...response, headers: { ...response.headers, ...cors } };
};

const optionIssues = (options: CdsServiceOptions): Issue[] => {
  const issues: Issue[] = [];
  if (options.jwksTimeoutMs !== undefined && !(Number.isFinite(options.jwksTimeoutMs) && options.jwksTimeoutMs > 0)) {
    issues.push({ code: 'invalid_option', message: 'jwksTimeoutMs must be a positive number of milliseconds', path: ['jwksTimeoutMs'] });
  }
  for (const key of ['log', 'onFeedback', 'now', 'fetch'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') issues.push({ code: 'invalid_option', message: `${key} must be a function`, path: [key] });
  }
  return issues;
};

/**
 * Creates a CDS Hooks 2.0 service for sclerotherapy: discovery of the `order-select`,
 * `order-sign` and `patient-view` services, the hook handler (client authentication, validation,
 * prefetch or FHIR server reads with the client's bearer token, mapping with the FHIR adapter,
 * assessment, cards), the feedback handler and CORS preflights. The handlers take parsed JSON
 * bodies and the request's method, URL and headers, and return status, headers and body, so any
 * web framework can serve them.
 *
 * Every call must carry a CDS Hooks client JWT of one of `clients` whose `aud` is
 * `{publicUrl}/cds-services[/{id}[/feedback]]`, unless `insecureNoAuth` is set.
 * @param options - the clients, public URL, CORS origins, rule set, fetch, feedback receiver, clock and source URL
 * @returns the handlers, or the issues of an invalid configuration (each with its path)
 */
export const createCdsService = (options: CdsServiceOptions = {}): E.Either<Issues, CdsService> => {
  const auth = ServiceAuthOptionsSchema.safeParse({
    publicUrl: options.publicUrl,
    clients: options.clients,
    insecureNoAuth: options.insecureNoAuth,
    cors: options.cors,
    feedback: options.feedback,
  });
  const issues = [...(auth.success ? [] : fromZodIssues(auth.error.issues)), ...optionIssues(options)];
  const [first, ...rest] = issues;
  if (first !== undefined || !auth.success) return E.left([first ?? { code: 'invalid_option', message: 'Invalid options', path: [] }, ...rest]);
  const now = options.now ?? (() => new Date());
  const clock = (): number => now().getTime();
  const log = options.log ?? defaultLog;
  const settings: Settings = {
    options,
    publicUrl: auth.data.publicUrl ?? '',
    verify:
      auth.data.clients === undefined
        ? undefined
        : createClientVerifier({
            clients: auth.data.clients as readonly ClientOptions[],
            now,
            replayStore: options.replayStore ?? createMemoryKeyStore({ now: clock }),
            ...(options.jwksTimeoutMs === undefined ? {} : { jwksTimeoutMs: options.jwksTimeoutMs }),
          }),
    origins: new Set(auth.data.cors?.origins ?? []),
    log,
    now,
    issuedCards: options.issuedCards ?? createMemoryKeyStore({ now: clock }),
  };
  return E.right({
    services: CDS_SERVICES,
    discovery: (request) => guarded(() => handleDiscovery(settings, request)).then((r) => withCors(settings, request, r)),
    handle: (serviceId, body, request) => guarded(() => handleCall(settings, serviceId, body, request)).then((r) => withCors(settings, request, r)),
    feedback: (serviceId, body, request) => guarded(() => handleFeedback(settings, serviceId, body, request)).then((r) => withCors(settings, request, r)),
    preflight: (request) => {
      const route = routeOf(request.url);
      const real = route === undefined || route.kind === 'discovery' || CDS_SERVICES.some((s) => s.id === route.id) ? route : undefined;
      return preflightAnswer(request, real, settings.origins);
    },
  });
};

/**
 * The same as {@link createCdsService}, but returns the handlers and throws a `RulesError`
 * carrying the issues when the configuration is invalid.
 * @param options - as for createCdsService
 * @returns the handlers
 */
export const createCdsServiceOrThrow = (options: CdsServiceOptions = {}): CdsService => {
  const created = createCdsService(options);
  if (E.isLeft(created)) throw new RulesError(created.left);
  return created.right;
};
