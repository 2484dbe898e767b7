import type { Facts } from '../facts/facts.js';
import { wordsForPath } from '../model/clinical-fields.js';
import { UNDOCUMENTED } from '../facts/undocumented.js';
import { resolvePath } from '../engine/path-resolver.js';
import type { TextTemplate } from '../rules/rule-file-schema.js';
import { fillPlaceholders, type Placeholder } from '../rules/templates.js';
import { nameVeins } from './vein-names.js';

/** What a template may name besides facts: the finding's own veins and unconfirmed paths. */
export interface RenderContext {
  readonly facts: Facts;
  readonly veinIds: readonly string[];
  readonly unconfirmed: readonly string[];
}

/**
 * Formats a fact value for a clinician: numbers to at most 3 decimals, lists joined, booleans as
 * yes/no, and "undocumented" as "not documented".
 * @param value - the value
 * @returns its text
 */
export const formatValue = (value: unknown): string => {
  if (value === UNDOCUMENTED) return 'not documented';
  // Three decimals, so that a value just over a limit (2.004 mg/kg against 2) never reads as equal.
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatValue).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
};

const lookup =
  (context: RenderContext) =>
  (placeholder: Placeholder): string => {
    if (placeholder.name === 'veinIds') return nameVeins(context.veinIds, context.facts.veinsById);
    if (placeholder.name === 'unconfirmed') return context.unconfirmed.length === 0 ? 'none' : context.unconfirmed.map(wordsForPath).join('; ');
    // The name has no dots, so its fact is read first and the path applied to it: the same value as
    // the joined path, without building "name.path" for every placeholder.
    const fact = resolvePath(context.facts, placeholder.name);
    const value = placeholder.path === undefined ? fact : resolvePath(fact, placeholder.path);
    return value === undefined ? placeholder.raw : formatValue(value);
  };

const chooseCase = (template: Exclude<TextTemplate, string>, key: string): string =>
  Object.prototype.hasOwnProperty.call(template.cases, key) ? (template.cases[key] ?? template.otherwise) : template.otherwise;

/**
 * Renders a rule's text template with the values of this request.
 * @param template - a text, or texts chosen by one fact's value
 * @param context - the facts and the finding's veins and unconfirmed paths
 * @returns the text
 */
export const renderTemplate = (template: TextTemplate, context: RenderContext): string => {
  const text = typeof template === 'string' ? template : chooseCase(template, String(resolvePath(context.facts, template.byFact)));
  return fillPlaceholders(text, lookup(context));
};
