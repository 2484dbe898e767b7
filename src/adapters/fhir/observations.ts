import type { MappingContext } from './context.js';
import { matchesConcept } from './code-match.js';
import type { Concept } from './codes.js';
import { effectiveWhenOf, isAfter, isoDateOf, sortKeyOf, type DayRange, type When } from './dates.js';
import { asString, codingsOf } from './json.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { floorToTenth, quantityOf, toKilograms } from './quantity.js';
import { referenceOf, type Entry } from './references.js';

const USABLE_STATUS = new Set(['final', 'amended', 'corrected']);
const IGNORED_STATUS = new Set(['entered-in-error', 'cancelled']);
const MAX_WEIGHT_KG = 400;

/** An Observation the adapter may use: final, dated, not after asOf. */
export interface DatedObservation {
  readonly entry: Entry;
  readonly reference: string;
  readonly date: DayRange;
  /** The date with its instant, when the Observation gives a time. */
  readonly when: When;
}

/**
 * Picks the Observations that nothing is surely later than: one when the latest can be told by
 * instant or day, several when the latest are at the same instant, or on the same day and at least
 * one gives no time (then they cannot be ordered).
 * @param observations - the observations
 * @returns the latest, in their input order; empty only for empty input
 */
export const latestObservations = (observations: readonly DatedObservation[]): readonly DatedObservation[] => {
  const latest = observations.filter((o) => !observations.some((p) => isAfter(p.when, o.when)));
  // Zones can make day and instant disagree in a cycle; then none can be ordered.
  return latest.length > 0 ? latest : observations;
};

/**
 * Lists the patient's usable Observations of a concept, latest first (by instant when a time is
 * given, else by day; ties keep the input order). Observations that are not final, amended or
 * corrected, or are undated, are reported in gaps; those entered in error or cancelled, and those
 * dated after asOf, are left out silently.
 * @param ctx - the mapping context
 * @param concept - the observation code list, e.g. `body-weight`
 * @param field - the request field the observations are for
 * @returns the observations, latest first, and the gaps
 */
export const datedObservations = (ctx: MappingContext, concept: Concept, field: string): Mapped<readonly DatedObservation[]> => {
  const gaps: Gap[] = [];
  const dated: DatedObservation[] = [];
  for (const entry of ctx.entriesOf('Observation')) {
    const code = entry.resource['code'];
    if (!matchesConcept(concept, codingsOf(code))) continue;
    const reference = referenceOf(entry);
    const status = asString(entry.resource['status']) ?? 'unknown';
    if (IGNORED_STATUS.has(status)) continue;
    if (!USABLE_STATUS.has(status)) {
      gaps.push(gap(reference, 'not_final', `Observation status is "${status}", not final, amended or corrected; not used`, field));
      continue;
    }
    const when = effectiveWhenOf(entry.resource);
    if (when === undefined) {
      gaps.push(gap(reference, 'undated', 'Observation has no effective date, so its recency cannot be judged; not used', field));
      continue;
    }
    if (when.range.first > ctx.asOfDay) continue;
    dated.push({ entry, reference, date: when.range, when });
  }
  return { value: [...dated].sort((a, b) => sortKeyOf(b.when) - sortKeyOf(a.when)), provenance: {}, gaps };
};

/**
 * Reads the patient's latest usable body weight (LOINC 29463-7, 3141-9 and the other codes of
 * `codes/body-weight.json`) in kg, converting g and lb and rounding down to 0.1 kg. A weight in an
 * unknown unit or out of range is skipped for the next latest; a latest weight older than the
 * weight window is reported in gaps and not used.
 * @param ctx - the mapping context
 * @returns the weight in kg, or undefined
 */
export const mapWeight = (ctx: MappingContext): Mapped<number | undefined> => {
  const field = 'patient.weightKg';
  const found = datedObservations(ctx, 'body-weight', field);
  const gaps = [...found.gaps];
  for (const { entry, reference, date } of found.value) {
    const quantity = quantityOf(entry.resource['valueQuantity']);
    const kg = quantity === undefined ? undefined : toKilograms(quantity);
    if (quantity === undefined || kg === undefined) {
      const what = quantity === undefined ? 'has no valueQuantity' : `is in "${quantity.unit}", not kg, g or lb`;
      gaps.push(gap(reference, 'unknown_unit', `Body weight ${what}; not used`, field));
      continue;
    }
    const weightKg = floorToTenth(kg);
    if (weightKg <= 0 || weightKg > MAX_WEIGHT_KG) {
      gaps.push(gap(reference, 'out_of_range', `Body weight ${quantity.value} ${quantity.unit} is outside 0-400 kg; not used`, field));
      continue;
    }
    const age = ctx.asOfDay - date.first;
    if (age > ctx.recency.weightMaxAgeDays) {
      const message = `Latest body weight (${weightKg} kg on ${isoDateOf(date.first)}) is ${age} days old, more than ${ctx.recency.weightMaxAgeDays}; not used`;
      return { value: undefined, provenance: {}, gaps: [...gaps, gap(reference, 'stale', message, field)] };
    }
    return { value: weightKg, provenance: { [field]: [reference] }, gaps };
  }
  return { value: undefined, provenance: {}, gaps };
};
