import { asArray, asObject, asString, codingsOf, textsOf, type Coding, type JsonObject } from './json.js';
import { referenceString, type Entry, type ResourceIndex } from './references.js';

/** One ingredient of a Medication. */
export interface Ingredient {
  readonly codings: readonly Coding[];
  readonly texts: readonly string[];
  /** Medication.ingredient.strength, a Ratio, when given. */
  readonly strength?: JsonObject;
}

/** What a MedicationRequest or MedicationStatement says its medication is. */
export interface MedicationInfo {
  /** The medication's own codings and those of its ingredients. */
  readonly codings: readonly Coding[];
  /** Its texts and displays, its ingredients' and the reference's display. */
  readonly texts: readonly string[];
  readonly ingredients: readonly Ingredient[];
  /** Medication.amount (e.g. 2 mL per ampule), when given. */
  readonly amount?: JsonObject;
  /** The reference that could not be resolved, if any. */
  readonly unresolved?: string;
}

const ingredientsOf = (medication: JsonObject | undefined): Ingredient[] =>
  asArray(medication?.['ingredient']).flatMap((raw) => {
    const ingredient = asObject(raw);
    if (ingredient === undefined) return [];
    const item = ingredient['itemCodeableConcept'];
    const strength = asObject(ingredient['strength']);
    return [{ codings: codingsOf(item), texts: textsOf(item), ...(strength === undefined ? {} : { strength }) }];
  });

/**
 * Reads the medication of a MedicationRequest or MedicationStatement: medicationCodeableConcept,
 * or medicationReference to a contained Medication (`#id`) or to a Medication in the input.
 * @param entry - the request or statement
 * @param index - the resource index
 * @returns the medication's codes, texts and ingredients
 */
export const readMedication = (entry: Entry, index: ResourceIndex): MedicationInfo => {
  const concept = entry.resource['medicationCodeableConcept'];
  if (concept !== undefined) return { codings: codingsOf(concept), texts: textsOf(concept), ingredients: [] };
  const reference = entry.resource['medicationReference'];
  const target = referenceString(reference);
  const display = asString(asObject(reference)?.['display']);
  const medication = target === undefined ? undefined : index.resolve(target, entry);
  const displayTexts = display === undefined ? [] : [display];
  if (medication === undefined || medication.resourceType !== 'Medication') {
    return { codings: [], texts: displayTexts, ingredients: [], ...(target === undefined ? {} : { unresolved: target }) };
  }
  const ingredients = ingredientsOf(medication);
  const amount = asObject(medication['amount']);
  return {
    codings: [...codingsOf(medication['code']), ...ingredients.flatMap((i) => i.codings)],
    texts: [...textsOf(medication['code']), ...ingredients.flatMap((i) => i.texts), ...displayTexts],
    ingredients,
    ...(amount === undefined ? {} : { amount }),
  };
};
