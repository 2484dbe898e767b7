/// <reference types="node" />
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/run.js';
import { capture } from './capture.js';
import shippedLimits from '../../rules/limits.json';


const temporary: string[] = [];

const folder = async (files: Readonly<Record<string, string>>): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'lint-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
};

afterEach(async () => {
  for (const dir of temporary.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('sclerotherapy-cds lint', () => {
  it('lints the shipped rules clean and exits 0', async () => {
    const run = capture();
    expect(await runCli(['lint', 'rules'], run.io)).toBe(EXIT.ok);
    expect(run.out()).toMatch(/^0 errors, 0 warnings in \d+ rule files\n$/);
  });

  it('lints the shipped rules when no folder is given', async () => {
    const named = capture();
    const shipped = capture();
    await runCli(['lint', 'rules/'], named.io);
    expect(await runCli(['lint'], shipped.io)).toBe(EXIT.ok);
    expect(shipped.out()).toBe(named.out());
  });

  it('lists each problem with file, path, severity and code, then a summary, and exits 1', async () => {
    const run = capture();
    expect(await runCli(['lint', 'test/fixtures/lint-bad-rules'], run.io)).toBe(EXIT.failed);
    expect(run.err()).toBe('');
    expect(run.out()).toMatchInlineSnapshot(`
      "test/fixtures/lint-bad-rules/candidacy/not-pregnant.json: conditions.all[0].operator: error: Rule "candidacy.not-pregnant" negates fact "pregnancy", which may be undocumented, in condition pregnancy notIn ["pregnant","postpartum"]: the value "undocumented" passes "notIn", so the rule fires as if "pregnancy" were known; expected a positive test ("equal", "in", "contains"), or "undocumented" listed in the value, or a guard such as pregnancy notEqual "undocumented" in the same "all" [negation_on_undocumentable_fact]
      test/fixtures/lint-bad-rules/counselling/long-summary.json: event.params.summary: error: Rule "counselling.long-summary" has a summary of 150 characters; the most is 139 [summary_too_long]
      test/fixtures/lint-bad-rules/dose/low-weight.json: conditions.all[1].fact: warning: Rule "dose.low-weight" compares fact "weightKg", which may be undocumented, in condition weightKg lessThan 40 with no guard: json-rules-engine's numeric operators return false for the string "undocumented", so the rule silently does not fire while "weightKg" is undocumented; expected a guard such as weightRecorded equal true in the same "all", with another rule covering the undocumented case [comparison_on_undocumentable_fact]
      test/fixtures/lint-bad-rules/dose/repeated-condition.json: conditions.all[2]: warning: Rule "dose.repeated-condition" tests sessionPlanned equal true twice in the same "all" (first at conditions.all[0]); expected each condition once [duplicate_condition]
      test/fixtures/lint-bad-rules/dose/unknown-fact.json: conditions.all[1].fact: error: Rule "dose.unknown-fact" uses unknown fact "sessionVolume" [unknown_fact]
      test/fixtures/lint-bad-rules/dose/unreachable-volume.json: conditions.all[2]: error: Rule "dose.unreachable-volume" has conditions that can never all hold: "plannedVolumeMl" cannot be lessThan 5 (at conditions.all[2]) and greaterThan limits.maxVolumeMl = 10 (at conditions.all[1]) at once; expected conditions that some value can meet [unreachable_range]
      test/fixtures/lint-bad-rules/ordering/misnamed-file.json: event.params.id: warning: Rule "ordering.varicose-first" is in "ordering/misnamed-file.json"; expected it at "ordering/varicose-first.json" (one rule per file at rules/<category>/<slug>.json) [misplaced_rule]
      test/fixtures/lint-bad-rules/precaution/missing-source.json: event.params.sources: error: Rule "precaution.missing-source" cites no source [missing_source]
      5 errors, 3 warnings in 8 rule files
      "
    `);
  });

  it("checks against the folder's own limits and reports files that are not JSON", async () => {
    const fixture = await readFile('test/fixtures/lint-bad-rules/dose/unreachable-volume.json', 'utf8');
    const limits = { ...shippedLimits, maxVolumeMl: { ...shippedLimits.maxVolumeMl, value: 4 } };
    const dir = await folder({
      'dose/unreachable-volume.json': fixture,
      'dose/broken.json': '{ "name": ',
      'limits.json': JSON.stringify(limits),
      'notes/deeper/ignored.json': '{}',
    });
    const run = capture();
    expect(await runCli(['lint', dir], run.io)).toBe(EXIT.failed);
    const lines = run.out().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${dir}/dose/broken\\.json: error: File ".*" is not valid JSON: .* \\[invalid_json\\]$`));
    expect(lines.slice(1)).toEqual(['1 error, 0 warnings in 2 rule files', '']);
  });

  it('reports a folder with no rule files and exits 1', async () => {
    const dir = await folder({ 'limits.json': JSON.stringify(shippedLimits) });
    const run = capture();
    expect(await runCli(['lint', dir], run.io)).toBe(EXIT.failed);
    expect(run.out()).toBe('error: A rule set needs at least one rule; found no rule files [empty_rule_set]\n1 error, 0 warnings in 0 rule files\n');
  });

  it.each([[['lint', 'rules', 'more-rules']], [['lint', '--fix']], [['lint', 'no-such-folder']], [['lint', 'package.json']]])(
    'exits 2 with usage for %j',
    async (argv) => {
      const run = capture();
      expect(await runCli(argv, run.io)).toBe(EXIT.usage);
      expect(run.err()).toContain('sclerotherapy-cds lint [rules-dir]');
    },
  );
});
