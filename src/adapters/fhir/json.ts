/** A JSON object read from untrusted input. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** One FHIR Coding, as far as the adapter reads it. */
export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/**
 * Reads a value as a JSON object.
 * @param value - anything
 * @returns the object, or undefined for arrays, null and primitives
 */
export const asObject = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/**
 * Reads a value as a non-empty string.
 * @param value - anything
 * @returns the string, or undefined when it is not a non-empty string
 */
export const asString = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * Reads a value as a finite number.
 * @param value - anything
 * @returns the number, or undefined when it is not a finite number
 */
export const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Reads a value as an array; FHIR repeats are arrays, so anything else counts as none.
 * @param value - anything
 * @returns the array, or an empty array
 */
export const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/**
 * Reads the codings of a CodeableConcept.
 * @param concept - a CodeableConcept, or anything
 * @returns its codings that have a code or a display
 */
export const codingsOf = (concept: unknown): readonly Coding[] =>
  asArray(asObject(concept)?.['coding']).flatMap((raw) => {
    const coding = asObject(raw);
    if (coding === undefined) return [];
    const system = asString(coding['system']);
    const code = asString(coding['code']);
    const display = asString(coding['display']);
    if (code === undefined && display === undefined) return [];
    return [{ ...(system === undefined ? {} : { system }), ...(code === undefined ? {} : { code }), ...(display === undefined ? {} : { display }) }];
  });

/**
 * Reads the human-readable words of a CodeableConcept: its text and the display of each coding.
 * @param concept - a CodeableConcept, or anything
 * @returns the words, possibly none
 */
export const textsOf = (concept: unknown): readonly string[] => {
  const text = asString(asObject(concept)?.['text']);
  return [...(text === undefined ? [] : [text]), ...codingsOf(concept).flatMap((c) => (c.display === undefined ? [] : [c.display]))];
};

/**
 * Reads the first code of a status CodeableConcept, e.g. Condition.clinicalStatus.
 * @param concept - the CodeableConcept
 * @returns the code in lower case, or undefined when there is none
 */
export const statusCodeOf = (concept: unknown): string | undefined => {
  const code = codingsOf(concept).find((c) => c.code !== undefined)?.code;
  return code?.toLowerCase();
};
