import type { AssessmentRequest, Vein } from '../model/request-schema.js';
import type { Limits } from '../model/limits.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { toDayNumber } from '../model/dates.js';
import type { Facts, VeinDescriptor } from './facts.js';
import { onAnyOfLegs } from './legs.js';
import { classOf, isToBeTreated, safetyKind, strengthClass } from './vein-classes.js';

type VeinFacts = Pick<
  Facts,
  | 'duplexRecorded'
  | 'veinsToTreatCount'
  | 'telangiectasiaToTreatCount'
  | 'telangiectasiaToTreatIds'
  | 'reticularToTreatCount'
  | 'reticularToTreatIds'
  | 'legVaricoseToTreatCount'
  | 'legSymptomaticToTreatCount'
  | 'varicoseOutsideLabelCount'
  | 'varicoseOutsideLabelIds'
  | 'nonLegSiteCount'
  | 'nonLegSiteIds'
  | 'nonLegSiteCase'
  | 'refluxLegVeinCount'
  | 'refluxLegVeinIds'
  | 'deepDiseaseLegVeinCount'
  | 'deepDiseaseLegVeinIds'
  | 'kindDiameterMismatchCount'
  | 'kindDiameterMismatchIds'
  | 'duplexAgeDays'
  | 'veinsById'
>;

/** The plan's agent, or none, as the key of agent-specific texts. */
const agentKey = (request: AssessmentRequest): string => request.plannedSession?.agent ?? 'none';

/** The documented foam gas; read structurally, as `plannedSession.foam` (CONTRACT §3.2) may be absent from older schemas. */
const foamGas = (session: NonNullable<AssessmentRequest['plannedSession']>): unknown =>
  (session as { readonly foam?: { readonly gas?: unknown } }).foam?.gas;

/**
 * Tells whether a planned varicose target lies outside its agent's label (RULES.md,
 * candidacy.varicose-outside-label items (a), (b) and (c)); items (a) and (b) are US label items.
 */
const targetOutsideLabel = (request: AssessmentRequest, vein: Vein, jurisdiction: JurisdictionInForce): boolean => {
  const session = request.plannedSession;
  if (session === undefined || safetyKind(vein) !== 'varicose') return false;
  const usLabelsApply = jurisdiction !== 'EU';
  switch (session.agent) {
    case 'polidocanol': {
      // Varithena, polidocanol 1 % foam from its own canister, is the US polidocanol label for larger veins.
      const canister = session.formulation === 'foam' && session.concentrationPercent === 1 && foamGas(session) === 'proprietary-canister';
      return usLabelsApply && !canister;
    }
    case 'sodium-tetradecyl-sulfate': {
      const duplex = request.duplexUltrasound;
      const outside =
        duplex === undefined ||
        vein.region !== 'leg' ||
        onAnyOfLegs(vein, duplex.truncalReflux) ||
        onAnyOfLegs(vein, duplex.deepVenousDisease);
      return usLabelsApply && outside;
    }
    default:
      return true;
  }
};

// The side and label are assigned rather than spread in: a conditional spread costs V8 a run-time
// property copy, about ten times an assignment, for every vein.
const describeVein = (vein: Vein): VeinDescriptor => {
  const descriptor: { -readonly [K in keyof VeinDescriptor]: VeinDescriptor[K] } = { kind: vein.kind, region: vein.region };
  if (vein.side !== undefined) descriptor.side = vein.side;
  if (vein.label !== undefined) descriptor.label = vein.label;
  return descriptor;
};

/**
 * Derives the facts about documented veins and the duplex ultrasound.
 * @param request - a valid request
 * @param limits - the limits in force
 * @param asOfDay - "today" as a day number, the reference date when nothing is planned
 * @param jurisdiction - the jurisdiction in force, for the label items of the varicose rule
 * @returns the vein facts
 */
export const toVeinFacts = (
  request: AssessmentRequest,
  limits: Limits,
  asOfDay = 0,
  jurisdiction: JurisdictionInForce = 'strictest',
): VeinFacts => {
  const duplex = request.duplexUltrasound;

  // Version 2: "to be treated" counts targets too, so a touch-up of a treated vein counts.
  const session = request.plannedSession;
  const targetIds = new Set(session?.targetVeinIds ?? []);
  const toTreat = request.veins.filter((v) => isToBeTreated(v, targetIds));
  const toTreatIds = (predicate: (vein: Vein) => boolean): readonly string[] => toTreat.filter(predicate).map((v) => v.id);
  const legs = toTreat.filter((v) => v.region === 'leg');
  const spiders = toTreatIds((v) => strengthClass(v) === 'telangiectasia');
  const reticularToTreat = toTreatIds((v) => strengthClass(v) === 'reticular');
  const targets = request.veins.filter((v) => targetIds.has(v.id));
  const outsideLabel =
    session === undefined
      ? jurisdiction === 'EU'
        ? []
        : toTreatIds((v) => safetyKind(v) === 'varicose')
      : targets.filter((v) => targetOutsideLabel(request, v, jurisdiction)).map((v) => v.id);
  const nonLeg = (session === undefined ? toTreat : targets).filter((v) => v.region !== 'leg');
  const refluxLeg = legs.filter((v) => duplex !== undefined && onAnyOfLegs(v, duplex.truncalReflux)).map((v) => v.id);
  const deepLeg = legs.filter((v) => duplex !== undefined && onAnyOfLegs(v, duplex.deepVenousDisease)).map((v) => v.id);
  const mismatch = toTreatIds((v) => v.diameterMm !== undefined && classOf(v.diameterMm) !== v.kind);
  const referenceDay = (session === undefined ? undefined : toDayNumber(session.date)) ?? asOfDay;
  const duplexDay = duplex === undefined ? undefined : toDayNumber(duplex.date);

  return {
    duplexRecorded: duplex !== undefined,
    veinsToTreatCount: toTreat.length,
    telangiectasiaToTreatCount: spiders.length,
    telangiectasiaToTreatIds: spiders,
    reticularToTreatCount: reticularToTreat.length,
    reticularToTreatIds: reticularToTreat,
    legVaricoseToTreatCount: legs.filter((v) => safetyKind(v) === 'varicose').length,
    legSymptomaticToTreatCount: legs.filter((v) => v.symptomatic === true).length,
    varicoseOutsideLabelCount: outsideLabel.length,
    varicoseOutsideLabelIds: outsideLabel,
    nonLegSiteCount: nonLeg.length,
    nonLegSiteIds: nonLeg.map((v) => v.id),
    nonLegSiteCase: `${agentKey(request)}${nonLeg.some((v) => v.region === 'face') ? '+face' : ''}`,
    refluxLegVeinCount: refluxLeg.length,
    refluxLegVeinIds: refluxLeg,
    deepDiseaseLegVeinCount: deepLeg.length,
    deepDiseaseLegVeinIds: deepLeg,
    kindDiameterMismatchCount: mismatch.length,
    kindDiameterMismatchIds: mismatch,
    duplexAgeDays: duplexDay === undefined ? 'none' : referenceDay - duplexDay,
    veinsById: Object.fromEntries(request.veins.map((v) => [v.id, describeVein(v)])),
  };
};
