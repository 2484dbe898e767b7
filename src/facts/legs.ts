import type { Side, VeinKind } from '../model/vocabulary.js';
import type { Vein } from '../model/request-schema.js';

/** The part of a vein that says where it is. */
type Placed = Pick<Vein, 'region' | 'side'>;

/**
 * Tells whether two veins are on the same leg: both on a leg, and their sides equal or either omitted.
 * @param a - one vein
 * @param b - another vein
 * @returns true when they may share a leg
 */
export const onSameLeg = (a: Placed, b: Placed): boolean =>
  a.region === 'leg' && b.region === 'leg' && (a.side === undefined || b.side === undefined || a.side === b.side);

/**
 * Tells whether a vein is on one of the given legs; a leg vein with no side may be on either.
 * @param vein - the vein
 * @param legs - the legs with a finding, e.g. truncal reflux
 * @returns true when the vein is on a leg in the list
 */
export const onAnyOfLegs = (vein: Placed, legs: readonly Side[]): boolean =>
  vein.region === 'leg' && legs.length > 0 && (vein.side === undefined || legs.includes(vein.side));

/**
 * Tells whether a vein kind is a small vein (telangiectasia or reticular).
 * @param kind - the vein kind
 * @returns true for telangiectasia and reticular veins
 */
export const isSmallVein = (kind: VeinKind): boolean => kind === 'telangiectasia' || kind === 'reticular';
