import { asArray, asObject, asString, textsOf, type JsonObject } from './json.js';
import { quantityOf, toMillilitres, type Quantity } from './quantity.js';

const MASS_TO_MG: Readonly<Record<string, number>> = { mg: 1, g: 1000, ug: 0.001, mcg: 0.001 };
const CONTAINER_UNITS = new Set(['vial', 'vials', 'ampule', 'ampules', 'ampoule', 'ampoules', 'amp', 'amps', 'ampul', 'ampuls']);
const PERCENT = /(\d+(?:[.,]\d+)?)\s*%/g;
const MG_PER_ML = /(\d+(?:[.,]\d+)?)\s*mg\s*\/\s*ml\b/gi;

const toNumber = (text: string): number => Number(text.replace(',', '.'));

/**
 * Reads a concentration in percent (w/v) from an ingredient strength Ratio: a `%` numerator, or a
 * mass per volume (1 % = 10 mg/mL).
 * @param ratio - Medication.ingredient.strength
 * @returns the percentage, or undefined when the units are not a mass per volume
 */
export const percentFromRatio = (ratio: JsonObject): number | undefined => {
  const numerator = quantityOf(ratio['numerator']);
  if (numerator === undefined) return undefined;
  if (numerator.unit === '%') return numerator.value;
  const denominator: Quantity = quantityOf(ratio['denominator']) ?? { value: 1, unit: 'ml' };
  const mgFactor = MASS_TO_MG[numerator.unit];
  const ml = toMillilitres(denominator);
  if (mgFactor === undefined || ml === undefined || ml <= 0) return undefined;
  return (numerator.value * mgFactor) / ml / 10;
};

/**
 * Reads a concentration written in texts, as "1%", "0.5 %" or "10 mg/mL".
 * @param texts - medication names, dosage texts and notes
 * @returns the one percentage they state; `ambiguous` when they state several
 */
export const percentFromTexts = (texts: readonly string[]): { readonly value?: number; readonly ambiguous: boolean } => {
  const values = new Set<number>();
  for (const text of texts) {
    for (const match of text.matchAll(PERCENT)) values.add(toNumber(match[1] ?? ''));
    for (const match of text.matchAll(MG_PER_ML)) values.add(toNumber(match[1] ?? '') / 10);
  }
  const [only, ...more] = [...values].filter((v) => Number.isFinite(v) && v > 0);
  return more.length > 0 ? { ambiguous: true } : { ...(only === undefined ? {} : { value: only }), ambiguous: false };
};

/**
 * Reads how many vials or ampules an order dispenses: dispenseRequest.quantity when its unit is a
 * container (`{vial}`, `ampule`, ...). numberOfRepeatsAllowed counts refills, not containers, and is
 * not read.
 * @param order - the MedicationRequest
 * @returns the count, or undefined when the quantity is absent or in another unit
 */
export const containersOf = (order: JsonObject): number | undefined => {
  const quantity = quantityOf(asObject(order['dispenseRequest'])?.['quantity']);
  if (quantity === undefined) return undefined;
  const unit = quantity.unit.replace(/[{}]/g, '').trim();
  return CONTAINER_UNITS.has(unit) && quantity.value >= 0 ? quantity.value : undefined;
};

/**
 * Reads the volume of one container from Medication.amount (e.g. 2 mL per 1 ampule).
 * @param amount - the Ratio, if any
 * @returns millilitres per container, or undefined
 */
export const containerVolumeOf = (amount: JsonObject | undefined): number | undefined => {
  const numerator = quantityOf(amount?.['numerator']);
  const denominator = quantityOf(amount?.['denominator']);
  const ml = numerator === undefined ? undefined : toMillilitres(numerator);
  return ml !== undefined && ml > 0 && (denominator === undefined || denominator.value === 1) ? ml : undefined;
};

/**
 * Collects the free texts of an order that may state a strength or a foam: its dosage texts,
 * methods, routes and notes.
 * @param order - the MedicationRequest
 * @returns the texts
 */
export const orderTexts = (order: JsonObject): readonly string[] => [
  ...asArray(order['dosageInstruction']).flatMap((raw) => {
    const dosage = asObject(raw);
    const text = asString(dosage?.['text']);
    return [...(text === undefined ? [] : [text]), ...textsOf(dosage?.['method']), ...textsOf(dosage?.['route'])];
  }),
  ...asArray(order['note']).flatMap((raw) => {
    const text = asString(asObject(raw)?.['text']);
    return text === undefined ? [] : [text];
  }),
];

// Beyond what holds the dose, one spare container is usual; more is a sign the dose is per injection.
const SPARE_CONTAINERS = 1;

/**
 * Tells whether what an order dispenses is more than its session total needs: more vials or
 * ampules, or more mL, than the fewest containers that hold the total plus one spare. That is a
 * sign that the dose is per injection, so the total cannot be trusted.
 * @param order - the MedicationRequest
 * @param totalMl - the session total read from the dosage
 * @param containerVolumeMl - the volume of one container, if the Medication states it
 * @param defaultContainerMl - the container size to assume otherwise
 * @returns why the dispense disagrees, or undefined when it does not
 */
export const dispenseDisagrees = (order: JsonObject, totalMl: number, containerVolumeMl: number | undefined, defaultContainerMl: number): string | undefined => {
  const size = containerVolumeMl ?? defaultContainerMl;
  const needed = Math.ceil(totalMl / size - 1e-9);
  const allowed = needed + SPARE_CONTAINERS;
  const containers = containersOf(order);
  if (containers !== undefined && containers > allowed) {
    return `it dispenses ${containers} vials or ampules, but ${totalMl} mL fills ${needed} of ${size} mL`;
  }
  const quantity = quantityOf(asObject(order['dispenseRequest'])?.['quantity']);
  const ml = quantity === undefined ? undefined : toMillilitres(quantity);
  if (ml !== undefined && ml > allowed * size + 1e-9) return `it dispenses ${ml} mL, far more than the ${totalMl} mL of its dose`;
  return undefined;
};
