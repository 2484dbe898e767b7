import { describe, expect, it } from 'vitest';
import { resolvePath } from '../../src/engine/path-resolver.js';

describe('resolvePath', () => {
  it('reads a dotted path of own properties', () => {
    expect(resolvePath({ limits: { maxVolumeMl: 10 } }, 'limits.maxVolumeMl')).toBe(10);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'a.__proto__', 'toString'])('refuses "%s"', (path) => {
    expect(resolvePath({ a: {} }, path)).toBeUndefined();
  });

  it('gives undefined for a missing step or a non-object', () => {
    expect(resolvePath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(resolvePath(null, 'a')).toBeUndefined();
  });
});
