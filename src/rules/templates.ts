import type { TextTemplate } from './rule-file-schema.js';

/** Placeholders that name something other than a fact: the finding's veins and unconfirmed paths. */
export const SPECIAL_PLACEHOLDERS: ReadonlySet<string> = new Set(['veinIds', 'unconfirmed']);

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\.([A-Za-z0-9.]+))?\}/g;

/** One `{fact}` or `{fact.path}` placeholder in a text template. */
export interface Placeholder {
  readonly raw: string;
  readonly name: string;
  readonly path?: string;
}

/**
 * Lists the placeholders in a text.
 * @param text - the template text
 * @returns each placeholder, in order
 */
export const placeholdersOf = (text: string): readonly Placeholder[] =>
  [...text.matchAll(PLACEHOLDER)].map((m) => {
    const [raw, name, path] = m;
    return path === undefined ? { raw, name: name ?? '' } : { raw, name: name ?? '', path };
  });

/**
 * Lists every text of a template: the text itself, or each case and the fallback.
 * @param template - the template
 * @returns the texts
 */
export const textsOf = (template: TextTemplate): readonly string[] =>
  typeof template === 'string' ? [template] : [...Object.values(template.cases), template.otherwise];

/** A text split at its placeholders: `literals` has one more entry than `placeholders`. */
interface TemplateParts {
  readonly literals: readonly string[];
  readonly placeholders: readonly Placeholder[];
}

// Rule sets hold a few hundred texts, so each is split once; the cache is emptied when full.
const PARTS_CACHE_SIZE = 2048;
const partsCache = new Map<string, TemplateParts>();

const splitText = (text: string): TemplateParts => {
  const literals: string[] = [];
  const placeholders: Placeholder[] = [];
  let from = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [raw, name = '', path] = m;
    literals.push(text.slice(from, m.index));
    placeholders.push(Object.freeze(path === undefined ? { raw, name } : { raw, name, path }));
    from = m.index + raw.length;
  }
  literals.push(text.slice(from));
  return { literals, placeholders };
};

const partsOf = (text: string): TemplateParts => {
  let parts = partsCache.get(text);
  if (parts === undefined) {
    parts = splitText(text);
    if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
    partsCache.set(text, parts);
  }
  return parts;
};

/**
 * Substitutes each placeholder of a text with the value a lookup gives.
 * @param text - the template text
 * @param lookup - renders one placeholder
 * @returns the text with placeholders replaced
 */
export const fillPlaceholders = (text: string, lookup: (placeholder: Placeholder) => string): string => {
  const { literals, placeholders } = partsOf(text);
  let filled = literals[0] ?? '';
  for (let i = 0; i < placeholders.length; i++) filled += lookup(placeholders[i] as Placeholder) + (literals[i + 1] ?? '');
  return filled;
};
