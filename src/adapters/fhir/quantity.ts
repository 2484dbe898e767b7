import { asNumber, asObject, asString } from './json.js';

/** A FHIR Quantity reduced to its number and its unit, as far as the adapter reads it. */
export interface Quantity {
  readonly value: number;
  /** The UCUM code when given, else the human-readable unit, in lower case; `''` when neither. */
  readonly unit: string;
}

/**
 * Reads a FHIR Quantity.
 * @param value - the Quantity, or anything
 * @returns the number and unit, or undefined when there is no number
 */
export const quantityOf = (value: unknown): Quantity | undefined => {
  const quantity = asObject(value);
  const number = asNumber(quantity?.['value']);
  if (number === undefined) return undefined;
  const unit = asString(quantity?.['code']) ?? asString(quantity?.['unit']) ?? '';
  return { value: number, unit: unit.trim().toLowerCase() };
};

// Units by UCUM code and by the words people write, each with its factor to the base unit.
const MASS_TO_KG: Readonly<Record<string, number>> = {
  kg: 1,
  kilogram: 1,
  kilograms: 1,
  g: 0.001,
  gram: 0.001,
  grams: 0.001,
  '[lb_av]': 0.45359237,
  lb: 0.45359237,
  lbs: 0.45359237,
  pound: 0.45359237,
  pounds: 0.45359237,
};

const VOLUME_TO_ML: Readonly<Record<string, number>> = {
  ml: 1,
  milliliter: 1,
  milliliters: 1,
  millilitre: 1,
  millilitres: 1,
  cc: 1,
  cm3: 1,
  l: 1000,
};

/**
 * Converts a mass to kilograms (kg, g, and avoirdupois pounds as UCUM `[lb_av]`, `lb` or `lbs`).
 * @param quantity - the quantity
 * @returns kilograms, or undefined for any other unit
 */
export const toKilograms = (quantity: Quantity): number | undefined => {
  const factor = MASS_TO_KG[quantity.unit];
  return factor === undefined ? undefined : quantity.value * factor;
};

/**
 * Converts a volume to millilitres (mL, cc, cm3, L).
 * @param quantity - the quantity
 * @returns millilitres, or undefined for any other unit
 */
export const toMillilitres = (quantity: Quantity): number | undefined => {
  const factor = VOLUME_TO_ML[quantity.unit];
  return factor === undefined ? undefined : quantity.value * factor;
};

/**
 * Rounds down to one decimal, so that a unit conversion never raises a weight or a limit.
 * @param value - the number
 * @returns e.g. 83.9 for 83.914588
 */
export const floorToTenth = (value: number): number => Math.floor(value * 10 + 1e-9) / 10;
