import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Issues } from '../../../src/model/issues.js';
import { findUnsafeKeys, mergePatch, omitPaths } from '../../../src/testing/vignettes/merge.js';

const right = (result: E.Either<Issues, unknown>): unknown => {
  if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
  return result.right;
};
const left = (result: E.Either<Issues, unknown>): Issues => {
  if (E.isRight(result)) return expect.fail(`expected issues, got ${JSON.stringify(result.right)}`);
  return result.left;
};

const base = () => ({
  patient: { ageYears: 40, weightKg: 70 },
  veins: [
    { id: 'a', side: 'left' },
    { id: 'b', side: 'right' },
    { id: 'c', side: 'left' },
  ],
});

describe('mergePatch', () => {
  it('merges objects key by key and replaces arrays and plain values', () => {
    const merged = right(mergePatch(base(), { patient: { weightKg: 80, sex: 'female' }, veins: [{ id: 'z' }] }));
    expect(merged).toEqual({ patient: { ageYears: 40, weightKg: 80, sex: 'female' }, veins: [{ id: 'z' }] });
  });

  it('replaces an object by null or by a value of another type', () => {
    expect(right(mergePatch(base(), { patient: null, veins: 'none' }))).toEqual({ patient: null, veins: 'none' });
  });

  it('changes neither the base nor the patch', () => {
    const original = base();
    const patch = { patient: { weightKg: 80 }, veins: [{ id: 'z' }] };
    const merged = right(mergePatch(original, patch)) as { veins: { id: string }[] };
    merged.veins.push({ id: 'y' });
    expect(original).toEqual(base());
    expect(patch).toEqual({ patient: { weightKg: 80 }, veins: [{ id: 'z' }] });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a patch that names "%s", and pollutes nothing', (key) => {
    const patch = JSON.parse(`{ "patient": { "${key}": { "polluted": true } } }`) as unknown;
    expect(left(mergePatch(base(), patch))).toEqual([expect.objectContaining({ code: 'unsafe_key', path: ['patch', 'patient', key] })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds forbidden keys inside arrays too', () => {
    expect(findUnsafeKeys(JSON.parse('{ "veins": [{}, { "__proto__": {} }] }'))).toEqual([
      expect.objectContaining({ code: 'unsafe_key', path: ['veins', 1, '__proto__'] }),
    ]);
  });
});

describe('omitPaths', () => {
  it('deletes a key, an array element and a nested key', () => {
    expect(right(omitPaths(base(), ['patient.weightKg', 'veins.2', 'veins.0.side']))).toEqual({
      patient: { ageYears: 40 },
      veins: [{ id: 'a' }, { id: 'b', side: 'right' }],
    });
  });

  it('reads every index against the request before any deletion', () => {
    expect(right(omitPaths(base(), ['veins.0', 'veins.1']))).toEqual({ patient: { ageYears: 40, weightKg: 70 }, veins: [{ id: 'c', side: 'left' }] });
  });

  it('accepts the same path twice', () => {
    expect(right(omitPaths(base(), ['patient.weightKg', 'patient.weightKg']))).toEqual({ ...base(), patient: { ageYears: 40 } });
  });

  it('does not change its input', () => {
    const original = base();
    omitPaths(original, ['veins.0', 'patient']);
    expect(original).toEqual(base());
  });

  it('names each path that is not in the request by its place in omit', () => {
    expect(left(omitPaths(base(), ['patient.weightKg', 'patient.height', 'veins.3', 'veins.0.side.x']))).toEqual([
      { code: 'omit_path_not_found', message: 'Path "patient.height" is not in the request, so it cannot be omitted', path: ['omit', 1] },
      { code: 'omit_path_not_found', message: 'Path "veins.3" is not in the request, so it cannot be omitted', path: ['omit', 2] },
      { code: 'omit_path_not_found', message: 'Path "veins.0.side.x" is not in the request, so it cannot be omitted', path: ['omit', 3] },
    ]);
  });

  it.each(['__proto__', 'constructor.name', 'patient.prototype'])('refuses the path "%s"', (path) => {
    expect(left(omitPaths(base(), ['patient.weightKg', path]))).toEqual([expect.objectContaining({ code: 'unsafe_key', path: ['omit', 1] })]);
  });
});
