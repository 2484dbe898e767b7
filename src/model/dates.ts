const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const parseDayNumber = (value: string): number | undefined => {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return time / MS_PER_DAY;
};

// Requests repeat the same few dates (the session date, "today", earlier sessions), so each string
// is parsed once; the cache is emptied when full, so it stays small whatever the callers pass.
const DAY_CACHE_SIZE = 1024;
const dayCache = new Map<string, number | undefined>();

/**
 * Converts a `YYYY-MM-DD` string to a day number (days since 1970-01-01), rejecting impossible dates.
 * @param value - the date string
 * @returns the day number, or undefined when the string is malformed or not a calendar date
 */
export const toDayNumber = (value: string): number | undefined => {
  const known = dayCache.get(value);
  if (known !== undefined || dayCache.has(value)) return known;
  const day = parseDayNumber(value);
  if (dayCache.size >= DAY_CACHE_SIZE) dayCache.clear();
  dayCache.set(value, day);
  return day;
};

/**
 * Tells whether a string is a real calendar date written as `YYYY-MM-DD`.
 * @param value - the date string
 * @returns true for e.g. `2024-02-29`, false for `2023-02-29` or `2024-2-1`
 */
export const isCalendarDate = (value: string): boolean => toDayNumber(value) !== undefined;

/**
 * Formats a JavaScript date as `YYYY-MM-DD` in UTC.
 * @param date - the date
 * @returns the ISO calendar date
 */
export const toIsoDate = (date: Date): string => date.toISOString().slice(0, 10);
