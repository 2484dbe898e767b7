import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describeVignettes } from '../src/testing/vignettes/describe-vignettes.js';
import { runVignettes } from '../src/testing/vignettes/run.js';
import { loadVignettes } from '../src/testing/vignettes/load.js';
import { PLANNED_RULE_IDS, requiredRules } from './rules/catalogue.js';

// The project's own vignettes, one vitest test each.
await describeVignettes('test/vignettes');

describe('the project vignettes', () => {
  it('fire every rule of RULES.md at least once, and keep every rule silent at least once', async () => {
    const report = await runVignettes(['test/vignettes'], { coverage: true });
    if (E.isLeft(report)) return expect.fail(JSON.stringify(report.left));
    expect(report.right.coverage?.unexercised).toEqual([]);
    const fired = new Set(report.right.results.flatMap((r) => r.fired));
    expect(requiredRules().map((r) => r.id).filter((id) => !PLANNED_RULE_IDS.has(id)).filter((id) => !fired.has(id))).toEqual([]);
    const loaded = await loadVignettes(['test/vignettes']);
    if (E.isLeft(loaded)) return expect.fail(JSON.stringify(loaded.left));
    const excluded = new Set(loaded.right.flatMap((file) => file.vignettes.flatMap((v) => v.expect.excludes ?? [])));
    expect(requiredRules().map((r) => r.id).filter((id) => !PLANNED_RULE_IDS.has(id)).filter((id) => !excluded.has(id))).toEqual([]);
  });
});
