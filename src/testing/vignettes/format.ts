import type { Issues } from '../../model/issues.js';
import type { VignetteFailure } from './check.js';
import type { VignetteCoverage, VignetteReport, VignetteResult } from './run.js';

const SEVERITY_WIDTH = 'critical'.length;

const valueLines = (label: string, value: string | readonly string[]): string[] => {
  const head = `      ${label.padEnd(10)}`;
  if (typeof value === 'string') return [`${head}${value}`];
  if (value.length === 0) return [`${head}(none)`];
  // Lists of ids read best on one line; lists of sentences (issues) one per line.
  if (!value.some((item) => item.includes(' '))) return [`${head}${value.join(', ')}`];
  return value.map((item, index) => `${index === 0 ? head : ' '.repeat(head.length)}${item}`);
};

const failureLines = (failure: VignetteFailure): string[] => [
  `    ${failure.expectation}: ${failure.message}`,
  ...valueLines('expected:', failure.expected),
  ...valueLines('actual:', failure.actual),
];

const findingLines = (result: VignetteResult): string[] => {
  if (result.assessment === undefined) return [];
  const { status, session } = result.assessment;
  const head = `    Assessed: status ${status}, session ${session.status}. Findings that fired (${result.findings.length})${result.findings.length === 0 ? '.' : ':'}`;
  return [head, ...result.findings.map((f) => `      ${f.severity.padEnd(SEVERITY_WIDTH)}  ${f.ruleId}: ${f.summary}`)];
};

/**
 * Renders one vignette result: a PASS line, or a FAIL block a clinician can read, with expected and
 * actual values for each failed expectation and the findings that did fire.
 * @param result - the result of one vignette
 * @returns the text, ending with a newline (a blank line after a FAIL block)
 */
export const formatVignetteResult = (result: VignetteResult): string => {
  const head = `${result.passed ? 'PASS' : 'FAIL'}  ${result.name}  (${result.file})`;
  if (result.passed) return `${head}\n`;
  return `${[head, ...result.failures.flatMap(failureLines), ...findingLines(result)].join('\n')}\n\n`;
};

/**
 * Renders which rules each vignette fired and which rules no vignette exercised.
 * @param coverage - the coverage of a run
 * @param ruleSet - the rule set's label
 * @returns the text, ending with a newline
 */
export const formatCoverage = (coverage: VignetteCoverage, ruleSet: string): string => {
  const fired = coverage.rules.length - coverage.unexercised.length;
  const lines = [
    `Coverage of ${ruleSet}: ${fired} of ${coverage.rules.length} rules fired in at least one vignette`,
    ...coverage.vignettes.flatMap((v) => [`  ${v.name}  (${v.file})`, `    ${v.fired.length === 0 ? '(no rule fired)' : v.fired.join(', ')}`]),
    '',
    `Rules no vignette fired (${coverage.unexercised.length}):`,
    ...(coverage.unexercised.length === 0 ? ['  (none)'] : coverage.unexercised.map((id) => `  ${id}`)),
  ];
  return `${lines.join('\n')}\n`;
};

/**
 * Renders a vignette run: one line per passing vignette, a block per failing one, coverage when
 * present, and a last line `N passed, N failed`.
 * @param report - the report of a run
 * @returns the text, ending with a newline
 */
export const formatVignetteReport = (report: VignetteReport): string => {
  const results = report.results.map(formatVignetteResult).join('').trimEnd();
  const parts = [results === '' ? '' : `${results}\n`, report.coverage === undefined ? '' : formatCoverage(report.coverage, report.ruleSet)];
  return [...parts.filter((part) => part !== ''), `${report.passed} passed, ${report.failed} failed\n`].join('\n');
};

/**
 * Renders the problems that stopped vignette files from loading, one per line.
 * @param issues - the issues, whose messages name file, vignette and field
 * @returns the text, ending with a newline
 */
export const formatVignetteIssues = (issues: Issues): string =>
  `The vignettes could not be loaded:\n${issues.map((issue) => `  ${issue.message} [${issue.code}]`).join('\n')}\n`;
