import * as E from 'fp-ts/lib/Either.js';
import { HISTORY_FIELD_TABLE, type HistoryField } from '../../model/clinical-fields.js';
import type { Issues } from '../../model/issues.js';
import { parseRequest } from '../../model/parse-request.js';
import type { AssessmentRequest, PlannedSession, PriorSession } from '../../model/request-schema.js';
import type { Agent } from '../../model/vocabulary.js';

type Patient = AssessmentRequest['patient'];
type History = AssessmentRequest['history'];
type Duplex = NonNullable<AssessmentRequest['duplexUltrasound']>;

/**
 * Fields confirmed outside the record, e.g. by a completed screening questionnaire: a partial
 * request. A field left out is not confirmed either way.
 */
export interface ConfirmedFields {
  readonly patient?: Readonly<Pick<Patient, 'weightKg' | 'pregnancy' | 'breastfeeding'>>;
  readonly history?: Readonly<Partial<History>>;
  readonly priorSessions?: readonly PriorSession[];
  readonly duplexUltrasound?: Duplex;
  readonly plannedSession?: Readonly<Pick<PlannedSession, 'foam' | 'thromboprophylaxisDecision'>>;
}

/** A field on which the request and the confirmed fields disagree, and the value kept. */
export interface FieldConflict {
  /** The request path, e.g. `history.acuteThromboembolism`. */
  readonly path: string;
  /** The request's value before the merge. */
  readonly recorded: unknown;
  /** The confirmed value. */
  readonly confirmed: unknown;
  /** The value kept: the one that is not the safer of the two. */
  readonly kept: unknown;
}

/** What a merge did: the paths taken from the confirmed fields, the conflicts, and the paths that did not apply. */
export interface MergeReport {
  readonly filled: readonly string[];
  readonly conflicts: readonly FieldConflict[];
  /** Confirmed paths that had nothing to apply to (foam answers without a planned foam session). */
  readonly unused: readonly string[];
}

/** A request's history before validation: lists may be read-only. */
export type DraftHistory = Omit<History, 'sclerosantAllergies'> & { readonly sclerosantAllergies?: readonly Agent[] | undefined };

/** A request before validation: the shape of an assessment request, with any optional part. */
export interface RequestDraft {
  readonly patient: Patient;
  readonly history: DraftHistory;
  readonly veins: readonly AssessmentRequest['veins'][number][];
  readonly plannedSession?: PlannedSession | undefined;
  readonly priorSessions?: readonly PriorSession[] | undefined;
  readonly duplexUltrasound?: Duplex | undefined;
}

// Higher is less safe. Enumerated history values are listed safest first in the field table.
const PREGNANCY_RANK: Readonly<Record<string, number>> = { 'not-pregnant': 0, postpartum: 1, pregnant: 2 };
const rankOf = (path: string, value: unknown): number => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (path === 'patient.pregnancy') return PREGNANCY_RANK[String(value)] ?? 0;
  const field = path.slice('history.'.length) as HistoryField;
  return (HISTORY_FIELD_TABLE[field].values as readonly unknown[]).indexOf(value);
};

interface Merger {
  readonly filled: string[];
  readonly conflicts: FieldConflict[];
  readonly unused: string[];
  /** Merges one value: an undocumented field takes the confirmed value; otherwise `pick` chooses. */
  readonly scalar: <T>(path: string, recorded: T | undefined, confirmed: T | undefined, pick: (a: T, b: T) => T) => T | undefined;
  /** Merges two lists: their union; an empty list ("none") never wins over a non-empty one. */
  readonly list: <T>(path: string, recorded: readonly T[] | undefined, confirmed: readonly T[] | undefined, key: (item: T) => string) => readonly T[] | undefined;
}

const newMerger = (): Merger => {
  const filled: string[] = [];
  const conflicts: FieldConflict[] = [];
  const scalar = <T>(path: string, recorded: T | undefined, confirmed: T | undefined, pick: (a: T, b: T) => T): T | undefined => {
    if (confirmed === undefined) return recorded;
    if (recorded === undefined) {
      filled.push(path);
      return confirmed;
    }
    if (JSON.stringify(recorded) === JSON.stringify(confirmed)) return recorded;
    const kept = pick(recorded, confirmed);
    if (kept === confirmed) filled.push(path);
    conflicts.push({ path, recorded, confirmed, kept });
    return kept;
  };
  const list = <T>(path: string, recorded: readonly T[] | undefined, confirmed: readonly T[] | undefined, key: (item: T) => string): readonly T[] | undefined => {
    if (confirmed === undefined) return recorded;
    if (recorded === undefined) {
      filled.push(path);
      return confirmed;
    }
    const seen = new Set(recorded.map(key));
    const added = confirmed.filter((item) => !seen.has(key(item)));
    const merged = [...recorded, ...added];
    if (added.length > 0) filled.push(path);
    if ((recorded.length === 0) !== (confirmed.length === 0)) conflicts.push({ path, recorded, confirmed, kept: merged });
    return merged;
  };
  return { filled, conflicts, unused: [], scalar, list };
};

const lessSafe = (path: string) => <T>(a: T, b: T): T => (rankOf(path, b) > rankOf(path, a) ? b : a);

const mergeHistory = (m: Merger, recorded: DraftHistory, confirmed: Readonly<Partial<History>>): DraftHistory => {
  const out: Record<string, unknown> = { ...recorded };
  for (const field of Object.keys(confirmed) as HistoryField[]) {
    const path = `history.${field}`;
    if (field === 'sclerosantAllergies') {
      const merged = m.list<Agent>(path, recorded.sclerosantAllergies, confirmed.sclerosantAllergies, String);
      if (merged !== undefined) out[field] = [...merged];
      continue;
    }
    const value = m.scalar<unknown>(path, recorded[field], confirmed[field], lessSafe(path));
    if (value !== undefined) out[field] = value;
  }
  return out as DraftHistory;
};

const mergePatient = (m: Merger, recorded: Patient, confirmed: ConfirmedFields['patient']): Patient => {
  if (confirmed === undefined) return recorded;
  // The lower weight is the cautious one for weight-based dose limits.
  const weightKg = m.scalar('patient.weightKg', recorded.weightKg, confirmed.weightKg, (a, b) => Math.min(a, b));
  const pregnancy = m.scalar('patient.pregnancy', recorded.pregnancy, confirmed.pregnancy, lessSafe('patient.pregnancy'));
  const breastfeeding = m.scalar('patient.breastfeeding', recorded.breastfeeding, confirmed.breastfeeding, lessSafe('patient.breastfeeding'));
  return {
    ...recorded,
    ...(weightKg === undefined ? {} : { weightKg }),
    ...(pregnancy === undefined ? {} : { pregnancy }),
    ...(breastfeeding === undefined ? {} : { breastfeeding }),
  };
};

// The later scan wins; scans of the same day are combined, every affected leg kept.
const laterDuplex = (a: Duplex, b: Duplex): Duplex => {
  if (a.date !== b.date) return a.date > b.date ? a : b;
  const union = (x: readonly Duplex['truncalReflux'][number][], y: readonly Duplex['truncalReflux'][number][]) => [...new Set([...x, ...y])].sort();
  return { date: a.date, truncalReflux: union(a.truncalReflux, b.truncalReflux), deepVenousDisease: union(a.deepVenousDisease, b.deepVenousDisease) };
};

const sessionKey = (s: PriorSession): string => `${s.date}|${s.agent}|${s.totalVolumeMl}`;

const mergePlanned = (m: Merger, recorded: PlannedSession | undefined, confirmed: ConfirmedFields['plannedSession']): PlannedSession | undefined => {
  if (confirmed === undefined) return recorded;
  const answered = [
    ...(confirmed.thromboprophylaxisDecision === undefined ? [] : ['plannedSession.thromboprophylaxisDecision']),
    ...Object.keys(confirmed.foam ?? {}).map((k) => `plannedSession.foam.${k}`),
  ];
  if (recorded === undefined) {
    m.unused.push(...answered);
    return recorded;
  }
  const decision = m.scalar('plannedSession.thromboprophylaxisDecision', recorded.thromboprophylaxisDecision, confirmed.thromboprophylaxisDecision, (a) => a);
  let foam = recorded.foam;
  if (confirmed.foam !== undefined && recorded.formulation !== 'foam') {
    m.unused.push(...answered.filter((p) => p.startsWith('plannedSession.foam')));
  } else if (confirmed.foam !== undefined) {
    const liquidVolumeMl = m.scalar('plannedSession.foam.liquidVolumeMl', foam?.liquidVolumeMl, confirmed.foam.liquidVolumeMl, (a, b) => Math.max(a, b));
    const gas = m.scalar('plannedSession.foam.gas', foam?.gas, confirmed.foam.gas, (a) => a);
    foam = { ...foam, ...(liquidVolumeMl === undefined ? {} : { liquidVolumeMl }), ...(gas === undefined ? {} : { gas }) };
  }
  return { ...recorded, ...(decision === undefined ? {} : { thromboprophylaxisDecision: decision }), ...(foam === undefined ? {} : { foam }) };
};

/**
 * Merges confirmed fields into a request draft. An undocumented field takes the confirmed value.
 * A documented one is never made safer: a "no" never overrides a recorded "yes" (the less safe
 * value is kept and the disagreement reported), allergies and earlier sessions are united (an
 * empty list never wins over a non-empty one), the lower weight is kept, and of two duplex scans
 * the later one.
 * @param draft - the request draft
 * @param confirmed - the confirmed fields
 * @returns the merged draft, with what was filled, what conflicted and what did not apply
 */
export const mergeConfirmed = (draft: RequestDraft, confirmed: ConfirmedFields): { readonly draft: RequestDraft; readonly report: MergeReport } => {
  const m = newMerger();
  const history = confirmed.history === undefined ? draft.history : mergeHistory(m, draft.history, confirmed.history);
  const patient = mergePatient(m, draft.patient, confirmed.patient);
  const priorSessions = m.list('priorSessions', draft.priorSessions, confirmed.priorSessions, sessionKey);
  const duplexUltrasound = m.scalar('duplexUltrasound', draft.duplexUltrasound, confirmed.duplexUltrasound, laterDuplex);
  const plannedSession = mergePlanned(m, draft.plannedSession, confirmed.plannedSession);
  const merged: RequestDraft = {
    ...draft,
    patient,
    history,
    ...(priorSessions === undefined ? {} : { priorSessions }),
    ...(duplexUltrasound === undefined ? {} : { duplexUltrasound }),
    ...(plannedSession === undefined ? {} : { plannedSession }),
  };
  return { draft: merged, report: { filled: m.filled, conflicts: m.conflicts, unused: m.unused } };
};

/**
 * Adds fields an app collected itself (for example its own screening form) to a valid request.
 * Undocumented fields take the confirmed values; documented ones are never made safer (see
 * {@link mergeConfirmed}), and each disagreement is reported.
 * @param request - a valid assessment request
 * @param confirmed - the confirmed fields
 * @returns the merged request, validated, with the conflicts and the paths that did not apply;
 * or the issues when the merged request is invalid (e.g. an earlier session after the planned date)
 */
export const withConfirmedFields = (
  request: AssessmentRequest,
  confirmed: ConfirmedFields,
): E.Either<Issues, { readonly request: AssessmentRequest; readonly conflicts: readonly FieldConflict[]; readonly unused: readonly string[] }> => {
  const { draft, report } = mergeConfirmed(request, confirmed);
  const parsed = parseRequest(draft);
  return E.isLeft(parsed) ? parsed : E.right({ request: parsed.right, conflicts: report.conflicts, unused: report.unused });
};
