import type { Vein } from '../model/request-schema.js';
import { VEIN_KINDS, type VeinKind } from '../model/vocabulary.js';

/**
 * The CEAP 2020 class of a measured diameter: under 1 mm telangiectasia, 1 mm up to 3 mm reticular,
 * 3 mm and more varicose (RULES.md, Conventions, classOf).
 * @param diameterMm - the measured diameter
 * @returns the class
 */
export const classOf = (diameterMm: number): VeinKind =>
  diameterMm < 1 ? 'telangiectasia' : diameterMm < 3 ? 'reticular' : 'varicose';

const larger = (a: VeinKind, b: VeinKind): VeinKind => (VEIN_KINDS.indexOf(a) >= VEIN_KINDS.indexOf(b) ? a : b);

/**
 * The kind used for safety decisions: the recorded kind, or the larger of it and the class of the
 * measured diameter, so a 4.5 mm vein recorded as reticular counts as varicose (RULES.md, safetyKind).
 * Used by the duplex, reflux, deep-disease, ordering, off-label-size and compression rules.
 * @param vein - the vein
 * @returns its safety kind
 */
export const safetyKind = (vein: Pick<Vein, 'kind' | 'diameterMm'>): VeinKind =>
  vein.diameterMm === undefined ? vein.kind : larger(vein.kind, classOf(vein.diameterMm));

/**
 * The class used for strengths and per-injection volumes, on the closed ranges of the Asclera label:
 * up to 1 mm telangiectasia, over 1 up to 3 mm reticular, over 3 mm varicose; the recorded kind when
 * no diameter is measured (RULES.md, strengthClass).
 * @param vein - the vein
 * @returns its strength class
 */
export const strengthClass = (vein: Pick<Vein, 'kind' | 'diameterMm'>): VeinKind => {
  const d = vein.diameterMm;
  if (d === undefined) return vein.kind;
  return d <= 1 ? 'telangiectasia' : d <= 3 ? 'reticular' : 'varicose';
};

/**
 * Tells whether a vein is to be treated: not yet treated, or a target of the plan (a touch-up of a
 * treated vein is to be treated).
 * @param vein - the vein
 * @param targetIds - the planned targets
 * @returns true when the vein is to be treated
 */
export const isToBeTreated = (vein: Pick<Vein, 'id' | 'status'>, targetIds: ReadonlySet<string>): boolean =>
  vein.status !== 'treated' || targetIds.has(vein.id);
