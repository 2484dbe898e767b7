/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { VignetteFileSchema, VignetteSchema } from '../../../src/testing/vignettes/schema.js';

const FOREIGN = 'test/fixtures/vignettes-foreign';

const valid = { name: 'A case', base: 'base.json', expect: { status: 'candidate' } };

const problems = (input: unknown): readonly { path: readonly PropertyKey[]; message: string }[] => {
  const result = VignetteSchema.safeParse(input);
  if (result.success) return expect.fail('expected the vignette to be refused');
  return result.error.issues.map(({ path, message }) => ({ path, message }));
};

describe('VignetteFileSchema', () => {
  it.each(readdirSync(FOREIGN).filter((file) => /\.(json|ya?ml)$/.test(file)))('accepts the foreign vignette file %s', (file) => {
    const text = readFileSync(`${FOREIGN}/${file}`, 'utf8');
    const value: unknown = file.endsWith('.json') ? JSON.parse(text) : parse(text);
    expect(VignetteFileSchema.safeParse(value).success).toBe(true);
  });

  it('accepts one vignette and a file of several', () => {
    expect(VignetteFileSchema.safeParse(valid).success).toBe(true);
    expect(VignetteFileSchema.safeParse({ vignettes: [valid, { ...valid, name: 'Another' }] }).success).toBe(true);
    expect(VignetteFileSchema.safeParse({ vignettes: [] }).success).toBe(false);
  });

  it('converts to a strict JSON Schema', () => {
    const json = JSON.stringify(z.toJSONSchema(VignetteFileSchema, { io: 'input' }));
    expect(json).toContain('"additionalProperties":false');
    expect(json).toContain('"not-candidate"');
  });
});

describe('VignetteSchema', () => {
  it('refuses a vignette with both a request and a base, or with neither', () => {
    expect(problems({ ...valid, request: {} })).toEqual([{ path: ['base'], message: 'Give either "request" or "base", not both' }]);
    expect(problems({ name: 'x', expect: { status: 'refer' } })).toEqual([{ path: ['request'], message: 'Give either "request" or "base"' }]);
  });

  it('refuses a patch or omit without a base', () => {
    expect(problems({ name: 'x', request: {}, patch: {}, omit: ['a'], expect: { status: 'refer' } })).toEqual([
      { path: ['patch'], message: '"patch" changes a base request, so it needs "base"' },
      { path: ['omit'], message: '"omit" changes a base request, so it needs "base"' },
    ]);
  });

  it('refuses an empty expectation and a missing one', () => {
    expect(problems({ ...valid, expect: {} })).toEqual([
      { path: ['expect'], message: 'Expected at least one expectation: status, session, includes, excludes, deferred, held, holds, unconfirmed, invalid' },
    ]);
    expect(problems({ name: 'x', base: 'b.json' })).toEqual([{ path: ['expect'], message: 'Invalid input: expected object, received undefined' }]);
  });

  it('refuses "invalid" together with expectations about an assessment', () => {
    expect(problems({ ...valid, expect: { invalid: ['veins.0.id'], status: 'candidate', includes: ['x.y'] } })).toEqual([
      { path: ['expect', 'invalid'], message: '"invalid" expects the request to be rejected, so it cannot be combined with "status", "includes", which describe an assessment' },
    ]);
  });

  it('refuses a rule that must both fire and not fire', () => {
    expect(problems({ ...valid, expect: { includes: ['dose.a', 'dose.b'], excludes: ['dose.b'] } })).toEqual([
      { path: ['expect', 'excludes'], message: 'Rule "dose.b" is listed both in "includes" and in "excludes"' },
    ]);
  });

  it('refuses unknown statuses, unknown fields, impossible dates and unsafe paths', () => {
    expect(problems({ ...valid, asOf: '2026-02-30', expect: { status: 'fine', sesion: 'approved' }, omit: ['veins.0.__proto__'] }).map((p) => p.path)).toEqual([
      ['asOf'],
      ['omit', 0],
      ['expect', 'status'],
      ['expect'],
    ]);
  });

  it('refuses a path that is not a dot path', () => {
    expect(problems({ ...valid, omit: ['veins[0].side'], expect: { invalid: ['a..b'] } }).map((p) => p.path)).toEqual([['omit', 0], ['expect', 'invalid', 0]]);
  });
});
