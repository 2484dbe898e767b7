/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/run.js';
import { capture } from './capture.js';


describe('sclerotherapy-cds assess', () => {
  it('prints a readable report grouped by severity and exits 0', async () => {
    const run = capture();
    expect(await runCli(['assess', 'examples/capped-session.json'], run.io)).toBe(EXIT.assessed);
    const report = run.out();
    expect(report.split('\n').slice(0, 17).join('\n')).toMatchInlineSnapshot(`
      "Sclerotherapy assessment (sclerotherapy-cds default rules 0.1.0, as of 2026-11-23)

      Status:   candidate
      Session:  blocked (10.5 of 10 mL; 6 of 5 containers; polidocanol 105 mg that day, limit 116 mg)

      CRITICAL (3)
        dose.daily-volume-cap: The day's total volume, with any earlier sessions that day, is over the daily limit; the session is blocked.
          Why: 10.5 mL planned and no earlier session that day; the limit is 10 mL per day.
          Values: sessionPlanned = true (equal true); dailyVolumeMl = 10.5 (greaterThan 10)
          What would change it: Keeping the day total at 10 mL or less, or moving the session to another day, would clear this block.
          Sources:
            - Consumer article on sclerotherapy: up to 10 cc or 5 vials per session (seed 001_85d918566faa684f.txt)
            - Aethoxysklerol (polidocanol, lauromacrogol 400) 0.25–3 %, summary of product characteristics (Chemische Fabrik Kreussler; UK SmPC, Kora Healthcare, 2023), with the German Fachinformation and Slovak SmPC dose tables <https://www.medicines.org.uk/emc/product/11569/smpc>
        dose.session-container-cap: More vials or ampules are planned than the per-session limit; the session is blocked.
          Why: 6 vials or ampules planned; the limit is 5 per session.
          Values: sessionPlanned = true (equal true); plannedContainers = 6 (greaterThan 5)
          What would change it: Opening no more than 5 vials or ampules in this session would clear this block."
    `);
    expect(report).toMatch(/\nINFO \(\d+\)\n/);
  });

  it('prints the Assessment as JSON with --json', async () => {
    const run = capture();
    expect(await runCli(['assess', '--json', 'examples/deferral.json'], run.io)).toBe(EXIT.assessed);
    const assessment = JSON.parse(run.out()) as { session: { status: string; deferredVeinIds: string[] } };
    expect(assessment.session).toEqual(expect.objectContaining({ status: 'approved-with-deferrals', deferredVeinIds: ['left-knee-spiders'] }));
  });

  it('reads the request from standard input with -', async () => {
    const run = capture(await readFile('examples/spider-veins.json', 'utf8'));
    expect(await runCli(['assess', '-'], run.io)).toBe(EXIT.assessed);
    expect(run.out()).toContain('Session:  approved');
  });

  it('prints each input issue with its path and exits 1', async () => {
    const run = capture('{"patient":{"ageYears":-1},"history":{},"veins":[{"id":"a","kind":"spider","region":"leg"}]}');
    expect(await runCli(['assess', '-'], run.io)).toBe(EXIT.invalidInput);
    expect(run.err()).toMatchInlineSnapshot(`
      "The request is invalid:
        patient.ageYears: Too small: expected number to be >=0 [too_small]
        veins[0].kind: Invalid option: expected one of "telangiectasia"|"reticular"|"varicose" [invalid_value]
      "
    `);
  });

  it('exits 1 on text that is not JSON', async () => {
    const run = capture('{oops');
    expect(await runCli(['assess', '-'], run.io)).toBe(EXIT.invalidInput);
    expect(run.err()).toContain('[invalid_json]');
  });

  it.each([[[]], [['check', 'x.json']], [['assess']], [['assess', 'a.json', 'b.json']], [['assess', '--yaml', 'a.json']]])(
    'exits 2 with usage for %j',
    async (argv) => {
      const run = capture();
      expect(await runCli(argv, run.io)).toBe(EXIT.usage);
      expect(run.err()).toContain('Usage:');
    },
  );

  it('exits 2 when the file cannot be read', async () => {
    const run = capture();
    expect(await runCli(['assess', 'no/such/file.json'], run.io)).toBe(EXIT.usage);
    expect(run.err()).toContain('Cannot read "no/such/file.json"');
  });
});
