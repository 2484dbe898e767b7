/// <reference types="node" />
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, USAGE, runCli } from '../../src/cli/run.js';
import { capture } from '../cli/capture.js';
import { tempTree } from './vignettes/temp-tree.js';

const tree = tempTree();
afterAll(() => tree.remove());


const run = async (...argv: string[]) => {
  const io = capture();
  const code = await runCli(['test', ...argv], io.io);
  return { code, out: io.out(), err: io.err(), last: io.out().trimEnd().split('\n').at(-1) };
};

describe('sclerotherapy-cds test', () => {
  it('runs a folder of someone else\'s vignettes and exits 0 when all pass', async () => {
    const result = await run('test/fixtures/vignettes-foreign');
    expect([result.code, result.last, result.err]).toEqual([EXIT.ok, '14 passed, 0 failed', '']);
    expect(result.out.match(/^PASS /gm)).toHaveLength(14);
  });

  it('exits 1 and prints a readable diff when any vignette fails', async () => {
    const result = await run('test/fixtures/vignettes-failing');
    expect([result.code, result.last]).toEqual([EXIT.failed, '1 passed, 5 failed']);
    expect(result.out).toContain(
      [
        'FAIL  A valid request is wrongly expected to be rejected  (test/fixtures/vignettes-failing/wrong-expectations.yaml)',
        '    invalid: the request was accepted, but must be rejected',
        '      expected: an issue at plannedSession.totalVolumeMl',
        '      actual:   accepted (status candidate, session approved)',
        '    Assessed: status candidate, session approved. Findings that fired (8):',
        '      info      aftercare.activity: ',
      ].join('\n'),
    );
  });

  it('runs several files and folders together', async () => {
    const result = await run('test/fixtures/vignettes-foreign/ordering.json', 'test/fixtures/vignettes-failing', 'test/fixtures/vignettes-foreign/ordering.json');
    expect([result.code, result.last]).toEqual([EXIT.failed, '4 passed, 5 failed']);
  });

  it('adds the rules each vignette fired and the rules none fired with --coverage, before the counts', async () => {
    const result = await run('--coverage', 'test/fixtures/vignettes-foreign/ordering.json');
    expect([result.code, result.last]).toEqual([EXIT.ok, '3 passed, 0 failed']);
    expect(result.out).toContain('\nCoverage of sclerotherapy-cds default rules 2.0.0: 8 of ');
    expect(result.out).toContain(
      '\n  Once the varicose vein is out of the record nothing is deferred  (test/fixtures/vignettes-foreign/ordering.json)\n' +
        '    aftercare.activity, aftercare.compression, aftercare.walk-and-observe, candidacy.telangiectasia, counselling.expected-effects, counselling.results-timeline, counselling.sessions-expected\n',
    );
    expect(result.out).toMatch(/\nRules no vignette fired \(\d+\):\n {2}candidacy\.advanced-venous-disease\n/);
    expect(result.out).not.toContain('  ordering.varicose-before-spider\n');
  });

  it('evaluates a clinic overlay with --overlay', async () => {
    const result = await run('--overlay', 'examples/overlays/clinic-8ml.json', 'test/fixtures/vignettes-foreign');
    expect([result.code, result.last]).toEqual([EXIT.failed, '13 passed, 1 failed']);
    expect(result.out).toContain('      critical  dose.session-volume-cap: The planned volume is over this clinic\'s per-session limit; the session is blocked.\n');
  });

  it('exits 1 with every problem when a vignette file is invalid, and runs nothing', async () => {
    const folder = tree.write({ 'a.yaml': 'name: Broken\nbase: nowhere.json\nexpect: { status: maybe }' });
    const result = await run('test/fixtures/vignettes-foreign', folder);
    expect([result.code, result.out]).toEqual([EXIT.failed, '']);
    expect(tree.relative(result.err)).toMatchInlineSnapshot(`
      "The vignettes could not be loaded:
        "<tmp>/case-1/a.yaml", vignette "Broken", field expect.status: Invalid option: expected one of "candidate"|"candidate-with-precautions"|"insufficient-information"|"refer"|"not-candidate" [invalid_value]
      "
    `);
  });

  it('exits 1 when the overlay is refused', async () => {
    const folder = tree.write({ 'loose.json': '{ "name": "Loose", "version": "1", "approvedBy": "x", "limits": { "maxVolumeMl": { "value": 20, "sources": [] } } }' });
    const result = await run('--overlay', `${folder}/loose.json`, 'test/fixtures/vignettes-foreign');
    expect(result.code).toBe(EXIT.invalidInput);
    expect(result.err).toContain('is refused');
  });

  it.each([[[]], [['--json', 'test/fixtures/vignettes-foreign']], [['--overlay']]])('exits 2 with usage for test %j', async (argv) => {
    const result = await run(...argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toContain('Usage:');
  });

  it('exits 2 when a path cannot be read or holds no vignette file', async () => {
    const missing = await run('test/fixtures/vignettes-foreign', 'no/such/folder');
    expect([missing.code, missing.out]).toEqual([EXIT.usage, '']);
    expect(missing.err).toContain('Cannot read "no/such/folder"');
    const empty = await run(tree.write({ 'notes.txt': 'none' }));
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.err).toContain('No vignette file (.json, .yaml, .yml) in');
  });

  it('documents the command in the usage text', () => {
    expect(USAGE).toContain('sclerotherapy-cds test [--coverage] [--overlay <overlay.json>] <vignette files or folders …>');
  });
});
