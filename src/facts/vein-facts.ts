import type { AssessmentRequest } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { Facts } from './facts.js';
import { isUntreated, onAnyOfLegs } from './legs.js';

type VeinFacts = Pick<
  Facts,
  | 'untreatedVeinCount'
  | 'untreatedTelangiectasiaCount'
  | 'untreatedTelangiectasiaIds'
  | 'untreatedReticularCount'
  | 'untreatedReticularIds'
  | 'untreatedVaricoseCount'
  | 'untreatedSymptomaticCount'
  | 'largestUntreatedDiameterMm'
  | 'outsideLabelVeinIds'
  | 'offLabelSiteCount'
  | 'offLabelSiteVeinIds'
  | 'duplexRecorded'
  | 'truncalRefluxVeinCount'
  | 'truncalRefluxVeinIds'
  | 'deepVenousDiseaseVeinCount'
  | 'deepVenousDiseaseVeinIds'
>;

/**
 * Derives the facts about documented veins and the duplex ultrasound.
 * @param request - a valid request
 * @param limits - the limits in force
 * @returns the vein facts
 */
export const toVeinFacts = (request: AssessmentRequest, limits: Limits): VeinFacts => {
  const untreated = request.veins.filter(isUntreated);
  const ids = (predicate: (vein: (typeof untreated)[number]) => boolean): readonly string[] =>
    untreated.filter(predicate).map((vein) => vein.id);
  const telangiectasias = ids((v) => v.kind === 'telangiectasia');
  const reticular = ids((v) => v.kind === 'reticular');
  const offSite = ids((v) => v.region !== 'leg');
  const duplex = request.duplexUltrasound;
  const truncal = ids((v) => duplex !== undefined && onAnyOfLegs(v, duplex.truncalReflux));
  const deep = ids((v) => duplex !== undefined && onAnyOfLegs(v, duplex.deepVenousDisease));
  return {
    untreatedVeinCount: untreated.length,
    untreatedTelangiectasiaCount: telangiectasias.length,
    untreatedTelangiectasiaIds: telangiectasias,
    untreatedReticularCount: reticular.length,
    untreatedReticularIds: reticular,
    untreatedVaricoseCount: untreated.filter((v) => v.kind === 'varicose').length,
    untreatedSymptomaticCount: untreated.filter((v) => v.symptomatic === true).length,
    largestUntreatedDiameterMm: Math.max(0, ...untreated.map((v) => v.diameterMm ?? 0)),
    outsideLabelVeinIds: ids((v) => v.kind === 'varicose' || (v.diameterMm ?? 0) > limits.labelMaxDiameterMm),
    offLabelSiteCount: offSite.length,
    offLabelSiteVeinIds: offSite,
    duplexRecorded: duplex !== undefined,
    truncalRefluxVeinCount: truncal.length,
    truncalRefluxVeinIds: truncal,
    deepVenousDiseaseVeinCount: deep.length,
    deepVenousDiseaseVeinIds: deep,
  };
};
