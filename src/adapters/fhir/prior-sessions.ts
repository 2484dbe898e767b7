import type { PriorSession } from '../../model/request-schema.js';
import { matchesConcept } from './code-match.js';
import type { MappingContext } from './context.js';
import { dayRangeOf, isoDateOf } from './dates.js';
import { performedRangeOf } from './encounters-procedures.js';
import { asArray, asObject, asString, codingsOf, textsOf } from './json.js';
import { readMedication } from './medication.js';
import { percentFromRatio, percentFromTexts } from './order-quantities.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { quantityOf, toMillilitres } from './quantity.js';
import { referenceOf, referenceString, typeAndIdOf, type Entry } from './references.js';
import { sclerosantsNamed } from './sclerosants.js';

const FIELD = 'priorSessions';
const NOT_GIVEN = new Set(['not-done', 'entered-in-error']);
const PROCEDURE_DONE = new Set(['completed', 'in-progress']);

/** A session the record shows but cannot describe (no agent, volume or date): earlier sessions cannot be listed in full. */
export interface UnreadSession {
  /** Its day, when known: a session listed elsewhere for that day describes it. */
  readonly date?: string;
  readonly reference: string;
  readonly why: string;
}

/** The earlier sessions the record describes, those it only mentions, and the Procedures that are sessions. */
export interface RecordSessions {
  readonly sessions: readonly PriorSession[];
  readonly unread: readonly UnreadSession[];
  /** The sclerotherapy Procedures, so that they are not counted as surgery. */
  readonly procedures: ReadonlySet<string>;
}

interface Administration {
  readonly session?: PriorSession;
  readonly unread?: UnreadSession;
  readonly gap?: Gap;
}

const readAdministration = (entry: Entry, ctx: MappingContext): Administration | undefined => {
  const status = asString(entry.resource['status']) ?? 'unknown';
  if (NOT_GIVEN.has(status)) return undefined;
  const medication = readMedication(entry, ctx.index);
  const agents = sclerosantsNamed(medication.codings, medication.texts);
  const [agent, other] = agents;
  if (agent === undefined) return undefined;
  const reference = referenceOf(entry);
  const period = asObject(entry.resource['effectivePeriod']);
  const day = dayRangeOf(entry.resource['effectiveDateTime']) ?? dayRangeOf(period?.['start']) ?? dayRangeOf(period?.['end']);
  if (day !== undefined && day.first > ctx.asOfDay) return undefined;
  const date = day === undefined || day.precision !== 'day' ? undefined : isoDateOf(day.first);
  const unread = (why: string): Administration => ({ unread: { ...(date === undefined ? {} : { date }), reference, why } });
  if (other !== undefined) return unread('it names several sclerosing agents');
  if (date === undefined) return unread('it has no effective date to the day');
  const dosage = asObject(entry.resource['dosage']);
  const dose = quantityOf(dosage?.['dose']);
  const ml = dose === undefined ? undefined : toMillilitres(dose);
  if (ml === undefined || ml < 0) return unread('its dose is not a volume in mL');
  const texts = [...medication.texts, ...(asString(dosage?.['text']) === undefined ? [] : [String(dosage?.['text'])])];
  const strength = medication.ingredients.map((i) => (i.strength === undefined ? undefined : percentFromRatio(i.strength))).find((p) => p !== undefined);
  const written = percentFromTexts(texts);
  const concentrationPercent = strength ?? (written.ambiguous ? undefined : written.value);
  const foam = matchesConcept('foam-formulation', medication.codings, texts);
  const liquid = !foam && matchesConcept('liquid-formulation', medication.codings, texts);
  const session: PriorSession = {
    date,
    agent,
    totalVolumeMl: ml,
    ...(foam ? { formulation: 'foam' as const } : liquid ? { formulation: 'liquid' as const } : {}),
    ...(concentrationPercent === undefined ? {} : { concentrationPercent }),
  };
  const caveat = status === 'completed' ? undefined : gap(reference, 'counted_with_caveat', `A sclerosant administration with status "${status}" is counted as an earlier session of ${ml} mL on ${date}`, FIELD);
  return { session, ...(caveat === undefined ? {} : { gap: caveat }) };
};

// Administrations of the order being checked are that order, not an earlier session.
const isOfOrders = (entry: Entry, orders: ReadonlySet<string>): boolean => {
  const request = referenceString(entry.resource['request']);
  const target = request === undefined ? undefined : typeAndIdOf(request) ?? request;
  return target !== undefined && orders.has(target);
};

/**
 * Reads earlier sclerotherapy sessions from the record: each sclerosant MedicationAdministration
 * (not "not-done" or entered in error, dated on or before asOf) with its day, agent, dose in mL,
 * and, when stated, strength and form; administrations that are not completed are counted with a
 * gap. A sclerotherapy Procedure (CPT 36465-36471, or named so) of a day without such an
 * administration, or an administration without a readable dose, agent or day, is a session the
 * record cannot describe: it is returned in `unread`, and earlier sessions then stay
 * undocumented unless another source describes a session of that day. The record alone never
 * says there was no earlier session.
 * @param ctx - the mapping context
 * @param orders - the orders being checked (`Type/id`), whose administrations are not earlier sessions
 * @returns the sessions, the unread ones and the sclerotherapy Procedures, with provenance and gaps
 */
export const mapPriorSessions = (ctx: MappingContext, orders: ReadonlySet<string>): Mapped<RecordSessions> => {
  const sessions: PriorSession[] = [];
  const unread: UnreadSession[] = [];
  const sources: string[] = [];
  const gaps: Gap[] = [];
  for (const entry of ctx.entriesOf('MedicationAdministration')) {
    if (isOfOrders(entry, orders)) continue;
    const read = readAdministration(entry, ctx);
    if (read === undefined) continue;
    if (read.session !== undefined) {
      sessions.push(read.session);
      sources.push(referenceOf(entry));
    }
    if (read.unread !== undefined) unread.push(read.unread);
    if (read.gap !== undefined) gaps.push(read.gap);
  }
  const procedures = new Set<string>();
  for (const entry of ctx.entriesOf('Procedure')) {
    const code = entry.resource['code'];
    if (!matchesConcept('sclerotherapy-procedure', codingsOf(code), textsOf(code))) continue;
    const reference = referenceOf(entry);
    procedures.add(reference);
    if (!PROCEDURE_DONE.has(asString(entry.resource['status']) ?? '')) continue;
    const performed = performedRangeOf(entry.resource);
    if (performed !== undefined && performed.first > ctx.asOfDay) continue;
    const date = performed === undefined || performed.precision !== 'day' ? undefined : isoDateOf(performed.first);
    if (date !== undefined && sessions.some((s) => s.date === date)) continue;
    const used = asArray(entry.resource['usedCode']).length > 0 ? ' (the agents used are named, but not the volume)' : '';
    unread.push({ ...(date === undefined ? {} : { date }), reference, why: `it is a sclerotherapy procedure without a sclerosant administration of the same day${used}` });
  }
  return { value: { sessions, unread, procedures }, provenance: sources.length === 0 ? {} : { [FIELD]: sources }, gaps };
};
