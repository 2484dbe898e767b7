/// <reference types="node" />
import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../assess.js';
import { formatIssues } from './report.js';
import { formatAssessment } from '../format/index.js';

const FORMATS: Readonly<Record<string, 'text' | 'markdown' | 'html'>> = { text: 'text', md: 'markdown', markdown: 'markdown', html: 'html' };
import { parseArgs } from './args.js';
import { EXIT, readJson, type CliIo } from './io.js';
import { loadOverlayOption } from './overlay-option.js';
import { usageError } from './usage.js';

/**
 * Runs `assess`: one request, a brief report (`--details` for the full one; `--format md|html`) or `--json`, under one jurisdiction's labels with `--jurisdiction`.
 * @param args - the arguments after `assess`
 * @param io - where to read and write
 * @returns the exit code
 */
export const runAssess = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseArgs(args, { flags: ['--json', '--details'], values: ['--overlay', '--jurisdiction', '--format'] });
  if (typeof parsed === 'string' || parsed.positionals.length !== 1) {
    const problem = typeof parsed === 'string' ? parsed : parsed.positionals.length === 0 ? 'No request file given' : 'Give exactly one request file';
    return usageError(problem, io);
  }
  const jurisdiction = parsed.values.get('--jurisdiction');
  if (jurisdiction !== undefined && jurisdiction !== 'US' && jurisdiction !== 'EU') {
    return usageError(`Option "--jurisdiction" takes US or EU, not "${jurisdiction}"`, io);
  }
  const format = parsed.values.get('--format');
  const view = format === undefined ? 'text' : FORMATS[format];
  if (view === undefined) return usageError(`Option "--format" takes text, md or html, not "${format ?? ''}"`, io);
  const ruleSet = await loadOverlayOption(parsed.values.get('--overlay'), io);
  if (typeof ruleSet === 'number') return ruleSet;
  const input = await readJson(parsed.positionals[0] ?? '-', io);
  if ('error' in input) {
    io.stderr(`${input.error}\n`);
    return input.unreadable ? EXIT.usage : EXIT.invalidInput;
  }
  const result = await assess(input.value, {
    ...(ruleSet === undefined ? {} : { ruleSet }),
    ...(jurisdiction === undefined ? {} : { jurisdiction }),
  });
  if (E.isLeft(result)) {
    io.stderr(formatIssues(result.left));
    return EXIT.invalidInput;
  }
  if (parsed.flags.has('--json')) {
    io.stdout(`${JSON.stringify(result.right, null, 2)}\n`);
    return EXIT.assessed;
  }
  const terminal = view === 'text' ? io.terminal : undefined;
  io.stdout(
    formatAssessment(result.right, {
      format: view,
      detail: parsed.flags.has('--details') ? 'full' : 'brief',
      color: terminal?.color === true,
      // Wrapped to the terminal, one column short so that a full line never wraps twice.
      ...(terminal?.columns === undefined ? {} : { width: Math.min(terminal.columns - 1, 120) }),
    }),
  );
  return EXIT.assessed;
};
