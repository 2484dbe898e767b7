/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/run.js';
import { capture } from './capture.js';
import { formatReport } from '../../src/cli/report.js';
import type { Assessment } from '../../src/model/assessment.js';
import { assessValid } from '../helpers.js';

const assessFile = async (file: string): Promise<Assessment> => assessValid(JSON.parse(await readFile(file, 'utf8')) as unknown);


describe('sclerotherapy-cds assess', () => {
  it('prints a readable report grouped by severity and exits 0', async () => {
    const run = capture();
    expect(await runCli(['assess', 'examples/capped-session.json'], run.io)).toBe(EXIT.assessed);
    const report = run.out();
    expect(report.split('\n').slice(0, 6).join('\n')).toMatchInlineSnapshot(`
      "Sclerotherapy assessment (sclerotherapy-cds default rules 2.0.0, as of 2026-11-23; the stricter of the US and EU labels)

      Status:   candidate
      Session:  blocked: the plan as proposed should not go ahead; it needs changing
                liquid 10.5 of 10 mL; 6 of 5 containers (2 mL each); polidocanol 105 mg that day, cap 116 mg
      "
    `);
    expect(report).toMatch(/\nCRITICAL \(2\)\n/);
    expect(report).toMatch(/\nINFO \(\d+\)\n/);
    expect(report).toContain('    Values: Whether a session is planned: yes (applies when it is yes); ');
    expect(report).toContain('(applies when it is more than 10)');
    expect(report).toContain('    What would change it: ');
  });

  it('shows a held session with each hold in words and what would release it', async () => {
    const run = capture();
    expect(await runCli(['assess', 'examples/held-session.json'], run.io)).toBe(EXIT.assessed);
    const report = run.out();
    const assessment = await assessFile('examples/held-session.json');
    expect(report.split('\n').slice(2, 10)).toEqual([
      'Status:   insufficient-information',
      'Session:  held: not yet: something must first be documented, decided or waited for',
      '          liquid 3 of 10 mL; 2 of 5 containers (2 mL each); polidocanol 15 mg that day, cap 136 mg',
      'Held until:',
      '  - Information to document: pregnancy status',
      `    What would release it: ${assessment.session.holds[0]?.resolution ?? ''}`,
      '  - Information to document: earlier sclerotherapy sessions',
      `    What would release it: ${assessment.session.holds[1]?.resolution ?? ''}`,
    ]);
    expect(report).toContain('To document: pregnancy status; earlier sclerotherapy sessions\n');
  });

  it('names held and deferred veins by label, or by kind, side and region, never by id', async () => {
    const request = JSON.parse(await readFile('examples/deferral.json', 'utf8')) as { veins: { id: string; label?: string }[] };
    request.veins = request.veins.map((v) => (v.id === 'left-knee-spiders' ? { ...v, label: 'knee, inner side' } : v));
    const assessment = await assessValid(request);
    // A target-scoped referral holding both targets, as an overlay's hold-session rule could.
    const held: Assessment = {
      ...assessment,
      session: {
        ...assessment.session,
        heldVeinIds: ['left-knee-spiders', 'right-thigh-spiders'],
        holds: [{ ruleId: 'candidacy.truncal-reflux-refer', reason: 'referral', veinIds: ['left-knee-spiders', 'right-thigh-spiders'], resolution: 'A vascular assessment would settle it.' }],
      },
    };
    const report = formatReport(held, request);
    expect(report).toContain('\nDeferred veins: knee, inner side\n');
    expect(report).toContain('\nHeld veins: knee, inner side; spider veins (telangiectasia), right leg\n');
    expect(report).toContain(
      '\nAlso pending:\n  - A specialist referral (veins: knee, inner side; spider veins (telangiectasia), right leg)\n    What would release it: A vascular assessment would settle it.\n',
    );
    const withoutRuleTexts = assessment.findings.reduce((text, f) => text.split(f.detail).join(''), report);
    for (const vein of request.veins) expect(withoutRuleTexts).not.toMatch(new RegExp(`\\b${vein.id}\\b`));
  });

  it('never shows request paths, fact names, limit names or rule ids in the report', async () => {
    for (const file of ['examples/capped-session.json', 'examples/held-session.json', 'examples/deferral.json', 'examples/spider-veins.json']) {
      const run = capture();
      await runCli(['assess', file], run.io);
      const assessment = await assessFile(file);
      // The rules' own texts are checked by test/text/clinician-text.test.ts; here, what the report adds.
      const texts = assessment.findings.flatMap((f) => [f.summary, f.detail, f.resolution ?? '']).filter((t) => t !== '');
      const report = texts.reduce((text, t) => text.split(t).join(''), run.out());
      for (const finding of assessment.findings) {
        expect(report).not.toContain(finding.ruleId);
        for (const evidence of finding.evidence) expect(report).not.toMatch(new RegExp(`\\b${evidence.fact.split('.')[0] ?? ''}\\b(?! \\w)`));
      }
      expect(report).not.toMatch(/\b(history|patient|plannedSession|priorSessions|duplexUltrasound|limits)\.[a-z]/i);
      expect(report).not.toMatch(/\b(priorSessions|weightKg|maxVolumeMl|maxContainers|undocumented)\b/);
    }
  });

  it('applies one jurisdiction with --jurisdiction and says so', async () => {
    const us = capture();
    expect(await runCli(['assess', '--jurisdiction', 'US', 'examples/spider-veins.json'], us.io)).toBe(EXIT.assessed);
    expect(us.out().split('\n')[0]).toBe('Sclerotherapy assessment (sclerotherapy-cds default rules 2.0.0, as of 2026-11-23; US labels)');
    const eu = capture();
    expect(await runCli(['assess', '--json', '--jurisdiction', 'EU', 'examples/spider-veins.json'], eu.io)).toBe(EXIT.assessed);
    expect((JSON.parse(eu.out()) as { jurisdiction: string }).jurisdiction).toBe('EU');
    const strictest = capture();
    await runCli(['assess', '--json', 'examples/spider-veins.json'], strictest.io);
    expect((JSON.parse(strictest.out()) as { jurisdiction: string }).jurisdiction).toBe('strictest');
  });

  it.each([['UK'], ['us'], ['--json']])('exits 2 for --jurisdiction %s', async (value) => {
    const run = capture();
    expect(await runCli(['assess', '--jurisdiction', value, 'examples/spider-veins.json'], run.io)).toBe(EXIT.usage);
    expect(run.err()).toMatch(/^Option "--jurisdiction" (takes US or EU|needs a value)/);
  });

  it('keeps request paths, fact names and rule ids in the --json output, which is data', async () => {
    const run = capture();
    await runCli(['assess', '--json', 'examples/held-session.json'], run.io);
    const assessment = JSON.parse(run.out()) as { unconfirmed: string[]; session: { holds: { ruleId: string }[] } };
    expect(assessment.unconfirmed).toEqual(['patient.pregnancy', 'priorSessions']);
    expect(assessment.session.holds.map((h) => h.ruleId)).toEqual(['screening.pregnancy-status-unknown', 'screening.prior-sessions-unknown']);
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
