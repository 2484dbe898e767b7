import * as E from 'fp-ts/lib/Either.js';
import type { Issue, Issues } from '../../model/issues.js';
import { checkEntryVersion, checkInputVersion } from './fhir-version.js';
import { asArray, asObject, asString } from './json.js';
import { gap, type Gap } from './provenance.js';
import { isResource, referenceOf, type Entry } from './references.js';

/** How deep nested Bundles (a batch-response of searchsets, a document in a collection) are read. */
export const MAX_BUNDLE_DEPTH = 32;

/** The resources of the input, and the parts of it that could not be read. */
export interface ReadInput {
  readonly entries: readonly Entry[];
  readonly gaps: readonly Gap[];
}

interface Reading {
  readonly entries: Entry[];
  readonly gaps: Gap[];
}

const invalid = (message: string, path: readonly (string | number)[] = []): Issue => ({
  code: 'invalid_input',
  message,
  path: [...path],
});

const entriesOfBundle = (
  bundle: Readonly<Record<string, unknown>>,
  path: readonly (string | number)[],
  depth: number,
  into: Reading,
): E.Either<Issue, Reading> => {
  const raw = asArray(bundle['entry']);
  for (const [index, item] of raw.entries()) {
    const entry = asObject(item);
    // A transaction or batch entry may carry only a request (e.g. a DELETE): nothing to read.
    if (entry === undefined || entry['resource'] === undefined) continue;
    const resourcePath = [...path, 'entry', index, 'resource'];
    const read = readResource(entry['resource'], resourcePath, depth, into, asString(entry['fullUrl']));
    if (E.isLeft(read)) return read;
  }
  return E.right(into);
};

const readResource = (
  value: unknown,
  path: readonly (string | number)[],
  depth: number,
  into: Reading,
  fullUrl?: string,
): E.Either<Issue, Reading> => {
  if (!isResource(value)) return E.left(invalid('Expected a FHIR resource (an object with a "resourceType")', path));
  const entry: Entry = { resource: value, path, ...(fullUrl === undefined ? {} : { fullUrl }) };
  if (value.resourceType === 'Bundle') {
    if (depth < MAX_BUNDLE_DEPTH) return entriesOfBundle(value, path, depth + 1, into);
    // A cap keeps hostile input from exhausting the stack; what lies beyond it is reported, not dropped silently.
    const count = asArray(value['entry']).length;
    into.gaps.push(gap(referenceOf(entry), 'too_deep', `A Bundle nested more than ${MAX_BUNDLE_DEPTH} Bundles deep is not read; its ${count} entr${count === 1 ? 'y is' : 'ies are'} left out`));
    return E.right(into);
  }
  // OperationOutcomes in search results describe the search, not the patient.
  if (value.resourceType === 'OperationOutcome') return E.right(into);
  into.entries.push(entry);
  return E.right(into);
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
 * searchsets of a batch-response, are read too, up to {@link MAX_BUNDLE_DEPTH} deep; a deeper one
 * is reported as a `too_deep` gap) or a plain array of resources. Entries that carry only a request
 * are skipped, and so are OperationOutcomes. Input that is not FHIR, or a Bundle or Patient that
 * carries the marks of DSTU2, STU3 or R5, is refused; any other resource with such marks is
 * skipped with an `unreadable` gap.
 * @param input - the Bundle or array, as unknown JSON
 * @returns the resources with their paths and the gaps, or the issues
 */
export const readInput = (input: unknown): E.Either<Issues, ReadInput> => {
  const into: Reading = { entries: [], gaps: [] };
  let read: E.Either<Issue, Reading> = E.right(into);
  if (Array.isArray(input)) {
    for (const [index, item] of input.entries()) {
      read = readResource(item, [index], 0, into);
      if (E.isLeft(read)) break;
    }
  } else if (isResource(input) && input.resourceType === 'Bundle') {
    read = entriesOfBundle(input, [], 0, into);
  } else {
    return E.left([invalid(`Expected a FHIR R4 Bundle or an array of FHIR resources, found ${describe(input)}`)]);
  }
  if (E.isLeft(read)) return E.left([read.left]);
  const [first, ...rest] = checkInputVersion(input);
  if (first !== undefined) return E.left([first, ...rest]);
  return isolateUnreadable(into);
};

// One resource in another FHIR version spoils only itself: it is skipped with a gap citing
// `Type/id`. A Patient in another version leaves nothing to assess, so it is refused.
const isolateUnreadable = (read: Reading): E.Either<Issues, ReadInput> => {
  const entries: Entry[] = [];
  const gaps: Gap[] = [...read.gaps];
  const refused: Issue[] = [];
  for (const entry of read.entries) {
    const issues = checkEntryVersion(entry);
    if (issues.length === 0) entries.push(entry);
    else if (entry.resource.resourceType === 'Patient') refused.push(...issues);
    else gaps.push(gap(referenceOf(entry), 'unreadable', `${referenceOf(entry)} is not FHIR R4 (${issues.map((i) => i.message).join('; ')}); it was not read`));
  }
  const [first, ...rest] = refused;
  return first === undefined ? E.right({ entries, gaps }) : E.left([first, ...rest]);
};

/**
 * Reads the resources of the adapter's input, as {@link readInput} does, without the gaps.
 * @param input - the Bundle or array, as unknown JSON
 * @returns the resources with their paths, or the issues
 */
export const readEntries = (input: unknown): E.Either<Issues, readonly Entry[]> => {
  const read = readInput(input);
  return E.isLeft(read) ? read : E.right(read.right.entries);
};
