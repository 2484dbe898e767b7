import type { CdsServiceRequest } from '../schemas/request-schema.js';
import { readBoundedJson } from './bounded-body.js';
import { DEFAULT_CALL_LIMITS, newCallBudget, type CallBudget, type OutboundRecord, type ReadFailure } from './call-limits.js';
import { allowedBaseOf, allowedPrefixOf, hostOf, parsePrefixes, type AllowedPrefix } from './fhir-allowlist.js';
import { OPTIONAL_PREFETCH_KEYS } from './discovery.js';
import type { FhirFetch, FhirFetchResponse } from './fhir-fetch.js';
import type { MissingData, MissingReason } from './http.js';
import { deadlineSignal, monotonicMs, untilAborted, type Deadline } from './web-platform.js';

type Resource = Readonly<Record<string, unknown>> & { readonly resourceType: string };

/** The data a service call has once prefetch is resolved: the resources, and what could not be got. */
export interface ResolvedPrefetch {
  readonly resources: readonly Resource[];
  /** Keys that could not be got and are needed: the call cannot be answered without them. */
  readonly missing: readonly MissingData[];
  /** Optional keys that could not be got: the facts they hold stay undocumented. */
  readonly skipped: readonly MissingData[];
  /** Every FHIR request sent, for the audit log. */
  readonly outbound: readonly OutboundRecord[];
}

/** How to resolve prefetch. */
export interface ResolvePrefetchOptions {
  /** The service's prefetch templates by key. */
  readonly templates: Readonly<Record<string, string>>;
  /** The validated service call. */
  readonly request: CdsServiceRequest;
  /** The fetch to reach the client's FHIR server with; undefined when there is none. */
  readonly fetch: FhirFetch | undefined;
  /** The FHIR base prefixes `fhirServer` must fall under to be read (the calling client's); none by default. */
  readonly fhirServers?: readonly string[];
  /** The call's deadline signal and budgets; by default a fresh budget with the default limits. */
  readonly budget?: CallBudget;
  /** The keys that may be missing without failing the call; by default {@link OPTIONAL_PREFETCH_KEYS}. */
  readonly optionalKeys?: ReadonlySet<string>;
}

const isResource = (value: unknown): value is Resource =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { resourceType?: unknown }).resourceType === 'string';

const entriesOf = (bundle: Resource): readonly unknown[] =>
  Array.isArray(bundle.entry) ? bundle.entry.map((entry: unknown) => (typeof entry === 'object' && entry !== null ? (entry as { resource?: unknown }).resource : undefined)) : [];

const hasError = (outcome: Resource): boolean =>
  Array.isArray(outcome.issue) && outcome.issue.some((i: unknown) => typeof i === 'object' && i !== null && ['error', 'fatal'].includes(String((i as { severity?: unknown }).severity)));

/**
 * Lists the patient data in a prefetch value: the resource itself, or a Bundle's entries (nested
 * batch responses included), without OperationOutcomes.
 * @param value - a resource or Bundle
 * @returns the resources, or undefined when an OperationOutcome reports an error (the data is incomplete)
 */
export const resourcesOf = (value: unknown): readonly Resource[] | undefined => {
  if (!isResource(value)) return [];
  if (value.resourceType === 'OperationOutcome') return hasError(value) ? undefined : [];
  if (value.resourceType !== 'Bundle') return [value];
  const parts = entriesOf(value).map(resourcesOf);
  return parts.some((part) => part === undefined) ? undefined : parts.flatMap((part) => part ?? []);
};

const nextLink = (value: unknown): string | undefined => {
  if (!isResource(value) || value.resourceType !== 'Bundle' || !Array.isArray(value.link)) return undefined;
  const next = (value.link as unknown[]).find((l) => typeof l === 'object' && l !== null && (l as { relation?: unknown }).relation === 'next');
  const url = next === undefined ? undefined : (next as { url?: unknown }).url;
  return typeof url === 'string' && url !== '' ? url : undefined;
};

const USER_TOKENS: Readonly<Record<string, string>> = {
  userPractitionerId: 'Practitioner',
  userPractitionerRoleId: 'PractitionerRole',
  userPatientId: 'Patient',
  userRelatedPersonId: 'RelatedPerson',
};

const tokenValue = (token: string, context: Readonly<Record<string, unknown>>): string | undefined => {
  if (token.startsWith('context.')) {
    const value = context[token.slice('context.'.length)];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  }
  const type = USER_TOKENS[token];
  const userId = context.userId;
  return type !== undefined && typeof userId === 'string' && userId.startsWith(`${type}/`) ? userId.slice(type.length + 1) : undefined;
};

/**
 * Fills a prefetch template's tokens from the hook context.
 * @param template - e.g. `Condition?patient={{context.patientId}}`
 * @param context - the hook context
 * @returns the relative FHIR query, or undefined when a token has no value in this context
 */
export const fillTemplate = (template: string, context: Readonly<Record<string, unknown>>): string | undefined => {
  let complete = true;
  const query = template.replace(/\{\{([^}]*)\}\}/g, (_, token: string) => {
    const value = tokenValue(token.trim(), context);
    if (value === undefined) complete = false;
    return encodeURIComponent(value ?? '');
  });
  return complete ? query : undefined;
};

interface Access {
  /** The normalised `fhirServer`, under an allowed prefix: request URLs and `next` links must stay under it. */
  readonly base: AllowedPrefix;
  /** The bearer token; none for an open server under an allowed base (what the sandbox sends). */
  readonly token?: string;
  readonly fetch: FhirFetch;
}

type AccessOrWhyNot = { readonly access: Access } | { readonly reason: MissingReason };

// The bearer token goes only to a fhirServer under an allowed prefix; anything else is never contacted.
const accessOf = (request: CdsServiceRequest, fetch: FhirFetch | undefined, prefixes: readonly AllowedPrefix[]): AccessOrWhyNot => {
  if (request.fhirServer === undefined || fetch === undefined) return { reason: 'no_access' };
  const base = allowedBaseOf(request.fhirServer, prefixes);
  const token = request.fhirAuthorization?.access_token;
  return base === undefined ? { reason: 'not_allowed' } : { access: { base, ...(token === undefined ? {} : { token }), fetch } };
};

type Pages = { readonly resources: readonly Resource[] } | { readonly reason: MissingReason };
type Got = { readonly value: unknown } | { readonly reason: MissingReason };

const discard = async (response: FhirFetchResponse): Promise<void> => {
  await response.body?.getReader().cancel('not read').catch(() => undefined);
};

const readBody = async (response: FhirFetchResponse, budget: CallBudget): Promise<Got & { readonly bytes: number }> => {
  if (response.body === undefined || response.body === null) return { value: await response.json(), bytes: 0 };
  const read = await readBoundedJson(response.body, budget.limits.maxResponseBytes, budget.bytes);
  return 'failure' in read ? { reason: read.failure, bytes: read.bytes } : read;
};

const failureOf = (error: unknown, budget: CallBudget): ReadFailure => (budget.signal.aborted ? 'timeout' : error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable');

// One GET, within the call's page budget, byte caps and deadline; recorded for the audit log.
const getJson = async (access: Access, url: string, budget: CallBudget): Promise<Got> => {
  if (allowedPrefixOf(url, [access.base]) === undefined) return { reason: 'not_allowed' };
  if (budget.seen.has(url) || budget.pages <= 0) return { reason: 'page_budget' };
  if (budget.signal.aborted) return { reason: 'timeout' };
  budget.seen.add(url);
  budget.pages--;
  const started = monotonicMs();
  let status = 0;
  let bytes = 0;
  let result: Got;
  try {
    result = await untilAborted(
      (async (): Promise<Got> => {
        const response = await access.fetch(url, {
          method: 'GET',
          headers: { ...(access.token === undefined ? {} : { authorization: `Bearer ${access.token}` }), accept: 'application/fhir+json' },
          redirect: 'manual',
          signal: budget.signal,
        });
        status = response.status;
        if (status >= 300 && status < 400) {
          await discard(response);
          return { reason: 'redirect' };
        }
        if (!response.ok) {
          await discard(response);
          return { reason: 'http_status' };
        }
        const read = await readBody(response, budget);
        bytes = read.bytes;
        return 'reason' in read ? { reason: read.reason } : { value: read.value };
      })(),
      budget.signal,
    );
  } catch (error) {
    result = { reason: failureOf(error, budget) };
  }
  budget.outbound.push({ host: hostOf(url), status, bytes, ms: Math.round(monotonicMs() - started), ...('reason' in result ? { failure: result.reason as ReadFailure } : {}) });
  return result;
};

// Follows a search's `next` links; they must stay under the client's fhirServer.
const collectPages = async (first: unknown, access: Access | undefined, budget: CallBudget): Promise<Pages> => {
  const resources: Resource[] = [];
  let page: unknown = first;
  for (;;) {
    const found = resourcesOf(page);
    if (found === undefined) return { reason: 'incomplete' };
    budget.entries -= found.length;
    if (budget.entries < 0) return { reason: 'too_large' };
    for (const resource of found) resources.push(resource);
    const next = nextLink(page);
    if (next === undefined) return { resources };
    if (access === undefined) return { reason: 'no_access' };
    const got = await getJson(access, next, budget);
    if ('reason' in got) return got;
    page = got.value;
  }
};

const resolveKey = async (key: string, template: string, request: CdsServiceRequest, access: AccessOrWhyNot, budget: CallBudget): Promise<Pages & { readonly query: string }> => {
  const filled = fillTemplate(template, request.context);
  const query = filled ?? template;
  const prefetched = request.prefetch?.[key];
  const reader = 'access' in access ? access.access : undefined;
  if (prefetched === null) return { resources: [], query };
  if (prefetched !== undefined) {
    const pages = await collectPages(prefetched, reader, budget);
    if ('resources' in pages) return { ...pages, query };
    // A search with more pages is read again from the start when the server may be read.
    if (reader === undefined) return { reason: pages.reason === 'no_access' && 'reason' in access ? access.reason : pages.reason, query };
    if (filled === undefined) return { ...pages, query };
  }
  if (reader === undefined) return { reason: 'reason' in access ? access.reason : 'no_access', query };
  if (filled === undefined) return { reason: 'unfilled_template', query };
  const got = await getJson(reader, `${prefixText(reader.base)}/${filled}`, budget);
  return 'reason' in got ? { ...got, query } : { ...(await collectPages(got.value, reader, budget)), query };
};

const prefixText = (prefix: AllowedPrefix): string => `${prefix.origin}${prefix.path}`;

const identity = (resource: Resource): string | undefined => (typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : undefined);

/**
 * Gets the data a service's prefetch templates ask for: from the request's prefetch where the
 * client gave it, else from the client's FHIR server with the bearer token the client passed, but
 * only when `fhirServer` falls under one of the allowed prefixes (nothing is sent otherwise). A key
 * prefetched as `null` means the client has no such data. Searches are read to their last page,
 * within the call's page budget, byte caps and deadline. The needed keys are got first; an
 * optional key that cannot be got is reported in `skipped`, not `missing`, and its data is left out.
 * @param options - the templates, the request, the fetch, the allowed prefixes and the call's budget
 * @returns the resources, without duplicates, and each key that could not be got, with a reason class
 */
export const resolvePrefetch = async (options: ResolvePrefetchOptions): Promise<ResolvedPrefetch> => {
  const own = options.budget === undefined ? deadlineSignal(DEFAULT_CALL_LIMITS.deadlineMs) : undefined;
  const budget = options.budget ?? newCallBudget(DEFAULT_CALL_LIMITS, (own as Deadline).signal);
  try {
    const access = accessOf(options.request, options.fetch, parsePrefixes(options.fhirServers ?? []));
    const optional = options.optionalKeys ?? OPTIONAL_PREFETCH_KEYS;
    const resolveAll = (entries: readonly (readonly [string, string])[]) =>
      Promise.all(entries.map(async ([key, template]) => ({ key, ...(await resolveKey(key, template, options.request, access, budget)) })));
    // The needed keys first, so that the optional ones never take the page budget they need.
    const templates = Object.entries(options.templates);
    const needed = await resolveAll(templates.filter(([key]) => !optional.has(key)));
    const extra = await resolveAll(templates.filter(([key]) => optional.has(key)));
    const results = [...needed, ...extra];
    const seen = new Set<string>();
    const resources = results.flatMap((result) => ('resources' in result ? result.resources : [])).filter((resource) => {
      const id = identity(resource);
      if (id === undefined) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const failed = (list: typeof results): MissingData[] => list.flatMap((result) => ('reason' in result ? [{ key: result.key, query: result.query, reason: result.reason }] : []));
    return { resources, missing: failed(needed), skipped: failed(extra), outbound: budget.outbound };
  } finally {
    own?.dispose();
  }
};
