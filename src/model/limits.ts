import * as z from 'zod';
import { JURISDICTIONS } from './vocabulary.js';
import { LIMIT_NAMES, LIMIT_KINDS, type LimitName } from './limit-names.js';

export { LIMIT_NAMES, LIMIT_KINDS, type LimitName } from './limit-names.js';


/** The value of every limit, by name. */
export type Limits = Readonly<Record<LimitName, number>>;

/** One limit as written in the limits file: its value, unit, meaning and sources. */
export const LimitDefinitionSchema = z.strictObject({
  value: z.number().nonnegative(),
  unit: z.string().min(1),
  kind: z.enum(LIMIT_KINDS),
  /**
   * The jurisdiction whose labels give this limit. A marked limit that is looser than the one it
   * replaces applies only under its own jurisdiction, never under the default (CONTRACT §2).
   */
  jurisdiction: z.enum(JURISDICTIONS).optional(),
  /** Which way makes the limit stricter; a clinic overlay may only move it that way. */
  tighten: z.enum(['lower', 'higher']),
  description: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1),
});

/** One limit as written in the limits file. */
export type LimitDefinition = z.infer<typeof LimitDefinitionSchema>;

/** The limits file: every limit name, each defined once with its sources. */
export const LimitsFileSchema = z.strictObject(
  Object.fromEntries(LIMIT_NAMES.map((name) => [name, LimitDefinitionSchema])) as Record<
    LimitName,
    typeof LimitDefinitionSchema
  >,
);

/** The limits file's content. */
export type LimitsFile = z.infer<typeof LimitsFileSchema>;
