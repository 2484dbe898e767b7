/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../../../src/assess.js';
import type { Assessment } from '../../../src/model/assessment.js';
import { loadVignettes } from '../../../src/testing/vignettes/load.js';

/**
 * Assesses a request that must be valid.
 * @param request - the request
 * @param asOf - "today", when it matters
 * @returns the assessment
 */
export const assessValid = async (request: unknown, asOf?: string): Promise<Assessment> => {
  const result = await assess(request, asOf === undefined ? {} : { asOf });
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

/**
 * Reads one of the project's example requests.
 * @param name - e.g. `capped-session`
 * @returns the request
 */
export const exampleRequest = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as Record<string, unknown>;

/** One vignette's assessment, by file and name. */
export interface VignetteAssessment {
  readonly name: string;
  readonly assessment: Assessment;
}

/**
 * Assesses every vignette of the project whose request is valid (the invalid ones have no assessment).
 * @returns the assessments, and how many vignettes were loaded in all
 */
export const vignetteAssessments = async (): Promise<{ readonly loaded: number; readonly assessed: readonly VignetteAssessment[] }> => {
  const files = await loadVignettes(['test/vignettes']);
  if (E.isLeft(files)) throw new Error(JSON.stringify(files.left));
  const vignettes = files.right.flatMap((file) => file.vignettes.map((v) => ({ ...v, name: `${file.file} › ${v.name}` })));
  const results = await Promise.all(
    vignettes.map(async (v) => ({ name: v.name, result: await assess(v.request, v.asOf === undefined ? {} : { asOf: v.asOf }) })),
  );
  return { loaded: vignettes.length, assessed: results.flatMap(({ name, result }) => (E.isRight(result) ? [{ name, assessment: result.right }] : [])) };
};
