import { asArray, asObject, asString, type JsonObject } from './json.js';

/** A FHIR resource read from untrusted input: an object with a string `resourceType`. */
export type FhirResource = JsonObject & { readonly resourceType: string };

/** One resource of the input, with where it was found. */
export interface Entry {
  readonly resource: FhirResource;
  /** Bundle.entry.fullUrl, when the resource came from a Bundle that gave one. */
  readonly fullUrl?: string;
  /** The path of the resource in the input, e.g. `['entry', 3, 'resource']`. */
  readonly path: readonly (string | number)[];
}

/** Looks resources up by reference. */
export interface ResourceIndex {
  readonly entries: readonly Entry[];
  /** Resolves a reference (relative, absolute, `urn:uuid:` or `#contained`) made from `from`. */
  readonly resolve: (reference: string, from?: Entry) => FhirResource | undefined;
}

/**
 * Tells whether a value is a FHIR resource.
 * @param value - anything
 * @returns true for an object with a non-empty string `resourceType`
 */
export const isResource = (value: unknown): value is FhirResource => asString(asObject(value)?.['resourceType']) !== undefined;

/**
 * Names an entry the way provenance and gaps refer to it.
 * @param entry - the entry
 * @returns `Type/id`, else the fullUrl, else the type and the entry's path
 */
export const referenceOf = (entry: Entry): string => {
  const id = asString(entry.resource['id']);
  if (id !== undefined) return `${entry.resource.resourceType}/${id}`;
  return entry.fullUrl ?? `${entry.resource.resourceType}@${entry.path.join('.')}`;
};

// `Type/id` at the end of a relative or absolute reference, without a `/_history/n` suffix.
const TYPE_AND_ID = /(?:^|\/)([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/**
 * Reads the `Type/id` part of a reference.
 * @param reference - e.g. `http://example.org/fhir/Patient/23/_history/2`
 * @returns e.g. `Patient/23`, or undefined for `urn:uuid:` and `#contained` references
 */
export const typeAndIdOf = (reference: string): string | undefined => TYPE_AND_ID.exec(reference)?.[1];

/**
 * Indexes entries by fullUrl and by `Type/id`.
 * @param entries - the entries
 * @returns the index
 */
export const indexResources = (entries: readonly Entry[]): ResourceIndex => {
  const byKey = new Map<string, FhirResource>();
  for (const entry of entries) {
    if (entry.fullUrl !== undefined && !byKey.has(entry.fullUrl)) byKey.set(entry.fullUrl, entry.resource);
    const id = asString(entry.resource['id']);
    const key = id === undefined ? undefined : `${entry.resource.resourceType}/${id}`;
    if (key !== undefined && !byKey.has(key)) byKey.set(key, entry.resource);
  }
  const resolve = (reference: string, from?: Entry): FhirResource | undefined => {
    if (reference.startsWith('#')) {
      const id = reference.slice(1);
      return asArray(from?.resource['contained']).find((r): r is FhirResource => isResource(r) && r['id'] === id);
    }
    const direct = byKey.get(reference);
    if (direct !== undefined) return direct;
    const key = typeAndIdOf(reference);
    return key === undefined ? undefined : byKey.get(key);
  };
  return { entries, resolve };
};

/**
 * Reads the reference string of a Reference element.
 * @param value - a Reference, or anything
 * @returns its `reference`, or undefined
 */
export const referenceString = (value: unknown): string | undefined => asString(asObject(value)?.['reference']);

/**
 * Reads who a resource is about: `subject`, else `patient` (AllergyIntolerance).
 * @param resource - the resource
 * @returns the reference string, or undefined when the resource names nobody
 */
export const subjectOf = (resource: FhirResource): string | undefined =>
  referenceString(resource['subject']) ?? referenceString(resource['patient']);
