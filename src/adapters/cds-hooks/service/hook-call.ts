import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../../../assess.js';
import type { Issues } from '../../../model/issues.js';
import { fromFhirBundle, type FhirMapping } from '../../fhir/index.js';
import { cardsForCheckedInput, type CdsCard } from '../cards/to-cds-cards.js';
import { notFhirR4OrderCard, uncheckedOrderCard, recordConflictsCard, unassessableCard } from '../cards/notice-cards.js';
import { withinCardBudget } from '../cards/card-budget.js';
import { checkEntryVersion } from '../../fhir/fhir-version.js';
import { chartIsRelevant } from './relevance.js';
import { readOrderMedications } from './order-medications.js';
import { assessIncompleteOrder, type AssessedOrder } from './incomplete-order.js';
import type { CdsServiceRequest } from '../schemas/request-schema.js';
import type { CdsServiceDefinition } from './discovery.js';
import type { CallBudget } from './call-limits.js';
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
  /** The FHIR base prefixes the request's `fhirServer` must fall under to be read. */
  readonly fhirServers: readonly string[];
  /** The call's deadline signal, byte, entry and page budgets, and its record of outbound requests. */
  readonly budget: CallBudget;
  /** The SMART launch URL of the screening form, for a `smart` link on the cards that ask for screening answers. */
  readonly screeningLaunchUrl?: string;
  /** Conformance mode: no card budget beyond the assessment's own. */
  readonly strict?: boolean;
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
  mapping.request.plannedSession !== undefined ||
  mapping.incompleteOrder !== undefined ||
  aboutOrder(mapping).length > 0 ||
  (hook === 'patient-view' && mapping.request.veins.length > 0);

// The draft orders written in another FHIR version: each is named on a notice card.
const foreignOrders = (drafts: readonly Resource[]): readonly { readonly reference: string; readonly why: string }[] =>
  drafts.flatMap((resource, index) => {
    if (typeof resource.resourceType !== 'string') return [];
    const entry = { resource: resource as Resource & { readonly resourceType: string }, path: ['context', 'draftOrders', 'entry', index, 'resource'] };
    const issues = checkEntryVersion(entry);
    return issues.length === 0 ? [] : [{ reference: identity(resource) ?? `${resource.resourceType} (draft order ${index + 1})`, why: issues.map((i) => i.message).join('; ') }];
  });

const draftOrderOf = (mapping: FhirMapping, drafts: readonly Resource[]): Resource | undefined => {
  const [only, other] = mapping.provenance[PLANNED] ?? [];
  return only === undefined || other !== undefined ? undefined : drafts.find((r) => identity(r) === only);
};

// The assessment of the mapped request; an order without veins or strength is checked as far as it goes.
const assessMapping = async (mapping: FhirMapping, settings: HookCallSettings): Promise<E.Either<Issues, AssessedOrder>> => {
  const options = { asOf: settings.asOf, ...(settings.ruleSet === undefined ? {} : { ruleSet: settings.ruleSet }) };
  if (mapping.request.plannedSession === undefined && mapping.incompleteOrder !== undefined) {
    return assessIncompleteOrder(mapping.request, mapping.incompleteOrder, options);
  }
  const assessed = await assess(mapping.request, options);
  return E.isLeft(assessed) ? assessed : E.right({ assessment: assessed.right, request: mapping.request });
};

const cardsOf = async (
  request: CdsServiceRequest,
  mapping: FhirMapping,
  drafts: readonly Resource[],
  settings: HookCallSettings,
): Promise<E.Either<Issues, readonly CdsCard[]>> => {
  const assessed = await assessMapping(mapping, settings);
  if (E.isLeft(assessed)) return assessed;
  const draftOrder = draftOrderOf(mapping, drafts);
  const patientId = typeof request.context.patientId === 'string' ? request.context.patientId : undefined;
  const cards = cardsForCheckedInput({
    assessment: assessed.right.assessment,
    hookInstance: request.hookInstance,
    request: assessed.right.request,
    ...(draftOrder === undefined ? {} : { draftOrder }),
    ...(settings.sourceUrl === undefined ? {} : { sourceUrl: settings.sourceUrl }),
    ...(settings.screeningLaunchUrl === undefined ? {} : { screeningLaunchUrl: settings.screeningLaunchUrl }),
    ...(patientId === undefined ? {} : { patientId }),
  });
  const gaps = aboutOrder(mapping);
  const conflicts = mapping.gaps.filter((g) => g.reason === 'conflict');
  return E.right([
    ...(gaps.length === 0 ? [] : [uncheckedOrderCard(gaps, request.hookInstance)]),
    ...(conflicts.length === 0 ? [] : [recordConflictsCard(conflicts, request.hookInstance)]),
    ...cards,
  ]);
};

/**
 * Answers one validated hook call: gets the prefetch data (from the request, else the client's
 * FHIR server) and any Medication a draft order references that neither holds, maps it and the
 * draft orders with the FHIR adapter, assesses (an incomplete order as far as it goes), and
 * returns at most five cards; a draft order in another FHIR version gets a notice card, and on
 * `patient-view` a chart with nothing sclerotherapy-related gets no card at all.
 * @param service - the service called
 * @param request - the validated request
 * @param settings - the rule set, fetch, "today", source URL, allowed FHIR bases and the call's budget
 * @returns 200 with the cards; 412 when data is missing and cannot be fetched
 * @throws when the assessment fails on mapped data (the service's guard turns it into a 500)
 */
export const answerHookCall = async (service: CdsServiceDefinition, request: CdsServiceRequest, settings: HookCallSettings): Promise<CdsHttpResponse> => {
  const prefetch = await resolvePrefetch({ templates: service.prefetch, request, fetch: settings.fetch, fhirServers: settings.fhirServers, budget: settings.budget });
  if (prefetch.missing.length > 0) {
    return errorResponse(412, {
      error: 'missing_data',
      message: `The service cannot get the FHIR data it needs: ${prefetch.missing.map((m) => `"${m.key}" (${m.reason})`).join(', ')}. Prefetch it, or give fhirServer (under an allowed FHIR base) and fhirAuthorization.`,
      missing: prefetch.missing,
    });
  }
  const drafts = draftOrdersOf(request);
  const foreign = foreignOrders(drafts);
  const notices = foreign.length === 0 ? [] : [notFhirR4OrderCard(foreign, request.hookInstance)];
  const medications = await readOrderMedications(request, drafts, prefetch.resources, settings);
  const patientId = typeof request.context.patientId === 'string' ? request.context.patientId : undefined;
  const mapping = fromFhirBundle(collectionOf(drafts, [...prefetch.resources, ...medications]), { asOf: settings.asOf, ...(patientId === undefined ? {} : { patientId }) });
  if (E.isLeft(mapping)) {
    // A chart with nothing sclerotherapy-related gets no notice, however unreadable the Patient.
    if (request.hook === 'patient-view' && !chartIsRelevant(prefetch.resources)) return jsonResponse(200, { cards: [] });
    return jsonResponse(200, { cards: [...notices, unassessableCard(mapping.left, request.hookInstance)] });
  }
  if (!isRelevant(request.hook, mapping.right)) return jsonResponse(200, { cards: notices });
  const cards = await cardsOf(request, mapping.right, drafts, settings);
  // An assessment that fails on mapped data is a defect: the caller gets "internal error" with a correlation id.
  if (E.isLeft(cards)) throw new Error(`The assessment failed: ${cards.left.map((i) => i.message).join('; ')}`);
  const all = [...notices, ...cards.right];
  return jsonResponse(200, { cards: settings.strict === true ? all : withinCardBudget(all, request.hookInstance) });
};
