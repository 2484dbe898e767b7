import { matchesConcept } from '../../fhir/code-match.js';
import { codingsOf, textsOf } from '../../fhir/json.js';
import { sclerosantsNamed } from '../../fhir/sclerosants.js';

type Resource = Readonly<Record<string, unknown>>;

const VEIN_CONCEPTS = ['varicose-veins', 'telangiectasia'] as const;

const namesVeins = (resource: Resource): boolean =>
  resource['resourceType'] === 'Condition' && VEIN_CONCEPTS.some((c) => matchesConcept(c, codingsOf(resource['code']), textsOf(resource['code'])));

const namesSclerosant = (resource: Resource): boolean =>
  (resource['resourceType'] === 'MedicationRequest' || resource['resourceType'] === 'ServiceRequest') &&
  sclerosantsNamed(
    [...codingsOf(resource['medicationCodeableConcept']), ...codingsOf(resource['code'])],
    [...textsOf(resource['medicationCodeableConcept']), ...textsOf(resource['code'])],
  ).length > 0;

/**
 * Tells whether a chart holds anything sclerotherapy is about (a varicose or spider vein
 * Condition, a sclerosant order), read straight from the resources, without mapping the patient:
 * on `patient-view` a chart without any is none of this service's business, even when its
 * Patient could not be read.
 * @param resources - the chart's resources
 * @returns true when one of them names veins or a sclerosant
 */
export const chartIsRelevant = (resources: readonly Resource[]): boolean => resources.some((r) => namesVeins(r) || namesSclerosant(r));
