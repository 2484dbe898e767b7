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

/**
 * Reads when an Observation was made: effectiveDateTime, effectiveInstant, the end (else start) of
 * effectivePeriod, else `issued`.
 * @param resource - the Observation
 * @returns the day range, or undefined when the observation is undated
 */
export const effectiveRangeOf = (resource: JsonObject): DayRange | undefined => {
  const period = asObject(resource['effectivePeriod']);
  return (
    dayRangeOf(resource['effectiveDateTime']) ??
    dayRangeOf(resource['effectiveInstant']) ??
    dayRangeOf(period?.['end']) ??
    dayRangeOf(period?.['start']) ??
    dayRangeOf(resource['issued'])
  );
};

/**
 * Reads when a Condition began: onsetDateTime, the start of onsetPeriod, else recordedDate.
 * @param resource - the Condition
 * @returns the day range, or undefined when no date is given (onsetAge and onsetString are not read)
 */
export const onsetRangeOf = (resource: JsonObject): DayRange | undefined =>
  dayRangeOf(resource['onsetDateTime']) ??
  dayRangeOf(asObject(resource['onsetPeriod'])?.['start']) ??
  dayRangeOf(resource['recordedDate']);
