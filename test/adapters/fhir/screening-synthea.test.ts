import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fromFhirBundle } from '../../../src/adapters/fhir/index.js';
import { ITEMS_BY_PATH } from '../../../src/adapters/fhir/screening-items.js';
import { listExternal, readExternal, synthea, SYNTHEA_END, SYNTHEA_FOLDERS, syntheaName } from './external.js';
import { cleanAnswers } from './screening-builders.js';
import { mapAndAssess, withSpiderOrder } from './screening-synthea.js';

// Fields the questionnaire fills: its linkIds, with the earlier sessions under their request path.
const COVERED = new Set([...ITEMS_BY_PATH.keys()].map((path) => (path.startsWith('priorSessions.') ? 'priorSessions' : path)));

/**
 * Every Synthea patient that is not approved after a clean screening, and the findings that hold
 * or block, each about a fact the record itself documents.
 */
const NOT_APPROVED: Readonly<Record<string, { readonly session: string; readonly findings: readonly string[] }>> = {
  // Born 2020-09: 6.6 kg infant; the paediatric rule refers (the record's birth date).
  Luigi_Wiegand: { session: 'held', findings: ['candidacy.pediatric'] },
  // 13 years old (birth date): the paediatric rule refers.
  Theola_Stoltenberg: { session: 'held', findings: ['candidacy.pediatric'] },
  // A current "Normal pregnancy" Condition; the answer "not pregnant" does not override it.
  Nereida_Rogahn: { session: 'held', findings: ['precaution.pregnancy'] },
};

const STOPPING = new Set(['exclude', 'block-session', 'hold-session', 'require-information', 'refer', 'defer-veins']);

const bundles = SYNTHEA_FOLDERS.flatMap(listExternal).flatMap((file) => {
  const name = syntheaName(file);
  return name === undefined || name === 'Christopher_Abshire' ? [] : [{ name, file, asOf: SYNTHEA_END[name] ?? '' }];
});

const answersFor = (bundle: unknown, asOf: string): ReturnType<typeof cleanAnswers> => {
  // A weight the record already gives fresh is not asked again.
  const raw = fromFhirBundle(withSpiderOrder(bundle, asOf), { asOf });
  const weighed = E.isRight(raw) && raw.right.request.patient.weightKg !== undefined;
  return cleanAnswers(weighed ? { 'patient.weightKg': undefined } : {});
};

describe('every Synthea patient with a clean screening response and a 2 mL polidocanol 0.5 % order on a right-leg spider vein', () => {
  it.each(bundles)('$name reaches a decision, with no questionnaire field unconfirmed', async ({ name, file, asOf }) => {
    const bundle = readExternal(file);
    const { assessment, mapping } = await mapAndAssess(withSpiderOrder(bundle, asOf, answersFor(bundle, asOf)), asOf);
    expect(assessment.unconfirmed.filter((path) => COVERED.has(path))).toEqual([]);
    expect(assessment.status).not.toBe('insufficient-information');
    const stopping = assessment.findings.filter((f) => STOPPING.has(f.effect)).map((f) => f.ruleId);
    const expected = NOT_APPROVED[name];
    expect(assessment.session.status).toBe(expected?.session ?? 'approved');
    expect(stopping).toEqual(expected?.findings ?? []);
    // Each field an answer filled names the response and the item.
    for (const [path, sources] of Object.entries(mapping.provenance)) {
      if (!COVERED.has(path) || !sources.some((s) => s.startsWith('QuestionnaireResponse/'))) continue;
      expect(sources).toContain(`QuestionnaireResponse/screening#${path === 'priorSessions' ? 'priorSessions' : path}`);
    }
  });

  it('approves 18 of 21 mappable patients with the screening, and none without it', async () => {
    let withScreening = 0;
    let without = 0;
    for (const { file, asOf } of bundles) {
      const bundle = readExternal(file);
      const screened = await mapAndAssess(withSpiderOrder(bundle, asOf, answersFor(bundle, asOf)), asOf);
      const raw = await mapAndAssess(withSpiderOrder(bundle, asOf), asOf);
      if (screened.assessment.session.status === 'approved') withScreening += 1;
      if (raw.assessment.session.status === 'approved') without += 1;
    }
    expect(bundles).toHaveLength(21);
    expect({ withScreening, without }).toEqual({ withScreening: 18, without: 0 });
  });
});

describe('one screening answer changed (Buster Hoeger)', () => {
  const { bundle, asOf } = synthea('Buster_Hoeger');

  it('"Yes" to acute deep-vein thrombosis makes the patient not a candidate', async () => {
    const { assessment, mapping } = await mapAndAssess(withSpiderOrder(bundle, asOf, cleanAnswers({ 'history.acuteThromboembolism': true })), asOf);
    expect(assessment.status).toBe('not-candidate');
    expect(mapping.provenance['history.acuteThromboembolism']).toEqual(['QuestionnaireResponse/screening#history.acuteThromboembolism']);
  });

  it('"unknown" puts the field back in unconfirmed', async () => {
    const { assessment } = await mapAndAssess(withSpiderOrder(bundle, asOf, cleanAnswers({ 'history.mobility': { code: 'unknown' } })), asOf);
    expect(assessment.unconfirmed).toEqual(['history.mobility']);
    expect(assessment.status).toBe('insufficient-information');
  });

  it('an unanswered yes/no question stays unconfirmed', async () => {
    const { assessment } = await mapAndAssess(withSpiderOrder(bundle, asOf, cleanAnswers({ 'history.severeAcuteIllness': undefined })), asOf);
    expect(assessment.unconfirmed).toEqual(['history.severeAcuteIllness']);
  });

  it('a response older than an item\'s window is not used for it, and the gap says so', async () => {
    const old = withSpiderOrder(bundle, asOf, cleanAnswers());
    const entries = old['entry'] as { resource: Record<string, unknown> }[];
    const response = entries.find((e) => e.resource['resourceType'] === 'QuestionnaireResponse');
    if (response === undefined) return expect.fail('no response');
    response.resource['authored'] = '2019-12-01'; // 17 days before asOf: past the 7-day acute window only
    const { assessment, mapping } = await mapAndAssess(old, asOf);
    const acute = ['history.acuteThromboembolism', 'history.recentMajorSurgeryOrHospitalization', 'history.mobility', 'history.localInfectionAtTreatmentSite', 'history.severeAcuteIllness', 'history.acuteSuperficialThrombophlebitis', 'priorSessions'];
    expect([...assessment.unconfirmed].sort()).toEqual([...acute].sort());
    const stale = mapping.gaps.filter((g) => g.reason === 'stale' && g.reference === 'QuestionnaireResponse/screening');
    expect(stale.map((g) => g.field).sort()).toEqual([...acute].sort());
    expect(stale[0]?.message).toMatch(/17 days before asOf, more than 7; not used/);
  });
});
