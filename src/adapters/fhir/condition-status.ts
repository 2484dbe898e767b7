import { dayRangeOf, onsetRangeOf } from './dates.js';
import { asObject, statusCodeOf, type JsonObject } from './json.js';

/** Where a Condition stands on the day of the assessment. */
export type ConditionState = 'current' | 'past' | 'excluded';

const PAST_CLINICAL = new Set(['inactive', 'remission', 'resolved']);
const EXCLUDED_VERIFICATION = new Set(['refuted', 'entered-in-error']);
const ABATEMENT_KEYS = ['abatementDateTime', 'abatementAge', 'abatementPeriod', 'abatementRange', 'abatementString'] as const;

/**
 * Tells whether a Condition had ended by a day: an abatement date on or before it, or an abatement
 * that cannot be dated (age, range, string), which is taken as ended.
 * @param resource - the Condition
 * @param asOfDay - the day of the assessment
 * @returns true when the condition had abated by then
 */
export const abatedBy = (resource: JsonObject, asOfDay: number): boolean => {
  const key = ABATEMENT_KEYS.find((k) => resource[k] !== undefined);
  if (key === undefined) return false;
  const period = asObject(resource['abatementPeriod']);
  const range =
    key === 'abatementDateTime'
      ? dayRangeOf(resource['abatementDateTime'])
      : key === 'abatementPeriod'
        ? dayRangeOf(period?.['end'] ?? period?.['start'])
        : undefined;
  // An abatement in the future has not happened yet; one that cannot be dated is taken at its word.
  return range === undefined ? key !== 'abatementDateTime' && key !== 'abatementPeriod' : range.last <= asOfDay;
};

/**
 * Classifies a Condition on the day of the assessment. Excluded: refuted, entered in error, or
 * beginning after that day. Past: clinical status inactive, remission or resolved, or abated by
 * then. Current: otherwise, including an absent or unknown clinical status and a verification
 * status of unconfirmed, provisional or differential (they can only add caution).
 * @param resource - the Condition
 * @param asOfDay - the day of the assessment
 * @returns the state
 */
export const conditionState = (resource: JsonObject, asOfDay: number): ConditionState => {
  const verification = statusCodeOf(resource['verificationStatus']);
  if (verification !== undefined && EXCLUDED_VERIFICATION.has(verification)) return 'excluded';
  const onset = onsetRangeOf(resource);
  if (onset !== undefined && onset.first > asOfDay) return 'excluded';
  const clinical = statusCodeOf(resource['clinicalStatus']);
  if (clinical !== undefined && PAST_CLINICAL.has(clinical)) return 'past';
  if (abatedBy(resource, asOfDay)) return 'past';
  // active, recurrence, relapse, absent, or a code this version of FHIR does not define
  return 'current';
};
