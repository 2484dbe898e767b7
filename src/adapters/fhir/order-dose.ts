import { findText } from './code-match.js';
import { asArray, asObject, type JsonObject } from './json.js';
import { containersOf } from './order-quantities.js';
import { readOrderVolume } from './order-volume.js';
import { quantityOf, toMillilitres } from './quantity.js';

// The order's dose is read by readOrderVolume and containersOf; what is written here is checked by
// reading it back the same way, so that a rewritten order says exactly what the fix intends.

type Json = Record<string, unknown>;

const clone = (value: JsonObject): Json => JSON.parse(JSON.stringify(value)) as Json;
const objects = (value: unknown): Json[] => asArray(value).flatMap((item) => (asObject(item) === undefined ? [] : [item as Json]));
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;
const TEXT_VOLUME = /(\d+(?:[.,]\d+)?)(\s*(?:ml|cc)\b)/gi;

// The doseQuantity in a volume unit of a dosage instruction, with its factor to mL.
const doseOf = (dosage: Json): { readonly quantity: Json; readonly mlPerUnit: number } | undefined => {
  for (const doseAndRate of objects(dosage['doseAndRate'])) {
    const quantity = asObject(doseAndRate['doseQuantity']) as Json | undefined;
    const read = quantityOf(quantity);
    const ml = read === undefined ? undefined : toMillilitres(read);
    if (quantity !== undefined && read !== undefined && ml !== undefined && read.value > 0) return { quantity, mlPerUnit: ml / read.value };
  }
  return undefined;
};

/** What a draft order says of its dose, as the adapter reads it. */
export interface OrderDose {
  /** The session total in mL, when the order states one with certainty. */
  readonly volumeMl?: number;
  /** Whether {@link withOrderVolume} can rewrite that total. */
  readonly volumeEditable: boolean;
  /** The vials or ampules dispensed, when stated in containers. */
  readonly containers?: number;
}

/**
 * Reads a draft order's dose the one way the adapter reads it (readOrderVolume, containersOf), and
 * whether the volume can be rewritten mechanically.
 * @param order - the MedicationRequest
 * @returns the dose
 */
export const readOrderDose = (order: JsonObject): OrderDose => {
  const volume = readOrderVolume(order);
  const containers = containersOf(order);
  return {
    ...(volume.kind === 'total' ? { volumeMl: volume.ml } : {}),
    volumeEditable: volume.kind === 'total' && withOrderVolume(order, volume.ml) !== undefined,
    ...(containers === undefined ? {} : { containers }),
  };
};

/**
 * Writes a new session volume into a draft sclerosant order: the one doseQuantity (mL, cc, cm3 or
 * L) of its one dosage instruction that states a volume, and the same volume where that
 * instruction's text writes it. Only an order whose total the adapter reads as that one dose
 * (no count, no timing, nothing per injection) is changed, and the result must read back as `ml`.
 * @param order - the MedicationRequest
 * @param ml - the new session total in mL
 * @returns the changed copy, or undefined when the change is not mechanical
 */
export const withOrderVolume = (order: JsonObject, ml: number): Json | undefined => {
  const before = readOrderVolume(order);
  if (before.kind !== 'total') return undefined;
  const updated = clone(order);
  const dosages = objects(updated['dosageInstruction']);
  const withDose = dosages.filter((d) => doseOf(d) !== undefined);
  const [dosage] = withDose;
  const dose = dosage === undefined ? undefined : doseOf(dosage);
  if (withDose.length !== 1 || dosage === undefined || dose === undefined || asObject(dosage['timing']) !== undefined) return undefined;
  const oldMl = Number(dose.quantity['value']) * dose.mlPerUnit;
  if (!same(oldMl, before.ml)) return undefined;
  dose.quantity['value'] = ml / dose.mlPerUnit;
  if (typeof dosage['text'] === 'string') {
    dosage['text'] = dosage['text'].replace(TEXT_VOLUME, (match, amount: string, unit: string) => (same(Number(amount.replace(',', '.')), oldMl) ? `${ml}${unit}` : match));
  }
  const after = readOrderVolume(updated);
  return after.kind === 'total' && same(after.ml, ml) ? updated : undefined;
};

/**
 * Writes a new number of vials or ampules into a draft order's dispenseRequest.quantity, when it
 * is stated in containers; the result must read back as `count`.
 * @param order - the MedicationRequest
 * @param count - the number of vials or ampules
 * @returns the changed copy, or undefined when the order states no container count
 */
export const withOrderContainers = (order: JsonObject, count: number): Json | undefined => {
  if (containersOf(order) === undefined) return undefined;
  const updated = clone(order);
  const quantity = asObject(asObject(updated['dispenseRequest'])?.['quantity']) as Json | undefined;
  if (quantity === undefined) return undefined;
  quantity['value'] = count;
  return containersOf(updated) === count ? updated : undefined;
};

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : asObject(value) !== undefined ? Object.values(value as Json).flatMap(strings) : [];

const FOAM = /\bfoam(?:ed|ing)?\b/gi;

/**
 * Rewrites a foam order as liquid: "foam" becomes "liquid" in its dosage and method texts. When
 * foam is still named anywhere else (the medication, a coded method, a note, a foam product such
 * as Varithena), by the adapter's own foam words, the change is not mechanical.
 * @param order - the MedicationRequest
 * @returns the changed copy, or undefined
 */
export const asLiquidOrder = (order: JsonObject): Json | undefined => {
  const updated = clone(order);
  for (const dosage of objects(updated['dosageInstruction'])) {
    if (typeof dosage['text'] === 'string') dosage['text'] = dosage['text'].replace(FOAM, 'liquid');
    const method = asObject(dosage['method']) as Json | undefined;
    if (method !== undefined && typeof method['text'] === 'string') method['text'] = method['text'].replace(FOAM, 'liquid');
  }
  return findText('foam-formulation', strings(updated)) === undefined ? updated : undefined;
};
