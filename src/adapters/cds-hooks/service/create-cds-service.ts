import { toIsoDate } from '../../../model/dates.js';
import type { Issue } from '../../../model/issues.js';
import { fromZodIssues } from '../../../model/parse-request.js';
import type { RuleSet } from '../../../rules/rule-set.js';
import { FeedbackRequestSchema, type FeedbackRequest } from '../schemas/feedback-schema.js';
import { CdsServiceRequestSchema, HOOK_CONTEXT_SCHEMAS } from '../schemas/request-schema.js';
import { recordCall } from './audit-entry.js';
import { callLimitsOf, newCallBudget, type CallLimits, type OutboundRecord } from './call-limits.js';
import type { CallContext } from './call-context.js';
import { CDS_SERVICES, type CdsServiceDefinition } from './discovery.js';
import { valueTooDeep } from './json-depth.js';
import { deadlineSignal, randomId } from './web-platform.js';
import { globalFetch, type FhirFetch } from './fhir-fetch.js';
import { errorResponse, jsonResponse, type CdsHttpResponse } from './http.js';
import { answerHookCall } from './hook-call.js';

/** How to build the CDS service. */
export interface CdsServiceOptions {
  /** The rule set to assess with (e.g. a clinic overlay); default the shipped rules. */
  readonly ruleSet?: RuleSet;
  /** The fetch used to read the client's FHIR server; default `globalThis.fetch`. */
  readonly fetch?: FhirFetch;
  /** Receives each valid feedback request; a rejection gives the client a 500. */
  readonly onFeedback?: (feedback: FeedbackRequest, serviceId: string) => void | Promise<void>;
  /** The clock, for "today" in ages and recency; default the system clock. */
  readonly now?: () => Date;
  /** An absolute URL about the source of the guidance, shown on every card as `source.url`. */
  readonly sourceUrl?: string;
  /**
   * The FHIR base prefixes a request's `fhirServer` must fall under to be read, when the call has
   * no authenticated client (whose own `fhirServers` apply otherwise): for local, unauthenticated
   * use. Default none: `fhirServer` is never read.
   */
  readonly fhirServers?: readonly string[];
  /** The deadline and budgets of a hook call; unset ones take the defaults (3 s, 5 MB, 20 MB, 10,000 entries, 10 pages). */
  readonly limits?: Partial<CallLimits>;
  /** Receives the audit entry of each hook call when the call's context gives no `log`. */
  readonly log?: (entry: Readonly<Record<string, unknown>>) => void;
}

/** Framework-agnostic handlers of a CDS Hooks 2.0 service; none of them throws or rejects. */
export interface CdsService {
  /** The services offered, as discovery lists them. */
  readonly services: readonly CdsServiceDefinition[];
  /** `GET {baseUrl}/cds-services`: the discovery response. */
  discovery(): CdsHttpResponse;
  /** `POST {baseUrl}/cds-services/{id}`: 200 with cards, 400 on a malformed call, 404 for an unknown service, 412 when data is missing. */
  handle(serviceId: string, body: unknown, context?: CallContext): Promise<CdsHttpResponse>;
  /** `POST {baseUrl}/cds-services/{id}/feedback`: 200 once handed to `onFeedback`, 400 when malformed, 404 for an unknown service. */
  feedback(serviceId: string, body: unknown): Promise<CdsHttpResponse>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const unknownService = (serviceId: string): CdsHttpResponse =>
  errorResponse(404, { error: 'unknown_service', message: `There is no CDS service "${serviceId}"; the services are ${CDS_SERVICES.map((s) => `"${s.id}"`).join(', ')}` });

const invalid = (error: string, message: string, issues: readonly Issue[]): CdsHttpResponse => errorResponse(400, { error, message, issues });

const within = (prefix: string, issues: readonly Issue[]): readonly Issue[] => issues.map((i) => ({ ...i, path: [prefix, ...i.path] }));

const handleCall = async (serviceId: string, body: unknown, options: CdsServiceOptions, context: CallContext | undefined, outbound: OutboundRecord[]): Promise<CdsHttpResponse> => {
  const service = CDS_SERVICES.find((s) => s.id === serviceId);
  if (service === undefined) return unknownService(serviceId);
  if (valueTooDeep(body)) return invalid('too_deep', 'The body nests deeper than 64 levels', []);
  const parsed = CdsServiceRequestSchema.safeParse(body);
  if (!parsed.success) return invalid('invalid_request', 'The body is not a valid CDS Hooks 2.0 request', fromZodIssues(parsed.error.issues));
  const request = parsed.data;
  if (request.hook !== service.hook) {
    return invalid('hook_mismatch', `Service "${service.id}" answers the "${service.hook}" hook, not "${request.hook}"`, [
      { code: 'hook_mismatch', message: `Expected "${service.hook}"`, path: ['hook'] },
    ]);
  }
  const hookContext = HOOK_CONTEXT_SCHEMAS[service.hook].safeParse(request.context);
  if (!hookContext.success) return invalid('invalid_context', `The context is not a valid "${service.hook}" context`, within('context', fromZodIssues(hookContext.error.issues)));
  const fetch = options.fetch ?? globalFetch();
  const limits = callLimitsOf(options.limits);
  const deadline = deadlineSignal(limits.deadlineMs, context?.signal);
  const budget = newCallBudget(limits, deadline.signal);
  try {
    return await answerHookCall(service, request, {
      asOf: toIsoDate((options.now ?? (() => new Date()))()),
      fetch,
      fhirServers: context?.client?.fhirServers ?? options.fhirServers ?? [],
      budget,
      ...(options.ruleSet === undefined ? {} : { ruleSet: options.ruleSet }),
      ...(options.sourceUrl === undefined ? {} : { sourceUrl: options.sourceUrl }),
    });
  } finally {
    deadline.dispose();
    for (const record of budget.outbound) outbound.push(record);
  }
};

const handleFeedback = async (serviceId: string, body: unknown, options: CdsServiceOptions): Promise<CdsHttpResponse> => {
  if (!CDS_SERVICES.some((s) => s.id === serviceId)) return unknownService(serviceId);
  const parsed = FeedbackRequestSchema.safeParse(body);
  if (!parsed.success) return invalid('invalid_feedback', 'The body is not valid CDS Hooks 2.0 feedback', fromZodIssues(parsed.error.issues));
  try {
    await options.onFeedback?.(parsed.data, serviceId);
  } catch (error) {
    return errorResponse(500, { error: 'feedback_failed', message: `The feedback could not be recorded: ${messageOf(error)}` });
  }
  return jsonResponse(200, { received: parsed.data.feedback.length });
};

// The last line of defence for "never throws": an unexpected error becomes a 500 that says only
// "internal error" and a correlation id; the details go to the log under that id.
const guarded = async (run: () => Promise<CdsHttpResponse>, log?: (entry: Readonly<Record<string, unknown>>) => void): Promise<CdsHttpResponse> => {
  try {
    return await run();
  } catch (error) {
    const correlationId = randomId();
    log?.({ event: 'internal_error', correlationId, error: messageOf(error) });
    return errorResponse(500, { error: 'internal_error', message: 'internal error', correlationId });
  }
};

const handleAudited = async (serviceId: string, body: unknown, options: CdsServiceOptions, context: CallContext | undefined): Promise<CdsHttpResponse> => {
  const log = context?.log ?? options.log;
  const outbound: OutboundRecord[] = [];
  const started = Date.now();
  const response = await guarded(() => handleCall(serviceId, body, options, context, outbound), log);
  log?.(recordCall({ serviceId, body, context, status: response.status, started, outbound }));
  return response;
};

/**
 * Creates a CDS Hooks 2.0 service for sclerotherapy: discovery of the `order-select`,
 * `order-sign` and `patient-view` services, the hook handler (validation, prefetch or FHIR
 * server reads with the client's bearer token, mapping with the FHIR adapter, assessment, cards)
 * and the feedback handler. The handlers take parsed JSON bodies and return status, headers and
 * body, so any web framework can serve them.
 * @param options - the rule set, fetch, feedback receiver, clock and source URL
 * @returns the handlers
 */
export const createCdsService = (options: CdsServiceOptions = {}): CdsService => ({
  services: CDS_SERVICES,
  discovery: () => jsonResponse(200, { services: CDS_SERVICES }),
  handle: (serviceId, body, context) => handleAudited(serviceId, body, options, context),
  feedback: (serviceId, body) => guarded(() => handleFeedback(serviceId, body, options)),
});
