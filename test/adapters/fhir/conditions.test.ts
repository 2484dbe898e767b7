import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../../../src/assess.js';
import { AS_OF, ICD, SCT, concept, condition, mapOk, patient, sclerosantOrder, statusOf } from './builders.js';
import { readExternal, synthea } from './external.js';

const historyOf = (...conditions: Record<string, unknown>[]) => mapOk([patient(), ...conditions]).request.history;

describe('history from Conditions', () => {
  it.each([
    ['an acute DVT (SNOMED 128053003)', concept(SCT, '128053003'), { acuteThromboembolism: true }],
    ['an acute PE (ICD-10-CM I26.99)', concept(ICD, 'I26.99'), { acuteThromboembolism: true }],
    ['a distal DVT (I82.4Z2)', concept(ICD, 'I82.4Z2'), { acuteThromboembolism: true }],
    ['a personal history of VTE (Z86.718)', concept(ICD, 'Z86.718'), { priorThromboembolism: true }],
    ['a history of DVT (SNOMED 161508001)', concept(SCT, '161508001'), { priorThromboembolism: true }],
    ['a chronic DVT (I82.512)', concept(ICD, 'I82.512'), { priorThromboembolism: true }],
    ['factor V Leiden (D68.51)', concept(ICD, 'D68.51'), { thrombophilia: true }],
    ['a malignant neoplasm (C50.911)', concept(ICD, 'C50.911'), { activeCancer: true }],
    ['claudication (I70.212)', concept(ICD, 'I70.212'), { peripheralArterialDisease: 'mild' }],
    ['PAD with rest pain (I70.222)', concept(ICD, 'I70.222'), { peripheralArterialDisease: 'critical' }],
    ['gangrene due to atherosclerosis (SNOMED 5111000119102)', concept(SCT, '5111000119102'), { peripheralArterialDisease: 'critical' }],
    ['migraine with aura (SNOMED 4473006)', concept(SCT, '4473006'), { migraineWithAura: true }],
    ['superficial thrombophlebitis (I80.02)', concept(ICD, 'I80.02'), { acuteSuperficialThrombophlebitis: true }],
    ['a varicose ulcer (I83.013)', concept(ICD, 'I83.013'), { ceapClass: 'C6' }],
  ])('maps %s', (_, code, expected) => {
    expect(historyOf(condition('c', code))).toEqual(expected);
  });

  it('turns a resolved DVT into a prior one', () => {
    const resolved = condition('dvt', concept(SCT, '128053003'), { clinicalStatus: statusOf('condition-clinical', 'resolved') });
    expect(historyOf(resolved)).toEqual({ priorThromboembolism: true });
  });

  it('turns a DVT abated before asOf into a prior one, but not one abating later', () => {
    expect(historyOf(condition('dvt', concept(SCT, '128053003'), { abatementDateTime: '2025-02-01' }))).toEqual({ priorThromboembolism: true });
    expect(historyOf(condition('dvt', concept(SCT, '128053003'), { abatementDateTime: '2025-06-01' }))).toEqual({ acuteThromboembolism: true });
  });

  it('ignores refuted and entered-in-error Conditions', () => {
    const refuted = condition('a', concept(SCT, '128053003'), { verificationStatus: statusOf('condition-ver-status', 'refuted') });
    const error = condition('b', concept(ICD, 'D68.51'), { verificationStatus: statusOf('condition-ver-status', 'entered-in-error') });
    expect(historyOf(refuted, error)).toEqual({});
  });

  it('counts a provisional diagnosis and one without a clinical status', () => {
    const provisional = condition('a', concept(SCT, '128053003'), { verificationStatus: statusOf('condition-ver-status', 'provisional'), clinicalStatus: undefined });
    expect(historyOf(provisional)).toEqual({ acuteThromboembolism: true });
  });

  it('keeps the more severe PAD grade', () => {
    expect(historyOf(condition('a', concept(ICD, 'I70.261')), condition('b', concept(ICD, 'I73.9')))).toEqual({ peripheralArterialDisease: 'critical' });
  });

  it('does not map cancer in remission (the IPS breast cancer)', () => {
    const ips = readExternal('fhir-r4-examples/hl7.fhir.uv.ips-2.0.0/Bundle-IPS-examples-Bundle-01.json');
    expect(mapOk(ips, { asOf: '2024-01-01' }).request.history).not.toHaveProperty('activeCancer');
  });

  it('does not take Mafalda_Turcotte\'s migraine without aura for migraine with aura', () => {
    const { bundle, asOf } = synthea('Mafalda_Turcotte');
    expect(mapOk(bundle, { asOf }).request.history).not.toHaveProperty('migraineWithAura');
  });

  it('never writes false or "none"', () => {
    expect(historyOf(condition('a', concept(SCT, '38341003', 'Hypertension')))).toEqual({});
  });

  it('records each field\'s Conditions', () => {
    const mapping = mapOk([patient(), condition('dvt', concept(SCT, '128053003')), condition('pe', concept(ICD, 'I26.99'))]);
    expect(mapping.provenance['history.acuteThromboembolism']).toEqual(['Condition/dvt', 'Condition/pe']);
  });
});

describe('a patent foramen ovale', () => {
  it.each([
    ['Q21.12', concept(ICD, 'Q21.12')],
    ['SNOMED 204317008', concept(SCT, '204317008', 'Patent foramen ovale')],
  ])('(%s) leaves rightToLeftShunt undocumented and says its symptoms need confirming', (_, code) => {
    const mapping = mapOk([patient(), condition('pfo', code)]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.provenance).not.toHaveProperty(['history.rightToLeftShunt']);
    expect(mapping.gaps).toEqual([expect.objectContaining({ reference: 'Condition/pfo', field: 'history.rightToLeftShunt', reason: 'uncertain' })]);
    expect(mapping.gaps[0]?.message).toMatch(/patent foramen ovale is recorded.*needs confirming/);
  });

  it('is not reported once resolved', () => {
    const closed = condition('pfo', concept(ICD, 'Q21.12'), { clinicalStatus: statusOf('condition-clinical', 'resolved') });
    expect(mapOk([patient(), closed]).gaps).toEqual([]);
  });

  it('stays among the unconfirmed contraindications when foam is planned', async () => {
    const varicose = condition('varicose-left', concept(ICD, 'I83.92'));
    const foam = sclerosantOrder({ medicationCodeableConcept: { text: 'Varithena 1%' } });
    const mapping = mapOk([patient(), varicose, condition('pfo', concept(ICD, 'Q21.12')), foam]);
    const assessed = await assess(mapping.request, { asOf: AS_OF });
    if (E.isLeft(assessed)) return expect.fail(JSON.stringify(assessed.left));
    expect(assessed.right.unconfirmed).toContain('history.rightToLeftShunt');
    expect(assessed.right.findings.map((f) => f.ruleId)).not.toContain('precaution.asymptomatic-shunt-foam');
  });
});
