import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';
import { formatPath, type Issue, type IssuePath } from '../../model/issues.js';

/** A problem with a vignette file: an issue whose path points into the file, naming the file and the vignette. */
export interface VignetteIssue extends Issue {
  /** The vignette file (or the path given) the issue is about. */
  readonly file: string;
  /** The vignette's name, or its place in the file (`vignettes[2]`) when it has no usable name. */
  readonly vignette?: string;
}

/** A non-empty list of vignette issues; also a valid `Issues`. */
export type VignetteIssues = ReadonlyNonEmptyArray<VignetteIssue>;

/** Where in a file a vignette is: its name when readable, and the path prefix of its fields. */
export interface VignettePlace {
  readonly file: string;
  readonly prefix: IssuePath;
  readonly name?: string;
}

const label = (place: VignettePlace): string | undefined => {
  const where = place.prefix.length > 0 ? formatPath(place.prefix) : undefined;
  if (place.name === undefined) return where === undefined ? undefined : `vignette ${where}`;
  return where === undefined ? `vignette "${place.name}"` : `vignette "${place.name}" (${where})`;
};

/**
 * Builds an issue about a vignette file whose message names the file, the vignette and the field.
 * @param place - the file, and the vignette when the issue is about one
 * @param code - the snake_case code
 * @param message - what is wrong
 * @param field - the field inside the vignette (or the file, when no vignette is named)
 * @returns the issue; its path runs from the root of the file
 */
export const vignetteIssue = (place: VignettePlace, code: string, message: string, field: IssuePath = []): VignetteIssue => {
  const vignette = label(place);
  const where = [`"${place.file}"`, ...(vignette === undefined ? [] : [vignette]), ...(field.length === 0 ? [] : [`field ${formatPath(field)}`])];
  return {
    code,
    message: `${where.join(', ')}: ${message}`,
    path: [...place.prefix, ...field],
    file: place.file,
    ...(vignette === undefined ? {} : { vignette: place.name ?? formatPath(place.prefix) }),
  };
};

/**
 * Makes a non-empty list from a list of issues.
 * @param issues - the issues
 * @returns the same issues, or undefined when there are none
 */
export const nonEmpty = <T>(issues: readonly T[]): ReadonlyNonEmptyArray<T> | undefined => {
  const [first, ...rest] = issues;
  return first === undefined ? undefined : [first, ...rest];
};
