import type { Agent } from '../../model/vocabulary.js';
import type { MappingContext } from './context.js';
import { findCoding } from './code-match.js';
import { CODE_SYSTEMS } from './code-list-schema.js';
import { asArray, asObject, codingsOf, statusCodeOf, textsOf, type Coding } from './json.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry } from './references.js';
import { namesUnspecifiedSclerosant, sclerosantsNamed } from './sclerosants.js';

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

interface Tally {
  readonly agents: Set<Agent>;
  readonly allergyRefs: string[];
  readonly noKnownRefs: string[];
  readonly unverifiedNoKnown: Gap[];
  readonly unspecified: { readonly reference: string; readonly text: string }[];
  noKnownDrugOnly: boolean;
  otherAllergies: number;
  otherDrugAllergies: number;
}

const noKnownName = (code: string): string => (code === NO_KNOWN_DRUG_ALLERGY ? 'No known drug allergy' : 'No known allergy');

// A "no known allergy" record affirms none only when confirmed; anything less leaves the question open.
const countNegation = (tally: Tally, reference: string, code: string, verification: string | undefined): void => {
  if (verification === 'entered-in-error') return;
  if (verification !== 'confirmed') {
    // A refuted "no known allergy" says the patient has some allergy: it contradicts a confirmed one.
    if (verification === 'refuted') {
      tally.otherAllergies += 1;
      tally.otherDrugAllergies += 1;
    }
    const status = verification === undefined ? 'has no verification status' : `is "${verification}", not confirmed`;
    tally.unverifiedNoKnown.push(gap(reference, 'uncertain', `"${noKnownName(code)}" ${status}; it does not show that the patient has no sclerosant allergy, so sclerosant allergies are left undocumented`, FIELD));
    return;
  }
  tally.noKnownRefs.push(reference);
  if (code !== NO_KNOWN_DRUG_ALLERGY) tally.noKnownDrugOnly = false;
};

const countAllergy = (tally: Tally, entry: Entry, substance: Substance): void => {
  const reference = referenceOf(entry);
  const matched = sclerosantsNamed(substance.codings, substance.texts);
  const unspecified = matched.length === 0 && namesUnspecifiedSclerosant(substance.codings, substance.texts);
  if (matched.length > 0) {
    matched.forEach((agent) => tally.agents.add(agent));
    tally.allergyRefs.push(reference);
  }
  if (unspecified) tally.unspecified.push({ reference, text: substance.texts[0] ?? 'sclerosant' });
  tally.otherAllergies += 1;
  // A sclerosant is a drug whatever the record's category says (or when it has none).
  if (matched.length > 0 || unspecified || isDrugAllergy(entry, substance)) tally.otherDrugAllergies += 1;
};

const unspecifiedGaps = (tally: Tally): Gap[] =>
  tally.unspecified.map(({ reference, text }) =>
    gap(
      reference,
      'ambiguous',
      tally.agents.size > 0
        ? `An allergy to a sclerosant is recorded ("${text}") without saying which; the agents named elsewhere are listed, and whether this one is another needs confirming`
        : `An allergy to a sclerosant is recorded ("${text}") without saying which; sclerosant allergies are left undocumented`,
      FIELD,
    ),
  );

/**
 * Maps the patient's AllergyIntolerances to history.sclerosantAllergies. A record counts when its
 * clinical status is active or absent and it is not refuted or entered in error; an unconfirmed
 * one counts (it can only add caution). A sclerosant is recognised by code (ATC C05BB02, C05BB04)
 * or by name in the text (polidocanol, Asclera, sodium tetradecyl sulfate, Sotradecol, hypertonic
 * saline, glycerin, Scleremo, ...), whatever the record's category. An allergy to "a sclerosant"
 * that names none leaves the field undocumented, with a gap. With no sclerosant allergy, the field
 * is `[]` only when a confirmed "no known allergy" (716186003) or "no known drug allergy"
 * (409137002) record affirms it and no other record contradicts it (a sclerosant allergy of any
 * category contradicts both); an unconfirmed one, or a contradicted one, leaves it undocumented
 * with a gap.
 * @param ctx - the mapping context
 * @returns the field, with the records it came from, and the gaps
 */
export const mapAllergies = (ctx: MappingContext): Mapped<AllergyHistory> => {
  const tally: Tally = {
    agents: new Set<Agent>(),
    allergyRefs: [],
    noKnownRefs: [],
    unverifiedNoKnown: [],
    unspecified: [],
    noKnownDrugOnly: true,
    otherAllergies: 0,
    otherDrugAllergies: 0,
  };
  for (const entry of ctx.entriesOf('AllergyIntolerance')) {
    const clinical = statusCodeOf(entry.resource['clinicalStatus']);
    const verification = statusCodeOf(entry.resource['verificationStatus']);
    if (clinical !== undefined && INACTIVE.has(clinical)) continue;
    const substance = substanceOf(entry);
    const negation = findCoding('no-known-allergy', substance.codings);
    if (negation !== undefined) {
      countNegation(tally, referenceOf(entry), negation.code, verification);
      continue;
    }
    if (verification !== undefined && EXCLUDED.has(verification)) continue;
    countAllergy(tally, entry, substance);
  }
  const unspecified = unspecifiedGaps(tally);
  if (tally.agents.size > 0) {
    return { value: { sclerosantAllergies: [...tally.agents] }, provenance: { [FIELD]: tally.allergyRefs }, gaps: unspecified };
  }
  if (tally.noKnownRefs.length === 0) return { value: {}, provenance: {}, gaps: [...tally.unverifiedNoKnown, ...unspecified] };
  const contradicted = tally.noKnownDrugOnly ? tally.otherDrugAllergies : tally.otherAllergies;
  if (contradicted > 0) {
    const drug = tally.noKnownDrugOnly ? 'drug ' : '';
    const gaps: Gap[] = tally.noKnownRefs.map((r) =>
      gap(r, 'conflict', `"No known ${drug}allergy" is contradicted by ${contradicted} other active allergy record(s); sclerosant allergies left undocumented`, FIELD),
    );
    return { value: {}, provenance: {}, gaps: [...gaps, ...tally.unverifiedNoKnown, ...unspecified] };
  }
  return { value: { sclerosantAllergies: [] }, provenance: { [FIELD]: tally.noKnownRefs }, gaps: [] };
};
