import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../../assess.js';
import type { Assessment, Finding } from '../../model/assessment.js';
import type { Issues } from '../../model/issues.js';
import { defaultRuleSet } from '../../rules/default-rule-set.js';
import type { RuleSet } from '../../rules/rule-set.js';
import { checkAssessment, checkRejection, type VignetteFailure } from './check.js';
import type { ReadText } from './files.js';
import type { VignetteIssues } from './issues.js';
import { loadVignettes, type LoadedVignette } from './load.js';

/** The outcome of one vignette. */
export interface VignetteResult {
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  /** One entry per expectation that did not hold; empty when the vignette passed. */
  readonly failures: readonly VignetteFailure[];
  /** The ids of the rules that fired, in the order of the findings; empty when the request was rejected. */
  readonly fired: readonly string[];
  /** The findings that fired, shortened to what a failure report shows. */
  readonly findings: readonly Pick<Finding, 'ruleId' | 'severity' | 'summary'>[];
  /** The assessment, when the request was valid. */
  readonly assessment?: Assessment;
  /** Why the request was rejected, when it was. */
  readonly issues?: Issues;
}

/** Which rules the vignettes exercised. */
export interface VignetteCoverage {
  /** Every rule id of the rule set, sorted. */
  readonly rules: readonly string[];
  /** The rules each vignette fired, sorted. */
  readonly vignettes: readonly { readonly file: string; readonly name: string; readonly fired: readonly string[] }[];
  /** The rules of the rule set that no vignette fired, sorted. */
  readonly unexercised: readonly string[];
}

/** The outcome of a vignette run. */
export interface VignetteReport {
  readonly results: readonly VignetteResult[];
  readonly passed: number;
  readonly failed: number;
  /** The rule set evaluated, e.g. `sclerotherapy-cds default rules 0.1.0`. */
  readonly ruleSet: string;
  /** Present when coverage was asked for. */
  readonly coverage?: VignetteCoverage;
}

/** How to run vignettes. */
export interface RunVignettesOptions {
  /** The rule set to evaluate, e.g. a clinic's overlay; default: the shipped rules. */
  readonly ruleSet?: RuleSet;
  /** Adds which rules each vignette fired and which rules none fired. */
  readonly coverage?: boolean;
  /** Reads a file as text; default: from disk. */
  readonly readFile?: ReadText;
}

/**
 * Names a rule set the way reports show it.
 * @param ruleSet - the rule set
 * @returns its name and version, with the overlay's when one is applied
 */
export const ruleSetLabel = (ruleSet: RuleSet): string =>
  `${ruleSet.name} ${ruleSet.version}${ruleSet.overlay === undefined ? '' : ` with overlay "${ruleSet.overlay.name}" ${ruleSet.overlay.version}`}`;

/**
 * Runs one loaded vignette: assesses its request and compares the result with its expectations.
 * @param vignette - the vignette, as loaded
 * @param ruleSet - the rule set to evaluate
 * @returns whether it passed, each failed expectation, and the rules that fired
 */
export const runVignette = async (vignette: LoadedVignette, ruleSet: RuleSet = defaultRuleSet): Promise<VignetteResult> => {
  const result = await assess(vignette.request, {
    ruleSet,
    ...(vignette.asOf === undefined ? {} : { asOf: vignette.asOf }),
    ...(vignette.jurisdiction === undefined ? {} : { jurisdiction: vignette.jurisdiction }),
  });
  const base = { file: vignette.file, name: vignette.name };
  if (E.isLeft(result)) {
    const failures = checkRejection(vignette.expect, result.left);
    return { ...base, passed: failures.length === 0, failures, fired: [], findings: [], issues: result.left };
  }
  const assessment = result.right;
  const failures = checkAssessment(vignette.expect, assessment, { ids: new Set(ruleSet.rules.map((rule) => rule.id)), label: ruleSetLabel(ruleSet) });
  return {
    ...base,
    passed: failures.length === 0,
    failures,
    fired: assessment.findings.map((finding) => finding.ruleId),
    findings: assessment.findings.map(({ ruleId, severity, summary }) => ({ ruleId, severity, summary })),
    assessment,
  };
};

/**
 * Works out which rules a set of vignette results exercised.
 * @param results - the results of a run
 * @param ruleSet - the rule set they ran against
 * @returns the rules each vignette fired and the rules no vignette fired
 */
export const coverageOf = (results: readonly VignetteResult[], ruleSet: RuleSet): VignetteCoverage => {
  const rules = ruleSet.rules.map((rule) => rule.id).sort();
  const exercised = new Set(results.flatMap((result) => result.fired));
  return {
    rules,
    vignettes: results.map(({ file, name, fired }) => ({ file, name, fired: [...fired].sort() })),
    unexercised: rules.filter((id) => !exercised.has(id)),
  };
};

/**
 * Loads and runs vignette files, folders or globs, like a test runner for clinical cases.
 * @param paths - vignette files, folders (searched recursively for .json, .yaml, .yml) or globs
 * @param options - the rule set, whether to add coverage, how to read files
 * @returns the result of every vignette and the counts, or the issues of files that could not be loaded (nothing runs then)
 */
export const runVignettes = async (
  paths: readonly string[] | string,
  options: RunVignettesOptions | null = {},
): Promise<E.Either<VignetteIssues, VignetteReport>> => {
  const list = typeof paths === 'string' ? [paths] : paths;
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string') || typeof options !== 'object' || options === null) {
    return E.left([{ code: 'invalid_option', message: 'Expected vignette paths (strings) and an options object', path: [], file: '' }]);
  }
  const ruleSet = options.ruleSet ?? defaultRuleSet;
  const loaded = await loadVignettes(list, options.readFile === undefined ? {} : { readFile: options.readFile });
  if (E.isLeft(loaded)) return loaded;
  const results = await Promise.all(loaded.right.flatMap((file) => file.vignettes).map((vignette) => runVignette(vignette, ruleSet)));
  const passed = results.filter((result) => result.passed).length;
  return E.right({
    results,
    passed,
    failed: results.length - passed,
    ruleSet: ruleSetLabel(ruleSet),
    ...(options.coverage === true ? { coverage: coverageOf(results, ruleSet) } : {}),
  });
};
