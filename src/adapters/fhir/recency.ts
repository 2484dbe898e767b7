import * as z from 'zod';
import { RulesError } from '../../model/issues.js';
import recencyFile from './recency.json';

const WindowSchema = z.strictObject({
  value: z.number().int().positive(),
  unit: z.literal('d'),
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

const load = (): Recency => {
  const parsed = RecencyFileSchema.safeParse(recencyFile);
  // The shipped file is validated by the test suite; reaching this means a broken package.
  if (!parsed.success) throw new RulesError([{ code: 'invalid_input', message: 'recency.json is invalid', path: [] }]);
  return Object.fromEntries(Object.entries(parsed.data).map(([name, window]) => [name, window.value])) as Recency;
};

/** The default recency windows, from `recency.json` with their sources. */
export const DEFAULT_RECENCY: Recency = load();
