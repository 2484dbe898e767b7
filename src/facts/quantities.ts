/**
 * Rounds a derived quantity to 9 decimals: sums such as 5.2 + 4.8 compare as the clinician would
 * write them, while any real excess (a nanolitre and up) still counts.
 * @param value - the quantity
 * @returns the rounded quantity
 */
export const roundQuantity = (value: number): number => Math.round(value * 1e9) / 1e9;
