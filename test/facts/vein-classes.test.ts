import { describe, expect, it } from 'vitest';
import { classOf, isToBeTreated, safetyKind, strengthClass } from '../../src/facts/vein-classes.js';

describe('vein classes (RULES.md, Conventions)', () => {
  it('classOf puts 1 mm and 3 mm in the larger class (CEAP 2020 half-open ranges)', () => {
    expect([0.99, 1, 2.99, 3].map(classOf)).toEqual(['telangiectasia', 'reticular', 'reticular', 'varicose']);
  });

  it('strengthClass puts 1 mm and 3 mm in the smaller class (closed label ranges)', () => {
    expect([1, 1.01, 3, 3.01].map((d) => strengthClass({ kind: 'telangiectasia', diameterMm: d }))).toEqual([
      'telangiectasia',
      'reticular',
      'reticular',
      'varicose',
    ]);
    expect(strengthClass({ kind: 'varicose' })).toBe('varicose');
  });

  it('safetyKind takes the larger of the recorded kind and the measured class', () => {
    expect(safetyKind({ kind: 'reticular', diameterMm: 4.5 })).toBe('varicose');
    expect(safetyKind({ kind: 'varicose', diameterMm: 0.5 })).toBe('varicose');
    expect(safetyKind({ kind: 'telangiectasia', diameterMm: 0.5 })).toBe('telangiectasia');
    expect(safetyKind({ kind: 'reticular' })).toBe('reticular');
  });

  it('counts a targeted treated vein (a touch-up) as to be treated', () => {
    const targets = new Set(['a']);
    expect(isToBeTreated({ id: 'a', status: 'treated' }, targets)).toBe(true);
    expect(isToBeTreated({ id: 'b', status: 'treated' }, targets)).toBe(false);
    expect(isToBeTreated({ id: 'c' }, targets)).toBe(true);
  });
});
