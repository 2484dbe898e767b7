import type { Agent } from '../../model/vocabulary.js';
import type { MappingContext } from './context.js';
import { findCoding } from './code-match.js';
import { CODE_SYSTEMS } from './code-list-schema.js';
import { asArray, asObject, codingsOf, statusCodeOf, textsOf, type Coding } from './json.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry } from './references.js';
import { sclerosantsNamed } from './sclerosants.js';

const FIELD = 'history.sclerosantAllergies';
const INACTIVE = new Set(['inactive', 'resolved']);
const EXCLUDED = new Set(['refuted', 'entered-in-error']);
const NO_KNOWN_DRUG_ALLERGY = '409137002';
const DRUG_SYSTEMS = new Set<string>([CODE_SYSTEMS.rxnorm, CODE_SYSTEMS.atc]);

/** The allergy field the patient's AllergyIntolerances can fill. */
export interface AllergyHistory {
  readonly sclerosantAllergies?: readonly Agent[];
}

interface Substance {
  readonly codings: readonly Coding[];
  readonly texts: readonly string[];
}

const substanceOf = (entry: Entry): Substance => {
  const reactions = asArray(entry.resource['reaction']).map((r) => asObject(r)?.['substance']);
  const concepts = [entry.resource['code'], ...reactions];
  return { codings: concepts.flatMap(codingsOf), texts: concepts.flatMap(textsOf) };
};

const isDrugAllergy = (entry: Entry, substance: Substance): boolean =>
  asArray(entry.resource['category']).includes('medication') ||
  substance.codings.some((c) => c.system !== undefined && DRUG_SYSTEMS.has(c.system));

/**
 * Maps the patient's AllergyIntolerances to history.sclerosantAllergies. A record counts when its
 * clinical status is active or absent and it is not refuted or entered in error; an unconfirmed
 * one counts (it can only add caution). A sclerosant is recognised by code (ATC C05BB02, C05BB04)
 * or by name in the text (polidocanol, Asclera, sodium tetradecyl sulfate, Sotradecol, ...).
 * With no sclerosant allergy, the field is `[]` only when a "no known allergy" (716186003) or "no
 * known drug allergy" (409137002) record affirms it and no other record contradicts it; otherwise
 * it stays undocumented.
 * @param ctx - the mapping context
 * @returns the field, with the records it came from
 */
export const mapAllergies = (ctx: MappingContext): Mapped<AllergyHistory> => {
  const agents = new Set<Agent>();
  const allergyRefs: string[] = [];
  const noKnownRefs: string[] = [];
  let noKnownDrugOnly = true;
  let otherAllergies = 0;
  let otherDrugAllergies = 0;
  for (const entry of ctx.entriesOf('AllergyIntolerance')) {
    const clinical = statusCodeOf(entry.resource['clinicalStatus']);
    const verification = statusCodeOf(entry.resource['verificationStatus']);
    if ((clinical !== undefined && INACTIVE.has(clinical)) || (verification !== undefined && EXCLUDED.has(verification))) continue;
    const substance = substanceOf(entry);
    const negation = findCoding('no-known-allergy', substance.codings);
    if (negation !== undefined) {
      noKnownRefs.push(referenceOf(entry));
      if (negation.code !== NO_KNOWN_DRUG_ALLERGY) noKnownDrugOnly = false;
      continue;
    }
    const matched = sclerosantsNamed(substance.codings, substance.texts);
    if (matched.length > 0) {
      matched.forEach((agent) => agents.add(agent));
      allergyRefs.push(referenceOf(entry));
    }
    otherAllergies += 1;
    if (isDrugAllergy(entry, substance)) otherDrugAllergies += 1;
  }
  if (agents.size > 0) {
    return { value: { sclerosantAllergies: [...agents] }, provenance: { [FIELD]: allergyRefs }, gaps: [] };
  }
  if (noKnownRefs.length === 0) return { value: {}, provenance: {}, gaps: [] };
  const contradicted = noKnownDrugOnly ? otherDrugAllergies : otherAllergies;
  if (contradicted > 0) {
    const gaps: Gap[] = noKnownRefs.map((r) =>
      gap(r, 'conflict', `"No known ${noKnownDrugOnly ? 'drug ' : ''}allergy" is contradicted by ${contradicted} other active allergy record(s); sclerosant allergies left undocumented`, FIELD),
    );
    return { value: {}, provenance: {}, gaps };
  }
  return { value: { sclerosantAllergies: [] }, provenance: { [FIELD]: noKnownRefs }, gaps: [] };
};
