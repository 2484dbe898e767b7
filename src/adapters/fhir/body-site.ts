import type { Side } from '../../model/vocabulary.js';
import { matchesConcept } from './code-match.js';
import { asArray, codingsOf, textsOf } from './json.js';

/** What a list of body-site CodeableConcepts says about where something is. */
export interface BodySite {
  /** Whether any site was coded or written at all. */
  readonly present: boolean;
  /** Whether a site is the leg (lower limb). */
  readonly leg: boolean;
  /** The sides named: none, one, or both. */
  readonly sides: readonly Side[];
}

/**
 * Reads body sites (Condition.bodySite, MedicationRequest dosage sites) for the leg and its side,
 * by the codes and words of `codes/body-site-*.json`.
 * @param value - an array of CodeableConcepts, or anything
 * @returns the reading
 */
export const readBodySite = (value: unknown): BodySite => {
  const concepts = asArray(value);
  const codings = concepts.flatMap(codingsOf);
  const texts = concepts.flatMap(textsOf);
  const both = matchesConcept('body-site-bilateral', codings, texts);
  const left = both || matchesConcept('body-site-left', codings, texts);
  const right = both || matchesConcept('body-site-right', codings, texts);
  return {
    present: codings.length > 0 || texts.length > 0,
    leg: matchesConcept('body-site-leg', codings, texts),
    sides: [...(left ? (['left'] as const) : []), ...(right ? (['right'] as const) : [])],
  };
};
