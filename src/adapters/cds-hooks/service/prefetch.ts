import type { CdsServiceRequest } from '../schemas/request-schema.js';
import type { FhirFetch } from './fhir-fetch.js';
import type { MissingData } from './http.js';

type Resource = Readonly<Record<string, unknown>> & { readonly resourceType: string };

/** The data a service call has once prefetch is resolved: the resources, and what could not be got. */
export interface ResolvedPrefetch {
  readonly resources: readonly Resource[];
  readonly missing: readonly MissingData[];
}

/** How to resolve prefetch. */
export interface ResolvePrefetchOptions {
  /** The service's prefetch templates by key. */
  readonly templates: Readonly<Record<string, string>>;
  /** The validated service call. */
  readonly request: CdsServiceRequest;
  /** The fetch to reach the client's FHIR server with; undefined when there is none. */
  readonly fetch: FhirFetch | undefined;
}

// A client may paginate; past this many pages a search is treated as data the service cannot get.
const MAX_PAGES = 20;

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
  readonly base: string;
  readonly token: string;
  readonly fetch: FhirFetch;
}

const accessOf = (request: CdsServiceRequest, fetch: FhirFetch | undefined): Access | undefined =>
  request.fhirServer === undefined || request.fhirAuthorization === undefined || fetch === undefined
    ? undefined
    : { base: request.fhirServer.replace(/\/+$/, ''), token: request.fhirAuthorization.access_token, fetch };

type Pages = { readonly resources: readonly Resource[] } | { readonly reason: string };

const getJson = async (access: Access, url: string): Promise<{ readonly value: unknown } | { readonly reason: string }> => {
  try {
    const response = await access.fetch(url, { method: 'GET', headers: { authorization: `Bearer ${access.token}`, accept: 'application/fhir+json' } });
    if (!response.ok) return { reason: `The FHIR server answered ${response.status} to GET ${url}` };
    return { value: await response.json() };
  } catch (error) {
    return { reason: `GET ${url} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
};

// Follows a search's `next` links; the token is sent only to the client's own FHIR server.
const collectPages = async (first: unknown, access: Access | undefined): Promise<Pages> => {
  const resources: Resource[] = [];
  let page: unknown = first;
  for (let count = 1; ; count++) {
    const found = resourcesOf(page);
    if (found === undefined) return { reason: 'The data holds an OperationOutcome with an error' };
    resources.push(...found);
    const next = nextLink(page);
    if (next === undefined) return { resources };
    if (access === undefined) return { reason: 'The search result has more pages and there is no FHIR server access to read them' };
    if (!next.startsWith(`${access.base}/`)) return { reason: `The next page ${next} is not on the FHIR server ${access.base}` };
    if (count >= MAX_PAGES) return { reason: `The search result has more than ${MAX_PAGES} pages` };
    const got = await getJson(access, next);
    if ('reason' in got) return got;
    page = got.value;
  }
};

const noAccess = (request: CdsServiceRequest): string =>
  request.fhirServer === undefined || request.fhirAuthorization === undefined
    ? 'Not prefetched, and the request gives no fhirServer with fhirAuthorization to read it'
    : 'Not prefetched, and there is no fetch function to read fhirServer with';

const resolveKey = async (key: string, template: string, request: CdsServiceRequest, access: Access | undefined): Promise<Pages & { readonly query: string }> => {
  const filled = fillTemplate(template, request.context);
  const query = filled ?? template;
  const prefetched = request.prefetch?.[key];
  if (prefetched === null) return { resources: [], query };
  if (prefetched !== undefined) {
    const pages = await collectPages(prefetched, access);
    if ('resources' in pages || access === undefined || filled === undefined) return { ...pages, query };
  }
  if (access === undefined) return { reason: noAccess(request), query };
  if (filled === undefined) return { reason: 'The hook context has no value for a token of this template', query };
  const got = await getJson(access, `${access.base}/${filled}`);
  return 'reason' in got ? { ...got, query } : { ...(await collectPages(got.value, access)), query };
};

const identity = (resource: Resource): string | undefined => (typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : undefined);

/**
 * Gets the data a service's prefetch templates ask for: from the request's prefetch where the
 * client gave it, else from the client's FHIR server with the bearer token the client passed.
 * A key prefetched as `null` means the client has no such data. Searches are read to their last page.
 * @param options - the templates, the request and the fetch
 * @returns the resources, without duplicates, and each key that could not be got, with why
 */
export const resolvePrefetch = async (options: ResolvePrefetchOptions): Promise<ResolvedPrefetch> => {
  const access = accessOf(options.request, options.fetch);
  const results = await Promise.all(
    Object.entries(options.templates).map(async ([key, template]) => ({ key, ...(await resolveKey(key, template, options.request, access)) })),
  );
  const seen = new Set<string>();
  const resources = results.flatMap((result) => ('resources' in result ? result.resources : [])).filter((resource) => {
    const id = identity(resource);
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const missing = results.flatMap((result) => ('reason' in result ? [{ key: result.key, query: result.query, reason: result.reason }] : []));
  return { resources, missing };
};
