/// <reference types="node" />
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, type RunnerTask } from 'vitest';
import { describeVignettes } from '../../../src/testing/vignettes/describe-vignettes.js';
import { defaultRuleSet } from '../../../src/rules/default-rule-set.js';
import { tempTree } from './temp-tree.js';

const tree = tempTree();
afterAll(() => tree.remove());

interface JsonReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly testResults: readonly { readonly assertionResults: readonly { readonly title: string; readonly failureMessages: readonly string[] }[] }[];
}

// Runs vitest on a test file of its own, so vignettes that must fail can fail without failing this suite.
const runVitestOn = async (source: string): Promise<JsonReport> => {
  const root = tree.write({ 'vignettes.test.ts': source });
  const vitest = resolve('node_modules/vitest/vitest.mjs');
  const output = await promisify(execFile)(process.execPath, [vitest, 'run', '--root', root, '--reporter=json'], { cwd: root }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(output.stdout) as JsonReport;
};

await describeVignettes('test/fixtures/vignettes-foreign');
await describeVignettes(['test/fixtures/vignettes-foreign/*.json'], { ruleSet: defaultRuleSet });

const outline = (task: RunnerTask): unknown => (task.type === 'suite' ? { [task.name]: task.tasks.map(outline) } : task.name);

describe('describeVignettes', () => {
  it('declares one describe per file and one test per vignette', ({ task }) => {
    const [folder, glob] = task.file.tasks.map(outline);
    expect(glob).toEqual({
      'vignettes in test/fixtures/vignettes-foreign/*.json': [
        {
          'test/fixtures/vignettes-foreign/ordering.json': [
            'Spiders on the leg with a varicose vein wait; the other leg is treated',
            'Only spiders behind the varicose vein are targeted - nothing can be treated today',
            'Once the varicose vein is out of the record nothing is deferred',
          ],
        },
        { 'test/fixtures/vignettes-foreign/spider-veins.json': ['Healthy woman with spider veins on one leg is a candidate; the session is approved'] },
      ],
    });
    const files = (folder as Record<string, Record<string, string[]>[]>)['vignettes in test/fixtures/vignettes-foreign'] ?? [];
    expect(files.map((file) => Object.values(file)[0]?.length)).toEqual([3, 3, 3, 4, 1]);
  });

  it('fails each failing vignette with the readable diff, and a file that cannot be loaded with its issues', async () => {
    const helper = resolve('src/testing/vignettes/describe-vignettes.ts');
    const report = await runVitestOn(
      [
        `import { describeVignettes } from ${JSON.stringify(helper)};`,
        `await describeVignettes(${JSON.stringify(resolve('test/fixtures/vignettes-failing'))});`,
        "await describeVignettes('no/such/folder');",
      ].join('\n'),
    );
    expect([report.numPassedTests, report.numFailedTests]).toEqual([1, 6]);
    const failures = new Map(report.testResults.flatMap((file) => file.assertionResults.map((test) => [test.title, test.failureMessages.join('\n')])));
    expect(failures.get('A valid request is wrongly expected to be rejected')).toContain(
      [
        '    invalid: the request was accepted, but must be rejected',
        '      expected: an issue at plannedSession.totalVolumeMl',
        '      actual:   accepted (status candidate, session approved)',
      ].join('\n'),
    );
    expect(failures.get('loads the vignette files')).toContain('"no/such/folder": Cannot read it: ENOENT');
  });
});
