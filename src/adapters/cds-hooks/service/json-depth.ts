/** The deepest JSON nesting accepted in a request body or a FHIR response (FHIR resources need about 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Tells whether JSON text nests arrays and objects deeper than `max`, by one pass over the text
 * with a counter (no recursion and no parse), so that a hostile body is refused before anything
 * recursive (JSON.parse's callers, schema validation) sees it.
 * @param text - JSON text (not necessarily valid)
 * @param max - the deepest nesting allowed
 * @returns true when some value is nested deeper than `max`
 */
export const jsonTooDeep = (text: string, max: number = MAX_JSON_DEPTH): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
};

/**
 * Tells whether an already parsed value nests arrays and objects deeper than `max`, with an explicit
 * stack (no recursion): the same guard as {@link jsonTooDeep} for frameworks that parse bodies themselves.
 * @param value - a parsed JSON value
 * @param max - the deepest nesting allowed
 * @returns true when some value is nested deeper than `max`
 */
export const valueTooDeep = (value: unknown, max: number = MAX_JSON_DEPTH): boolean => {
  const stack: { readonly value: unknown; readonly depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > max) return true;
    const children = Array.isArray(item.value) ? (item.value as unknown[]) : Object.values(item.value);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
  }
  return false;
};
