/// <reference types="node" />
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

// Codes appear as `code: 'x'`, `report(..., 'x', ...)` or in `{ code: 'x' }` literals.
const CODE = /(?:code: |report\((?:ctx, )?|push\(\{ code: |issue\()'([a-z]+(?:_[a-z]+)+)'/g;

describe('docs/errors.md', () => {
  it('lists every issue code the code can produce', () => {
    const page = readFileSync('docs/errors.md', 'utf8');
    const used = new Set(sources('src').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(CODE)].map((m) => m[1] ?? '')));
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((code) => !page.includes(`\`${code}\``)).sort()).toEqual([]);
  });
});
