import { createCdsServiceOrThrow } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import type { CdsServiceOptions } from '../../../../src/adapters/cds-hooks/service/service-options.js';
import { CdsResponseSchema, type CdsResponse } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import type { CdsHttpResponse } from '../../../../src/adapters/cds-hooks/service/http.js';
import { ruleOfCard } from '../examples.js';
import { unusedFetch } from './fake-fhir-server.js';
import { draftOrder, orderSignRequest } from './requests.js';

/** A JSON object of a test request, edited in place. */
export type Json = Record<string, unknown>;

/** The service ids of the tests. */
export const SIGN = 'sclerotherapy-order-sign';
/** The patient-view service id. */
export const VIEW = 'sclerotherapy-patient-view';

const now = (): Date => new Date('2026-11-23T09:00:00Z');

/**
 * Calls the service the way `serve` does, with the fixture's clock, no FHIR reads unless a fetch
 * is given, and a log the test can read.
 * @param serviceId - the service
 * @param body - the request body
 * @param options - options to add or replace
 * @returns the response and the log entries
 */
export const call = async (serviceId: string, body: unknown, options: CdsServiceOptions = {}): Promise<{ response: CdsHttpResponse; log: Json[] }> => {
  const log: Json[] = [];
  const service = createCdsServiceOrThrow({ insecureNoAuth: true, fetch: unusedFetch, now, log: (entry) => log.push({ ...entry }), ...options });
  return { response: await service.handle(serviceId, body), log };
};

/**
 * The cards of a 200 response, checked against the CDS Hooks response schema.
 * @param response - the response
 * @returns the cards
 */
export const cardsOf = (response: CdsHttpResponse): CdsResponse['cards'] => {
  if (response.status !== 200) throw new Error(`status ${response.status}: ${JSON.stringify(response.body)}`);
  const parsed = CdsResponseSchema.safeParse(response.body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data.cards;
};

/**
 * Each card as `indicator:what`, what being the rule, `dose-limits`, `session-held` or the notice's source.
 * @param response - the response
 * @returns the list
 */
export const shapeOf = (response: CdsHttpResponse): string[] =>
  cardsOf(response).map((card) => {
    const findings = card.extension?.['org.sclerotherapy-cds.findings'] as { ruleId: string }[] | undefined;
    const what = card.source.label.endsWith('· dose limits') ? `dose-limits(${(findings ?? []).map((f) => f.ruleId).join(',')})` : ruleOfCard(card);
    return `${card.indicator}:${what}`;
  });

/** The dose-limits card of the 10.5 mL / 6-ampule order: the volume and the vial limit, one card. */
export const DOSE_LIMITS = 'critical:dose-limits(dose.session-container-cap,dose.session-volume-cap)';

/**
 * The fixture's order-sign call (10.5 mL / 6 ampules of Asclera 0.5 % on the left spider veins),
 * edited by `edit`.
 * @param edit - changes the request in place
 * @returns the request
 */
export const signCall = (edit: (request: ReturnType<typeof orderSignRequest>, order: Json) => void = () => undefined): ReturnType<typeof orderSignRequest> => {
  const request = orderSignRequest();
  edit(request, draftOrder(request));
  return request;
};

/**
 * The prefetched resource of a key (a searchset's first entry when it is a Bundle).
 * @param request - the request
 * @param key - the prefetch key
 * @returns the resource
 */
export const prefetched = (request: { prefetch: Json }, key: string): Json => {
  const value = request.prefetch[key] as Json;
  const entries = value['entry'] as { resource: Json }[] | undefined;
  return entries?.[0]?.resource ?? value;
};

/**
 * Replaces the draft order's medication with a code only.
 * @param order - the draft order
 * @param system - the code system
 * @param code - the code
 */
export const codedOnly = (order: Json, system: string, code: string): void => {
  delete order['contained'];
  delete order['medicationReference'];
  order['medicationCodeableConcept'] = { coding: [{ system, code }] };
  // The dose text names no agent and no strength: only the code says what the order is.
  order['dosageInstruction'] = [{ doseAndRate: [{ doseQuantity: { value: 10.5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' } }] }];
};
