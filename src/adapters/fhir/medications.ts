import type { MappingContext } from './context.js';
import { matchesConcept } from './code-match.js';
import type { Concept } from './codes.js';
import { dayRangeOf } from './dates.js';
import { asObject, asString } from './json.js';
import { readMedication } from './medication.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry } from './references.js';

/** The history fields the patient's medications can affirm. */
export interface MedicationHistory {
  readonly estrogenTherapy?: true;
  readonly anticoagulated?: true;
}

const COUNTED = new Set(['active', 'on-hold']);
const TRACKED: readonly { readonly concept: Concept; readonly field: keyof MedicationHistory; readonly name: string }[] = [
  { concept: 'estrogen-therapy', field: 'estrogenTherapy', name: 'estrogen-containing product' },
  { concept: 'anticoagulants', field: 'anticoagulated', name: 'anticoagulant' },
];

// A MedicationStatement whose effective period ended before asOf is no longer taken.
const endedBefore = (entry: Entry, asOfDay: number): boolean => {
  const end = dayRangeOf(asObject(entry.resource['effectivePeriod'])?.['end']);
  return end !== undefined && end.last < asOfDay;
};

/**
 * Maps the patient's MedicationRequests and MedicationStatements to history.estrogenTherapy and
 * history.anticoagulated, by the RxNorm lists of codes/estrogen-therapy.json and
 * codes/anticoagulants.json (and the substance names they list). Status active counts; on-hold
 * counts too (a held warfarin or pill is usually resumed), with a gap; a draft prescription is
 * reported in gaps but not counted; every other status is ignored.
 * @param ctx - the mapping context
 * @returns the affirmed fields, with the records they came from
 */
export const mapMedications = (ctx: MappingContext): Mapped<MedicationHistory> => {
  const values: { estrogenTherapy?: true; anticoagulated?: true } = {};
  const provenance: Record<string, string[]> = {};
  const gaps: Gap[] = [];
  const entries = [...ctx.entriesOf('MedicationRequest'), ...ctx.entriesOf('MedicationStatement')];
  for (const entry of entries) {
    const status = asString(entry.resource['status']) ?? 'unknown';
    if (!COUNTED.has(status) && status !== 'draft') continue;
    if (entry.resource.resourceType === 'MedicationStatement' && endedBefore(entry, ctx.asOfDay)) continue;
    const reference = referenceOf(entry);
    const medication = readMedication(entry, ctx.index);
    if (medication.unresolved !== undefined && status !== 'draft') {
      const only = medication.texts.length === 0 ? 'could not be checked' : `was checked by its display "${medication.texts.join('", "')}" only`;
      gaps.push(gap(reference, 'unresolved_reference', `Medication "${medication.unresolved}" is not in the input; this ${status} medication ${only}`));
    }
    for (const tracked of TRACKED) {
      if (!matchesConcept(tracked.concept, medication.codings, medication.texts)) continue;
      const field = `history.${tracked.field}`;
      if (status === 'draft') {
        gaps.push(gap(reference, 'not_counted', `A draft prescription of an ${tracked.name} is not yet a medication the patient takes; not counted`, field));
        continue;
      }
      values[tracked.field] = true;
      provenance[field] = [...(provenance[field] ?? []), reference];
      if (status === 'on-hold') {
        gaps.push(gap(reference, 'counted_with_caveat', `An ${tracked.name} on hold is counted as current; confirm whether it has been stopped`, field));
      }
    }
  }
  return { value: values, provenance, gaps };
};
