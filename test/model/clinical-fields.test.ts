/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The field table of src/model/clinical-fields.ts is keyed by the request schema, so a history
 * field added to the schema alone must fail the type-check until it is entered in the table. This
 * test makes that change in a copy of `src/` and runs the repository's own compiler on it.
 *
 * The copy is src/, rules/ and codes/ (JSON imported by src/), tsconfig.json limited to src/, and
 * package.json. Edits made in the copy, and nothing else:
 * 1. src/model/request-schema.ts: `smoker: z.boolean().optional(),` added to HistorySchema;
 * 2. then, for the second run: src/model/clinical-fields.ts, a `smoker` entry in HISTORY_FIELD_TABLE;
 *    and, because every history field is also a fact the rules may read (the `Facts` type is keyed
 *    by the history fields too), src/facts/history-facts.ts, `| 'smoker'` in the list of its fact
 *    names and `smoker: documented(history.smoker),`,
 *    and src/facts/fact-catalogue.ts, `smoker: history('smoker', 'Smoking'),`.
 * The first run must fail in clinical-fields.ts; the second must pass, which also shows that the
 * copy itself compiles.
 */
const repo = resolve('.');
const tsc = join(repo, 'node_modules', '.bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'clinical-fields-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

const replaceOnce = (file: string, anchor: string, insertion: string): void => {
  const text = readFileSync(file, 'utf8');
  expect(text.split(anchor)).toHaveLength(2);
  writeFileSync(file, text.replace(anchor, `${anchor}${insertion}`));
};

const typeCheck = () => {
  // Incremental, so the second run re-checks only what the table edit touches.
  const result = spawnSync(tsc, ['--noEmit', '-p', join(work, 'tsconfig.json'), '--incremental', '--tsBuildInfoFile', join(work, 'tsbuildinfo')], {
    cwd: work,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('the clinical field table', () => {
  it('makes the compiler refuse a history field that is only in the request schema, and accept it once it is in the table', () => {
    cpSync(join(repo, 'src'), join(work, 'src'), { recursive: true });
    // The bundled rule index and the FHIR code tables import JSON from beside src/.
    for (const dir of ['rules', 'codes']) cpSync(join(repo, dir), join(work, dir), { recursive: true });
    const config = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')) as { compilerOptions?: Record<string, unknown> };
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...config.compilerOptions, typeRoots: [join(repo, 'node_modules', '@types')] }, include: ['src'] }),
    );
    cpSync(join(repo, 'package.json'), join(work, 'package.json'));
    // Packages resolve from the repository's node_modules.
    symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir');

    replaceOnce(join(work, 'src', 'model', 'request-schema.ts'), 'const HistorySchema = z.strictObject({\n', '  smoker: z.boolean().optional(),\n');
    const refused = typeCheck();
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/src\/model\/clinical-fields\.ts\(\d+,\d+\): error TS\d+/);
    expect(refused.output).toContain('smoker');

    replaceOnce(
      join(work, 'src', 'model', 'clinical-fields.ts'),
      'export const HISTORY_FIELD_TABLE = {\n',
      "  smoker: { words: 'smoking', clean: false, values: BOOLEAN, screening: 'precaution', omissionCanHold: false },\n",
    );
    replaceOnce(join(work, 'src', 'facts', 'history-facts.ts'), "  | 'ceapClass'\n", "  | 'smoker'\n");
    replaceOnce(join(work, 'src', 'facts', 'history-facts.ts'), '    ceapClass: documented(history.ceapClass),\n', '    smoker: documented(history.smoker),\n');
    // toFacts names every fact in one literal, so the new one is named there too.
    replaceOnce(join(work, 'src', 'facts', 'to-facts.ts'), '    ceapClass: history.ceapClass,\n', '    smoker: history.smoker,\n');
    replaceOnce(join(work, 'src', 'facts', 'fact-catalogue.ts'), "  ceapClass: history('ceapClass', 'Highest CEAP clinical class, either leg'),\n", "  smoker: history('smoker', 'Smoking'),\n");
    // The screening questionnaire asks every history field: the new one needs its question.
    replaceOnce(join(work, 'src', 'adapters', 'fhir', 'screening-items.ts'), "  ceapClass: { text: 'Highest CEAP clinical class, either leg', window: 'history' },\n", "  smoker: { text: 'Smoking', window: 'history' },\n");
    expect(typeCheck()).toEqual({ status: 0, output: '' });
  }, 240_000);
});
