/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A folder of files written for one test file, and a way to remove it. */
export interface TempTree {
  /** The folder's path. */
  readonly root: string;
  /** Writes files (relative path → text) under a new sub-folder and returns that sub-folder's path. */
  readonly write: (files: Readonly<Record<string, string>>) => string;
  /** Replaces the folder's path by `<tmp>` so messages can be compared. */
  readonly relative: (text: string) => string;
  /** Removes the folder. */
  readonly remove: () => void;
}

/** Creates a temporary folder for vignette files written by a test. */
export const tempTree = (): TempTree => {
  const root = mkdtempSync(join(tmpdir(), 'sclerotherapy-vignettes-'));
  let count = 0;
  return {
    root,
    write: (files) => {
      const folder = join(root, `case-${++count}`);
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
      return folder;
    },
    relative: (text) => text.split(root).join('<tmp>'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
};

/** The typical patient of the foreign fixtures, as a base path from a temporary folder. */
export const FOREIGN_BASE = `${process.cwd()}/test/fixtures/vignettes-foreign/requests/typical-patient.yaml`;
