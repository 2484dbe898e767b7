const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Rules and templates name a few dozen paths, so each is split once.
const SEGMENT_CACHE_SIZE = 1024;
const segmentCache = new Map<string, readonly string[]>();

const segmentsOf = (path: string): readonly string[] => {
  let segments = segmentCache.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (segmentCache.size >= SEGMENT_CACHE_SIZE) segmentCache.clear();
    segmentCache.set(path, segments);
  }
  return segments;
};

const resolveSegments = (value: unknown, segments: readonly string[]): unknown => {
  let current: unknown = value;
  for (const segment of segments) {
    if (FORBIDDEN.has(segment) || typeof current !== 'object' || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
};

/**
 * Resolves a plain dotted path (`maxVolumeMl`, `a.b`) against a fact value, reading own properties
 * only and refusing `__proto__`, `constructor` and `prototype`; replaces json-rules-engine's JSONPath.
 * @param value - the fact value
 * @param path - the dotted path
 * @returns the value at the path, or undefined when any step is missing or forbidden
 */
export const resolvePath = (value: unknown, path: string): unknown => resolveSegments(value, segmentsOf(path));

/**
 * The resolver of one path, split once: the same result as {@link resolvePath} with that path.
 * @param path - the dotted path
 * @returns a function reading the path from a value
 */
export const pathReader = (path: string): ((value: unknown) => unknown) => {
  const segments = path.split('.');
  return (value) => resolveSegments(value, segments);
};
