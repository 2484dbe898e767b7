import * as E from 'fp-ts/lib/Either.js';
import { toDayNumber, toIsoDate } from '../../model/dates.js';
import type { Issue, Issues } from '../../model/issues.js';
import { parseRequest } from '../../model/parse-request.js';
import type { AssessmentRequest } from '../../model/request-schema.js';
import { mapAllergies } from './allergies.js';
import { readInput } from './bundle.js';
import { mapConditions } from './conditions.js';
import type { MappingContext } from './context.js';
import { mapDraftOrder, type IncompleteOrder } from './draft-order.js';
import { mapMedications } from './medications.js';
import { mapWeight } from './observations.js';
import { belongsToPatient, mapPatient, selectPatient } from './patient.js';
import { mapPregnancy } from './pregnancy.js';
import { gap, mergeProvenance, type Gap, type Provenance } from './provenance.js';
import { DEFAULT_RECENCY, badRecencyOverride, type Recency } from './recency.js';
import { applyScreening } from './screening-merge.js';
import { indexResources, referenceOf, subjectOf, type Entry } from './references.js';
import { mapVeins } from './veins.js';

/** Options of {@link fromFhirBundle}. */
export interface FromFhirOptions {
  /** "Today" as `YYYY-MM-DD`, for ages and recency; default the current date. */
  readonly asOf?: string;
  /** The Patient to map when the input holds several: its id, `Patient/id` or fullUrl. */
  readonly patientId?: string;
  /** Recency windows in days, replacing the defaults of `recency.json` one by one. */
  readonly recency?: Partial<Recency>;
}

/** A request mapped from FHIR, with where each filled field came from and what could not be used. */
export interface FhirMapping {
  /** A valid assessment request. */
  readonly request: AssessmentRequest;
  /** For each request field filled, the references of the resources it came from. */
  readonly provenance: Provenance;
  /** What could not be mapped, or was mapped with a caveat, each with its resource reference. */
  readonly gaps: readonly Gap[];
  /** A sclerosant order whose volume could be read but not its strength or its veins (then there is no plannedSession). */
  readonly incompleteOrder?: IncompleteOrder;
}

const CLINICAL_TYPES = new Set([
  'Observation',
  'Condition',
  'AllergyIntolerance',
  'MedicationRequest',
  'MedicationStatement',
  'MedicationAdministration',
  'Encounter',
  'Procedure',
  'DiagnosticReport',
  'QuestionnaireResponse',
  'ServiceRequest',
]);

const optionIssue = (message: string, path: (string | number)[]): Issues => [{ code: 'invalid_option', message, path }];

const resolveOptions = (options: unknown): E.Either<Issues, { asOf: string; patientId?: string; recency: Recency }> => {
  const opts = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  const asOf = opts['asOf'] ?? toIsoDate(new Date());
  if (typeof asOf !== 'string' || toDayNumber(asOf) === undefined) {
    return E.left(optionIssue(`Option "asOf" must be a calendar date written YYYY-MM-DD, not ${JSON.stringify(asOf)}`, ['asOf']));
  }
  const patientId = opts['patientId'];
  if (patientId !== undefined && (typeof patientId !== 'string' || patientId === '')) {
    return E.left(optionIssue('Option "patientId" must be a non-empty string', ['patientId']));
  }
  const overrides = (typeof opts['recency'] === 'object' && opts['recency'] !== null ? opts['recency'] : {}) as Record<string, unknown>;
  // A clinic may tighten a window, never loosen it.
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  const bad = badRecencyOverride(given);
  if (bad !== undefined) return E.left(optionIssue(bad.message, ['recency', bad.name]));
  const recency = { ...DEFAULT_RECENCY, ...(Object.fromEntries(given) as Partial<Recency>) };
  return E.right({ asOf, recency, ...(typeof patientId === 'string' ? { patientId } : {}) });
};

const invalidRequest = (issues: Issues): Issues => {
  const [first, ...rest] = issues.map(
    (i): Issue => ({ ...i, message: `The request mapped from the input is invalid: ${i.message}` }),
  );
  return first === undefined ? issues : [first, ...rest];
};

const map = (input: unknown, options: unknown): E.Either<Issues, FhirMapping> => {
  const resolved = resolveOptions(options);
  if (E.isLeft(resolved)) return resolved;
  const { asOf, patientId, recency } = resolved.right;
  const read = readInput(input);
  if (E.isLeft(read)) return read;
  const { entries } = read.right;
  const chosen = selectPatient(entries, patientId);
  if (E.isLeft(chosen)) return chosen;
  const patient = chosen.right;
  const index = indexResources(entries);
  const byType = new Map<string, Entry[]>();
  const otherPatient: Gap[] = [];
  for (const entry of entries) {
    const type = entry.resource.resourceType;
    if (CLINICAL_TYPES.has(type) && !belongsToPatient(entry, patient, index)) {
      otherPatient.push(gap(referenceOf(entry), 'other_patient', `${type} is about "${subjectOf(entry.resource) ?? ''}", not "${referenceOf(patient)}"; ignored`));
      continue;
    }
    byType.set(type, [...(byType.get(type) ?? []), entry]);
  }
  const ctx: MappingContext = {
    index,
    patient,
    asOf,
    asOfDay: toDayNumber(asOf) ?? 0,
    recency,
    entriesOf: (type) => byType.get(type) ?? [],
  };
  const demographics = mapPatient(ctx);
  if (E.isLeft(demographics)) return demographics;
  const weight = mapWeight(ctx);
  const pregnancy = mapPregnancy(ctx);
  const conditions = mapConditions(ctx);
  const veins = mapVeins(ctx);
  const allergies = mapAllergies(ctx);
  const medications = mapMedications(ctx);
  const session = mapDraftOrder(ctx, veins.value);
  const parts = [demographics.right, weight, pregnancy, conditions, veins, allergies, medications, session];
  const candidate = {
    patient: {
      ...demographics.right.value,
      ...(weight.value === undefined ? {} : { weightKg: weight.value }),
      ...(pregnancy.value === undefined ? {} : { pregnancy: pregnancy.value }),
    },
    history: { ...conditions.value, ...allergies.value, ...medications.value },
    veins: veins.value.veins,
    ...(session.value === undefined ? {} : { plannedSession: session.value }),
  };
  const mapped = mergeProvenance(...parts.map((p) => p.provenance));
  const screened = applyScreening(ctx, candidate, new Set(session.provenance['plannedSession'] ?? []), mapped);
  const request = parseRequest(screened.draft);
  if (E.isLeft(request)) return E.left(invalidRequest(request.left));
  return E.right({
    request: request.right,
    provenance: mergeProvenance(mapped, screened.provenance),
    gaps: [...read.right.gaps, ...otherPatient, ...parts.flatMap((p) => p.gaps), ...screened.gaps],
    ...(session.incomplete === undefined ? {} : { incompleteOrder: session.incomplete }),
  });
};

/**
 * Maps a FHIR R4 Bundle (or a plain array of R4 resources) about one patient to an assessment
 * request: age and sex from the Patient; weight and pregnancy status from recent final
 * Observations; history from current Conditions, AllergyIntolerances and active medications;
 * veins from varicose-vein and telangiectasia Conditions; the planned session from a draft
 * sclerosant MedicationRequest (by ATC, RxNorm or NDC code, or by name) or sclerotherapy
 * ServiceRequest. An order whose volume is known but not its strength or its veins gives
 * `incompleteOrder` instead of a planned session. A resource in another FHIR version (other than
 * the Patient) is skipped with an `unreadable` gap. Nothing is ever written as absent (`false`,
 * `'none'`, `[]`) unless a record affirms it. Never throws.
 * @param bundle - the Bundle or array, as unknown JSON
 * @param options - "today", the patient to choose, and recency windows
 * @returns the valid request with its provenance and gaps, or the issues (an input or Patient not
 * in FHIR R4, no Patient, several Patients, no birth date, a deceased patient, or an invalid
 * mapped request)
 */
export const fromFhirBundle = (bundle: unknown, options: FromFhirOptions = {}): E.Either<Issues, FhirMapping> => {
  try {
    return map(bundle, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return E.left([{ code: 'internal_error', message: `Mapping the FHIR input failed unexpectedly: ${message}`, path: [] }]);
  }
};
