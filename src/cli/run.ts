import { runAssess } from './assess-command.js';
import { runLint } from './lint-command.js';
import { runTest } from './test-command.js';
import { runServe } from './serve-command.js';
import { EXIT, type CliIo } from './io.js';
import { USAGE, usageError } from './usage.js';

export { EXIT, nodeIo, type CliIo } from './io.js';
export { USAGE } from './usage.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  assess: runAssess,
  lint: runLint,
  test: runTest,
  serve: (args, io) => runServe(args, io),
};

/**
 * Runs the CLI on its arguments.
 * @param argv - the arguments after the program name
 * @param io - where to read and write
 * @returns the exit code
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const [name, ...args] = argv;
  if (name === undefined) return usageError('No command given', io);
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  return command === undefined ? usageError(`Unknown command "${name}"`, io) : command(args, io);
};
