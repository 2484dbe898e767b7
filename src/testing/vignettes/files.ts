/// <reference types="node" />
// The testing entry runs under Node (the CLI and vitest), never in the browser bundle of the core.
import { readFile, readdir, stat } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import type { Issue } from '../../model/issues.js';
import { parse } from 'yaml';
import { nonEmpty, vignetteIssue, type VignetteIssue, type VignetteIssues } from './issues.js';

/** The endings of files read as vignettes (and as base requests): JSON and YAML. */
export const VIGNETTE_ENDINGS: readonly string[] = ['.json', '.yaml', '.yml'];

/** Reads a text file; injected so the CLI and tests choose how. */
export type ReadText = (path: string) => Promise<string>;

/**
 * Reads a UTF-8 text file from disk.
 * @param path - the file
 * @returns its text
 */
export const readText: ReadText = (path) => readFile(path, 'utf8');

const GLOB_CHARACTERS = /[*?]/;

const escapeRegExp = (text: string): string => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

const globToRegExp = (pattern: string): RegExp => {
  const parts = pattern.split(/(\*\*\/|\*\*|\*|\?)/).map((part) => {
    if (part === '**/') return '(?:[^/]*/)*';
    if (part === '**') return '.*';
    if (part === '*') return '[^/]*';
    if (part === '?') return '[^/]';
    return escapeRegExp(part);
  });
  return new RegExp(`^${parts.join('')}$`);
};

const walk = async (folder: string): Promise<readonly string[]> => {
  const found: string[] = [];
  for (const entry of (await readdir(folder)).sort()) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    const path = `${folder.replace(/\/$/, '')}/${entry}`;
    if ((await stat(path)).isDirectory()) found.push(...(await walk(path)));
    else found.push(path);
  }
  return found;
};

const hasVignetteEnding = (path: string): boolean => VIGNETTE_ENDINGS.some((ending) => path.endsWith(ending));

const expandGlob = async (pattern: string): Promise<readonly string[]> => {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const root = segments.slice(0, firstGlob).join('/') || '.';
  const matcher = globToRegExp(pattern.replace(/^\.\//, ''));
  const files = await walk(root).catch((): readonly string[] => []);
  return files.filter((file) => matcher.test(file.replace(/^\.\//, '')) && hasVignetteEnding(file));
};

const expandOne = async (path: string): Promise<E.Either<VignetteIssue, readonly string[]>> => {
  if (GLOB_CHARACTERS.test(path)) {
    const files = await expandGlob(path);
    return files.length > 0 ? E.right(files) : E.left(vignetteIssue({ file: path, prefix: [] }, 'no_vignette_files', 'No JSON or YAML file matches this pattern'));
  }
  try {
    if (!(await stat(path)).isDirectory()) return E.right([path]);
  } catch (error) {
    return E.left(vignetteIssue({ file: path, prefix: [] }, 'unreadable_path', `Cannot read it: ${error instanceof Error ? error.message : String(error)}`));
  }
  const files = (await walk(path)).filter(hasVignetteEnding);
  return files.length > 0 ? E.right(files) : E.left(vignetteIssue({ file: path, prefix: [] }, 'no_vignette_files', 'The folder holds no JSON or YAML file'));
};

/**
 * Expands files, folders (recursively) and simple globs (`*`, `**`, `?`) into vignette files.
 * @param paths - what the user named
 * @returns the files, sorted within each folder and without repeats, or an issue per path that cannot be read or matches nothing
 */
export const expandPaths = async (paths: readonly string[]): Promise<E.Either<VignetteIssues, readonly string[]>> => {
  const expanded = await Promise.all(paths.map(expandOne));
  const issues = nonEmpty(expanded.flatMap((result) => (E.isLeft(result) ? [result.left] : [])));
  if (issues !== undefined) return E.left(issues);
  return E.right([...new Set(expanded.flatMap((result) => (E.isRight(result) ? result.right : [])))]);
};

/**
 * Parses the text of a vignette or request file: YAML for `.yaml` and `.yml` (merge keys allowed), JSON otherwise.
 * @param path - the file name, which decides the format
 * @param text - the file's text
 * @returns the parsed value, or an `invalid_yaml` / `invalid_json` issue saying where the text goes wrong
 */
export const parseDocument = (path: string, text: string): E.Either<Issue, unknown> => {
  const yaml = /\.ya?ml$/i.test(path);
  try {
    return E.right(yaml ? (parse(text, { merge: true }) as unknown) : (JSON.parse(text) as unknown));
  } catch (error) {
    // The first line says what and where; the rest of a YAML error is an excerpt of the file.
    const reason = (error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)).replace(/:$/, '');
    return E.left({ code: yaml ? 'invalid_yaml' : 'invalid_json', message: `The text is not valid ${yaml ? 'YAML' : 'JSON'}: ${reason}`, path: [] });
  }
};
