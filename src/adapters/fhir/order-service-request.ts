import { asArray, asObject, asString, codingsOf, textsOf, type Coding, type JsonObject } from './json.js';
import { quantityOf, toMillilitres } from './quantity.js';
import type { Entry, FhirResource } from './references.js';
import { namesUnspecifiedSclerosant, sclerosantsNamed } from './sclerosants.js';

// What a ServiceRequest says in words: its code, its order details, its patient instruction and notes.
const wordsOf = (request: JsonObject): { readonly codings: readonly Coding[]; readonly texts: readonly string[] } => {
  const concepts = [request['code'], ...asArray(request['orderDetail'])];
  const instruction = asString(request['patientInstruction']);
  const notes = asArray(request['note']).flatMap((raw) => {
    const text = asString(asObject(raw)?.['text']);
    return text === undefined ? [] : [text];
  });
  return { codings: concepts.flatMap(codingsOf), texts: [...concepts.flatMap(textsOf), ...(instruction === undefined ? [] : [instruction]), ...notes] };
};

/**
 * Tells whether a ServiceRequest orders sclerotherapy: its code or details say "sclerotherapy" (or
 * another word for a sclerosant treatment) or name a sclerosant.
 * @param resource - a ServiceRequest
 * @returns true when it does
 */
export const isSclerotherapyRequest = (resource: FhirResource): boolean => {
  if (resource.resourceType !== 'ServiceRequest') return false;
  const { codings, texts } = wordsOf(resource);
  return namesUnspecifiedSclerosant(codings, texts) || sclerosantsNamed(codings, texts).length > 0;
};

/**
 * Reads a sclerotherapy ServiceRequest (a procedure order) the way a sclerosant MedicationRequest
 * is read: its words become the medication's text and the dosage text (so "polidocanol 0.5%
 * 10.5 mL" gives agent, strength and volume), `quantityQuantity` in mL becomes the dose, and its
 * body site, reasons, date and notes stay as they are. Nothing is added that the order does not say.
 * @param entry - the ServiceRequest entry
 * @returns the same entry, its resource seen as an order of a medication
 */
export const serviceRequestAsOrder = (entry: Entry): Entry => {
  const request = entry.resource;
  const { codings, texts } = wordsOf(request);
  const text = texts.join('; ');
  const quantity = quantityOf(request['quantityQuantity']);
  const inMl = quantity !== undefined && toMillilitres(quantity) !== undefined;
  const view: FhirResource = {
    ...request,
    resourceType: 'ServiceRequest',
    medicationCodeableConcept: { coding: codings, ...(text === '' ? {} : { text }) },
    dosageInstruction: [
      {
        ...(text === '' ? {} : { text }),
        ...(inMl ? { doseAndRate: [{ doseQuantity: request['quantityQuantity'] }] } : {}),
      },
    ],
  };
  return { ...entry, resource: view };
};
