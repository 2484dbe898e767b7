import * as E from 'fp-ts/lib/Either.js';
import type { Issue, IssuePath, Issues } from '../../model/issues.js';
import { nonEmpty } from './issues.js';
import { UNSAFE_KEYS } from './schema.js';

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const unsafeKey = (key: string, path: IssuePath): Issue => ({
  code: 'unsafe_key',
  message: `Field "${key}" is refused: "__proto__", "constructor" and "prototype" could change every object`,
  path: [...path, key],
});

/**
 * Finds every object key named `__proto__`, `constructor` or `prototype`, at any depth.
 * @param value - parsed JSON or YAML
 * @param path - where the value is, for the issues
 * @returns one `unsafe_key` issue per such key, each with its path
 */
export const findUnsafeKeys = (value: unknown, path: IssuePath = []): readonly Issue[] => {
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => findUnsafeKeys(item, [...path, index]));
  if (!isPlainObject(value)) return [];
  return Object.keys(value).flatMap((key) =>
    UNSAFE_KEYS.has(key) ? [unsafeKey(key, path)] : findUnsafeKeys(value[key], [...path, key]),
  );
};

const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

const mergeInto = (base: unknown, patch: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(patch)) return copy(patch);
  const merged: PlainObject = { ...(copy(base) as PlainObject) };
  for (const [key, value] of Object.entries(patch)) {
    // Own data properties only: defineProperty never calls the __proto__ setter.
    Object.defineProperty(merged, key, {
      value: Object.hasOwn(base, key) ? mergeInto(base[key], value) : copy(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
};

/**
 * Deep-merges a patch onto a base request: objects merge key by key, arrays and other values replace.
 * Neither input is changed.
 * @param base - the base request, as parsed
 * @param patch - the changes, as parsed
 * @returns the merged copy, or `unsafe_key` issues (path under `patch`) when the patch names a forbidden key
 */
export const mergePatch = (base: unknown, patch: unknown): E.Either<Issues, unknown> => {
  const unsafe = nonEmpty(findUnsafeKeys(patch, ['patch']));
  return unsafe === undefined ? E.right(mergeInto(base, patch)) : E.left(unsafe);
};

const segmentsOf = (path: string): readonly (string | number)[] =>
  path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

// Later array indexes first, so deleting `veins.1` never shifts the `veins.0` that is deleted next.
const byLaterIndexFirst = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(x) < String(y) ? -1 : 1;
  }
  return b.length - a.length;
};

const deletePath = (root: unknown, segments: readonly (string | number)[]): boolean => {
  let parent: unknown = root;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (Array.isArray(parent) && typeof segment === 'number' && segment < parent.length) {
      if (last) parent.splice(segment, 1);
      else parent = parent[segment];
    } else if (isPlainObject(parent) && Object.hasOwn(parent, String(segment))) {
      if (last) Reflect.deleteProperty(parent, String(segment));
      else parent = parent[String(segment)];
    } else return false;
  }
  return true;
};

/**
 * Deletes dot paths from a request; numeric segments index arrays and remove the element. All paths
 * refer to the request as it was before any deletion.
 * @param value - the request, as parsed; it is not changed
 * @param paths - dot paths such as `history.mobility` or `veins.0.side`
 * @returns the copy without those paths, or issues (path under `omit`) for forbidden or missing paths
 */
export const omitPaths = (value: unknown, paths: readonly string[]): E.Either<Issues, unknown> => {
  const parsed = paths
    .map((path, index) => ({ path, index, segments: segmentsOf(path) }))
    .filter(({ path, index }) => paths.indexOf(path) === index);
  const unsafe = nonEmpty(
    parsed.flatMap(({ path, index, segments }): Issue[] =>
      segments.some((segment) => typeof segment === 'string' && UNSAFE_KEYS.has(segment))
        ? [{ code: 'unsafe_key', message: `Path "${path}" is refused: it names "__proto__", "constructor" or "prototype"`, path: ['omit', index] }]
        : [],
    ),
  );
  if (unsafe !== undefined) return E.left(unsafe);
  const result = copy(value);
  const missing = [...parsed]
    .sort((a, b) => byLaterIndexFirst(a.segments, b.segments))
    .filter(({ segments }) => !deletePath(result, segments))
    .sort((a, b) => a.index - b.index)
    .map(({ path, index }): Issue => ({ code: 'omit_path_not_found', message: `Path "${path}" is not in the request, so it cannot be omitted`, path: ['omit', index] }));
  const issues = nonEmpty(missing);
  return issues === undefined ? E.right(result) : E.left(issues);
};
