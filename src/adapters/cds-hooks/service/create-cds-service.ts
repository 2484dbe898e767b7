import { toIsoDate } from '../../../model/dates.js';
import type { Issue } from '../../../model/issues.js';
import { fromZodIssues } from '../../../model/parse-request.js';
import type { RuleSet } from '../../../rules/rule-set.js';
import { FeedbackRequestSchema, type FeedbackRequest } from '../schemas/feedback-schema.js';
import { CdsServiceRequestSchema, HOOK_CONTEXT_SCHEMAS } from '../schemas/request-schema.js';
import { CDS_SERVICES, type CdsServiceDefinition } from './discovery.js';
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
}

/** Framework-agnostic handlers of a CDS Hooks 2.0 service; none of them throws or rejects. */
export interface CdsService {
  /** The services offered, as discovery lists them. */
  readonly services: readonly CdsServiceDefinition[];
  /** `GET {baseUrl}/cds-services`: the discovery response. */
  discovery(): CdsHttpResponse;
  /** `POST {baseUrl}/cds-services/{id}`: 200 with cards, 400 on a malformed call, 404 for an unknown service, 412 when data is missing. */
  handle(serviceId: string, body: unknown): Promise<CdsHttpResponse>;
  /** `POST {baseUrl}/cds-services/{id}/feedback`: 200 once handed to `onFeedback`, 400 when malformed, 404 for an unknown service. */
  feedback(serviceId: string, body: unknown): Promise<CdsHttpResponse>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const unknownService = (serviceId: string): CdsHttpResponse =>
  errorResponse(404, { error: 'unknown_service', message: `There is no CDS service "${serviceId}"; the services are ${CDS_SERVICES.map((s) => `"${s.id}"`).join(', ')}` });

const invalid = (error: string, message: string, issues: readonly Issue[]): CdsHttpResponse => errorResponse(400, { error, message, issues });

const within = (prefix: string, issues: readonly Issue[]): readonly Issue[] => issues.map((i) => ({ ...i, path: [prefix, ...i.path] }));

const handleCall = async (serviceId: string, body: unknown, options: CdsServiceOptions): Promise<CdsHttpResponse> => {
  const service = CDS_SERVICES.find((s) => s.id === serviceId);
  if (service === undefined) return unknownService(serviceId);
  const parsed = CdsServiceRequestSchema.safeParse(body);
  if (!parsed.success) return invalid('invalid_request', 'The body is not a valid CDS Hooks 2.0 request', fromZodIssues(parsed.error.issues));
  const request = parsed.data;
  if (request.hook !== service.hook) {
    return invalid('hook_mismatch', `Service "${service.id}" answers the "${service.hook}" hook, not "${request.hook}"`, [
      { code: 'hook_mismatch', message: `Expected "${service.hook}"`, path: ['hook'] },
    ]);
  }
  const context = HOOK_CONTEXT_SCHEMAS[service.hook].safeParse(request.context);
  if (!context.success) return invalid('invalid_context', `The context is not a valid "${service.hook}" context`, within('context', fromZodIssues(context.error.issues)));
  const fetch = options.fetch ?? globalFetch();
  return answerHookCall(service, request, {
    asOf: toIsoDate((options.now ?? (() => new Date()))()),
    fetch,
    ...(options.ruleSet === undefined ? {} : { ruleSet: options.ruleSet }),
    ...(options.sourceUrl === undefined ? {} : { sourceUrl: options.sourceUrl }),
  });
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

// The last line of defence for "never throws": an unexpected error becomes a 500 with its message.
const guarded = async (run: () => Promise<CdsHttpResponse>): Promise<CdsHttpResponse> => {
  try {
    return await run();
  } catch (error) {
    return errorResponse(500, { error: 'internal_error', message: `The service failed unexpectedly: ${messageOf(error)}` });
  }
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
  handle: (serviceId, body) => guarded(() => handleCall(serviceId, body, options)),
  feedback: (serviceId, body) => guarded(() => handleFeedback(serviceId, body, options)),
});
