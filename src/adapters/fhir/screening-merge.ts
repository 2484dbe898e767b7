import { mergeConfirmed, type FieldConflict, type RequestDraft } from './confirmed-fields.js';
import type { MappingContext } from './context.js';
import { duplexGaps, mapRecentSurgery } from './encounters-procedures.js';
import { mapPriorSessions, type UnreadSession } from './prior-sessions.js';
import { gap, mergeProvenance, type Gap, type Provenance } from './provenance.js';
import { mapScreeningAnswers } from './screening-answers.js';

/** A request draft completed from the rest of the record and the screening answers. */
export interface Screened {
  readonly draft: RequestDraft;
  readonly provenance: Provenance;
  readonly gaps: readonly Gap[];
}

const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? '"none"' : `${value.length} item(s)`;
  if (typeof value === 'boolean') return value ? '"yes"' : '"no"';
  return typeof value === 'object' ? 'another record' : `"${String(value)}"`;
};

// A conflict names both sources: the answer (response and item) and the records it contradicts.
const conflictGap = (conflict: FieldConflict, answerSources: readonly string[], recordSources: readonly string[]): Gap => {
  // The sources without the item's linkId (a request path), which the gap's field already gives.
  const answer = [...new Set(answerSources.map((source) => source.split('#')[0] ?? source))].join(', ') || 'the screening answer';
  const record = recordSources.join(', ') || 'the record';
  const kept = conflict.kept === conflict.confirmed ? `the answer ${shown(conflict.kept)} is kept` : `${shown(conflict.kept)} from the record is kept`;
  return gap(
    answerSources[0] ?? recordSources[0] ?? 'QuestionnaireResponse',
    'conflict',
    `The screening answer (${answer}) says ${shown(conflict.confirmed)} but ${record} says ${shown(conflict.recorded)}; ${kept}, the less safe of the two, until a clinician resolves it`,
    conflict.path,
  );
};

// Sessions the record shows but cannot describe must be described by another source of their day.
const undescribed = (draft: RequestDraft, unread: readonly UnreadSession[]): readonly UnreadSession[] =>
  unread.filter((u) => u.date === undefined || !(draft.priorSessions ?? []).some((s) => s.date === u.date));

/**
 * Completes a request draft from the parts of the record the first mapping does not read
 * (Encounters and surgical Procedures for recent surgery or a hospital stay, sclerosant
 * administrations and sclerotherapy Procedures for earlier sessions, duplex scans for a gap) and
 * from the patient's screening responses. Answers fill undocumented fields; a record is never
 * made safer by an answer: the less safe value is kept, with a `conflict` gap naming both sources.
 * @param ctx - the mapping context
 * @param draft - the request draft mapped so far
 * @param orders - the orders of the planned session (`Type/id`)
 * @param provenance - the draft's provenance, to name the records an answer contradicts
 * @returns the completed draft, the provenance of what was added, and the gaps
 */
export const applyScreening = (ctx: MappingContext, draft: RequestDraft, orders: ReadonlySet<string>, provenance: Provenance): Screened => {
  const sessions = mapPriorSessions(ctx, orders);
  const surgery = mapRecentSurgery(ctx, sessions.value.procedures);
  const answers = mapScreeningAnswers(ctx);
  const recorded = sessions.value.sessions;
  const base: RequestDraft = {
    ...draft,
    history: { ...draft.history, ...surgery.value },
    ...(recorded.length === 0 ? {} : { priorSessions: recorded }),
  };
  const known = mergeProvenance(provenance, surgery.provenance, sessions.provenance);
  const { draft: merged, report } = mergeConfirmed(base, answers.value);
  const gaps: Gap[] = [...surgery.gaps, ...sessions.gaps, ...duplexGaps(ctx), ...answers.gaps];
  gaps.push(...report.conflicts.map((c) => conflictGap(c, answers.provenance[c.path] ?? [], known[c.path] ?? [])));
  gaps.push(...report.unused.map((path) => gap(answers.provenance[path]?.[0] ?? 'QuestionnaireResponse', 'not_counted', 'The screening answer is about a planned foam session, and no foam session is planned; not used', path)));
  const fromAnswers = Object.fromEntries(report.filled.flatMap((path) => (answers.provenance[path] === undefined ? [] : [[path, answers.provenance[path]]])));
  let result: RequestDraft = merged;
  const missing = undescribed(merged, sessions.value.unread);
  if (missing.length > 0) {
    result = Object.fromEntries(Object.entries(merged).filter(([key]) => key !== 'priorSessions')) as unknown as RequestDraft;
    const answered = answers.provenance['priorSessions'];
    const also = answered === undefined ? '' : `; the screening answer (${answered.join(', ')}) does not describe it`;
    gaps.push(...missing.map((u) => gap(u.reference, 'ambiguous', `An earlier sclerotherapy session${u.date === undefined ? '' : ` on ${u.date}`} cannot be described because ${u.why}${also}; earlier sessions are left undocumented`, 'priorSessions')));
  }
  const plannedDate = result.plannedSession?.date;
  if (plannedDate !== undefined && result.priorSessions !== undefined) {
    const after = result.priorSessions.filter((s) => s.date > plannedDate);
    if (after.length > 0) {
      result = { ...result, priorSessions: result.priorSessions.filter((s) => s.date <= plannedDate) };
      gaps.push(gap('priorSessions', 'not_counted', `${after.length} earlier session(s) dated after the planned session (${plannedDate}) are not counted`, 'priorSessions'));
    }
  }
  const added = mergeProvenance(surgery.provenance, result.priorSessions === undefined ? {} : sessions.provenance, fromAnswers);
  return { draft: result, provenance: added, gaps };
};
