import { HISTORY_FIELD_TABLE, HISTORY_FIELDS } from '../../../src/model/clinical-fields.js';
import { SCREENING_ANSWERS_SYSTEM, SCREENING_QUESTIONNAIRE_URL } from '../../../src/adapters/fhir/index.js';

type Json = Record<string, unknown>;

/** One answer as a QuestionnaireResponse writes it: a boolean, a number, a date, a code or several codes. */
export type Answer = boolean | number | { readonly code: string } | { readonly codes: readonly string[] } | { readonly date: string };

const answerOf = (value: Answer): Json[] => {
  if (typeof value === 'boolean') return [{ valueBoolean: value }];
  if (typeof value === 'number') return [{ valueDecimal: value }];
  if ('date' in value) return [{ valueDate: value.date }];
  const codes = 'codes' in value ? value.codes : [value.code];
  return codes.map((code) => ({ valueCoding: { system: SCREENING_ANSWERS_SYSTEM, code } }));
};

/**
 * An answered item.
 * @param linkId - the request path
 * @param value - the answer
 * @returns the QuestionnaireResponse item
 */
export const answered = (linkId: string, value: Answer): Json => ({ linkId, answer: answerOf(value) });

/**
 * One earlier session as an instance of the repeating group.
 * @param date - the day
 * @param agent - the agent code
 * @param totalVolumeMl - the volume
 * @returns the group item
 */
export const sessionGroup = (date: string, agent: string, totalVolumeMl: number): Json => ({
  linkId: 'priorSessions',
  item: [answered('priorSessions.date', { date }), answered('priorSessions.agent', { code: agent }), answered('priorSessions.totalVolumeMl', totalVolumeMl)],
});

/**
 * A completed response to the screening questionnaire about patient `patientRef`.
 * @param items - the answered items (flat; the reader finds them at any depth)
 * @param options - id, authored date, subject, status and the canonical it names
 * @returns the QuestionnaireResponse
 */
export const screeningResponse = (
  items: readonly Json[],
  options: { readonly id?: string; readonly authored: string; readonly subject?: string; readonly status?: string; readonly questionnaire?: string },
): Json => ({
  resourceType: 'QuestionnaireResponse',
  id: options.id ?? 'qr1',
  questionnaire: options.questionnaire ?? SCREENING_QUESTIONNAIRE_URL,
  status: options.status ?? 'completed',
  subject: { reference: options.subject ?? 'Patient/p1' },
  authored: options.authored,
  item: items,
});

/**
 * Every screening answer "No" or normal, as in a clean screening: each history field its clean
 * value, not pregnant, not breastfeeding, 70 kg unless told, and no earlier session.
 * @param overrides - answers to replace or add, by linkId; `undefined` removes the answer
 * @returns the items, grouped as the Questionnaire groups them
 */
export const cleanAnswers = (overrides: Readonly<Record<string, Answer | undefined>> = {}): Json[] => {
  const clean: Record<string, Answer | undefined> = {
    'patient.weightKg': 70,
    'patient.pregnancy': { code: 'not-pregnant' },
    'patient.breastfeeding': false,
    ...Object.fromEntries(
      HISTORY_FIELDS.map((field) => {
        const value: unknown = HISTORY_FIELD_TABLE[field].clean;
        const answer: Answer = typeof value === 'boolean' ? value : Array.isArray(value) ? { code: 'none' } : { code: String(value) };
        return [`history.${field}`, answer];
      }),
    ),
    'priorSessions.none': true,
    ...overrides,
  };
  const items = (prefix: string): Json[] =>
    Object.entries(clean).flatMap(([linkId, value]) => (linkId.startsWith(prefix) && value !== undefined ? [answered(linkId, value)] : []));
  return [
    { linkId: 'patient', item: items('patient.') },
    { linkId: 'history', item: items('history.') },
    ...items('priorSessions.none'),
  ];
};
