import { asArray, asObject, asString, textsOf, type JsonObject } from './json.js';
import { quantityOf, toMillilitres, type Quantity } from './quantity.js';

const MASS_TO_MG: Readonly<Record<string, number>> = { mg: 1, g: 1000, ug: 0.001, mcg: 0.001 };
const CONTAINER_UNITS = new Set(['vial', 'vials', 'ampule', 'ampules', 'ampoule', 'ampoules', 'amp', 'amps', 'ampul', 'ampuls']);
const PERCENT = /(\d+(?:[.,]\d+)?)\s*%/g;
const MG_PER_ML = /(\d+(?:[.,]\d+)?)\s*mg\s*\/\s*ml\b/gi;
const ML = /(\d+(?:\.\d+)?)\s*(?:ml|cc)\b/i;

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

const doseOf = (dosage: JsonObject): number | undefined => {
  for (const raw of asArray(dosage['doseAndRate'])) {
    const doseAndRate = asObject(raw);
    const quantity = quantityOf(doseAndRate?.['doseQuantity']) ?? quantityOf(asObject(doseAndRate?.['doseRange'])?.['high']);
    const ml = quantity === undefined ? undefined : toMillilitres(quantity);
    if (ml !== undefined) return ml;
  }
  const text = asString(dosage['text']);
  const match = text === undefined ? null : ML.exec(text);
  return match === null ? undefined : Number(match[1]);
};

/**
 * Reads the volume a sclerosant order asks to inject: the dose (doseQuantity, else the high end of
 * doseRange) of each dosage instruction in mL or cc, else a volume written in its text; several
 * dosage instructions are added up.
 * @param order - the MedicationRequest
 * @returns the total in mL, or undefined when no dosage states a volume
 */
export const volumeOf = (order: JsonObject): number | undefined => {
  const doses = asArray(order['dosageInstruction']).flatMap((raw) => {
    const dosage = asObject(raw);
    const ml = dosage === undefined ? undefined : doseOf(dosage);
    return ml === undefined ? [] : [ml];
  });
  return doses.length === 0 ? undefined : doses.reduce((sum, ml) => sum + ml, 0);
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
