/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../assess.js';
import { formatIssues, formatReport } from './report.js';

/** Where the CLI reads and writes; injected so tests need no process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly readFile: (path: string) => Promise<string>;
}

/** Exit codes of CONTRACT §6. */
export const EXIT = { assessed: 0, invalidInput: 1, usage: 2 } as const;

export const USAGE = `Usage:
  sclerotherapy-cds assess [--json] <request.json | ->

Assesses one request (a JSON file, or - for standard input) and prints a readable report,
or the Assessment as JSON with --json.
Exit codes: 0 assessed (whatever the status), 1 invalid input, 2 usage error.
`;

/** The real file system and standard input. */
export const nodeIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  },
  readFile: (path) => readFile(path, 'utf8'),
});

const parseArgs = (argv: readonly string[]): { json: boolean; file: string } | string => {
  const [command, ...rest] = argv;
  if (command !== 'assess') return command === undefined ? 'No command given' : `Unknown command "${command}"`;
  const json = rest.includes('--json');
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length > 0) return `Unknown option "${unknown[0] ?? ''}"`;
  const files = rest.filter((a) => a === '-' || !a.startsWith('-'));
  if (files.length !== 1) return files.length === 0 ? 'No request file given' : 'Give exactly one request file';
  return { json, file: files[0] ?? '-' };
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
    return EXIT.assessed;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}.\n\n${USAGE}`);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = args.file === '-' ? await io.readStdin() : await io.readFile(args.file);
  } catch (error) {
    io.stderr(`Cannot read "${args.file}": ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    io.stderr(`The request is invalid:\n  (root): not valid JSON: ${error instanceof Error ? error.message : String(error)} [invalid_json]\n`);
    return EXIT.invalidInput;
  }
  const result = await assess(request);
  if (E.isLeft(result)) {
    io.stderr(formatIssues(result.left));
    return EXIT.invalidInput;
  }
  io.stdout(args.json ? `${JSON.stringify(result.right, null, 2)}\n` : formatReport(result.right));
  return EXIT.assessed;
};
