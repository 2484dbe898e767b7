import { asArray, asNumber, asObject, asString, type JsonObject } from './json.js';
import { quantityOf, toMillilitres } from './quantity.js';

/** What an order says about the volume of its session. */
export type OrderVolume =
  | { readonly kind: 'total'; readonly ml: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly why: string };

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const VOLUME = new RegExp(String.raw`${NUMBER}\s*(?:ml|cc|milliliters?|millilitres?)\b`, 'gi');
// "total 12 mL", "total of 12 mL", "total volume: 12 mL", "12 mL total", "12 mL in total".
const TOTAL_BEFORE = new RegExp(String.raw`\btotal(?:\s+(?:of|volume|dose|amount))*\s*[:=]?\s*(?:up\s+to\s+|max(?:imum)?\s+)?${NUMBER}\s*(?:ml|cc)\b`, 'gi');
const TOTAL_AFTER = new RegExp(String.raw`${NUMBER}\s*(?:ml|cc)\s+(?:in\s+)?total\b`, 'gi');
// Words that make a dose a per-injection or per-site amount, or multiply it.
const PER_DOSE = [
  /\bper\s+(?:injection|inj|site|vein|puncture|point|spot|area|lesion|location|needle|syringe|stick|leg)s?\b/i,
  /\/\s*(?:injection|inj|site|vein|puncture)s?\b/i,
  /\beach\b/i,
  /\d\s*(?:x|×)\s*\d/i,
  /(?:^|\s)(?:x|×)\s*\d/i,
  /\b\d+\s*times\b/i,
];
const INJECTION_COUNT = /\b(\d+)\s*(?:injections|injection sites|sites|punctures|sticks)\b/gi;

const toNumber = (text: string): number => Number(text.replace(',', '.'));
const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

interface TextReading {
  /** Every volume written, totals included. */
  readonly volumes: readonly number[];
  /** The volumes written as the total. */
  readonly totals: readonly number[];
  /** A word that makes the dose per injection or per site, as written. */
  readonly perDose?: string;
  /** Numbers of injections or sites written. */
  readonly injections: readonly number[];
}

const readText = (texts: readonly string[]): TextReading => {
  const all = texts.join(' \n ');
  const numbers = (pattern: RegExp): number[] => [...all.matchAll(pattern)].map((m) => toNumber(m[1] ?? '')).filter(Number.isFinite);
  const perDose = PER_DOSE.map((p) => p.exec(all)?.[0]).find((m) => m !== undefined);
  return {
    volumes: numbers(VOLUME),
    totals: [...numbers(TOTAL_BEFORE), ...numbers(TOTAL_AFTER)],
    ...(perDose === undefined ? {} : { perDose: perDose.trim() }),
    injections: numbers(INJECTION_COUNT),
  };
};

const textsOfDosage = (dosage: JsonObject): string[] =>
  [dosage['text'], dosage['patientInstruction']].flatMap((t) => {
    const text = asString(t);
    return text === undefined ? [] : [text];
  });

type Count = { readonly n: number } | { readonly why: string } | undefined;

// timing.repeat.count says how many times the dose is given; anything else that repeats it leaves
// the number open.
const countOf = (dosage: JsonObject): Count => {
  const timing = asObject(dosage['timing']);
  const repeat = asObject(timing?.['repeat']);
  const count = asNumber(repeat?.['count']);
  if (repeat?.['countMax'] !== undefined) return { why: 'timing.repeat.countMax lets the dose be repeated a varying number of times' };
  if (count !== undefined) return Number.isInteger(count) && count >= 1 ? { n: count } : { why: `timing.repeat.count is ${count}, not a whole number of doses` };
  const frequency = Math.max(asNumber(repeat?.['frequency']) ?? 1, asNumber(repeat?.['frequencyMax']) ?? 1);
  if (frequency > 1) return { why: `timing.repeat.frequency gives the dose ${frequency} times, with no count of doses` };
  if (asArray(timing?.['event']).length > 1) return { why: 'timing.event gives the dose at several times, with no count of doses' };
  return undefined;
};

const list = (values: readonly number[]): string => [...new Set(values)].map((v) => `${v} mL`).join(', ');

// One dosage instruction: the dose times timing.repeat.count, or why that is not the session total.
const readDosage = (dosage: JsonObject): OrderVolume => {
  const doseAndRates = asArray(dosage['doseAndRate']).map(asObject);
  if (doseAndRates.some((d) => d?.['doseRange'] !== undefined)) {
    return { kind: 'ambiguous', why: 'it states a dose range, which is usually the amount per injection' };
  }
  if (dosage['maxDosePerPeriod'] !== undefined) {
    return { kind: 'ambiguous', why: 'it states a maxDosePerPeriod, a sign that the dose is given several times' };
  }
  const quantities = doseAndRates.map((d) => quantityOf(d?.['doseQuantity']));
  const stated = quantities.map((q) => (q === undefined ? undefined : toMillilitres(q))).find((ml) => ml !== undefined);
  const text = readText(textsOfDosage(dosage));
  const written = text.volumes.filter((v) => !text.totals.some((t) => same(t, v)));
  const count = countOf(dosage);
  if (count !== undefined && 'why' in count) return { kind: 'ambiguous', why: count.why };
  const n = count?.n ?? 1;
  if (stated === undefined && new Set(written).size > 1) return { kind: 'ambiguous', why: `its text states several volumes (${list(written)})` };
  const dose = stated ?? written[0];
  if (dose === undefined) {
    // Only a total is written: it is the total, if there is one.
    const [only, ...more] = [...new Set(text.totals)];
    if (only === undefined) return { kind: 'none' };
    return more.length === 0 ? { kind: 'total', ml: only } : { kind: 'ambiguous', why: `its text states several totals (${list(text.totals)})` };
  }
  const total = dose * n;
  const dosePhrase = n === 1 ? `${dose} mL` : `${dose} mL × ${n} (timing.repeat.count)`;
  // A stated total that agrees explains every other number; one that disagrees leaves the total open.
  if (text.totals.length > 0) {
    const wrong = text.totals.filter((t) => !same(t, total));
    return wrong.length === 0 ? { kind: 'total', ml: total } : { kind: 'ambiguous', why: `its text says "total ${list(wrong)}", but the dose is ${dosePhrase}` };
  }
  if (count === undefined && text.perDose !== undefined) {
    return { kind: 'ambiguous', why: `its text says "${text.perDose}", so the dose of ${dose} mL may be per injection or per site, and no timing.repeat.count says how many` };
  }
  if (count === undefined && text.injections.length > 0) {
    return { kind: 'ambiguous', why: `its text names ${text.injections.join(', ')} injections or sites and no timing.repeat.count says how many doses` };
  }
  const other = text.injections.filter((k) => k !== n);
  if (other.length > 0) return { kind: 'ambiguous', why: `its text names ${other.join(', ')} injections or sites, but timing.repeat.count is ${n}` };
  const strays = written.filter((v) => !same(v, dose) && !same(v, total));
  if (strays.length > 0) return { kind: 'ambiguous', why: `its text states ${list(strays)}, but the dose is ${dosePhrase}` };
  return { kind: 'total', ml: total };
};

const notesOf = (order: JsonObject): string[] =>
  asArray(order['note']).flatMap((raw) => {
    const text = asString(asObject(raw)?.['text']);
    return text === undefined ? [] : [text];
  });

/**
 * Reads the volume a sclerosant order injects in its session: for each dosage instruction, the
 * dose (doseQuantity in mL, cc, cm3 or L, else the one volume written in its text) times
 * timing.repeat.count; several dosage instructions are added up. The total is ambiguous, rather
 * than guessed, when an instruction states a doseRange or a maxDosePerPeriod, repeats the dose
 * without a count (countMax, frequency above 1, several events), or its text or a note says the
 * dose is per injection or per site ("per injection", "each", "3 x 4 mL", "40 injections") without
 * a count, states a total that disagrees, or states another volume.
 * @param order - the MedicationRequest
 * @returns the total in mL, none when no dosage states a volume, or why the total is open
 */
export const readOrderVolume = (order: JsonObject): OrderVolume => {
  const readings = asArray(order['dosageInstruction']).flatMap((raw) => {
    const dosage = asObject(raw);
    return dosage === undefined ? [] : [readDosage(dosage)];
  });
  const ambiguous = readings.find((r) => r.kind === 'ambiguous');
  if (ambiguous !== undefined) return ambiguous;
  const totals = readings.flatMap((r) => (r.kind === 'total' ? [r.ml] : []));
  if (totals.length === 0) return { kind: 'none' };
  const total = totals.reduce((sum, ml) => sum + ml, 0);
  const notes = readText(notesOf(order));
  const wrong = notes.totals.filter((t) => !same(t, total));
  if (wrong.length > 0) return { kind: 'ambiguous', why: `a note says "total ${list(wrong)}", but the dosage adds up to ${total} mL` };
  const counted = asArray(order['dosageInstruction']).every((raw) => asNumber(asObject(asObject(asObject(raw)?.['timing'])?.['repeat'])?.['count']) !== undefined);
  if (notes.totals.length === 0 && !counted && notes.perDose !== undefined) {
    return { kind: 'ambiguous', why: `a note says "${notes.perDose}", so the dose may be per injection or per site, and no timing.repeat.count says how many` };
  }
  return { kind: 'total', ml: total };
};
