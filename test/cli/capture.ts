/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../src/cli/run.js';

/**
 * Builds CLI IO that records what the CLI writes and reads files from disk.
 * @param stdin - what standard input holds
 * @returns the IO, and what was written to stdout and stderr so far
 */
export const capture = (stdin = '') => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: () => Promise.resolve(stdin),
    readFile: (path) => readFile(path, 'utf8'),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
};
