// vitest is an optional peer dependency: it is imported only when this helper runs, so the rest of
// `sclerotherapy-cds/testing` loads without it, from ESM and from CommonJS.
import * as E from 'fp-ts/lib/Either.js';
import type { RuleSet } from '../../rules/rule-set.js';
import type { ReadText } from './files.js';
import { formatVignetteIssues, formatVignetteResult } from './format.js';
import { loadVignettes } from './load.js';
import { runVignette } from './run.js';

/** How to describe vignettes as vitest tests. */
export interface DescribeVignettesOptions {
  /** The rule set to evaluate, e.g. a clinic's overlay; default: the shipped rules. */
  readonly ruleSet?: RuleSet;
  /** Reads a file as text; default: from disk. */
  readonly readFile?: ReadText;
}

/**
 * Declares vitest tests for vignette files: one `describe` per file, one `it` per vignette, each
 * failing with the readable report of what differed. Await it at the top level of a test file:
 * `await describeVignettes('test/vignettes')`.
 * @param globOrDir - a folder, a file, a glob such as `test/vignettes/*.yaml` (`**` spans folders), or several of them, relative to the working directory
 * @param options - the rule set, how to read files
 * @returns a promise that resolves once the tests are registered with vitest
 */
export const describeVignettes = async (globOrDir: string | readonly string[], options: DescribeVignettesOptions = {}): Promise<void> => {
  const { describe, expect, it } = await import('vitest');
  const paths = typeof globOrDir === 'string' ? [globOrDir] : [...globOrDir];
  describe(`vignettes in ${paths.join(', ')}`, async () => {
    const loaded = await loadVignettes(paths, options.readFile === undefined ? {} : { readFile: options.readFile });
    if (E.isLeft(loaded)) {
      const report = formatVignetteIssues(loaded.left);
      it('loads the vignette files', () => expect.fail(report));
      return;
    }
    for (const file of loaded.right) {
      describe(file.file, () => {
        for (const vignette of file.vignettes) {
          it(vignette.name, async () => {
            const result = await runVignette(vignette, options.ruleSet);
            if (!result.passed) expect.fail(formatVignetteResult(result));
          });
        }
      });
    }
  });
};
