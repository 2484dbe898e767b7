/** Why a resource, or part of one, was not mapped or was mapped with a caveat. */
export const GAP_REASONS = [
  'stale', // older than its recency window: not trusted
  'undated', // no usable date, so its recency cannot be judged
  'not_current', // a pregnancy record that is not a current pregnancy
  'not_final', // an Observation whose status is not final, amended or corrected
  'unknown_unit', // a quantity in a unit the adapter does not convert
  'out_of_range', // a value outside what the request allows
  'uncertain', // an answer that neither affirms nor excludes (e.g. "possible pregnancy")
  'partial_date', // a birth date without month or day; the youngest possible age was taken
  'conflict', // records that contradict each other; the cautious reading was taken
  'unresolved_reference', // a reference to a resource that is not in the bundle
  'other_patient', // a resource about another patient; ignored
  'counted_with_caveat', // counted, but a clinician should confirm (e.g. a medication on hold)
  'not_counted', // a record of a kind that is deliberately not counted (e.g. a draft prescription)
  'site_not_coded', // a vein whose body site is not coded
  'unparseable_strength', // a sclerosant order without a readable concentration
  'no_volume', // a sclerosant order without a volume in mL
  'no_targets', // a sclerosant order whose target veins cannot be found
  'derived', // a value the order does not state, derived from what it does state
  'assumed', // a value the order neither states nor implies; the usual one was taken, to be confirmed
  'ambiguous', // several readings are possible; none was chosen
  'too_deep', // a Bundle nested deeper than the adapter reads; its resources were not read
  'unreadable', // a resource in another FHIR version (DSTU2, STU3, R5) or otherwise unreadable; skipped
  'incomplete_order', // a sclerotherapy order that does not say what the check needs (e.g. no sclerosant)
] as const;

/** Why something was not mapped, or was mapped with a caveat. */
export type GapReason = (typeof GAP_REASONS)[number];

/** Something in the bundle that could not be mapped, or was mapped with a caveat. */
export interface Gap {
  /** The resource it is about, e.g. `Observation/abc`. */
  readonly reference: string;
  /** The request field it would have filled, e.g. `patient.weightKg`. */
  readonly field?: string;
  /** A snake_case reason. */
  readonly reason: GapReason;
  /** What was found and why it was not used, in one sentence. */
  readonly message: string;
}

/** For each request field the adapter filled, the resources it came from. */
export type Provenance = Readonly<Record<string, readonly string[]>>;

/** What one part of the adapter found: a value, where it came from, and what it could not use. */
export interface Mapped<T> {
  readonly value: T;
  readonly provenance: Provenance;
  readonly gaps: readonly Gap[];
}

/**
 * Builds a gap.
 * @param reference - the resource reference
 * @param reason - why
 * @param message - the sentence
 * @param field - the request field it is about, if any
 * @returns the gap
 */
export const gap = (reference: string, reason: GapReason, message: string, field?: string): Gap => ({
  reference,
  ...(field === undefined ? {} : { field }),
  reason,
  message,
});

/**
 * Merges provenance records; references for the same field are joined without duplicates.
 * @param parts - the records
 * @returns one record
 */
export const mergeProvenance = (...parts: readonly Provenance[]): Provenance => {
  const merged = new Map<string, Set<string>>();
  for (const part of parts) {
    for (const [field, references] of Object.entries(part)) {
      const set = merged.get(field) ?? new Set<string>();
      references.forEach((r) => set.add(r));
      merged.set(field, set);
    }
  }
  return Object.fromEntries([...merged].filter(([, set]) => set.size > 0).map(([field, set]) => [field, [...set]]));
};
