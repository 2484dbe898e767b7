/// <reference types="node" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes files (a service configuration, JWKS files) into a fresh temporary folder.
 * @param files - file name → JSON value
 * @returns the folder
 */
export const writeConfigFiles = (files: Readonly<Record<string, unknown>>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sclerotherapy-cds-config-'));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  return dir;
};

/**
 * The audience a token for `url` must name, when the service's public URL is `publicUrl`: the
 * same path under the public base (as behind a proxy).
 * @param url - the URL the test calls, e.g. `http://127.0.0.1:40123/cds-services`
 * @param publicUrl - the configured public URL
 * @returns the audience
 */
export const audienceOf = (url: string, publicUrl: string): string => `${publicUrl}${new URL(url).pathname}`;

/**
 * The prefetch templates the services must advertise, written from CONTRACT and the FHIR queries the
 * adapter reads, not imported from the code under test: body weight (LOINC 29463-7) and pregnancy
 * status (LOINC 82810-3) among the observations.
 */
export const EXPECTED_PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}&code=29463-7,82810-3',
  medicationRequests: 'MedicationRequest?patient={{context.patientId}}&status=active',
  medicationStatements: 'MedicationStatement?patient={{context.patientId}}&status=active',
  allergies: 'AllergyIntolerance?patient={{context.patientId}}',
  screening: 'QuestionnaireResponse?patient={{context.patientId}}&questionnaire=http://sclerotherapy-cds.org/fhir/Questionnaire/pre-sclerotherapy-screening&_sort=-authored&_count=5',
  medicationAdministrations: 'MedicationAdministration?patient={{context.patientId}}&_sort=-effective-time&_count=50',
  encounters: 'Encounter?patient={{context.patientId}}&_sort=-date&_count=50',
  procedures: 'Procedure?patient={{context.patientId}}&_sort=-date&_count=50',
  duplexReports: 'DiagnosticReport?patient={{context.patientId}}&code=93970,93971&_sort=-date&_count=5',
  weight: 'Observation?patient={{context.patientId}}&code=29463-7&_sort=-date&_count=1',
  pregnancyStatus: 'Observation?patient={{context.patientId}}&code=82810-3&_sort=-date&_count=1',
} as const;

/** The keys of {@link EXPECTED_PREFETCH} a client may leave out without a 412. */
export const OPTIONAL_KEYS: readonly string[] = ['screening', 'medicationAdministrations', 'encounters', 'procedures', 'duplexReports', 'weight', 'pregnancyStatus'];
