import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { AssessmentRequestSchema, type AssessmentRequest } from './request-schema.js';
import type { Issue, Issues } from './issues.js';

const toPath = (path: readonly PropertyKey[]): (string | number)[] =>
  path.map((part) => (typeof part === 'number' ? part : String(part)));

const toIssues = (zodIssue: z.core.$ZodIssue): Issue[] => {
  // One issue per unknown key, each pointing at the key itself, so no field goes unnamed.
  if (zodIssue.code === 'unrecognized_keys') {
    return zodIssue.keys.map((key) => ({
      code: 'unrecognized_keys',
      message: `Unknown field "${key}"; it is not part of the request format`,
      path: [...toPath(zodIssue.path), key],
    }));
  }
  const custom = zodIssue.code === 'custom' ? (zodIssue.params as { code?: unknown } | undefined)?.code : undefined;
  return [
    {
      code: typeof custom === 'string' ? custom : zodIssue.code,
      message: zodIssue.message,
      path: toPath(zodIssue.path),
    },
  ];
};

/**
 * Converts a list of zod issues to library issues, keeping zod's snake_case codes and each path.
 * @param issues - zod's issues, at least one
 * @returns the library's issues
 */
export const fromZodIssues = (issues: readonly z.core.$ZodIssue[]): Issues => {
  const [first, ...rest] = issues.flatMap(toIssues);
  if (first === undefined) return [{ code: 'invalid_input', message: 'The input is invalid', path: [] }];
  return [first, ...rest];
};

/**
 * Validates an unknown value as an assessment request.
 * @param input - anything, typically parsed JSON
 * @returns the typed request, or the issues with the path of each bad field
 */
export const parseRequest = (input: unknown): E.Either<Issues, AssessmentRequest> => {
  const result = AssessmentRequestSchema.safeParse(input);
  return result.success ? E.right(result.data) : E.left(fromZodIssues(result.error.issues));
};
