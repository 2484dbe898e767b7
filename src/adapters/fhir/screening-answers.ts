import * as E from 'fp-ts/lib/Either.js';
import { toDayNumber } from '../../model/dates.js';
import type { Issues } from '../../model/issues.js';
import type { ConfirmedFields } from './confirmed-fields.js';
import type { MappingContext } from './context.js';
import { isoDateOf, whenOf, type When } from './dates.js';
import { asObject, asString, type JsonObject } from './json.js';
import { gap, type Gap, type Mapped, type Provenance } from './provenance.js';
import { readResponse, type FieldAnswer } from './questionnaire-answers.js';
import { DEFAULT_RECENCY, badRecencyOverride, type Recency } from './recency.js';
import { referenceOf } from './references.js';
import { SCREENING_QUESTIONNAIRE_URL, SCREENING_QUESTIONNAIRE_VERSION } from './screening-questionnaire.js';
import { DUPLEX_GROUP, ITEMS_BY_PATH, NO_PRIOR_SESSION_ITEM, WINDOW_NAMES, type AnswerWindow } from './screening-items.js';

const USABLE_STATUS = new Set(['completed', 'amended']);
const IGNORED_STATUS = new Set(['entered-in-error']);

/** What a screening response confirmed: a partial request, where each field came from, and what was not used. */
export type ScreeningMapping = Mapped<ConfirmedFields>;

/** A response to read: the resource, how to name it, and when it was authored. */
interface Dated {
  readonly resource: JsonObject;
  readonly reference: string;
  readonly authored: When;
}

/**
 * Tells whether a QuestionnaireResponse answers the screening questionnaire: its `questionnaire`
 * is the canonical URL, or the URL with this version.
 * @param resource - the response
 * @returns true for the screening questionnaire
 */
export const answersScreening = (resource: JsonObject): boolean => {
  const canonical = asString(resource['questionnaire']);
  return canonical === SCREENING_QUESTIONNAIRE_URL || canonical === `${SCREENING_QUESTIONNAIRE_URL}|${SCREENING_QUESTIONNAIRE_VERSION}`;
};

const windowOf = (path: string): AnswerWindow => {
  if (path === 'priorSessions') return NO_PRIOR_SESSION_ITEM.window;
  if (path === DUPLEX_GROUP) return 'history';
  return ITEMS_BY_PATH.get(path)?.window ?? 'acute';
};

const set = (target: Record<string, unknown>, path: string, value: unknown): void => {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = asObject(node[part]) ?? {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? path] = value;
};

/**
 * Combines responses, newest `authored` first: for each field, the newest response that answers it
 * decides ("unknown" included), and only if the answer is within the field's recency window.
 */
const combine = (responses: readonly Dated[], asOfDay: number, recency: Recency): ScreeningMapping => {
  const chosen = new Map<string, FieldAnswer & { readonly response: Dated }>();
  const gaps: Gap[] = [];
  const sorted = [...responses].sort((a, b) => (b.authored.instant ?? b.authored.range.last * 86_400_000) - (a.authored.instant ?? a.authored.range.last * 86_400_000));
  for (const response of sorted) {
    const reading = readResponse(response.resource, response.reference);
    gaps.push(...reading.gaps);
    for (const [path, answer] of reading.answers) if (!chosen.has(path)) chosen.set(path, { ...answer, response });
  }
  const confirmed: Record<string, unknown> = {};
  const provenance: Record<string, string[]> = {};
  for (const [path, answer] of chosen) {
    if (answer.value === undefined) continue;
    const window = recency[WINDOW_NAMES[windowOf(path)]];
    const age = asOfDay - answer.response.authored.range.last;
    if (age > window) {
      gaps.push(gap(answer.response.reference, 'stale', `The screening answer "${answer.source.split('#')[1] ?? path}" was given on ${isoDateOf(answer.response.authored.range.last)}, ${age} days before asOf, more than ${window}; not used`, path));
      continue;
    }
    set(confirmed, path, answer.value);
    provenance[path] = [answer.source];
  }
  return { value: confirmed as ConfirmedFields, provenance: provenance as Provenance, gaps };
};

// The response's date: `authored`, which a response of this form must carry to be used.
const datedResponse = (resource: JsonObject, reference: string, asOfDay: number): { readonly dated?: Dated; readonly gap?: Gap } => {
  const status = asString(resource['status']) ?? 'unknown';
  if (IGNORED_STATUS.has(status)) return {};
  if (!USABLE_STATUS.has(status)) return { gap: gap(reference, 'not_final', `Screening response status is "${status}", not completed or amended; not used`) };
  const authored = whenOf(resource['authored']);
  if (authored === undefined) return { gap: gap(reference, 'undated', 'Screening response has no authored date, so its recency cannot be judged; not used') };
  if (authored.range.first > asOfDay) return { gap: gap(reference, 'not_counted', `Screening response is authored after asOf (${isoDateOf(authored.range.first)}); not used`) };
  return { dated: { resource, reference, authored } };
};

/**
 * Reads the patient's completed (or amended) responses to the screening questionnaire into
 * confirmed fields: the newest answer to each field decides, within its recency window.
 * @param ctx - the mapping context
 * @returns the confirmed fields, each with the response and item it came from, and the gaps
 */
export const mapScreeningAnswers = (ctx: MappingContext): ScreeningMapping => {
  const responses: Dated[] = [];
  const gaps: Gap[] = [];
  for (const entry of ctx.entriesOf('QuestionnaireResponse')) {
    if (!answersScreening(entry.resource)) continue;
    const { dated, gap: why } = datedResponse(entry.resource, referenceOf(entry), ctx.asOfDay);
    if (why !== undefined) gaps.push(why);
    if (dated !== undefined) responses.push(dated);
  }
  const combined = combine(responses, ctx.asOfDay, ctx.recency);
  return { ...combined, gaps: [...gaps, ...combined.gaps] };
};

/** Options of {@link fromQuestionnaireResponse}. */
export interface QuestionnaireResponseOptions {
  /** "Today" as `YYYY-MM-DD`: answers older than their window are not used. */
  readonly asOf: string;
  /** Recency windows in days, replacing the defaults one by one; each at most its default. */
  readonly recency?: Partial<Recency>;
}

const refuse = (code: string, message: string, path: (string | number)[]): E.Either<Issues, never> => E.left([{ code, message, path }]);

/**
 * Reads one completed response to the screening questionnaire (`screeningQuestionnaire`) into a
 * partial request, for apps that hold the response themselves. Each item's linkId is the request
 * path it fills; "No" confirms a field absent, "unknown" or no answer leaves it undocumented, and
 * an answer older than its recency window is not used (reported in gaps). Never throws.
 * @param response - the QuestionnaireResponse, as unknown JSON
 * @param options - asOf and optional recency windows
 * @returns the partial request with its provenance (`QuestionnaireResponse/id#linkId`) and gaps;
 * or the issues when the input is not a completed, dated response to this questionnaire
 */
export const fromQuestionnaireResponse = (response: unknown, options: QuestionnaireResponseOptions): E.Either<Issues, ScreeningMapping> => {
  const asOfDay = typeof options.asOf === 'string' ? toDayNumber(options.asOf) : undefined;
  if (asOfDay === undefined) return refuse('invalid_option', `Option "asOf" must be a calendar date written YYYY-MM-DD, not ${JSON.stringify(options.asOf)}`, ['asOf']);
  const resource = asObject(response);
  if (resource?.['resourceType'] !== 'QuestionnaireResponse') return refuse('invalid_input', 'Expected a QuestionnaireResponse', ['resourceType']);
  if (!answersScreening(resource)) {
    return refuse('invalid_input', `The response answers ${JSON.stringify(resource['questionnaire'] ?? null)}, not ${SCREENING_QUESTIONNAIRE_URL} (with or without |${SCREENING_QUESTIONNAIRE_VERSION})`, ['questionnaire']);
  }
  const reference = `QuestionnaireResponse/${asString(resource['id']) ?? '(no id)'}`;
  const { dated, gap: why } = datedResponse(resource, reference, asOfDay);
  if (dated === undefined) return refuse('invalid_input', why?.message ?? 'The response is entered in error', why?.reason === 'undated' || why?.reason === 'not_counted' ? ['authored'] : ['status']);
  const overrides = Object.entries(asObject(options.recency) ?? {});
  // A clinic may tighten a window, never loosen it.
  const bad = badRecencyOverride(overrides);
  if (bad !== undefined) return refuse('invalid_option', bad.message, ['recency', bad.name]);
  const recency: Recency = { ...DEFAULT_RECENCY, ...(Object.fromEntries(overrides) as Partial<Recency>) };
  try {
    return E.right(combine([dated], asOfDay, recency));
  } catch (error) {
    return refuse('internal_error', `Reading the response failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, []);
  }
};
