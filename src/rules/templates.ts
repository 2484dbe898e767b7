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

/**
 * Substitutes each placeholder of a text with the value a lookup gives.
 * @param text - the template text
 * @param lookup - renders one placeholder
 * @returns the text with placeholders replaced
 */
export const fillPlaceholders = (text: string, lookup: (placeholder: Placeholder) => string): string =>
  text.replace(PLACEHOLDER, (raw: string, name: string, path: string | undefined) =>
    lookup(path === undefined ? { raw, name } : { raw, name, path }),
  );
