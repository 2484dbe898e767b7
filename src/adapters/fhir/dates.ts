import { toDayNumber } from '../../model/dates.js';
import { asObject, asString, type JsonObject } from './json.js';

/** The days a FHIR date may mean: a full date is one day, `2021-03` a month, `1957` a year. */
export interface DayRange {
  /** The earliest day it can be (days since 1970-01-01). */
  readonly first: number;
  /** The latest day it can be. */
  readonly last: number;
  /** How much of the date was written. */
  readonly precision: 'year' | 'month' | 'day';
}

const MS_PER_DAY = 86_400_000;
const PARTIAL = /^(\d{4})(?:-(\d{2}))?$/;

/**
 * Reads a FHIR date, dateTime or instant as the range of calendar days it can mean; the time and
 * time zone of a dateTime are ignored (the date as written is the day).
 * @param value - the FHIR value, or anything
 * @returns the range, or undefined when the value is not a date
 */
export const dayRangeOf = (value: unknown): DayRange | undefined => {
  const text = asString(value);
  if (text === undefined) return undefined;
  const day = toDayNumber(text.slice(0, 10));
  if (day !== undefined && (text.length === 10 || text[10] === 'T')) return { first: day, last: day, precision: 'day' };
  const match = PARTIAL.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { first: Date.UTC(year, 0, 1) / MS_PER_DAY, last: Date.UTC(year, 11, 31) / MS_PER_DAY, precision: 'year' };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return { first: Date.UTC(year, month - 1, 1) / MS_PER_DAY, last: Date.UTC(year, month, 0) / MS_PER_DAY, precision: 'month' };
};

/**
 * Writes a day number as a calendar date.
 * @param day - days since 1970-01-01
 * @returns the date as `YYYY-MM-DD`
 */
export const isoDateOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * Counts the whole years from one day to another, as ages are counted.
 * @param from - the birth day
 * @param to - the day the age is wanted for
 * @returns completed years
 */
export const completedYears = (from: number, to: number): number => {
  const a = new Date(from * MS_PER_DAY);
  const b = new Date(to * MS_PER_DAY);
  const beforeBirthday =
    b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate());
  return b.getUTCFullYear() - a.getUTCFullYear() - (beforeBirthday ? 1 : 0);
};

// A FHIR dateTime or instant with a time must carry a zone; without one, the instant is unknown.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** When something happened: the days it can mean, and the exact instant when a time is given. */
export interface When {
  readonly range: DayRange;
  /** Milliseconds since 1970-01-01T00:00Z, when the value has a time and a zone. */
  readonly instant?: number;
}

/**
 * Reads a FHIR date, dateTime or instant with its time, when it has one.
 * @param value - the FHIR value, or anything
 * @returns the day range and the instant, or undefined when the value is not a date
 */
export const whenOf = (value: unknown): When | undefined => {
  const range = dayRangeOf(value);
  if (range === undefined) return undefined;
  const text = asString(value) ?? '';
  const instant = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isFinite(instant) ? { range, instant } : { range };
};

/**
 * Reads when an Observation was made, with its time when given: effectiveDateTime,
 * effectiveInstant, the end (else start) of effectivePeriod, else `issued`.
 * @param resource - the Observation
 * @returns the days and instant, or undefined when the observation is undated
 */
export const effectiveWhenOf = (resource: JsonObject): When | undefined => {
  const period = asObject(resource['effectivePeriod']);
  return (
    whenOf(resource['effectiveDateTime']) ??
    whenOf(resource['effectiveInstant']) ??
    whenOf(period?.['end']) ??
    whenOf(period?.['start']) ??
    whenOf(resource['issued'])
  );
};

/**
 * Reads when an Observation was made: effectiveDateTime, effectiveInstant, the end (else start) of
 * effectivePeriod, else `issued`.
 * @param resource - the Observation
 * @returns the day range, or undefined when the observation is undated
 */
export const effectiveRangeOf = (resource: JsonObject): DayRange | undefined => effectiveWhenOf(resource)?.range;

/**
 * Tells whether one moment is surely after another: by instant when both have one, else by day
 * (a day, month or year that overlaps the other's cannot be ordered).
 * @param a - the first
 * @param b - the second
 * @returns true when a is after b
 */
export const isAfter = (a: When, b: When): boolean =>
  a.instant !== undefined && b.instant !== undefined ? a.instant > b.instant : a.range.first > b.range.last;

/**
 * A key that sorts moments in time: the instant, else the start of the first day.
 * @param when - the moment
 * @returns milliseconds since 1970-01-01
 */
export const sortKeyOf = (when: When): number => when.instant ?? when.range.first * MS_PER_DAY;

/**
 * Reads when a Condition began: onsetDateTime, the start of onsetPeriod, else recordedDate.
 * @param resource - the Condition
 * @returns the day range, or undefined when no date is given (onsetAge and onsetString are not read)
 */
export const onsetRangeOf = (resource: JsonObject): DayRange | undefined =>
  dayRangeOf(resource['onsetDateTime']) ??
  dayRangeOf(asObject(resource['onsetPeriod'])?.['start']) ??
  dayRangeOf(resource['recordedDate']);
