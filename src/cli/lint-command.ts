/// <reference types="node" />
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { lintRuleSet, type LintDiagnostic, type LintFile } from '../rules/lint-rule-set.js';
import { formatPath } from '../model/issues.js';
import { parseArgs } from './args.js';
import { EXIT, listFiles, type CliIo } from './io.js';
import { usageError } from './usage.js';

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/**
 * Finds the rules folder shipped with the package: next to `dist/` once built, two levels up from
 * `src/cli/` when run from source, else `./rules`.
 * @returns the folder's path, without a trailing slash
 */
export const shippedRulesDir = async (): Promise<string> => {
  for (const relative of ['../rules/', '../../rules/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (await exists(`${dir}limits.json`)) return dir.replace(/[\\/]$/, '');
  }
  return 'rules';
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Renders one diagnostic as `file: path: severity: message [code]`, leaving out an empty file or path.
 * @param d - the diagnostic
 * @returns one line, without a newline
 */
export const formatDiagnostic = (d: LintDiagnostic): string =>
  [d.file, d.path.length === 0 ? '' : formatPath(d.path), d.severity]
    .filter((part) => part !== '')
    .map((part) => `${part}: `)
    .join('') + `${d.message} [${d.code}]`;

const causeOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// Not readJson: its messages speak of a request, and these are rule, limits and sources files.
const readJsonFile = async (file: string, io: CliIo): Promise<{ readonly value: unknown } | LintDiagnostic> => {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    return { severity: 'error', code: 'unreadable_file', message: `Cannot read "${file}": ${causeOf(error)}`, file, path: [] };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { severity: 'error', code: 'invalid_json', message: `File "${file}" is not valid JSON: ${causeOf(error)}`, file, path: [] };
  }
};

/** Reads `limits.json` or `sources.json` of the folder when it has one; undefined means the shipped file. */
const readPart = async (dir: string, part: 'limits' | 'sources', io: CliIo, diagnostics: LintDiagnostic[]): Promise<unknown> => {
  const file = `${dir}/${part}.json`;
  if (!(await exists(file))) return undefined;
  const read = await readJsonFile(file, io);
  if ('value' in read) return read.value;
  diagnostics.push(read);
  return undefined;
};

/**
 * Runs `lint`: checks every `<category>/*.json` rule file of a rules folder (default: the shipped
 * one) against that folder's `limits.json` and `sources.json` (or the shipped ones), prints one line
 * per diagnostic and a summary.
 * @param args - the arguments after `lint`
 * @param io - where to read and write
 * @returns 0 when there are no errors, 1 when there are, 2 on a usage error or an unreadable folder
 */
export const runLint = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseArgs(args, { flags: [], values: [] });
  if (typeof parsed === 'string') return usageError(parsed, io);
  if (parsed.positionals.length > 1) return usageError('Give at most one rules folder', io);
  const dir = (parsed.positionals[0] ?? (await shippedRulesDir())).replace(/[\\/]+$/, '');
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) return usageError(`Cannot read rules folder "${dir}"`, io);
  const diagnostics: LintDiagnostic[] = [];
  const files: LintFile[] = [];
  // Rule files sit one folder down (rules/<category>/<slug>.json); the top level holds limits and sources.
  const paths = (await listFiles([dir], ['.json'])).filter((path) => path.slice(dir.length + 1).split('/').length === 2);
  for (const path of paths) {
    const read = await readJsonFile(path, io);
    if ('value' in read) files.push({ path, content: read.value });
    else diagnostics.push(read);
  }
  const limits = await readPart(dir, 'limits', io, diagnostics);
  const sources = await readPart(dir, 'sources', io, diagnostics);
  const parts = {
    ...(limits === undefined ? {} : { limits, limitsFile: `${dir}/limits.json` }),
    ...(sources === undefined ? {} : { sources, sourcesFile: `${dir}/sources.json` }),
  };
  diagnostics.push(...lintRuleSet(files, parts));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const lines = diagnostics.map(formatDiagnostic);
  lines.push(`${plural(errors, 'error')}, ${plural(diagnostics.length - errors, 'warning')} in ${plural(paths.length, 'rule file')}`);
  io.stdout(`${lines.join('\n')}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
};
