import type { CdsServiceRequest } from '../schemas/request-schema.js';
import type { CallBudget } from './call-limits.js';
import type { FhirFetch } from './fhir-fetch.js';
import { resolvePrefetch } from './prefetch.js';

type Resource = Readonly<Record<string, unknown>>;

/** What reading the draft orders' Medications needs. */
export interface MedicationReadSettings {
  readonly fetch: FhirFetch | undefined;
  readonly fhirServers: readonly string[];
  readonly budget: CallBudget;
}

// `Medication/id` at the end of a relative or absolute reference; ids as FHIR allows them.
const MEDICATION = /(?:^|\/)Medication\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const MAX_READS = 5;

const isObject = (value: unknown): value is Resource => typeof value === 'object' && value !== null && !Array.isArray(value);

const medicationIdOf = (order: Resource): string | undefined => {
  const reference = isObject(order['medicationReference']) ? order['medicationReference']['reference'] : undefined;
  if (typeof reference !== 'string' || reference.startsWith('#')) return undefined;
  return MEDICATION.exec(reference)?.[1];
};

/**
 * Reads from the client's FHIR server the Medications that draft orders reference but that neither
 * the order (contained) nor the prefetch holds: `GET {fhirServer}/Medication/{id}`, with the
 * call's token, under the client's allowed FHIR bases, within the call's deadline and budgets (at
 * most five). A Medication that cannot be read is simply not there: the adapter then reports the
 * order's medication as unresolved.
 * @param request - the validated hook call
 * @param drafts - the draft orders
 * @param known - the resources already at hand (prefetch)
 * @param settings - the fetch, the allowed FHIR bases and the call's budget
 * @returns the Medications read
 */
export const readOrderMedications = async (
  request: CdsServiceRequest,
  drafts: readonly Resource[],
  known: readonly Resource[],
  settings: MedicationReadSettings,
): Promise<readonly Resource[]> => {
  const have = new Set(known.filter((r) => r['resourceType'] === 'Medication' && typeof r['id'] === 'string').map((r) => r['id'] as string));
  const wanted = [...new Set(drafts.flatMap((order) => medicationIdOf(order) ?? []))].filter((id) => !have.has(id)).slice(0, MAX_READS);
  if (wanted.length === 0 || settings.fetch === undefined) return [];
  // Without the call's prefetch, so that each Medication is read from the server.
  const withoutPrefetch = Object.fromEntries(Object.entries(request).filter(([key]) => key !== 'prefetch')) as CdsServiceRequest;
  const read = await resolvePrefetch({
    templates: Object.fromEntries(wanted.map((id, i) => [`medication${i}`, `Medication/${id}`])),
    request: withoutPrefetch,
    fetch: settings.fetch,
    fhirServers: settings.fhirServers,
    budget: settings.budget,
  });
  return read.resources.filter((r) => r['resourceType'] === 'Medication');
};
