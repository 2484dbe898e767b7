import type { MappingContext } from './context.js';
import { findCoding } from './code-match.js';
import { conditionState } from './condition-status.js';
import { dayRangeOf, isoDateOf, onsetRangeOf } from './dates.js';
import { asObject, codingsOf, textsOf, type JsonObject } from './json.js';
import { datedObservations, latestObservations, type DatedObservation } from './observations.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry } from './references.js';

/** The pregnancy values the adapter can affirm; "postpartum" is never inferred. */
export type PregnancyValue = 'pregnant' | 'not-pregnant';

const FIELD = 'patient.pregnancy';

interface StatusReading {
  readonly value?: PregnancyValue;
  /** The Observations that gave the value. */
  readonly references?: readonly string[];
  readonly gaps: readonly Gap[];
}

const nameOf = (entry: Entry): string => textsOf(entry.resource['code'])[0] ?? 'pregnancy record';

type Answer = PregnancyValue | 'uncertain' | 'unknown';

const answerOf = (observation: DatedObservation): Answer => {
  const answer = codingsOf(observation.entry.resource['valueCodeableConcept']);
  if (findCoding('pregnancy-status-pregnant', answer) !== undefined) return 'pregnant';
  if (findCoding('pregnancy-status-not-pregnant', answer) !== undefined) return 'not-pregnant';
  return findCoding('pregnancy-status-uncertain', answer) === undefined ? 'unknown' : 'uncertain';
};

const saidBy = (observation: DatedObservation): string => textsOf(observation.entry.resource['valueCodeableConcept'])[0] ?? 'no coded answer';

const writtenWhen = (observation: DatedObservation): string => {
  const resource = observation.entry.resource;
  const period = asObject(resource['effectivePeriod']);
  const value = [resource['effectiveDateTime'], resource['effectiveInstant'], period?.['end'], period?.['start'], resource['issued']].find(
    (v) => typeof v === 'string' && v !== '',
  );
  return typeof value === 'string' ? value : isoDateOf(observation.date.first);
};

// The latest fresh pregnancy-status answer decides; an older one says nothing about today. Answers
// that cannot be ordered (same instant, or the same day without a time) decide only if they agree.
const readStatus = (ctx: MappingContext): StatusReading => {
  const found = datedObservations(ctx, 'pregnancy-status', FIELD);
  const latest = latestObservations(found.value);
  const [first] = latest;
  if (first === undefined) return { gaps: found.gaps };
  const newest = latest.reduce((a, b) => (b.date.first > a.date.first ? b : a), first);
  const age = ctx.asOfDay - newest.date.first;
  if (age > ctx.recency.pregnancyStatusMaxAgeDays) {
    const message = `Latest pregnancy status (${isoDateOf(newest.date.first)}) is ${age} days old, more than ${ctx.recency.pregnancyStatusMaxAgeDays}; not used`;
    return { gaps: [...found.gaps, gap(newest.reference, 'stale', message, FIELD)] };
  }
  const answers = new Set(latest.map(answerOf));
  const [only, ...others] = [...answers];
  if (only !== undefined && others.length > 0) {
    const listed = latest.map((o) => `${o.reference} "${saidBy(o)}" (${writtenWhen(o)})`).join(', ');
    const message = `The latest pregnancy statuses disagree and cannot be ordered by their time: ${listed}; pregnancy left undocumented`;
    return { gaps: [...found.gaps, ...latest.map((o) => gap(o.reference, 'conflict', message, FIELD))] };
  }
  const references = latest.map((o) => o.reference);
  if (only === 'pregnant' || only === 'not-pregnant') return { value: only, references, gaps: found.gaps };
  const why = only === 'uncertain' ? 'neither affirms nor excludes a pregnancy' : 'is not a known answer';
  return { gaps: [...found.gaps, ...latest.map((o) => gap(o.reference, 'uncertain', `Pregnancy status "${saidBy(o)}" ${why}; pregnancy left undocumented`, FIELD))] };
};

const endedDay = (resource: JsonObject): number | undefined =>
  (dayRangeOf(resource['abatementDateTime']) ?? dayRangeOf(asObject(resource['abatementPeriod'])?.['end']))?.last;

// A pregnancy Condition counts when it is current and began within the pregnancy window.
const readConditions = (ctx: MappingContext): { readonly references: readonly string[]; readonly gaps: readonly Gap[] } => {
  const references: string[] = [];
  const gaps: Gap[] = [];
  for (const entry of ctx.entriesOf('Condition')) {
    const codings = codingsOf(entry.resource['code']);
    const pregnancy = findCoding('pregnancy', codings) !== undefined;
    const ended = !pregnancy && findCoding('pregnancy-ended', codings) !== undefined;
    if (!pregnancy && !ended) continue;
    const state = conditionState(entry.resource, ctx.asOfDay);
    const reference = referenceOf(entry);
    const name = nameOf(entry);
    if (state === 'excluded') continue;
    if (state === 'past') {
      const end = endedDay(entry.resource);
      if (end !== undefined && ctx.asOfDay - end <= ctx.recency.postpartumDays) {
        gaps.push(gap(reference, 'not_current', `"${name}" ended on ${isoDateOf(end)}, ${ctx.asOfDay - end} days before asOf; the patient may be postpartum, which is not inferred`, FIELD));
      }
      continue;
    }
    const onset = onsetRangeOf(entry.resource);
    if (onset === undefined) {
      gaps.push(gap(reference, 'undated', `"${name}" has no onset date, so it cannot be judged current; pregnancy left undocumented`, FIELD));
      continue;
    }
    const age = ctx.asOfDay - onset.last;
    if (ended) {
      gaps.push(gap(reference, 'not_current', `"${name}" (${isoDateOf(onset.last)}, never abated) records the end of a pregnancy, not a current one; pregnancy status needs confirming`, FIELD));
    } else if (age > ctx.recency.pregnancyConditionMaxAgeDays) {
      gaps.push(gap(reference, 'not_current', `"${name}" began ${age} days before asOf (${isoDateOf(onset.last)}) and was never abated; not a current pregnancy`, FIELD));
    } else {
      references.push(reference);
    }
  }
  return { references, gaps };
};

/**
 * Maps pregnancy: "pregnant" from a current pregnancy Condition (onset within the pregnancy window,
 * not abated) or from the latest fresh pregnancy-status Observation; "not-pregnant" only from the
 * latest fresh Observation answering "not pregnant" when no current Condition says otherwise.
 * Uncertain answers, stale records and never-abated old pregnancies are reported in gaps.
 * @param ctx - the mapping context
 * @returns the pregnancy value, or undefined when nothing current affirms either
 */
export const mapPregnancy = (ctx: MappingContext): Mapped<PregnancyValue | undefined> => {
  const status = readStatus(ctx);
  const conditions = readConditions(ctx);
  const gaps = [...status.gaps, ...conditions.gaps];
  const statusRefs = status.references ?? [];
  if (conditions.references.length > 0) {
    if (status.value === 'not-pregnant') {
      statusRefs.forEach((r) => gaps.push(gap(r, 'conflict', 'Pregnancy status says "not pregnant" but a current pregnancy Condition says pregnant; "pregnant" kept', FIELD)));
    }
    const references = [...conditions.references, ...(status.value === 'pregnant' ? statusRefs : [])];
    return { value: 'pregnant', provenance: { [FIELD]: references }, gaps };
  }
  if (status.value === undefined) return { value: undefined, provenance: {}, gaps };
  return { value: status.value, provenance: { [FIELD]: statusRefs }, gaps };
};
