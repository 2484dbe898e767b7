import * as E from 'fp-ts/lib/Either.js';
import type { Issue, Issues } from '../../model/issues.js';
import { checkFhirVersion } from './fhir-version.js';
import { asArray, asObject, asString } from './json.js';
import { isResource, type Entry } from './references.js';

// Nested Bundles (a batch-response of searchsets) are read this deep, no deeper.
const MAX_DEPTH = 3;

const invalid = (message: string, path: readonly (string | number)[] = []): Issue => ({
  code: 'invalid_input',
  message,
  path: [...path],
});

const entriesOfBundle = (bundle: Readonly<Record<string, unknown>>, path: readonly (string | number)[], depth: number): E.Either<Issue, Entry[]> => {
  const out: Entry[] = [];
  const raw = asArray(bundle['entry']);
  for (const [index, item] of raw.entries()) {
    const entry = asObject(item);
    // A transaction or batch entry may carry only a request (e.g. a DELETE): nothing to read.
    if (entry === undefined || entry['resource'] === undefined) continue;
    const resourcePath = [...path, 'entry', index, 'resource'];
    const read = readResource(entry['resource'], resourcePath, depth, asString(entry['fullUrl']));
    if (E.isLeft(read)) return read;
    out.push(...read.right);
  }
  return E.right(out);
};

const readResource = (
  value: unknown,
  path: readonly (string | number)[],
  depth: number,
  fullUrl?: string,
): E.Either<Issue, Entry[]> => {
  if (!isResource(value)) return E.left(invalid('Expected a FHIR resource (an object with a "resourceType")', path));
  if (value.resourceType === 'Bundle') {
    return depth >= MAX_DEPTH ? E.right([]) : entriesOfBundle(value, path, depth + 1);
  }
  // OperationOutcomes in search results describe the search, not the patient.
  if (value.resourceType === 'OperationOutcome') return E.right([]);
  return E.right([{ resource: value, path, ...(fullUrl === undefined ? {} : { fullUrl }) }]);
};

const describe = (input: unknown): string => {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input !== 'object') return `a ${typeof input}`;
  const type = asString(asObject(input)?.['resourceType']);
  if (type === undefined) return 'an object without "resourceType"';
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} resource; wrap a single resource in an array`;
};

/**
 * Reads the resources of the adapter's input: a FHIR R4 Bundle (nested Bundles, such as the
 * searchsets of a batch-response, are read too) or a plain array of resources. Entries that carry
 * only a request are skipped, and so are OperationOutcomes. Input that is not FHIR, or that carries
 * the marks of DSTU2 or STU3, is refused.
 * @param input - the Bundle or array, as unknown JSON
 * @returns the resources with their paths, or the issues
 */
export const readEntries = (input: unknown): E.Either<Issues, readonly Entry[]> => {
  let read: E.Either<Issue, Entry[]>;
  if (Array.isArray(input)) {
    const all: Entry[] = [];
    read = E.right(all);
    for (const [index, item] of input.entries()) {
      const one = readResource(item, [index], 0);
      if (E.isLeft(one)) {
        read = one;
        break;
      }
      all.push(...one.right);
    }
  } else if (isResource(input) && input.resourceType === 'Bundle') {
    read = entriesOfBundle(input, [], 0);
  } else {
    return E.left([invalid(`Expected a FHIR R4 Bundle or an array of FHIR resources, found ${describe(input)}`)]);
  }
  if (E.isLeft(read)) return E.left([read.left]);
  const [first, ...rest] = checkFhirVersion(input, read.right);
  return first === undefined ? E.right(read.right) : E.left([first, ...rest]);
};
