import { z } from 'zod';
import { JURISDICTIONS } from './vocabulary.js';

/** The names of the numeric limits and thresholds the rules use; their values live in `rules/limits.json`. */
export const LIMIT_NAMES = [
  'maxVolumeMl',
  'maxContainers',
  'maxPolidocanolMgPerKg',
  'minDaysBetweenSessions',
  'anaphylaxisVolumeMl',
  'adultAgeYears',
  'pregnancyScreeningMinAgeYears',
  'pregnancyScreeningMaxAgeYears',
  'unknownPriorPolidocanolPercent',
  'maxFoamVolumeMl',
  'maxDuplexAgeDays',
  'highThrombosisRiskFactorCount',
  'assumedFoamLiquidFractionStandard',
  'assumedFoamLiquidFractionRich',
  'maxCanisterFoamVolumeMl',
  'maxSts3PercentMl',
  'strengthBlockFactor',
  'unknownPriorStsPercent',
] as const;

/**
 * What a limit does (CONTRACT §4.4): a `cap` blocks when exceeded; an `advisory` cautions or
 * informs; a `threshold` decides when a rule applies; an `assumption` estimates a missing value.
 */
export const LIMIT_KINDS = ['cap', 'advisory', 'threshold', 'assumption'] as const;

/** A limit name. */
export type LimitName = (typeof LIMIT_NAMES)[number];

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
