import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadVignettes, type LoadedVignetteFile } from '../../../src/testing/vignettes/load.js';
import type { VignetteIssues } from '../../../src/testing/vignettes/issues.js';
import { FOREIGN_BASE, tempTree } from './temp-tree.js';

const tree = tempTree();
afterAll(() => tree.remove());

const loaded = async (paths: readonly string[]): Promise<readonly LoadedVignetteFile[]> => {
  const result = await loadVignettes(paths);
  if (E.isLeft(result)) return expect.fail(result.left.map((i) => i.message).join('\n'));
  return result.right;
};
const refused = async (files: Readonly<Record<string, string>>): Promise<VignetteIssues> => {
  const result = await loadVignettes([tree.write(files)]);
  if (E.isRight(result)) return expect.fail('expected the vignettes to be refused');
  return result.left;
};
const messages = (issues: VignetteIssues): string =>
  issues.map((i) => `${tree.relative(i.message).replace(/<tmp>\/case-\d+/g, '<dir>')} [${i.code}]`).join('\n');

describe('loadVignettes', () => {
  it('loads a folder of JSON and YAML vignette files and leaves out the files used as bases', async () => {
    const files = await loaded(['test/fixtures/vignettes-foreign']);
    expect(files.map((f) => [f.file, f.vignettes.length])).toEqual([
      ['test/fixtures/vignettes-foreign/dose-limits.yaml', 3],
      ['test/fixtures/vignettes-foreign/missing-history.yml', 3],
      ['test/fixtures/vignettes-foreign/ordering.json', 3],
      ['test/fixtures/vignettes-foreign/rejected-requests.yaml', 4],
      ['test/fixtures/vignettes-foreign/spider-veins.json', 1],
    ]);
  });

  it('builds a request from a base, a patch and omitted paths', async () => {
    const [file] = await loaded(['test/fixtures/vignettes-foreign/dose-limits.yaml']);
    const request = file?.vignettes[2]?.request as { patient: Record<string, unknown>; plannedSession: Record<string, unknown> };
    expect(request.patient).toEqual({ ageYears: 47, sex: 'female', pregnancy: 'not-pregnant', breastfeeding: false });
    expect(request.plannedSession).toEqual(expect.objectContaining({ containers: 6, totalVolumeMl: 10.5, containerVolumeMl: 2, targetVeinIds: ['calf-spider'] }));
  });

  it('removes an array element named by index', async () => {
    const [file] = await loaded(['test/fixtures/vignettes-foreign/ordering.json']);
    const request = file?.vignettes[2]?.request as { veins: { id: string }[] };
    expect(request.veins.map((v) => v.id)).toEqual(['left-ankle-spiders', 'right-knee-spiders']);
  });

  it('finds vignettes by glob and keeps asOf', async () => {
    const files = await loaded(['test/fixtures/vignettes-foreign/**/*.json']);
    expect(files.map((f) => f.file)).toEqual(['test/fixtures/vignettes-foreign/ordering.json', 'test/fixtures/vignettes-foreign/spider-veins.json']);
    expect(files[1]?.vignettes[0]?.asOf).toBe('2026-05-11');
  });

  it('names the file, the vignette and the field of every problem, across files', async () => {
    const issues = await refused({
      'a.yaml': [
        'vignettes:',
        '  - name: Pregnant patient',
        `    base: ${FOREIGN_BASE}`,
        '    omit: [patient.height]',
        '    expect: { status: referred, include: [x.y] }',
        '  - base: missing.json',
        '    expect: { session: blocked }',
        '  - name: Pregnant patient',
        `    base: ${FOREIGN_BASE}`,
        '    expect: { status: refer }',
      ].join('\n'),
      'b.json': '{ "name": "Single", "request": {}, "expect": {} }',
      'c.yaml': 'name: [unclosed',
      'd.yaml': 'name: Unsafe\nbase: x.json\npatch: { patient: { __proto__: { admin: true } } }\nexpect: { status: refer }',
      'e.json': '[1, 2]',
      'f.yaml': 'vignettes: []\nnote: x',
    });
    expect(messages(issues)).toMatchInlineSnapshot(`
      ""<dir>/a.yaml", vignette "Pregnant patient" (vignettes[0]), field expect.status: Invalid option: expected one of "candidate"|"candidate-with-precautions"|"insufficient-information"|"refer"|"not-candidate" [invalid_value]
      "<dir>/a.yaml", vignette "Pregnant patient" (vignettes[0]), field expect.include: Unknown field "include"; expected one of status, session, includes, excludes, deferred, held, holds, unconfirmed, invalid [unknown_field]
      "<dir>/a.yaml", vignette vignettes[1], field name: Required field is missing (expected string) [missing_field]
      "<dir>/b.json", vignette "Single", field expect: Expected at least one expectation: status, session, includes, excludes, deferred, held, holds, unconfirmed, invalid [empty_expectation]
      "<dir>/c.yaml": The text is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 16 [invalid_yaml]
      "<dir>/d.yaml", vignette "Unsafe", field patch.patient.__proto__: Field "__proto__" is refused: "__proto__", "constructor" and "prototype" could change every object [unsafe_key]
      "<dir>/e.json": Expected a vignette (name, request or base, expect) or { vignettes: [...] }, found a list [invalid_vignette_file]
      "<dir>/f.yaml", field note: Unknown field "note"; a file of several vignettes has only "vignettes" [unknown_field]
      "<dir>/f.yaml", field vignettes: Expected "vignettes" to be a non-empty list of vignettes [invalid_vignette_file]"
    `);
  });

  it('names the base file when it cannot be read, is not a request, or has no such path to omit', async () => {
    const issues = await refused({
      'bases/list.yaml': '- not a request',
      'bases/ok.json': '{ "patient": { "ageYears": 40 } }',
      'cases.yaml': [
        'vignettes:',
        '  - { name: No file, base: bases/none.json, expect: { status: refer } }',
        '  - { name: A list, base: bases/list.yaml, expect: { status: refer } }',
        '  - { name: No such path, base: bases/ok.json, omit: [patient.weightKg], expect: { status: refer } }',
      ].join('\n'),
    });
    expect(messages(issues)).toMatchInlineSnapshot(`
      ""<dir>/cases.yaml", vignette "No file" (vignettes[0]), field base: Base request "<dir>/bases/none.json": Cannot read it: ENOENT: no such file or directory, open '<dir>/bases/none.json' [unreadable_file]
      "<dir>/cases.yaml", vignette "A list" (vignettes[1]), field base: Base request "<dir>/bases/list.yaml": Expected an object (a request) [invalid_base]
      "<dir>/cases.yaml", vignette "No such path" (vignettes[2]), field omit[0]: Path "patient.weightKg" is not in the request, so it cannot be omitted [omit_path_not_found]"
    `);
  });

  it('refuses two vignettes of the same name in one file, and a base with a forbidden key', async () => {
    const issues = await refused({
      'base.json': '{ "patient": { "constructor": { "prototype": {} } } }',
      'cases.yaml': [
        'vignettes:',
        `  - { name: Same, base: ${FOREIGN_BASE}, expect: { status: refer } }`,
        `  - { name: Same, base: ${FOREIGN_BASE}, expect: { status: candidate } }`,
        '  - { name: Unsafe base, base: base.json, expect: { status: refer } }',
      ].join('\n'),
    });
    expect(messages(issues)).toMatchInlineSnapshot(`
      ""<dir>/cases.yaml", vignette "Unsafe base" (vignettes[2]), field base: Base request "<dir>/base.json": Field patient.constructor is refused: "__proto__", "constructor" and "prototype" could change every object [unsafe_key]
      "<dir>/cases.yaml", vignette "Same" (vignettes[1]), field name: The name is already used by vignettes[0]; names must be unique within a file [duplicate_vignette_name]"
    `);
  });

  it('reports a path that does not exist and a folder without vignette files', async () => {
    const empty = tree.write({ 'notes.txt': 'nothing here' });
    const result = await loadVignettes(['no/such/folder', empty]);
    expect(E.isLeft(result) ? result.left.map((i) => [i.code, i.file]) : []).toEqual([
      ['unreadable_path', 'no/such/folder'],
      ['no_vignette_files', empty],
    ]);
  });

  it('reads through the given readFile', async () => {
    const read: string[] = [];
    const folder = tree.write({ 'v.json': '{}' });
    await loadVignettes([folder], {
      readFile: (path) => {
        read.push(path);
        return Promise.resolve(JSON.stringify({ name: 'Injected', request: { patient: {} }, expect: { status: 'refer' } }));
      },
    });
    expect(read).toEqual([`${folder}/v.json`]);
  });
});
