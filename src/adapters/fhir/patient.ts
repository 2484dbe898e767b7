import * as E from 'fp-ts/lib/Either.js';
import type { Issues } from '../../model/issues.js';
import type { MappingContext } from './context.js';
import { completedYears, dayRangeOf, isoDateOf } from './dates.js';
import { asString } from './json.js';
import { gap, type Mapped } from './provenance.js';
import { referenceOf, subjectOf, typeAndIdOf, type Entry, type ResourceIndex } from './references.js';

/** The patient fields the Patient resource gives. */
export interface PatientPart {
  readonly ageYears: number;
  readonly sex?: 'female' | 'male' | 'other' | 'unknown';
}

const SEXES = new Set(['female', 'male', 'other', 'unknown']);

/**
 * Chooses the Patient the request is about.
 * @param entries - every resource of the input
 * @param patientId - the id to choose when the input holds several patients
 * @returns the Patient's entry, or an issue when there is none, or several and no id chooses one
 */
export const selectPatient = (entries: readonly Entry[], patientId?: string): E.Either<Issues, Entry> => {
  const byReference = new Map<string, Entry>();
  for (const entry of entries) {
    if (entry.resource.resourceType === 'Patient' && !byReference.has(referenceOf(entry))) byReference.set(referenceOf(entry), entry);
  }
  const patients = [...byReference.values()];
  if (patientId !== undefined) {
    const chosen = patients.find((p) => p.resource['id'] === patientId || referenceOf(p) === patientId || p.fullUrl === patientId);
    return chosen === undefined
      ? E.left([{ code: 'no_patient', message: `No Patient with id "${patientId}" in the input`, path: [] }])
      : E.right(chosen);
  }
  const [only, ...others] = patients;
  if (only === undefined) return E.left([{ code: 'no_patient', message: 'The input has no Patient resource; a request needs the patient\'s age', path: [] }]);
  if (others.length > 0) {
    const names = patients.map((p) => `"${referenceOf(p)}"`).join(', ');
    return E.left([{ code: 'multiple_patients', message: `The input has ${patients.length} Patients (${names}); choose one with the "patientId" option`, path: [] }]);
  }
  return E.right(only);
};

/**
 * Tells whether a resource is about the chosen patient; a resource that names nobody is kept.
 * @param entry - the resource's entry
 * @param patient - the chosen Patient
 * @param index - the resource index
 * @returns false when the resource names another patient
 */
export const belongsToPatient = (entry: Entry, patient: Entry, index: ResourceIndex): boolean => {
  const subject = subjectOf(entry.resource);
  if (subject === undefined) return true;
  if (subject === patient.fullUrl || index.resolve(subject) === patient.resource) return true;
  const id = asString(patient.resource['id']);
  return id !== undefined && typeAndIdOf(subject) === `Patient/${id}`;
};

const deceasedIssue = (ctx: MappingContext): Issues | undefined => {
  const { resource, path } = ctx.patient;
  if (resource['deceasedBoolean'] === true) {
    return [{ code: 'patient_deceased', message: 'The Patient is recorded as deceased (deceasedBoolean)', path: [...path, 'deceasedBoolean'] }];
  }
  const death = dayRangeOf(resource['deceasedDateTime']);
  if (death !== undefined && death.first <= ctx.asOfDay) {
    const when = String(resource['deceasedDateTime']);
    return [{ code: 'patient_deceased', message: `The Patient died on ${when}, on or before asOf ${ctx.asOf}`, path: [...path, 'deceasedDateTime'] }];
  }
  return undefined;
};

/**
 * Maps the Patient to the request's age and sex. The age is counted at asOf; a birth date given as
 * a year or a year and month is read as its latest possible day, the youngest possible age (the
 * cautious reading for the paediatric rules), and reported in gaps.
 * @param ctx - the mapping context
 * @returns the fields, or an issue when the patient is deceased or has no usable birth date
 */
export const mapPatient = (ctx: MappingContext): E.Either<Issues, Mapped<PatientPart>> => {
  const deceased = deceasedIssue(ctx);
  if (deceased !== undefined) return E.left(deceased);
  const { resource, path } = ctx.patient;
  const reference = referenceOf(ctx.patient);
  const raw = resource['birthDate'];
  if (raw === undefined) {
    return E.left([{ code: 'missing_birth_date', message: `Patient "${reference}" has no birthDate; a request needs the patient's age`, path: [...path, 'birthDate'] }]);
  }
  const birth = dayRangeOf(raw);
  if (birth === undefined || birth.first > ctx.asOfDay) {
    const why = birth === undefined ? 'is not a FHIR date' : `is after asOf ${ctx.asOf}`;
    return E.left([{ code: 'invalid_birth_date', message: `Patient birthDate ${JSON.stringify(raw)} ${why}`, path: [...path, 'birthDate'] }]);
  }
  const latestBirth = Math.min(birth.last, ctx.asOfDay);
  const ageYears = completedYears(latestBirth, ctx.asOfDay);
  const gaps =
    birth.precision === 'day'
      ? []
      : [
          gap(
            reference,
            'partial_date',
            `birthDate "${String(raw)}" has no ${birth.precision === 'year' ? 'month or day' : 'day'}; age taken as ${ageYears}, the youngest possible (born ${isoDateOf(latestBirth)})`,
            'patient.ageYears',
          ),
        ];
  const gender = asString(resource['gender']);
  const sex = gender !== undefined && SEXES.has(gender) ? (gender as PatientPart['sex']) : undefined;
  return E.right({
    value: { ageYears, ...(sex === undefined ? {} : { sex }) },
    provenance: { 'patient.ageYears': [reference], ...(sex === undefined ? {} : { 'patient.sex': [reference] }) },
    gaps,
  });
};
