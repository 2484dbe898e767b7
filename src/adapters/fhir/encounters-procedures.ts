import { readBodySite } from './body-site.js';
import { matchesConcept } from './code-match.js';
import type { MappingContext } from './context.js';
import { dayRangeOf, isoDateOf, type DayRange } from './dates.js';
import { asArray, asObject, asString, codingsOf, textsOf, type JsonObject } from './json.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry } from './references.js';

const SURGERY_FIELD = 'history.recentMajorSurgeryOrHospitalization';
const DUPLEX_FIELD = 'duplexUltrasound';

// HL7 v3 ActEncounterCode: inpatient (IMP, and its specialisations ACUTE and NONAC) and emergency (EMER).
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const HOSPITAL_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC', 'EMER']);
const ENCOUNTER_NOT_HAPPENED = new Set(['planned', 'cancelled', 'entered-in-error']);
const PROCEDURE_DONE = new Set(['completed', 'in-progress']);
const REPORT_USABLE = new Set(['final', 'amended', 'corrected', 'appended']);

/** The part of the history and the gaps the patient's Encounters and Procedures give. */
export interface EncounterHistory {
  readonly recentMajorSurgeryOrHospitalization?: true;
}

/** When a Procedure was performed: performedDateTime, else the end (or start) of performedPeriod. */
export const performedRangeOf = (resource: JsonObject): DayRange | undefined => {
  const period = asObject(resource['performedPeriod']);
  return dayRangeOf(resource['performedDateTime']) ?? dayRangeOf(period?.['end']) ?? dayRangeOf(period?.['start']);
};

const periodOf = (resource: JsonObject): { readonly start?: DayRange; readonly end?: DayRange } => {
  const period = asObject(resource['period']);
  const start = dayRangeOf(period?.['start']);
  const end = dayRangeOf(period?.['end']);
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
};

const isHospitalClass = (resource: JsonObject): boolean => {
  const coding = asObject(resource['class']);
  const system = asString(coding?.['system']);
  const code = asString(coding?.['code'])?.toUpperCase();
  return code !== undefined && HOSPITAL_CLASSES.has(code) && (system === undefined || system === ACT_CODE || system === 'urn:oid:2.16.840.1.113883.5.4');
};

const nameOf = (resource: JsonObject, fallback: string): string =>
  [...textsOf(resource['code']), ...asArray(resource['type']).flatMap(textsOf)][0] ?? fallback;

/**
 * Reads recent major surgery or a hospital stay: an inpatient or emergency Encounter (class IMP,
 * ACUTE, NONAC or EMER, not planned, cancelled or entered in error) whose period reaches into the
 * last `recentSurgeryDays` before asOf, or a completed surgical Procedure (category 387713003)
 * performed in that window. Only ever affirms: no Encounter says there was none. An undated
 * hospital Encounter is reported; a surgical Procedure is counted with a gap, because its
 * category does not say whether it was major.
 * @param ctx - the mapping context
 * @param excluded - Procedures not to count as surgery (sclerotherapy sessions)
 * @returns the field when affirmed, with its sources, and the gaps
 */
export const mapRecentSurgery = (ctx: MappingContext, excluded: ReadonlySet<string>): Mapped<EncounterHistory> => {
  const window = ctx.recency.recentSurgeryDays;
  const sources: string[] = [];
  const gaps: Gap[] = [];
  for (const entry of ctx.entriesOf('Encounter')) {
    const status = asString(entry.resource['status']) ?? 'unknown';
    if (ENCOUNTER_NOT_HAPPENED.has(status) || !isHospitalClass(entry.resource)) continue;
    const { start, end } = periodOf(entry.resource);
    const reference = referenceOf(entry);
    if (start === undefined && end === undefined) {
      gaps.push(gap(reference, 'undated', 'A hospital or emergency encounter has no period, so whether it was in the last 3 months cannot be judged', SURGERY_FIELD));
      continue;
    }
    const began = (start ?? end)?.first ?? ctx.asOfDay;
    const lasted = end?.last ?? ctx.asOfDay; // an encounter without an end is still going on
    if (began <= ctx.asOfDay && ctx.asOfDay - lasted <= window) sources.push(reference);
  }
  for (const entry of ctx.entriesOf('Procedure')) {
    const reference = referenceOf(entry);
    if (excluded.has(reference) || !PROCEDURE_DONE.has(asString(entry.resource['status']) ?? '')) continue;
    if (!matchesConcept('surgical-procedure', codingsOf(entry.resource['category']))) continue;
    const performed = performedRangeOf(entry.resource);
    if (performed === undefined || performed.first > ctx.asOfDay || ctx.asOfDay - performed.last > window) continue;
    sources.push(reference);
    gaps.push(gap(reference, 'counted_with_caveat', `Surgery "${nameOf(entry.resource, 'surgical procedure')}" on ${isoDateOf(performed.last)} is counted as major surgery in the last 3 months; whether it was major needs confirming`, SURGERY_FIELD));
  }
  return sources.length === 0
    ? { value: {}, provenance: {}, gaps }
    : { value: { recentMajorSurgeryOrHospitalization: true }, provenance: { [SURGERY_FIELD]: sources }, gaps };
};

const duplexDate = (entry: Entry): DayRange | undefined =>
  entry.resource.resourceType === 'Procedure'
    ? performedRangeOf(entry.resource)
    : dayRangeOf(entry.resource['effectiveDateTime']) ?? dayRangeOf(asObject(entry.resource['effectivePeriod'])?.['end']) ?? dayRangeOf(entry.resource['issued']);

const isUsableDuplex = (entry: Entry): boolean => {
  const status = asString(entry.resource['status']) ?? '';
  const usable = entry.resource.resourceType === 'Procedure' ? PROCEDURE_DONE.has(status) : REPORT_USABLE.has(status);
  if (!usable || !matchesConcept('venous-duplex', codingsOf(entry.resource['code']), textsOf(entry.resource['code']))) return false;
  const site = readBodySite(entry.resource['bodySite']);
  return !site.present || site.leg || site.sides.length > 0;
};

/**
 * Reports the latest venous duplex ultrasound of the record (Procedure or DiagnosticReport coded
 * CPT 93970 or 93971, or named so): its findings are not coded, so it never fills
 * duplexUltrasound; the gap names its date and the legs scanned, for the clinician to record the
 * findings (the screening questionnaire has items for them). A scan of the arms is not reported.
 * @param ctx - the mapping context
 * @returns the gap about the latest scan, if any
 */
export const duplexGaps = (ctx: MappingContext): readonly Gap[] => {
  const scans = [...ctx.entriesOf('Procedure'), ...ctx.entriesOf('DiagnosticReport')]
    .filter(isUsableDuplex)
    .flatMap((entry) => {
      const date = duplexDate(entry);
      return date === undefined || date.first > ctx.asOfDay ? [] : [{ entry, date }];
    })
    .sort((a, b) => b.date.last - a.date.last);
  const latest = scans[0];
  if (latest === undefined) return [];
  const sides = readBodySite(latest.entry.resource['bodySite']).sides;
  const legs = sides.length === 0 ? 'legs not stated' : sides.length === 2 ? 'both legs' : `${sides[0] ?? ''} leg`;
  return [
    gap(referenceOf(latest.entry), 'uncertain', `A venous duplex ultrasound on ${isoDateOf(latest.date.last)} (${legs}) is recorded, but its findings are not coded; the duplex is left undocumented until its findings are recorded`, DUPLEX_FIELD),
  ];
};
