/** The value a fact takes when the request does not document it; never the same as "absent". */
export const UNDOCUMENTED = 'undocumented';
/** The type of {@link UNDOCUMENTED}. */
export type Undocumented = typeof UNDOCUMENTED;
/** A fact that is either documented, with its value, or undocumented. */
export type Documented<T> = T | Undocumented;

/**
 * Maps an optional request value to a documented fact, keeping "undocumented" distinct.
 * @param value - the request's value, undefined when omitted
 * @returns the value, or `'undocumented'`
 */
export const documented = <T>(value: T | undefined): Documented<T> => (value === undefined ? UNDOCUMENTED : value);
