/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/run.js';
import { capture } from './capture.js';
import { formatAssessment } from '../../src/format/index.js';
import type { Assessment } from '../../src/model/assessment.js';
import { assessValid } from '../helpers.js';

const assessFile = async (file: string): Promise<Assessment> => assessValid(JSON.parse(await readFile(file, 'utf8')) as unknown);


describe('sclerotherapy-cds assess', () => {
  it('prints the brief report by default and the full one with --details, and exits 0', async () => {
    const brief = capture();
    expect(await runCli(['assess', 'examples/capped-session.json'], brief.io)).toBe(EXIT.assessed);
    expect(brief.out()).toMatch(/^SCLEROTHERAPY CHECK 2026-11-23 · /);
    expect(brief.out()).toContain('\nSESSION  Blocked as planned: the plan needs changing\n');
    expect(brief.out()).not.toMatch(/\nCRITICAL \(2\)\n/);
    const full = capture();
    expect(await runCli(['assess', '--details', 'examples/capped-session.json'], full.io)).toBe(EXIT.assessed);
    const report = full.out();
    expect(report.startsWith(brief.out().split('\nADVICE')[0] ?? '')).toBe(true);
    expect(report).toMatch(/\nCRITICAL \(2\)\n/);
    expect(report).toMatch(/\nINFO \(\d+\)\n/);
    expect(report).toContain('    Values: Whether a session is planned: yes (applies when it is yes); ');
    expect(report).toContain('    What would change it: ');
    // Rule ids and raw evidence stay in the full view's technical lines (and the JSON).
    expect(report).toContain('    Technical: rule dose.session-volume-cap (block-session); ');
    expect(report).toContain('https://dailymed.nlm.nih.gov/');
  });

  it('writes Markdown with --format md and one HTML page with --format html', async () => {
    const md = capture();
    expect(await runCli(['assess', '--format', 'md', 'examples/deferral.json'], md.io)).toBe(EXIT.assessed);
    expect(md.out()).toMatch(/^# Sclerotherapy check\n/);
    expect(md.out()).toContain('\n| spider veins (telangiectasia), left leg | deferred |\n');
    const html = capture();
    expect(await runCli(['assess', '--format', 'html', '--details', 'examples/deferral.json'], html.io)).toBe(EXIT.assessed);
    expect(html.out()).toMatch(/^<!doctype html>\n/);
    expect(html.out()).toContain('data-vein-id="left-knee-spiders" data-fate="deferred"');
    const bad = capture();
    expect(await runCli(['assess', '--format', 'pdf', 'examples/deferral.json'], bad.io)).toBe(EXIT.usage);
    expect(bad.err()).toContain('Option "--format" takes text, md or html, not "pdf"');
  });

  it('colours only a terminal, wraps to its width, and never colours with NO_COLOR', async () => {
    const plain = capture();
    await runCli(['assess', 'examples/held-session.json'], plain.io);
    expect(plain.out()).not.toContain('\u001b[');
    const tty = capture();
    await runCli(['assess', 'examples/held-session.json'], { ...tty.io, terminal: { color: true, columns: 61 } });
    expect(tty.out()).toContain('\u001b[33m');
    // eslint-disable-next-line no-control-regex
    const visible = tty.out().replace(/\u001b\[[0-9;]*m/g, '');
    expect(Math.max(...visible.split('\n').map((line) => line.length))).toBeLessThanOrEqual(60);
    const noColor = capture();
    await runCli(['assess', 'examples/held-session.json'], { ...noColor.io, terminal: { color: false, columns: 200 } });
    expect(noColor.out()).not.toContain('\u001b[');
  });

  it('shows a held session with what to document as a question', async () => {
    const run = capture();
    expect(await runCli(['assess', 'examples/held-session.json'], run.io)).toBe(EXIT.assessed);
    const report = run.out();
    expect(report).toContain('\nPATIENT  Not yet decided: information is missing\nSESSION  On hold until the items below are settled\n');
    expect(report).toContain('\nTO DO    ☐ Can these be documented: pregnancy status; earlier sclerotherapy sessions?\n');
  });

  it('names held and deferred veins by label, or by kind, side and region, never by id', async () => {
    const request = JSON.parse(await readFile('examples/deferral.json', 'utf8')) as { veins: { id: string; label?: string }[] };
    request.veins = request.veins.map((v) => (v.id === 'left-knee-spiders' ? { ...v, label: 'knee, inner side' } : v));
    const assessment = await assessValid(request);
    // A target-scoped referral holding the treated target, as an overlay's hold-session rule could.
    const held: Assessment = {
      ...assessment,
      session: {
        ...assessment.session,
        heldVeinIds: ['right-thigh-spiders'],
        holds: [{ ruleId: 'candidacy.truncal-reflux-refer', reason: 'referral', veinIds: ['right-thigh-spiders'], resolution: 'A vascular assessment would settle it.' }],
      },
      veins: (assessment.veins ?? []).map((v) => (v.id === 'right-thigh-spiders' ? { ...v, fate: 'held' as const } : v)),
    };
    const report = formatAssessment(held, { detail: 'full' });
    expect(report).toContain('\n         Deferred: knee, inner side\n');
    expect(report).toContain('\n         Held: spider veins (telangiectasia), right leg\n');
    expect(report).toContain('\nTO DO    ☐ A specialist referral (veins: spider veins (telangiectasia), right leg): A vascular\n');
    const withoutRuleTexts = assessment.findings.reduce((text, f) => text.split(f.detail).join(''), report.split('\n').filter((line) => !line.includes('Technical:')).join('\n'));
    for (const vein of request.veins) expect(withoutRuleTexts).not.toMatch(new RegExp(`\\b${vein.id}\\b`));
  });

  it('never shows request paths, fact names, limit names or rule ids in the brief report', async () => {
    for (const file of ['examples/capped-session.json', 'examples/held-session.json', 'examples/deferral.json', 'examples/spider-veins.json']) {
      const run = capture();
      await runCli(['assess', file], run.io);
      const assessment = await assessFile(file);
      const report = run.out();
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
    expect(us.out().split('\n')[0]).toBe('SCLEROTHERAPY CHECK 2026-11-23 · sclerotherapy-cds default rules 2.0.0 · US labels');
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
    expect(run.out()).toContain('\nSESSION  May go ahead as planned\n');
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
