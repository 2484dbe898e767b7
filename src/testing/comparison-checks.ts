import type { AssessOptions } from '../assess.js';
import type { Assessment } from '../model/assessment.js';
import type { AssessmentRequest, PriorSession } from '../model/request-schema.js';
import type { SessionStatus } from '../model/vocabulary.js';
import {
  HISTORY_FIELDS,
  HISTORY_FIELD_TABLE,
  PATIENT_FIELD_TABLE,
  cleanPatient,
  type HistoryField,
  type PatientField,
} from '../model/clinical-fields.js';
import { RISK_FACTORS, cleanHistory, type RiskFactor } from './risk-factors.js';

import { assessOrFail, limitsOf, sessionRank, statusRank } from './invariants.js';

/**
 * Checks that compare two assessments: adding a risk factor never helps the patient, and leaving a
 * fact undocumented is never safer than documenting it (CONTRACT §3.1, §4.5 I-2).
 */

const compare = (label: string, before: Assessment, after: Assessment, withStatus = true): readonly string[] => [
  ...(withStatus && statusRank(after.status) < statusRank(before.status) ? [`${label}: status improved from "${before.status}" to "${after.status}"`] : []),
  ...(sessionRank(after.session.status) < sessionRank(before.session.status)
    ? [`${label}: session improved from "${before.session.status}" to "${after.session.status}"`]
    : []),
];

const RISK_PATIENT_FIELDS = ['pregnancy', 'breastfeeding'] as const;

// The fields a risk factor changes, found by applying it to a clean request.
const touchedBy = (factor: RiskFactor) => {
  const probe: AssessmentRequest = { patient: cleanPatient(), history: cleanHistory(), veins: [] };
  const changed = RISK_FACTORS[factor](probe);
  return {
    history: HISTORY_FIELDS.filter((key) => JSON.stringify(changed.history[key]) !== JSON.stringify(probe.history[key])),
    patient: RISK_PATIENT_FIELDS.filter((key) => changed.patient[key] !== probe.patient[key]),
  };
};

// The same request with the fields a risk factor touches documented as absent.
const withoutRiskFactor = (request: AssessmentRequest, factor: RiskFactor): AssessmentRequest => {
  const touched = touchedBy(factor);
  const clean = cleanHistory();
  const history = { ...request.history };
  for (const key of touched.history) Object.assign(history, { [key]: clean[key] });
  const patient = { ...request.patient };
  for (const key of touched.patient) Object.assign(patient, { [key]: PATIENT_FIELD_TABLE[key].clean });
  return { ...request, history, patient };
};

/**
 * (d) Checks that adding any risk factor, to a request where it is documented as absent, never
 * improves the session. The candidacy status is compared too when every history field is
 * documented: in version 2 an added thrombosis factor may turn an undocumented field that could
 * tip the patient into high thrombosis risk (require-information) into the high-risk hold itself
 * (hold-session, which ranks like a caution), so the status may fall while the session stays held.
 * @param request - a valid request
 * @param options - the rule set (e.g. a clinic's), "today" and jurisdiction
 * @returns the violations
 */
export const checkRiskFactorsNeverHelp = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> => {
  const violations: string[] = [];
  for (const factor of Object.keys(RISK_FACTORS) as RiskFactor[]) {
    const absent = withoutRiskFactor(request, factor);
    const documented = HISTORY_FIELDS.every((f) => absent.history[f] !== undefined);
    violations.push(...compare(`adding ${factor}`, await assessOrFail(absent, options), await assessOrFail(RISK_FACTORS[factor](absent), options), documented));
  }
  return violations;
};

/**
 * (e) Checks the candidacy level of CONTRACT §3.1 for every field with an "absent" value (every
 * history field, pregnancy, breastfeeding): leaving it undocumented never gives a lower status than
 * documenting it absent. At the session level it checks the instance of I-2 for that one value:
 * the session without the field ranks at least min(held, the session with it documented absent).
 * @param request - a valid request
 * @param options - the rule set, "today" and jurisdiction
 * @returns the violations
 */
export const checkUndocumentedNeverSafer = async (request: AssessmentRequest, options: AssessOptions = {}): Promise<readonly string[]> => {
  const violations: string[] = [];
  const check = async (label: string, absent: AssessmentRequest, undocumented: AssessmentRequest): Promise<void> => {
    const [before, after] = [await assessOrFail(absent, options), await assessOrFail(undocumented, options)];
    if (statusRank(after.status) < statusRank(before.status)) violations.push(`${label}: status improved from "${before.status}" to "${after.status}"`);
    if (sessionRank(after.session.status) < Math.min(sessionRank('held'), sessionRank(before.session.status))) {
      violations.push(`${label}: session improved from "${before.session.status}" to "${after.session.status}"`);
    }
  };
  const clean = cleanHistory();
  for (const field of HISTORY_FIELDS) {
    await check(`history.${field} undocumented`, { ...request, history: { ...request.history, [field]: clean[field] } }, { ...request, history: omit(request.history, field) });
  }
  for (const field of RISK_PATIENT_FIELDS) {
    await check(`patient.${field} undocumented`, { ...request, patient: { ...request.patient, [field]: PATIENT_FIELD_TABLE[field].clean } }, { ...request, patient: omit(request.patient, field) });
  }
  return violations;
};

const omit = <T extends object, K extends keyof T>(object: T, key: K): T =>
  Object.fromEntries(Object.entries(object).filter(([k]) => k !== key)) as T;

/** A field in the scope of I-2: a patient field, a history field, or `priorSessions`. */
export type UndocumentedField = `patient.${PatientField}` | `history.${HistoryField}` | 'priorSessions';

/** Every field that I-2 can concern, in contract order (pregnancy only for a person who could be pregnant). */
export const UNDOCUMENTED_FIELDS: readonly UndocumentedField[] = [
  ...(Object.keys(PATIENT_FIELD_TABLE) as PatientField[]).map((f): UndocumentedField => `patient.${f}`),
  ...HISTORY_FIELDS.map((f): UndocumentedField => `history.${f}`),
  'priorSessions',
];

/**
 * Whether a field is in the scope of I-2 for a request: every listed field, except
 * `patient.pregnancy` for a person who could not be pregnant (`sex` 'male', or an age outside
 * `pregnancyScreeningMinAgeYears`..`pregnancyScreeningMaxAgeYears` of the rule set).
 * @param request - a valid request
 * @param field - the field
 * @param options - the rule set whose limits apply
 * @returns whether I-2 concerns the field
 */
export const isInUndocumentedScope = (request: AssessmentRequest, field: UndocumentedField, options: AssessOptions = {}): boolean => {
  if (field !== 'patient.pregnancy') return true;
  const limits = limitsOf(options);
  const { sex, ageYears } = request.patient;
  return sex !== 'male' && limits.pregnancyScreeningMinAgeYears <= ageYears && ageYears <= limits.pregnancyScreeningMaxAgeYears;
};

/** Options of {@link checkUndocumentedNeverSaferForSession}. */
export interface UndocumentedOptions extends AssessOptions {
  /** The fields to check; default every field of {@link UNDOCUMENTED_FIELDS} in scope for the request. */
  readonly fields?: readonly UndocumentedField[];
  /** Documented earlier sessions to try besides `[]` and the request's own (e.g. generated ones). */
  readonly priorSessions?: readonly (readonly PriorSession[])[];
}

// The request with a field omitted (value undefined) or set to a value.
const withField = (request: AssessmentRequest, field: UndocumentedField, value: unknown): AssessmentRequest => {
  if (field === 'priorSessions') {
    const rest = omit(request, 'priorSessions');
    return value === undefined ? rest : { ...rest, priorSessions: value as PriorSession[] };
  }
  const [group, key] = field.split('.') as ['patient' | 'history', string];
  const part = omit(request[group] as Record<string, unknown>, key);
  return { ...request, [group]: value === undefined ? part : { ...part, [key]: value } } as AssessmentRequest;
};

const currentValue = (request: AssessmentRequest, field: UndocumentedField): unknown => {
  if (field === 'priorSessions') return request.priorSessions;
  const [group, key] = field.split('.') as ['patient' | 'history', string];
  return (request[group] as Record<string, unknown>)[key];
};

// The documented values tried for a field: its table values, the request's own value, and for
// earlier sessions [] and the given arrays.
const domainOf = (request: AssessmentRequest, field: UndocumentedField, extra: readonly (readonly PriorSession[])[]): readonly unknown[] => {
  const own = currentValue(request, field);
  const listed: readonly unknown[] =
    field === 'priorSessions'
      ? [[], ...extra]
      : field.startsWith('patient.')
        ? PATIENT_FIELD_TABLE[field.slice('patient.'.length) as PatientField].values
        : HISTORY_FIELD_TABLE[field.slice('history.'.length) as HistoryField].values;
  const values = own === undefined ? listed : [...listed, own];
  return values.filter((v, i) => values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
};

/**
 * I-2 — undocumented is never safer for the session. For a request R with a planned session and
 * each field F in scope: R₀ is R with F omitted, R_v is R with F set to v for each value v of F's
 * domain (the field tables' `values`, R's own value, and for `priorSessions` `[]` plus the arrays
 * given); then rank(session(R₀)) ≥ min(rank(held), max over v of rank(session(R_v))).
 * @param request - a valid request; without a planned session there is nothing to check
 * @param options - the rule set, "today", jurisdiction, and which fields and earlier sessions to try
 * @returns the violations, naming the field, the value and both session statuses
 */
export const checkUndocumentedNeverSaferForSession = async (request: AssessmentRequest, options: UndocumentedOptions = {}): Promise<readonly string[]> => {
  if (request.plannedSession === undefined) return [];
  const { fields, priorSessions, ...assessOptions } = options;
  const violations: string[] = [];
  for (const field of (fields ?? UNDOCUMENTED_FIELDS).filter((f) => isInUndocumentedScope(request, f, assessOptions))) {
    const omitted = (await assessOrFail(withField(request, field, undefined), assessOptions)).session.status;
    let worst: { value: unknown; status: SessionStatus } | undefined;
    for (const value of domainOf(request, field, priorSessions ?? [])) {
      const status = (await assessOrFail(withField(request, field, value), assessOptions)).session.status;
      if (worst === undefined || sessionRank(status) > sessionRank(worst.status)) worst = { value, status };
    }
    if (worst !== undefined && sessionRank(omitted) < Math.min(sessionRank('held'), sessionRank(worst.status))) {
      violations.push(`${field} omitted gave session "${omitted}", but documented as ${JSON.stringify(worst.value)} it is "${worst.status}"`);
    }
  }
  return violations;
};
