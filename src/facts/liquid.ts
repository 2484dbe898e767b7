import type { Limits } from '../model/limits.js';
import { roundQuantity } from './quantities.js';

/** What a session says about its liquid: its volume, its form, and its documented liquid for foam. */
export interface LiquidSource {
  readonly totalVolumeMl: number;
  readonly formulation?: 'liquid' | 'foam' | undefined;
  /** The documented liquid of a foam session, when given. */
  readonly liquidVolumeMl?: number | undefined;
}

/** The liquid content of a session on both estimates (RULES.md, Quantities, "Liquid content"). */
export interface LiquidContent {
  /** The blocking estimate: documented liquid, else the standard foam ratio (1 + 4). */
  readonly standard: number;
  /** The upper estimate: documented liquid, else the richest common foam ratio (1 + 1). */
  readonly upper: number;
  /** True when the figures rest on an assumed foam ratio. */
  readonly estimated: boolean;
}

/**
 * The liquid content L(s) of a session: its volume for liquid (and for an earlier session whose form
 * is not recorded); for foam, the documented liquid when given, else two estimates from the foam
 * volume, the standard one for caps that block and the upper one for totals and for holding.
 * @param session - a planned or earlier session
 * @param limits - the limits in force (the two assumed foam liquid fractions)
 * @returns both estimates and whether they were estimated
 */
export const liquidContent = (session: LiquidSource, limits: Limits): LiquidContent => {
  if (session.formulation !== 'foam') return { standard: session.totalVolumeMl, upper: session.totalVolumeMl, estimated: false };
  if (session.liquidVolumeMl !== undefined) return { standard: session.liquidVolumeMl, upper: session.liquidVolumeMl, estimated: false };
  return {
    standard: roundQuantity(session.totalVolumeMl * limits.assumedFoamLiquidFractionStandard),
    upper: roundQuantity(session.totalVolumeMl * limits.assumedFoamLiquidFractionRich),
    estimated: true,
  };
};

/**
 * The foam volume F(s) of a session: its volume for foam and for an earlier session whose form is not
 * recorded (the stricter reading); 0 for liquid.
 * @param session - a planned or earlier session
 * @returns the foam volume in mL
 */
export const foamVolume = (session: LiquidSource): number => (session.formulation === 'liquid' ? 0 : session.totalVolumeMl);
