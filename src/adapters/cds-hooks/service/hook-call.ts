import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../../../assess.js';
import type { Issues } from '../../../model/issues.js';
import { fromFhirBundle, type FhirMapping } from '../../fhir/index.js';
import { toCdsCards, type CdsCard } from '../cards/to-cds-cards.js';
import { uncheckedOrderCard, unassessableCard } from '../cards/notice-cards.js';
import type { CdsServiceRequest } from '../schemas/request-schema.js';
import type { CallContext } from './call-context.js';
import type { CdsServiceDefinition } from './discovery.js';
import type { FhirFetch } from './fhir-fetch.js';
import { errorResponse, jsonResponse, type CdsHttpResponse } from './http.js';
import { resolvePrefetch } from './prefetch.js';
import type { RuleSet } from '../../../rules/rule-set.js';

type Resource = Readonly<Record<string, unknown>>;

/** What a hook call needs besides the request. */
export interface HookCallSettings {
  readonly ruleSet?: RuleSet;
  readonly fetch: FhirFetch | undefined;
  readonly asOf: string;
  readonly sourceUrl?: string;
  /** Who called (the authenticated client and its allowed FHIR servers), the abort signal and the log. */
  readonly call?: CallContext;
}

const isObject = (value: unknown): value is Resource => typeof value === 'object' && value !== null && !Array.isArray(value);

const draftOrdersOf = (request: CdsServiceRequest): readonly Resource[] => {
  const bundle = request.context.draftOrders;
  const entries = isObject(bundle) && Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  return entries.flatMap((entry) => (isObject(entry) && isObject(entry.resource) ? [entry.resource] : []));
};

const identity = (resource: Resource): string | undefined =>
  typeof resource.id === 'string' && typeof resource.resourceType === 'string' ? `${resource.resourceType}/${resource.id}` : undefined;

// Draft orders first: a draft in context wins over a stored copy of the same resource.
const collectionOf = (drafts: readonly Resource[], fetched: readonly Resource[]): Resource => {
  const drafted = new Set(drafts.flatMap((r) => identity(r) ?? []));
  const others = fetched.filter((r) => !drafted.has(identity(r) ?? ''));
  return { resourceType: 'Bundle', type: 'collection', entry: [...drafts, ...others].map((resource) => ({ resource })) };
};

const PLANNED = 'plannedSession';
const aboutOrder = (mapping: FhirMapping): FhirMapping['gaps'] => mapping.gaps.filter((g) => g.field?.startsWith(PLANNED) === true && g.reason !== 'derived');

// An order hook fires for every order; the service speaks only when a sclerosant order is drafted.
// A chart opens for every patient; the service speaks only when veins or an order are recorded.
const isRelevant = (hook: string, mapping: FhirMapping): boolean =>
  mapping.request.plannedSession !== undefined || aboutOrder(mapping).length > 0 || (hook === 'patient-view' && mapping.request.veins.length > 0);

const draftOrderOf = (mapping: FhirMapping, drafts: readonly Resource[]): Resource | undefined => {
  const [only, other] = mapping.provenance[PLANNED] ?? [];
  return only === undefined || other !== undefined ? undefined : drafts.find((r) => identity(r) === only);
};

const cardsOf = async (
  request: CdsServiceRequest,
  mapping: FhirMapping,
  drafts: readonly Resource[],
  settings: HookCallSettings,
): Promise<E.Either<Issues, readonly CdsCard[]>> => {
  const assessed = await assess(mapping.request, { asOf: settings.asOf, ...(settings.ruleSet === undefined ? {} : { ruleSet: settings.ruleSet }) });
  if (E.isLeft(assessed)) return assessed;
  const draftOrder = draftOrderOf(mapping, drafts);
  const cards = toCdsCards(assessed.right, {
    hookInstance: request.hookInstance,
    request: mapping.request,
    ...(draftOrder === undefined ? {} : { draftOrder }),
    ...(settings.sourceUrl === undefined ? {} : { sourceUrl: settings.sourceUrl }),
  });
  const gaps = aboutOrder(mapping);
  return E.right(gaps.length === 0 ? cards : [uncheckedOrderCard(gaps, request.hookInstance), ...cards]);
};

/**
 * Answers one validated hook call: gets the prefetch data (from the request, else the client's
 * FHIR server), maps it and the draft orders with the FHIR adapter, assesses, and returns the cards.
 * @param service - the service called
 * @param request - the validated request
 * @param settings - the rule set, fetch, "today" and source URL
 * @returns 200 with the cards; 412 when data is missing and cannot be fetched
 */
export const answerHookCall = async (service: CdsServiceDefinition, request: CdsServiceRequest, settings: HookCallSettings): Promise<CdsHttpResponse> => {
  const prefetch = await resolvePrefetch({ templates: service.prefetch, request, fetch: settings.fetch });
  if (prefetch.missing.length > 0) {
    return errorResponse(412, {
      error: 'missing_data',
      message: `The service cannot get the FHIR data it needs: ${prefetch.missing.map((m) => `"${m.key}"`).join(', ')}. Prefetch it, or give fhirServer and fhirAuthorization.`,
      missing: prefetch.missing,
    });
  }
  const drafts = draftOrdersOf(request);
  const patientId = typeof request.context.patientId === 'string' ? request.context.patientId : undefined;
  const mapping = fromFhirBundle(collectionOf(drafts, prefetch.resources), { asOf: settings.asOf, ...(patientId === undefined ? {} : { patientId }) });
  if (E.isLeft(mapping)) return jsonResponse(200, { cards: [unassessableCard(mapping.left, request.hookInstance)] });
  if (!isRelevant(request.hook, mapping.right)) return jsonResponse(200, { cards: [] });
  const cards = await cardsOf(request, mapping.right, drafts, settings);
  if (E.isLeft(cards)) {
    return errorResponse(500, { error: 'assessment_failed', message: `The assessment failed: ${cards.left.map((i) => i.message).join('; ')}`, issues: cards.left });
  }
  return jsonResponse(200, { cards: cards.right });
};
