// Constants only, free of zod and of work at import time, so that a bundle using them stays small.

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
