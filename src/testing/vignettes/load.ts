/// <reference types="node" />
// The testing entry runs under Node (the CLI and vitest), never in the browser bundle of the core.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import type { Issue, IssuePath } from '../../model/issues.js';
import type { Jurisdiction } from '../../model/vocabulary.js';
import { expandPaths, parseDocument, readText, type ReadText } from './files.js';
import { nonEmpty, vignetteIssue, type VignetteIssue, type VignetteIssues, type VignettePlace } from './issues.js';
import { findUnsafeKeys, mergePatch, omitPaths } from './merge.js';
import { EXPECTATION_NAMES, VIGNETTE_KEYS, VignetteSchema, type Vignette, type VignetteExpectation } from './schema.js';

/** A vignette ready to run: its place, its name, the request it builds and what it expects. */
export interface LoadedVignette {
  readonly file: string;
  /** Its place among the vignettes of its file, from 0. */
  readonly index: number;
  readonly name: string;
  readonly asOf?: string;
  /** Whose product labels apply; omitted, the strictest of both. */
  readonly jurisdiction?: Jurisdiction;
  /** The request as written, or the base with its patch and omissions applied; validated when it runs. */
  readonly request: unknown;
  readonly expect: VignetteExpectation;
}

/** The vignettes of one file, in the order written. */
export interface LoadedVignetteFile {
  readonly file: string;
  readonly vignettes: readonly LoadedVignette[];
}

/** How to load vignettes. */
export interface LoadVignettesOptions {
  /** Reads a file as text; default: from disk. */
  readonly readFile?: ReadText;
}

type Parsed = E.Either<Issue, unknown>;
interface Raw {
  readonly place: VignettePlace;
  readonly index: number;
  readonly value: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nameOf = (value: unknown): string | undefined =>
  isObject(value) && typeof value.name === 'string' && value.name.trim() !== '' ? value.name.trim() : undefined;

const basePath = (file: string, base: string): string => (isAbsolute(base) ? base : join(dirname(file), base));

const baseReferences = (file: string, value: unknown): readonly string[] => {
  const vignettes = isObject(value) && Array.isArray(value.vignettes) ? (value.vignettes as unknown[]) : [value];
  return vignettes.flatMap((v) => (isObject(v) && typeof v.base === 'string' ? [resolve(basePath(file, v.base))] : []));
};

const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = { '': VIGNETTE_KEYS, expect: EXPECTATION_NAMES };

const fromZod = (place: VignettePlace, issue: z.core.$ZodIssue): VignetteIssue[] => {
  const path: IssuePath = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS[path.join('.')];
    const hint = known === undefined ? '' : `; expected one of ${known.join(', ')}`;
    return issue.keys.map((key) => vignetteIssue(place, 'unknown_field', `Unknown field "${key}"${hint}`, [...path, key]));
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return [vignetteIssue(place, 'missing_field', `Required field is missing (expected ${issue.expected})`, path)];
  }
  const custom = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return [vignetteIssue(place, typeof custom === 'string' ? custom : issue.code, issue.message, path)];
};

const splitFile = (file: string, value: unknown): E.Either<VignetteIssue[], readonly Raw[]> => {
  const filePlace: VignettePlace = { file, prefix: [] };
  if (!isObject(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
    return E.left([vignetteIssue(filePlace, 'invalid_vignette_file', `Expected a vignette (name, request or base, expect) or { vignettes: [...] }, found ${found}`)]);
  }
  if (!('vignettes' in value)) {
    const name = nameOf(value);
    return E.right([{ place: { ...filePlace, ...(name === undefined ? {} : { name }) }, index: 0, value }]);
  }
  const issues = Object.keys(value)
    .filter((key) => key !== 'vignettes')
    .map((key) => vignetteIssue(filePlace, 'unknown_field', `Unknown field "${key}"; a file of several vignettes has only "vignettes"`, [key]));
  if (!Array.isArray(value.vignettes) || value.vignettes.length === 0) {
    issues.push(vignetteIssue(filePlace, 'invalid_vignette_file', 'Expected "vignettes" to be a non-empty list of vignettes', ['vignettes']));
  }
  if (issues.length > 0) return E.left(issues);
  return E.right(
    (value.vignettes as unknown[]).map((item, index) => {
      const name = nameOf(item);
      return { place: { file, prefix: ['vignettes', index], ...(name === undefined ? {} : { name }) }, index, value: item };
    }),
  );
};

const buildRequest = async (
  place: VignettePlace,
  vignette: Vignette,
  readBase: (path: string) => Promise<Parsed>,
): Promise<E.Either<VignetteIssue[], unknown>> => {
  if (vignette.base === undefined) return E.right(vignette.request);
  const path = basePath(place.file, vignette.base);
  const base = await readBase(path);
  const baseIssue = (code: string, problem: string): E.Either<VignetteIssue[], unknown> =>
    E.left([vignetteIssue(place, code, `Base request "${path}": ${problem}`, ['base'])]);
  if (E.isLeft(base)) return baseIssue(base.left.code, base.left.message);
  if (!isObject(base.right)) return baseIssue('invalid_base', 'Expected an object (a request)');
  const [unsafe] = findUnsafeKeys(base.right);
  if (unsafe !== undefined) return baseIssue(unsafe.code, `Field ${unsafe.path.join('.')} is refused: "__proto__", "constructor" and "prototype" could change every object`);
  const relocate = (issues: readonly Issue[]): VignetteIssue[] => issues.map((i) => vignetteIssue(place, i.code, i.message, i.path));
  const merged = mergePatch(base.right, vignette.patch ?? {});
  if (E.isLeft(merged)) return E.left(relocate(merged.left));
  const omitted = vignette.omit === undefined ? merged : omitPaths(merged.right, vignette.omit);
  return E.isLeft(omitted) ? E.left(relocate(omitted.left)) : E.right(omitted.right);
};

const loadOne = async (raw: Raw, readBase: (path: string) => Promise<Parsed>): Promise<E.Either<VignetteIssue[], LoadedVignette>> => {
  const unsafe = findUnsafeKeys(raw.value);
  if (unsafe.length > 0) return E.left(unsafe.map((i) => vignetteIssue(raw.place, i.code, i.message, i.path)));
  const parsed = VignetteSchema.safeParse(raw.value);
  if (!parsed.success) return E.left(parsed.error.issues.flatMap((issue) => fromZod(raw.place, issue)));
  const vignette = parsed.data;
  const request = await buildRequest(raw.place, vignette, readBase);
  if (E.isLeft(request)) return request;
  return E.right({
    file: raw.place.file,
    index: raw.index,
    name: vignette.name,
    ...(vignette.asOf === undefined ? {} : { asOf: vignette.asOf }),
    ...(vignette.jurisdiction === undefined ? {} : { jurisdiction: vignette.jurisdiction }),
    request: request.right,
    expect: vignette.expect,
  });
};

const duplicateNames = (file: string, vignettes: readonly LoadedVignette[]): VignetteIssue[] =>
  vignettes.flatMap((vignette, position) => {
    const first = vignettes.findIndex((other) => other.name === vignette.name);
    return first === position
      ? []
      : [vignetteIssue({ file, prefix: ['vignettes', vignette.index], name: vignette.name }, 'duplicate_vignette_name', `The name is already used by vignettes[${first}]; names must be unique within a file`, ['name'])];
  });

/**
 * Loads vignette files: expands folders and globs, parses JSON and YAML, validates each vignette and
 * builds its request from `request`, or from `base` with `patch` and `omit`. Files that a vignette
 * uses as its base are requests, not vignettes, and are not loaded as vignette files.
 * @param paths - vignette files, folders or globs
 * @param options - how to read files
 * @returns the vignettes by file, or every problem found, each naming the file, vignette and field
 */
export const loadVignettes = async (
  paths: readonly string[],
  options: LoadVignettesOptions = {},
): Promise<E.Either<VignetteIssues, readonly LoadedVignetteFile[]>> => {
  const read = options.readFile ?? readText;
  const cache = new Map<string, Promise<Parsed>>();
  const readDocument = (path: string): Promise<Parsed> => {
    const key = resolve(path);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    // A reader that throws, rejects or gives something other than text is reported, never rethrown.
    const unreadable = (message: string): Parsed => E.left({ code: 'unreadable_file', message, path: [] });
    const loaded = Promise.resolve()
      .then(() => read(path))
      .then(
        (text): Parsed => (typeof text === 'string' ? parseDocument(path, text) : unreadable('The reader gave no text')),
        (error: unknown): Parsed => unreadable(`Cannot read it: ${error instanceof Error ? error.message : String(error)}`),
      );
    cache.set(key, loaded);
    return loaded;
  };
  const files = await expandPaths(paths);
  if (E.isLeft(files)) return files;
  const documents = await Promise.all(files.right.map(async (file) => ({ file, parsed: await readDocument(file) })));
  const bases = new Set(documents.flatMap(({ file, parsed }) => (E.isRight(parsed) ? baseReferences(file, parsed.right) : [])));
  const issues: VignetteIssue[] = [];
  const loaded: LoadedVignetteFile[] = [];
  for (const { file, parsed } of documents.filter((document) => !bases.has(resolve(document.file)))) {
    const split = E.isLeft(parsed) ? E.left([vignetteIssue({ file, prefix: [] }, parsed.left.code, parsed.left.message)]) : splitFile(file, parsed.right);
    if (E.isLeft(split)) {
      issues.push(...split.left);
      continue;
    }
    const results = await Promise.all(split.right.map((raw) => loadOne(raw, readDocument)));
    const vignettes = results.flatMap((result) => (E.isRight(result) ? [result.right] : []));
    issues.push(...results.flatMap((result) => (E.isLeft(result) ? result.left : [])), ...duplicateNames(file, vignettes));
    loaded.push({ file, vignettes });
  }
  const problems = nonEmpty(issues);
  return problems === undefined ? E.right(loaded) : E.left(problems);
};
