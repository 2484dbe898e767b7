import * as E from 'fp-ts/lib/Either.js';
import { toIsoDate } from '../../../model/dates.js';
import { RulesError, type Issue, type Issues } from '../../../model/issues.js';
import { fromZodIssues } from '../../../model/parse-request.js';
import { FeedbackRequestSchema, type FeedbackItem } from '../schemas/feedback-schema.js';
import { CdsServiceRequestSchema, HOOK_CONTEXT_SCHEMAS } from '../schemas/request-schema.js';
import { recordCall } from './audit-entry.js';
import { createClientVerifier, type AuthFailureReason, type ClientVerifier } from './auth.js';
import { callLimitsOf, newCallBudget, type CallLimits, type OutboundRecord } from './call-limits.js';
import type { AuthenticatedClient, CallContext } from './call-context.js';
import { corsHeaders, headerValue, preflightAnswer, routeOf, type CdsRoute } from './cors.js';
import { CDS_SERVICES, type CdsServiceDefinition } from './discovery.js';
import { globalFetch } from './fhir-fetch.js';
import type { CdsHttpRequest } from './http-request.js';
import { errorResponse, jsonResponse, type CdsHttpResponse } from './http.js';
import { conformanceWarning, forgiveRequest, hasNoDraftOrders } from './forgiving-input.js';
import { answerHookCall } from './hook-call.js';
import { valueTooDeep } from './json-depth.js';
import { createMemoryKeyStore, type ExpiringKeyStore } from './replay-cache.js';
import { ServiceAuthOptionsSchema, type ClientOptions } from './service-config.js';
import { deadlineSignal, randomId } from './web-platform.js';
import { optionIssues, type CdsServiceOptions } from './service-options.js';

export type { CdsClientOptions, CdsServiceOptions } from './service-options.js';

/** Framework-agnostic handlers of a CDS Hooks 2.0 service; none of them throws or rejects. */
export interface CdsService {
  /** The services offered, as discovery lists them. */
  readonly services: readonly CdsServiceDefinition[];
  /** `GET {baseUrl}/cds-services`: the discovery response (401 without a valid client token). */
  discovery(request?: CdsHttpRequest): Promise<CdsHttpResponse>;
  /**
   * `POST {baseUrl}/cds-services/{id}`: 200 with cards, 400 on a malformed call, 401 without a valid
   * client token, 404 for an unknown service, 412 when data is missing, 500 with a correlation id.
   * `request.signal` (the EHR went away) and the call's deadline abort its FHIR reads.
   */
  handle(serviceId: string, body: unknown, request?: CdsHttpRequest): Promise<CdsHttpResponse>;
  /** `POST {baseUrl}/cds-services/{id}/feedback`: 200 once handed to `onFeedback`, 400 when malformed or about cards the service did not issue, 401, 404. */
  feedback(serviceId: string, body: unknown, request?: CdsHttpRequest): Promise<CdsHttpResponse>;
  /** `OPTIONS` on any path: a CORS preflight, answered 204 only on the service's routes for a configured origin. */
  preflight(request: CdsHttpRequest): CdsHttpResponse;
  /**
   * Checks the client token of a hook call or feedback call before its body is read: resolves to the
   * 401 to send, or to undefined when the call may go on. `handle` or `feedback` given the same
   * request object then use this result instead of checking the token again (a token is good for
   * one call). Other routes resolve to undefined; their handler checks them.
   */
  authenticate(request: CdsHttpRequest): Promise<CdsHttpResponse | undefined>;
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

// A service id as the log may hold it: one of the id shapes, or `unknown`.
const loggedService = (serviceId: string): string => (/^[a-z0-9-]{1,64}$/.test(serviceId) ? serviceId : 'unknown');

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

// An unexpected error becomes a 500 that says only "internal error" and a correlation id; the
// details go to the log under that id.
const internalError = (error: unknown, log: (entry: Readonly<Record<string, unknown>>) => void): CdsHttpResponse => {
  const correlationId = randomId();
  log({ level: 'error', event: 'internal_error', correlationId, error: messageOf(error) });
  return errorResponse(500, { error: 'internal_error', message: 'internal error', correlationId });
};

interface Settings {
  readonly options: CdsServiceOptions;
  readonly publicUrl: string;
  readonly verify: ClientVerifier | undefined;
  readonly origins: ReadonlySet<string>;
  readonly log: (entry: Readonly<Record<string, unknown>>) => void;
  readonly now: () => Date;
  readonly issuedCards: ExpiringKeyStore;
  readonly limits: CallLimits;
  /** The prefixes `fhirServer` is read under when no client is authenticated (insecureNoAuth only). */
  readonly unauthenticatedFhirServers: readonly string[];
  /** Requests whose token `authenticate` already checked, with the audience it was checked for. */
  readonly checked: WeakMap<object, Authenticated & { readonly audience: string }>;
}

type Authenticated = { readonly ok: true; readonly client?: AuthenticatedClient } | { readonly ok: false; readonly response: CdsHttpResponse };

const audienceOf = (settings: Settings, route: CdsRoute): string =>
  route.kind === 'discovery'
    ? `${settings.publicUrl}/cds-services`
    : `${settings.publicUrl}/cds-services/${route.id}${route.kind === 'feedback' ? '/feedback' : ''}`;

// Checks the call's token once; a refusal is the call's one audit entry (reason class, claimed
// issuer and, once the signature verified, subject; never the token).
const verifyToken = async (settings: Settings, request: CdsHttpRequest | undefined, route: CdsRoute): Promise<Authenticated> => {
  if (settings.verify === undefined) return { ok: true };
  const audience = audienceOf(settings, route);
  try {
    const result = await settings.verify(headerValue(request, 'authorization'), audience);
    if (result.ok) return { ok: true, client: result.client };
    settings.log({
      level: 'warn',
      event: 'auth_refused',
      status: 401,
      reason: result.reason,
      detail: result.detail,
      route: route.kind,
      aud: audience,
      ...(route.kind === 'discovery' ? {} : { service: loggedService(route.id) }),
      iss: result.iss ?? null,
      sub: result.sub ?? null,
    });
    return { ok: false, response: unauthorized(result.reason) };
  } catch (error) {
    // A pluggable replay store that fails: the call is refused, never let through.
    return { ok: false, response: internalError(error, settings.log) };
  }
};

// The token check of a call: the one `authenticate` made before the body was read, else now.
const authenticated = async (settings: Settings, request: CdsHttpRequest | undefined, route: CdsRoute): Promise<Authenticated> => {
  const early = request === undefined ? undefined : settings.checked.get(request);
  if (early !== undefined && request !== undefined) {
    settings.checked.delete(request);
    if (early.audience === audienceOf(settings, route)) return early;
  }
  return verifyToken(settings, request, route);
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

// The FHIR bases a call may read: the authenticated client's own; the service-wide fallback only
// when the service runs without authentication.
const fhirServersOf = (settings: Settings, call: CallContext): readonly string[] => {
  if (call.client !== undefined) return call.client.fhirServers;
  return settings.verify === undefined ? settings.unauthenticatedFhirServers : [];
};

const handleCall = async (settings: Settings, serviceId: string, body: unknown, request: CdsHttpRequest | undefined, who: CallContext, outbound: OutboundRecord[]): Promise<CdsHttpResponse> => {
  const { options } = settings;
  const service = CDS_SERVICES.find((s) => s.id === serviceId);
  if (service === undefined) return unknownService(serviceId);
  if (valueTooDeep(body)) return invalid('too_deep', 'The body nests deeper than 64 levels', []);
  const forgiven = options.strict === true ? { body, repairs: [] } : forgiveRequest(body);
  if (forgiven.repairs.length > 0) settings.log(conformanceWarning(loggedService(serviceId), forgiven));
  const parsed = CdsServiceRequestSchema.safeParse(forgiven.body);
  if (!parsed.success) return invalid('invalid_request', 'The body is not a valid CDS Hooks 2.0 request', fromZodIssues(parsed.error.issues));
  const hookCall = parsed.data;
  if (hookCall.hook !== service.hook) {
    return invalid('hook_mismatch', `Service "${service.id}" answers the "${service.hook}" hook, not "${hookCall.hook}"`, [
      { code: 'hook_mismatch', message: `Expected "${service.hook}"`, path: ['hook'] },
    ]);
  }
  // An order hook with no draft orders has nothing to check.
  if (options.strict !== true && hasNoDraftOrders(hookCall.context)) return jsonResponse(200, { cards: [] });
  const hookContext = HOOK_CONTEXT_SCHEMAS[service.hook].safeParse(hookCall.context);
  if (!hookContext.success) return invalid('invalid_context', `The context is not a valid "${service.hook}" context`, within('context', fromZodIssues(hookContext.error.issues)));
  // The call's signal: its deadline, or the EHR going away, whichever comes first. Every FHIR read
  // of the call is made with it.
  const deadline = deadlineSignal(settings.limits.deadlineMs, request?.signal);
  const call: CallContext = { ...who, signal: deadline.signal };
  const budget = newCallBudget(settings.limits, deadline.signal);
  let response: CdsHttpResponse;
  try {
    response = await answerHookCall(service, hookCall, {
      asOf: toIsoDate(settings.now()),
      fetch: options.fetch ?? globalFetch(),
      fhirServers: fhirServersOf(settings, call),
      budget,
      ...(options.ruleSet === undefined ? {} : { ruleSet: options.ruleSet }),
      ...(options.sourceUrl === undefined ? {} : { sourceUrl: options.sourceUrl }),
      ...(options.screeningLaunchUrl === undefined ? {} : { screeningLaunchUrl: options.screeningLaunchUrl }),
      strict: options.strict === true,
    });
  } finally {
    deadline.dispose();
    for (const record of budget.outbound) outbound.push(record);
  }
  await rememberCards(settings, call.client, serviceId, response);
  return response;
};

// The last line of defence for "never throws".
const guarded = async (run: () => Promise<CdsHttpResponse>, log: (entry: Readonly<Record<string, unknown>>) => void): Promise<CdsHttpResponse> => {
  try {
    return await run();
  } catch (error) {
    return internalError(error, log);
  }
};

// One audit entry per hook call: `auth_refused` when the token is refused, else `hook_call`.
const handleAudited = async (settings: Settings, serviceId: string, body: unknown, request: CdsHttpRequest | undefined): Promise<CdsHttpResponse> => {
  const started = Date.now();
  const auth = await authenticated(settings, request, { kind: 'service', id: serviceId });
  if (!auth.ok) return auth.response;
  const who: CallContext = { ...(auth.client === undefined ? {} : { client: auth.client }), log: settings.log };
  const outbound: OutboundRecord[] = [];
  const response = await guarded(() => handleCall(settings, serviceId, body, request, who, outbound), settings.log);
  settings.log(recordCall({ serviceId, body, context: who, status: response.status, started, outbound }));
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
  const auth = await authenticated(settings, request, { kind: 'feedback', id: serviceId });
  if (!auth.ok) return auth.response;
  if (!CDS_SERVICES.some((s) => s.id === serviceId)) return unknownService(serviceId);
  if (valueTooDeep(body)) return invalid('too_deep', 'The body nests deeper than 64 levels', []);
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
  const auth = await authenticated(settings, request, { kind: 'discovery' });
  return auth.ok ? jsonResponse(200, { services: CDS_SERVICES }) : auth.response;
};

const withCors = (settings: Settings, request: CdsHttpRequest | undefined, response: CdsHttpResponse): CdsHttpResponse => {
  const cors = corsHeaders(request, settings.origins);
  return Object.keys(cors).length === 0 ? response : { ...response, headers: { ...response.headers, ...cors } };
};


/**
 * Creates a CDS Hooks 2.0 service for sclerotherapy: discovery of the `order-select`,
 * `order-sign` and `patient-view` services, the hook handler (client authentication, validation,
 * prefetch or FHIR server reads with the client's bearer token under the client's allowed FHIR
 * bases, within the call's deadline and budgets, mapping with the FHIR adapter, assessment,
 * cards, an audit entry), the feedback handler and CORS preflights. The handlers take parsed JSON
 * bodies and the request's method, URL, headers and abort signal, and return status, headers and
 * body, so any web framework can serve them.
 *
 * Every call must carry a CDS Hooks client JWT of one of `clients` whose `aud` is
 * `{publicUrl}/cds-services[/{id}[/feedback]]`, unless `insecureNoAuth` is set.
 * @param options - the clients, public URL, CORS origins, rule set, fetch, limits, log, feedback receiver, clock and source URL
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
    limits: callLimitsOf(options.limits),
    unauthenticatedFhirServers: options.insecureNoAuth === true ? (options.fhirServers ?? []) : [],
    checked: new WeakMap(),
  };
  return E.right({
    services: CDS_SERVICES,
    discovery: (request) => guarded(() => handleDiscovery(settings, request), log).then((r) => withCors(settings, request, r)),
    handle: (serviceId, body, request) => guarded(() => handleAudited(settings, serviceId, body, request), log).then((r) => withCors(settings, request, r)),
    feedback: (serviceId, body, request) => guarded(() => handleFeedback(settings, serviceId, body, request), log).then((r) => withCors(settings, request, r)),
    preflight: (request) => {
      const route = routeOf(request.url);
      const real = route === undefined || route.kind === 'discovery' || CDS_SERVICES.some((s) => s.id === route.id) ? route : undefined;
      return preflightAnswer(request, real, settings.origins);
    },
    authenticate: async (request) => {
      const route = routeOf(request.url);
      if (route === undefined || route.kind === 'discovery') return undefined;
      const result = await verifyToken(settings, request, route);
      if (!result.ok) return withCors(settings, request, result.response);
      settings.checked.set(request, { ...result, audience: audienceOf(settings, route) });
      return undefined;
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
