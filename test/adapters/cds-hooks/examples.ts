/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

const FIXTURES = 'test/fixtures/cds-hooks';

/**
 * Reads one CDS Hooks example.
 * @param folder - `spec-2.0.1` or `hook-definitions`
 * @param file - the file name
 * @returns its parsed JSON
 */
export const readExample = (folder: string, file: string): unknown => JSON.parse(readFileSync(join(FIXTURES, folder, file), 'utf8'));

/**
 * Lists the example files of a folder.
 * @param folder - `spec-2.0.1` or `hook-definitions`
 * @returns the file names, sorted
 */
export const exampleFiles = (folder: string): readonly string[] => readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.json')).sort();

/** One problem of a failed parse, as `path: message`. */
export const problems = (schema: z.ZodType, value: unknown): readonly string[] => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};
