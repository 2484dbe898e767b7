import { describe, expect, it } from 'vitest';
import { ICD, SCT, concept, condition, mapOk, patient, statusOf } from './builders.js';

const veinsOf = (...conditions: Record<string, unknown>[]) => mapOk([patient(), ...conditions]).request.veins;
const site = (system: string, code: string, display: string) => [{ coding: [{ system, code, display }] }];

describe('veins from Conditions', () => {
  it.each([
    ['I83.91', 'right', false],
    ['I83.92', 'left', false],
    ['I83.12', 'left', true],
    ['I83.011', 'right', true],
    ['I83.812', 'left', true],
    ['I83.891', 'right', true],
  ])('reads %s as the %s leg', (code, side, symptomatic) => {
    expect(veinsOf(condition('v', concept(ICD, code)))).toEqual([{ id: 'v', kind: 'varicose', region: 'leg', side, symptomatic }]);
  });

  it('makes two veins of a bilateral code', () => {
    expect(veinsOf(condition('v', concept(ICD, 'I83.93')))).toEqual([
      { id: 'v-left', kind: 'varicose', region: 'leg', side: 'left', symptomatic: false },
      { id: 'v-right', kind: 'varicose', region: 'leg', side: 'right', symptomatic: false },
    ]);
  });

  it.each(['I83.90', 'I83.819', 'I83.009'])('leaves the side of %s (unspecified) out', (code) => {
    expect(veinsOf(condition('v', concept(ICD, code)))[0]).not.toHaveProperty('side');
  });

  it('reads the side of a SNOMED CT varicose vein from its bodySite', () => {
    const varicose = condition('v', concept(SCT, '72866009'), { bodySite: site(SCT, '7771000', 'Left') });
    expect(veinsOf(varicose)).toEqual([{ id: 'v', kind: 'varicose', region: 'leg', side: 'left' }]);
  });

  it('maps a telangiectasia on the right leg', () => {
    const spider = condition('t', concept(SCT, '247479008'), { bodySite: [{ text: 'Right lower leg' }] });
    expect(veinsOf(spider)).toEqual([{ id: 't', kind: 'telangiectasia', region: 'leg', side: 'right' }]);
  });

  it('maps a telangiectasia without a site to region "other", and reports it', () => {
    const mapping = mapOk([patient(), condition('t', concept(SCT, '247479008'))]);
    expect(mapping.request.veins).toEqual([{ id: 't', kind: 'telangiectasia', region: 'other' }]);
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'site_not_coded', reference: 'Condition/t' })]);
  });

  it('maps a telangiectasia of the face to region "other"', () => {
    expect(veinsOf(condition('t', concept(SCT, '247479008'), { bodySite: [{ text: 'Face' }] }))[0]?.region).toBe('other');
  });

  it('skips resolved varicose veins', () => {
    expect(veinsOf(condition('v', concept(ICD, 'I83.92'), { clinicalStatus: statusOf('condition-clinical', 'resolved') }))).toEqual([]);
  });

  it('keeps vein ids unique', () => {
    const ids = veinsOf(condition('v', concept(ICD, 'I83.93')), condition('v-left', concept(ICD, 'I83.92'))).map((v) => v.id);
    expect(ids).toEqual(['v-left', 'v-right', 'v-left-2']);
  });

  it('flags inflamed varicose veins as possible thrombophlebitis without setting it', () => {
    const mapping = mapOk([patient(), condition('v', concept(ICD, 'I83.12'))]);
    expect(mapping.request.history).toEqual({});
    expect(mapping.gaps).toEqual([expect.objectContaining({ reason: 'ambiguous', field: 'history.acuteSuperficialThrombophlebitis' })]);
  });

  it('records each vein\'s Condition', () => {
    expect(mapOk([patient(), condition('v', concept(ICD, 'I83.93'))]).provenance).toMatchObject({ 'veins[0]': ['Condition/v'], 'veins[1]': ['Condition/v'] });
  });
});
