import * as z from 'zod';
import { RulesError } from '../../model/issues.js';
import recencyFile from './recency.json';

const WindowSchema = z.strictObject({
  value: z.number().int().positive(),
  unit: z.literal('d'),
  /**
   * Which change makes the adapter more cautious: a shorter window for records that can confirm a
   * value absent (an old weight or a negative answer stops counting), a longer one for records that
   * show a risk (a pregnancy, a delivery, a surgery counts for longer).
   */
  tightens: z.enum(['shorter', 'longer']),
  description: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1),
});

/** The schema of `recency.json`: how old a record may be before the adapter stops trusting it. */
export const RecencyFileSchema = z.strictObject({
  weightMaxAgeDays: WindowSchema,
  pregnancyStatusMaxAgeDays: WindowSchema,
  pregnancyConditionMaxAgeDays: WindowSchema,
  postpartumDays: WindowSchema,
  screeningAcuteMaxAgeDays: WindowSchema,
  screeningCurrentMaxAgeDays: WindowSchema,
  screeningHistoryMaxAgeDays: WindowSchema,
  recentSurgeryDays: WindowSchema,
});

/** A recency window's name. */
export type RecencyName = keyof z.infer<typeof RecencyFileSchema>;

/** How old, in days before asOf, each kind of record may be. */
export type Recency = Readonly<Record<RecencyName, number>>;

// The shipped file, parsed once; it is validated by the test suite, so a failure means a broken package.
const WINDOWS = (() => {
  const parsed = RecencyFileSchema.safeParse(recencyFile);
  if (!parsed.success) throw new RulesError([{ code: 'invalid_input', message: 'recency.json is invalid', path: [] }]);
  return parsed.data;
})();

const byWindow = <T>(pick: (window: (typeof WINDOWS)[RecencyName]) => T): Readonly<Record<RecencyName, T>> =>
  Object.fromEntries(Object.entries(WINDOWS).map(([name, window]) => [name, pick(window)])) as Record<RecencyName, T>;

/** The default recency windows, from `recency.json` with their sources. */
export const DEFAULT_RECENCY: Recency = byWindow((window) => window.value);

/** For each window, the direction a clinic may move it: the one that makes the adapter more cautious. */
export const RECENCY_TIGHTENS: Readonly<Record<RecencyName, 'shorter' | 'longer'>> = byWindow((window) => window.tightens);

/**
 * Checks recency overrides: each must name a window and give whole days that move it only the way
 * that makes the adapter more cautious (principle: a clinic may tighten a limit, never loosen it).
 * @param overrides - the option's entries
 * @returns the first bad entry's name and why, or undefined when all are good
 */
export const badRecencyOverride = (overrides: readonly (readonly [string, unknown])[]): { readonly name: string; readonly message: string } | undefined => {
  for (const [name, value] of overrides) {
    const limit = (DEFAULT_RECENCY as Readonly<Record<string, number>>)[name];
    const tightens = (RECENCY_TIGHTENS as Readonly<Record<string, 'shorter' | 'longer'>>)[name];
    if (limit === undefined || tightens === undefined) return { name, message: `Option "recency.${name}" is not a recency window; known: ${Object.keys(DEFAULT_RECENCY).join(', ')}` };
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return { name, message: `Option "recency.${name}" must be a whole number of days, not ${JSON.stringify(value)}` };
    if (tightens === 'shorter' && value > limit) return { name, message: `Option "recency.${name}" may only shorten the window (at most ${limit} days), never lengthen it, not ${value}` };
    if (tightens === 'longer' && value < limit) return { name, message: `Option "recency.${name}" may only lengthen the window (at least ${limit} days), never shorten it, not ${value}` };
  }
  return undefined;
};
