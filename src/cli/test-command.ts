/// <reference types="node" />
import * as E from 'fp-ts/lib/Either.js';
import { runVignettes } from '../testing/vignettes/run.js';
import { VIGNETTE_ENDINGS } from '../testing/vignettes/files.js';
import { formatVignetteIssues, formatVignetteReport } from '../testing/vignettes/format.js';
import { parseArgs } from './args.js';
import { EXIT, listFiles, type CliIo } from './io.js';
import { loadOverlayOption } from './overlay-option.js';
import { usageError } from './usage.js';

// Paths the user named that cannot be read are usage errors; problems inside vignette files are failures.
const USAGE_CODES: ReadonlySet<string> = new Set(['unreadable_path', 'no_vignette_files']);

const listVignetteFiles = async (paths: readonly string[], io: CliIo): Promise<readonly string[] | number> => {
  const files: string[] = [];
  for (const path of paths) {
    try {
      const found = await listFiles([path], VIGNETTE_ENDINGS);
      if (found.length === 0) return usageError(`No vignette file (${VIGNETTE_ENDINGS.join(', ')}) in "${path}"`, io);
      files.push(...found);
    } catch (error) {
      io.stderr(`Cannot read "${path}": ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.usage;
    }
  }
  return [...new Set(files)];
};

/**
 * Runs `test`: the vignettes in the given files or folders, printing a PASS line or a readable
 * diff per vignette and a last line `N passed, N failed`.
 * @param args - the arguments after `test`
 * @param io - where to read and write
 * @returns 0 when every vignette passed, 1 when any failed or a vignette file is invalid, 2 for usage errors and unreadable paths
 */
export const runTest = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseArgs(args, { flags: ['--coverage'], values: ['--overlay'] });
  if (typeof parsed === 'string') return usageError(parsed, io);
  if (parsed.positionals.length === 0) return usageError('No vignette file or folder given', io);
  const ruleSet = await loadOverlayOption(parsed.values.get('--overlay'), io);
  if (typeof ruleSet === 'number') return ruleSet;
  const files = await listVignetteFiles(parsed.positionals, io);
  if (typeof files === 'number') return files;
  const report = await runVignettes(files, {
    coverage: parsed.flags.has('--coverage'),
    readFile: io.readFile,
    ...(ruleSet === undefined ? {} : { ruleSet }),
  });
  if (E.isLeft(report)) {
    io.stderr(formatVignetteIssues(report.left));
    return report.left.some((issue) => USAGE_CODES.has(issue.code)) ? EXIT.usage : EXIT.failed;
  }
  io.stdout(formatVignetteReport(report.right));
  return report.right.failed === 0 ? EXIT.ok : EXIT.failed;
};
