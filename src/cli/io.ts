/// <reference types="node" />
import { readFile, readdir, stat } from 'node:fs/promises';

/** Where the CLI reads and writes; injected so tests need no process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly readFile: (path: string) => Promise<string>;
  /** Standard output's terminal, when it is one: its width, and whether colour is wanted (never with NO_COLOR). */
  readonly terminal?: { readonly columns?: number; readonly color: boolean };
}

// Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org).
const terminalOf = (): CliIo['terminal'] => {
  if (process.stdout.isTTY !== true) return undefined;
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return { color: !noColor, ...(process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}) };
};

/** Exit codes of CONTRACT §6. */
export const EXIT = { ok: 0, assessed: 0, invalidInput: 1, failed: 1, usage: 2 } as const;

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
  ...((terminal) => (terminal === undefined ? {} : { terminal }))(terminalOf()),
});

/**
 * Reads a JSON file, or standard input for `-`.
 * @param path - the file, or `-`
 * @param io - where to read
 * @returns the parsed value, or a sentence saying why it could not be read or parsed
 */
export const readJson = async (
  path: string,
  io: CliIo,
): Promise<{ readonly value: unknown } | { readonly error: string; readonly unreadable: boolean }> => {
  let text: string;
  try {
    text = path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (error) {
    return { error: `Cannot read "${path}": ${error instanceof Error ? error.message : String(error)}`, unreadable: true };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `The request is invalid:\n  (root): not valid JSON: ${error instanceof Error ? error.message : String(error)} [invalid_json]`, unreadable: false };
  }
};

/**
 * Lists files under the given files or folders, recursively, with one of the given endings.
 * @param paths - files or folders
 * @param endings - e.g. `['.json', '.yaml']`
 * @returns the files, sorted
 */
export const listFiles = async (paths: readonly string[], endings: readonly string[]): Promise<readonly string[]> => {
  const found: string[] = [];
  const visit = async (path: string): Promise<void> => {
    if ((await stat(path)).isDirectory()) {
      for (const entry of (await readdir(path)).sort()) await visit(`${path.replace(/\/$/, '')}/${entry}`);
    } else if (endings.some((ending) => path.endsWith(ending))) found.push(path);
  };
  for (const path of paths) await visit(path);
  return found;
};
