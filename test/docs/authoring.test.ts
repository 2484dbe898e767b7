/// <reference types="node" />
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { runVignettes } from '../../src/testing/vignettes/run.js';

/** The JSON code blocks of a Markdown page, parsed. */
const jsonBlocks = (path: string): readonly unknown[] =>
  [...readFileSync(path, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? '') as unknown);

const blocks = jsonBlocks('docs/authoring.md');
const isRule = (b: unknown): boolean => typeof b === 'object' && b !== null && 'conditions' in b;
const isOverlay = (b: unknown): boolean => typeof b === 'object' && b !== null && 'approvedBy' in b;

describe('docs/authoring.md', () => {
  it('has a rule example that loads', () => {
    const rules = blocks.filter(isRule);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const result = loadRuleSet([rule]);
      expect(E.isRight(result), JSON.stringify(E.isLeft(result) ? result.left : [])).toBe(true);
    }
  });

  it('has an overlay example that applies', () => {
    const overlays = blocks.filter(isOverlay);
    expect(overlays.length).toBeGreaterThan(0);
    for (const overlay of overlays) {
      const result = applyOverlay(defaultRuleSet, overlay);
      expect(E.isRight(result), JSON.stringify(E.isLeft(result) ? result.left : [])).toBe(true);
    }
  });

  it('has no JSON example that is neither', () => {
    expect(blocks.filter((b) => !isRule(b) && !isOverlay(b))).toEqual([]);
  });
});

describe('the vignette example of docs/authoring.md', () => {
  it('runs and passes against the project base request', async () => {
    const [yaml] = [...readFileSync('docs/authoring.md', 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const dir = mkdtempSync(join(tmpdir(), 'authoring-'));
    mkdirSync(join(dir, 'bases'));
    copyFileSync('test/vignettes/bases/clean.json', join(dir, 'bases', 'clean.json'));
    writeFileSync(join(dir, 'example.yaml'), yaml ?? '');
    const report = await runVignettes([join(dir, 'example.yaml')]);
    if (E.isLeft(report)) return expect.fail(JSON.stringify(report.left));
    expect([report.right.passed, report.right.failed]).toEqual([3, 0]);
  });
});

describe('docs/explanations.md', () => {
  it('shows a finding as the CLI prints it for the capped example', async () => {
    const [shown] = jsonBlocks('docs/explanations.md') as [{ ruleId: string; detail: string; evidence: unknown[] }];
    const { assessOrThrow } = await import('../../src/assess.js');
    const assessment = await assessOrThrow(JSON.parse(readFileSync('examples/capped-session.json', 'utf8')));
    const actual = assessment.findings.find((f) => f.ruleId === shown.ruleId);
    expect(actual?.detail).toBe(shown.detail);
    expect(actual?.evidence).toEqual(shown.evidence);
  });
});
