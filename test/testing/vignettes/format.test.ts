import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { formatVignetteIssues, formatVignetteReport, formatVignetteResult } from '../../../src/testing/vignettes/format.js';
import { runVignettes, type VignetteReport, type VignetteResult } from '../../../src/testing/vignettes/run.js';
import { defaultRuleSet } from '../../../src/rules/default-rule-set.js';

const failing = async (): Promise<VignetteReport> => {
  const result = await runVignettes(['test/fixtures/vignettes-failing']);
  if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
  return result.right;
};
const resultNamed = (report: VignetteReport, start: string): VignetteResult =>
  report.results.find((r) => r.name.startsWith(start)) ?? expect.fail(`no vignette named ${start}…`);

describe('formatVignetteResult', () => {
  it('writes one PASS line for a passing vignette', async () => {
    expect(formatVignetteResult(resultNamed(await failing(), 'The typical patient'))).toBe(
      'PASS  The typical patient is a candidate (this one passes)  (test/fixtures/vignettes-failing/wrong-expectations.yaml)\n',
    );
  });

  it('writes each failed expectation as expected and actual, then the findings that fired', async () => {
    const result = resultNamed(await failing(), 'A breastfeeding patient');
    const text = formatVignetteResult(result);
    const [expectations = '', fired = ''] = text.split(/(?=^ {4}Assessed:)/m);
    expect(expectations).toMatchInlineSnapshot(`
      "FAIL  A breastfeeding patient is wrongly expected to be excluded  (test/fixtures/vignettes-failing/wrong-expectations.yaml)
          status: the patient status differs
            expected: not-candidate
            actual:   candidate-with-precautions
          session: the session status differs
            expected: blocked
            actual:   approved
          includes: did not fire: "contraindication.acute-thromboembolism"
            expected: contraindication.acute-thromboembolism, precaution.breastfeeding
            actual:   precaution.breastfeeding
          excludes: fired, but must not: "aftercare.compression"
            expected: none of aftercare.compression
            actual:   aftercare.compression
          deferred: the deferred veins differ
            expected: calf-spider
            actual:   (none)
          held: the held veins differ
            expected: calf-spider
            actual:   (none)
          holds: the holds differ: missing "screening.prior-sessions-unknown"
            expected: screening.prior-sessions-unknown
            actual:   (none)
          unconfirmed: not listed as unconfirmed: "history.mobility"
            expected: history.mobility
            actual:   (none)
      "
    `);
    // The findings' own wording belongs to the rules; here only their layout is checked.
    expect(fired.split('\n')[0]).toBe(`    Assessed: status candidate-with-precautions, session approved. Findings that fired (${result.findings.length}):`);
    expect(fired.split('\n').slice(1, -2)).toEqual(result.findings.map((f) => `      ${f.severity.padEnd(9)} ${f.ruleId}: ${f.summary}`));
    expect(result.findings.map((f) => f.ruleId)).toContain('precaution.breastfeeding');
  });

  it('lists the issues of a rejected request one per line', async () => {
    const report = await failing();
    expect(formatVignetteResult(resultNamed(report, 'A rejection is expected'))).toMatchInlineSnapshot(`
      "FAIL  A rejection is expected at the wrong field  (test/fixtures/vignettes-failing/wrong-expectations.yaml)
          invalid: no issue at "plannedSession.containers"
            expected: an issue at plannedSession.containers
            actual:   plannedSession.totalVolumeMl: totalVolumeMl is 4.5 mL but the 1 opened containers hold 2 mL [volume_exceeds_containers]

      "
    `);
    expect(formatVignetteResult(resultNamed(report, 'A request with a typo'))).toMatchInlineSnapshot(`
      "FAIL  A request with a typo is expected to be assessed  (test/fixtures/vignettes-failing/wrong-expectations.yaml)
          request: the request was rejected, so nothing was assessed
            expected: a valid request
            actual:   patient.ageYears: Too big: expected number to be <=130 [too_big]

      "
    `);
  });

  it('writes several issues one per line, aligned', () => {
    const result: VignetteResult = {
      file: 'a.yaml',
      name: 'Two mistakes',
      passed: false,
      fired: [],
      findings: [],
      failures: [{ expectation: 'invalid', message: 'no issue at "veins.0.id"', expected: ['an issue at veins.0.id'], actual: ['patient.ageYears: Too big [too_big]', 'plannedSession: Unknown vein [unknown_vein]'] }],
    };
    expect(formatVignetteResult(result)).toMatchInlineSnapshot(`
      "FAIL  Two mistakes  (a.yaml)
          invalid: no issue at "veins.0.id"
            expected: an issue at veins.0.id
            actual:   patient.ageYears: Too big [too_big]
                      plannedSession: Unknown vein [unknown_vein]

      "
    `);
  });
});

describe('formatVignetteReport', () => {
  it('ends with the counts', async () => {
    const text = formatVignetteReport(await failing());
    expect(text.split('\n').slice(-3)).toEqual(['', '1 passed, 5 failed', '']);
    expect(text.match(/^(PASS|FAIL) /gm)).toEqual(['PASS ', 'FAIL ', 'FAIL ', 'FAIL ', 'FAIL ', 'FAIL ']);
  });

  it('adds coverage before the counts', async () => {
    const result = await runVignettes(['test/fixtures/vignettes-foreign/spider-veins.json'], { coverage: true });
    const text = E.isRight(result) ? formatVignetteReport(result.right) : expect.fail('not loaded');
    const lines = text.split('\n');
    const total = defaultRuleSet.rules.length;
    expect(lines.slice(0, 6)).toEqual([
      'PASS  Healthy woman with spider veins on one leg is a candidate; the session is approved  (test/fixtures/vignettes-foreign/spider-veins.json)',
      '',
      `Coverage of sclerotherapy-cds default rules ${defaultRuleSet.version}: 7 of ${total} rules fired in at least one vignette`,
      '  Healthy woman with spider veins on one leg is a candidate; the session is approved  (test/fixtures/vignettes-foreign/spider-veins.json)',
      '    aftercare.activity, aftercare.compression, aftercare.walk-and-observe, candidacy.telangiectasia, counselling.expected-effects, counselling.results-timeline, counselling.sessions-expected',
      '',
    ]);
    expect(lines).toContain(`Rules no vignette fired (${total - 7}):`);
    expect(lines).toContain('  candidacy.pediatric');
    expect(lines.slice(-2)).toEqual(['1 passed, 0 failed', '']);
  });
});

describe('formatVignetteIssues', () => {
  it('writes one issue per line with its code', () => {
    expect(formatVignetteIssues([{ code: 'missing_field', message: '"a.yaml", vignette vignettes[1], field name: Required field is missing (expected string)', path: ['vignettes', 1, 'name'] }]))
      .toMatchInlineSnapshot(`
        "The vignettes could not be loaded:
          "a.yaml", vignette vignettes[1], field name: Required field is missing (expected string) [missing_field]
        "
      `);
  });
});
