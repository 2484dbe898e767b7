import { describe, expect, it } from 'vitest';
import { nameVein, nameVeins } from '../../src/explain/vein-names.js';

describe('nameVein', () => {
  it('names a vein by kind, side and region', () => {
    expect(nameVein({ kind: 'telangiectasia', region: 'leg', side: 'left' })).toBe('spider veins (telangiectasia), left leg');
    expect(nameVein({ kind: 'varicose', region: 'leg', side: 'right' })).toBe('varicose vein, right leg');
    expect(nameVein({ kind: 'reticular', region: 'hand', side: 'right' })).toBe('reticular vein, right hand');
  });

  it('says when a leg vein has no side recorded', () => {
    expect(nameVein({ kind: 'reticular', region: 'leg' })).toBe('reticular vein, leg (side not recorded)');
  });

  it('names veins outside the legs by region', () => {
    expect(nameVein({ kind: 'varicose', region: 'face' })).toBe('varicose vein, face');
    expect(nameVein({ kind: 'telangiectasia', region: 'chest', side: 'left' })).toBe('spider veins (telangiectasia), chest, left side');
    expect(nameVein({ kind: 'reticular', region: 'other' })).toBe('reticular vein, another site');
  });

  it('uses the label when one is given', () => {
    expect(nameVein({ kind: 'telangiectasia', region: 'leg', side: 'left', label: 'left knee, medial' })).toBe('left knee, medial');
  });
});

describe('nameVeins', () => {
  const veins = {
    a: { kind: 'telangiectasia', region: 'leg', side: 'left' },
    b: { kind: 'reticular', region: 'leg' },
    c: { kind: 'telangiectasia', region: 'leg', side: 'left' },
    d: { kind: 'varicose', region: 'leg', side: 'right', label: 'right calf' },
  } as const;

  it('joins names with "; " in the order given, never showing ids', () => {
    expect(nameVeins(['d', 'b'], veins)).toBe('right calf; reticular vein, leg (side not recorded)');
  });

  it('names veins of the same name once, with their count', () => {
    expect(nameVeins(['a', 'b', 'c'], veins)).toBe('spider veins (telangiectasia), left leg (2 sites); reticular vein, leg (side not recorded)');
  });

  it('says "none" for no veins and never shows an unknown id', () => {
    expect(nameVeins([], veins)).toBe('none');
    expect(nameVeins(['constructor'], veins)).toBe('a documented vein');
  });
});
