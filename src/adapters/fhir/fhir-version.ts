import type { Issue } from '../../model/issues.js';
import { asObject, asString } from './json.js';
import type { Entry, FhirResource } from './references.js';

// Resource types that exist in DSTU2 or STU3 but were removed or renamed by R4.
const PRE_R4_TYPES: Readonly<Record<string, string>> = {
  MedicationOrder: 'DSTU2 (R4: MedicationRequest)',
  DiagnosticOrder: 'DSTU2 (R4: ServiceRequest)',
  Order: 'DSTU2',
  OrderResponse: 'DSTU2',
  DeviceUseRequest: 'DSTU2 (R4: DeviceRequest)',
  Conformance: 'DSTU2 (R4: CapabilityStatement)',
  ProcedureRequest: 'STU3 (R4: ServiceRequest)',
  ReferralRequest: 'STU3 (R4: ServiceRequest)',
  ProcessRequest: 'STU3',
  ProcessResponse: 'STU3',
  EligibilityRequest: 'STU3 (R4: CoverageEligibilityRequest)',
  EligibilityResponse: 'STU3 (R4: CoverageEligibilityResponse)',
  BodySite: 'STU3 (R4: BodyStructure)',
  DataElement: 'STU3',
  ImagingManifest: 'STU3',
};

// Elements whose shape or presence marks DSTU2/STU3 content, by resource type.
const STRING_STATUS_TYPES = new Set(['Condition', 'AllergyIntolerance']);
const PRE_R4_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  Condition: ['patient', 'dateRecorded', 'assertedDate'],
  AllergyIntolerance: ['substance', 'status', 'assertedDate'],
  MedicationStatement: ['taken', 'wasNotTaken'],
};

// Medication resources whose medication[x] choice became one `medication` CodeableReference in R5.
const R5_MEDICATION_TYPES = new Set(['MedicationRequest', 'MedicationStatement', 'MedicationAdministration', 'MedicationDispense']);

const r5Issues = (resource: FhirResource, path: readonly (string | number)[]): Issue[] => {
  const type = resource.resourceType;
  const issues: Issue[] = [];
  const medication = asObject(resource['medication']);
  if (R5_MEDICATION_TYPES.has(type) && medication !== undefined && (medication['concept'] !== undefined || medication['reference'] !== undefined)) {
    issues.push(versionIssue([...path, 'medication'], `${type}.medication is a CodeableReference, as in FHIR R5; R4 uses medicationCodeableConcept or medicationReference`));
  }
  if (type === 'MedicationStatement' && resource['status'] === 'recorded') {
    issues.push(versionIssue([...path, 'status'], 'MedicationStatement.status "recorded" exists in FHIR R5, not in R4'));
  }
  return issues;
};

const versionIssue = (path: readonly (string | number)[], message: string): Issue => ({
  code: 'unsupported_fhir_version',
  message,
  path: [...path],
});

const checkVersionText = (value: unknown, path: readonly (string | number)[]): Issue[] => {
  const version = asString(value);
  return version !== undefined && /^[0-3]\./.test(version)
    ? [versionIssue(path, `fhirVersion is "${version}" (DSTU2 or STU3); only FHIR R4 (4.0.x) is supported`)]
    : [];
};

const checkEntry = (entry: Entry): Issue[] => {
  const { resource, path } = entry;
  const type = resource.resourceType;
  const issues: Issue[] = [...checkVersionText(resource['fhirVersion'], [...path, 'fhirVersion'])];
  const renamed = PRE_R4_TYPES[type];
  if (renamed !== undefined) {
    issues.push(versionIssue([...path, 'resourceType'], `Resource type "${type}" belongs to FHIR ${renamed}; only FHIR R4 is supported`));
  }
  if (STRING_STATUS_TYPES.has(type)) {
    for (const key of ['clinicalStatus', 'verificationStatus']) {
      const value = resource[key];
      if (typeof value === 'string') {
        issues.push(versionIssue([...path, key], `${type}.${key} is the string "${value}", as in FHIR DSTU2/STU3; R4 uses a CodeableConcept`));
      }
    }
  }
  issues.push(...r5Issues(resource, path));
  for (const key of PRE_R4_ELEMENTS[type] ?? []) {
    if (resource[key] !== undefined) {
      issues.push(versionIssue([...path, key], `${type}.${key} exists in FHIR DSTU2/STU3 but not in R4`));
    }
  }
  return issues;
};

/**
 * Looks for the marks of FHIR DSTU2, STU3 or R5 content where they are present: a `fhirVersion` of
 * 1.x or 3.x, resource types R4 removed (e.g. MedicationOrder), elements R4 changed (e.g. a
 * string Condition.clinicalStatus), and R5's `medication` CodeableReference. R4 resources carry no version, so absence proves nothing.
 * @param input - the input as given
 * @param entries - its resources
 * @returns one issue per mark, with the path of the marked element
 */
export const checkFhirVersion = (input: unknown, entries: readonly Entry[]): Issue[] => [...checkInputVersion(input), ...entries.flatMap(checkEntry)];

/**
 * Looks for the marks of another FHIR version on the input as a whole (its `fhirVersion`).
 * @param input - the input as given
 * @returns one issue per mark
 */
export const checkInputVersion = (input: unknown): Issue[] => {
  const root = asObject(input);
  return [...checkVersionText(root?.['fhirVersion'], ['fhirVersion']), ...checkVersionText(asObject(root?.['meta'])?.['fhirVersion'], ['meta', 'fhirVersion'])];
};

/**
 * Looks for the marks of FHIR DSTU2, STU3 or R5 on one resource.
 * @param entry - the resource with its path
 * @returns one issue per mark
 */
export const checkEntryVersion = (entry: Entry): Issue[] => checkEntry(entry);
