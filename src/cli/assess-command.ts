/// <reference types="node" />
import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../assess.js';
import { formatIssues, formatReport } from './report.js';
import { parseArgs } from './args.js';
import { EXIT, readJson, type CliIo } from './io.js';
import { loadOverlayOption } from './overlay-option.js';
import { usageError } from './usage.js';

/**
 * Runs `assess`: one request, a readable report or `--json`, under one jurisdiction's labels with `--jurisdiction`.
 * @param args - the arguments after `assess`
 * @param io - where to read and write
 * @returns the exit code
 */
export const runAssess = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseArgs(args, { flags: ['--json'], values: ['--overlay', '--jurisdiction'] });
  if (typeof parsed === 'string' || parsed.positionals.length !== 1) {
    const problem = typeof parsed === 'string' ? parsed : parsed.positionals.length === 0 ? 'No request file given' : 'Give exactly one request file';
    return usageError(problem, io);
  }
  const jurisdiction = parsed.values.get('--jurisdiction');
  if (jurisdiction !== undefined && jurisdiction !== 'US' && jurisdiction !== 'EU') {
    return usageError(`Option "--jurisdiction" takes US or EU, not "${jurisdiction}"`, io);
  }
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
  io.stdout(parsed.flags.has('--json') ? `${JSON.stringify(result.right, null, 2)}\n` : formatReport(result.right, input.value));
  return EXIT.assessed;
};
