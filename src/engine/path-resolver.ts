const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Resolves a plain dotted path (`maxVolumeMl`, `a.b`) against a fact value, reading own properties
 * only and refusing `__proto__`, `constructor` and `prototype`; replaces json-rules-engine's JSONPath.
 * @param value - the fact value
 * @param path - the dotted path
 * @returns the value at the path, or undefined when any step is missing or forbidden
 */
export const resolvePath = (value: unknown, path: string): unknown => {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (FORBIDDEN.has(segment) || typeof current !== 'object' || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
};
