import { describe, expect, it } from 'vitest';
import { ATC, RX, SCT, allergy, concept, mapOk, patient, statusOf } from './builders.js';
import { readExternal, synthea } from './external.js';

const R4 = 'fhir-r4-examples/hl7.fhir.r4.examples-4.0.1';
const historyOf = (...allergies: unknown[]) => mapOk([patient(), ...allergies]).request.history;
// The R4 negation examples are about Patient/mom or Patient/example; map them with that patient.
const withPatientOf = (file: string) => {
  const resource = readExternal(`${R4}/${file}`) as { patient: { reference: string } };
  const id = resource.patient.reference.split('/')[1];
  return mapOk([patient({ id }), resource]);
};

describe('sclerosant allergies', () => {
  it('recognises polidocanol by ATC code', () => {
    expect(historyOf(allergy('a', concept(ATC, 'C05BB02', 'polidocanol')))).toEqual({ sclerosantAllergies: ['polidocanol'] });
  });

  it('recognises a brand name in the text', () => {
    expect(historyOf(allergy('a', { text: 'Sotradecol (anaphylaxis 2019)' }))).toEqual({ sclerosantAllergies: ['sodium-tetradecyl-sulfate'] });
  });

  it('recognises a sclerosant named only as a reaction substance', () => {
    const reaction = allergy('a', { text: 'Sclerosant' }, { reaction: [{ substance: { text: 'Asclera 0.5%' } }] });
    expect(historyOf(reaction)).toEqual({ sclerosantAllergies: ['polidocanol'] });
  });

  it('counts an unconfirmed allergy, but not a refuted or resolved one', () => {
    const unconfirmed = allergy('a', { text: 'polidocanol' }, { verificationStatus: statusOf('allergyintolerance-verification', 'unconfirmed') });
    expect(historyOf(unconfirmed)).toEqual({ sclerosantAllergies: ['polidocanol'] });
    const refuted = allergy('b', { text: 'polidocanol' }, { verificationStatus: statusOf('allergyintolerance-verification', 'refuted') });
    const resolved = allergy('c', { text: 'polidocanol' }, { clinicalStatus: statusOf('allergyintolerance-clinical', 'resolved') });
    expect(historyOf(refuted, resolved)).toEqual({});
  });

  it.each(['Marsha_Hayes', 'Reyna_Ziemann'])('does not take %s\'s latex allergy for a sclerosant allergy', (name) => {
    const { bundle, asOf } = synthea(name);
    expect(mapOk(bundle, { asOf }).request.history).not.toHaveProperty('sclerosantAllergies');
  });

  it('does not take a penicillin allergy for a sclerosant allergy', () => {
    expect(historyOf(allergy('a', concept(RX, '7980', 'Penicillin G')))).toEqual({});
  });
});

describe('no known allergy', () => {
  it('maps "no known allergy" (716186003) to none known, citing it', () => {
    const mapping = withPatientOf('AllergyIntolerance-nka.json');
    expect(mapping.request.history).toEqual({ sclerosantAllergies: [] });
    expect(mapping.provenance['history.sclerosantAllergies']).toEqual(['AllergyIntolerance/nka']);
  });

  it('maps "no known drug allergy" (409137002) to none known', () => {
    expect(withPatientOf('AllergyIntolerance-nkda.json').request.history).toEqual({ sclerosantAllergies: [] });
  });

  it('leaves "no known latex allergy" undocumented', () => {
    expect(withPatientOf('AllergyIntolerance-nkla.json').request.history).toEqual({});
  });

  it('leaves "no known allergy" undocumented when another allergy contradicts it', () => {
    const mapping = mapOk([patient(), allergy('nka', concept(SCT, '716186003')), allergy('latex', concept(SCT, '300916003', 'Latex allergy'))]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'conflict', reference: 'AllergyIntolerance/nka' })]);
  });

  it('keeps "no known drug allergy" when the only other allergy is not to a drug', () => {
    const history = historyOf(allergy('nkda', concept(SCT, '409137002')), allergy('latex', concept(SCT, '300916003', 'Latex allergy')));
    expect(history).toEqual({ sclerosantAllergies: [] });
  });

  it('drops "no known drug allergy" when a drug allergy contradicts it', () => {
    const history = historyOf(allergy('nkda', concept(SCT, '409137002')), allergy('pen', concept(RX, '7980', 'Penicillin G')));
    expect(history).toEqual({});
  });

  it('lets a sclerosant allergy win over "no known allergy"', () => {
    expect(historyOf(allergy('nka', concept(SCT, '716186003')), allergy('p', { text: 'polidocanol' }))).toEqual({ sclerosantAllergies: ['polidocanol'] });
  });
});

describe('"no known allergy" that is not confirmed', () => {
  it.each(['unconfirmed', 'provisional', 'differential', 'refuted'])('is not taken as none known when it is %s', (status) => {
    const nka = allergy('nka', concept(SCT, '716186003'), { verificationStatus: statusOf('allergyintolerance-verification', status) });
    const mapping = mapOk([patient(), nka]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([expect.objectContaining({ reference: 'AllergyIntolerance/nka', reason: 'uncertain', field: 'history.sclerosantAllergies' })]);
  });

  it('is not taken as none known without a verification status', () => {
    const nkda = allergy('nkda', concept(SCT, '409137002'), { verificationStatus: undefined });
    expect(mapOk([patient(), nkda]).request.history).toEqual({});
  });

  it('is ignored when entered in error', () => {
    const nka = allergy('nka', concept(SCT, '716186003'), { verificationStatus: statusOf('allergyintolerance-verification', 'entered-in-error') });
    expect(mapOk([patient(), nka]).gaps).toEqual([]);
  });

  it('contradicts a confirmed one when refuted', () => {
    const refuted = allergy('old', concept(SCT, '716186003'), { verificationStatus: statusOf('allergyintolerance-verification', 'refuted') });
    const mapping = mapOk([patient(), allergy('nka', concept(SCT, '716186003')), refuted]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'AllergyIntolerance/nka', reason: 'conflict' }));
  });
});

describe('"no known drug allergy" beside a sclerosant allergy', () => {
  it.each([
    ['no category', {}],
    ['category food', { category: ['food'] }],
    ['category medication', { category: ['medication'] }],
  ])('gives way to a glycerin allergy with %s', (_, extra) => {
    const glycerin = allergy('gly', { text: 'Glycerin (sclerotherapy) - hives' }, extra);
    expect(historyOf(allergy('nkda', concept(SCT, '409137002')), glycerin)).toEqual({ sclerosantAllergies: ['glycerin'] });
  });

  it('gives way to a hypertonic saline allergy', () => {
    expect(historyOf(allergy('nkda', concept(SCT, '409137002')), allergy('hs', { text: 'Hypertonic saline' }))).toEqual({ sclerosantAllergies: ['hypertonic-saline'] });
  });

  it('conflicts with an allergy to a sclerosant that is not named, whatever its category', () => {
    const unnamed = allergy('scl', { text: 'Sclerotherapy agent - anaphylaxis' });
    const mapping = mapOk([patient(), allergy('nkda', concept(SCT, '409137002')), unnamed]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([
      expect.objectContaining({ reference: 'AllergyIntolerance/nkda', reason: 'conflict' }),
      expect.objectContaining({ reference: 'AllergyIntolerance/scl', reason: 'ambiguous' }),
    ]);
  });

  it('reports an allergy to an unnamed sclerosant on its own, and leaves the field undocumented', () => {
    const mapping = mapOk([patient(), allergy('scl', { text: 'Sclerosant' })]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([expect.objectContaining({ reference: 'AllergyIntolerance/scl', reason: 'ambiguous', field: 'history.sclerosantAllergies' })]);
  });
});
