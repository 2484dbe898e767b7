import type { VeinDescriptor } from '../facts/facts.js';
import type { VeinKind } from '../model/vocabulary.js';

/** Clinical words for each vein kind. */
const KIND_WORDS: Readonly<Record<VeinKind, string>> = {
  telangiectasia: 'spider veins (telangiectasia)',
  reticular: 'reticular vein',
  varicose: 'varicose vein',
};

const place = (vein: VeinDescriptor): string => {
  if (vein.region === 'leg' || vein.region === 'hand') {
    if (vein.side !== undefined) return `${vein.side} ${vein.region}`;
    return vein.region === 'leg' ? 'leg (side not recorded)' : 'hand';
  }
  const region = vein.region === 'other' ? 'another site' : vein.region;
  return vein.side === undefined ? region : `${region}, ${vein.side} side`;
};

/**
 * Names a vein for clinicians: its label when one is given, else its kind, side and region, e.g.
 * "spider veins (telangiectasia), left leg" or "reticular vein, leg (side not recorded)" (CONTRACT §4.6).
 * @param vein - the vein's label, kind, side and region
 * @returns its name; never its id
 */
export const nameVein = (vein: VeinDescriptor): string => vein.label ?? `${KIND_WORDS[vein.kind]}, ${place(vein)}`;

/**
 * Names several veins, joined with "; "; veins with the same name are named once with their count,
 * so two unlabelled spider-vein sites on one leg read "…, left leg (2 sites)".
 * @param ids - the veins' ids, in order
 * @param veins - every vein by id
 * @returns the names, or "none" when there are no veins
 */
export const nameVeins = (ids: readonly string[], veins: Readonly<Record<string, VeinDescriptor>>): string => {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const vein = Object.prototype.hasOwnProperty.call(veins, id) ? veins[id] : undefined;
    // An id with no vein cannot come from a valid request; it is named neutrally rather than shown.
    const name = vein === undefined ? 'a documented vein' : nameVein(vein);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (counts.size === 0) return 'none';
  return [...counts].map(([name, count]) => (count === 1 ? name : `${name} (${count} sites)`)).join('; ');
};
