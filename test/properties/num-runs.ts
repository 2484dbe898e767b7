/** How many cases each property runs in CI (at least 200); PROPERTY_RUNS raises it for a deeper search. */
export const NUM_RUNS = Math.max(200, Number(process.env['PROPERTY_RUNS'] ?? 200));
