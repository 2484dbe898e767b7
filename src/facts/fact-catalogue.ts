import type { FactName } from './facts.js';

/** What one fact means and which request field it comes from. */
export interface FactDescription {
  /** One line saying what the fact holds. */
  readonly description: string;
  /** The request field it reads, when it is a single field. */
  readonly requestPath?: string;
  /** True when the fact can take the value `'undocumented'`. */
  readonly mayBeUndocumented?: true;
}

const history = (field: string, description: string): FactDescription => ({
  description,
  requestPath: `history.${field}`,
  mayBeUndocumented: true,
});

/** Every fact the rules may read, with its meaning; rules that name any other fact are refused. */
export const FACT_CATALOGUE: Readonly<Record<FactName, FactDescription>> = {
  limits: { description: 'The limits in force, by name (see rules/limits.json)' },
  ageYears: { description: 'Age in years', requestPath: 'patient.ageYears' },
  sex: { description: 'Sex', requestPath: 'patient.sex', mayBeUndocumented: true },
  weightKg: { description: 'Body weight in kg', requestPath: 'patient.weightKg', mayBeUndocumented: true },
  weightRecorded: { description: 'Whether body weight is documented', requestPath: 'patient.weightKg' },
  pregnancy: { description: 'Pregnancy status', requestPath: 'patient.pregnancy', mayBeUndocumented: true },
  breastfeeding: { description: 'Breastfeeding', requestPath: 'patient.breastfeeding', mayBeUndocumented: true },
  sclerosantAllergies: history('sclerosantAllergies', 'Known allergies to sclerosing agents'),
  sclerosantAllergyCount: history('sclerosantAllergies', 'How many sclerosing agents the patient is allergic to'),
  plannedAgentAllergy: history('sclerosantAllergies', 'Whether the patient is allergic to the planned agent'),
  allergyProne: history('allergyProne', 'Asthma or a strong predisposition to allergic reactions'),
  acuteThromboembolism: history('acuteThromboembolism', 'Current deep vein thrombosis or pulmonary embolism'),
  priorThromboembolism: history('priorThromboembolism', 'Past deep vein thrombosis or pulmonary embolism'),
  thrombophilia: history('thrombophilia', 'Known hypercoagulable state'),
  activeCancer: history('activeCancer', 'Active cancer'),
  recentMajorSurgeryOrHospitalization: history(
    'recentMajorSurgeryOrHospitalization',
    'Major surgery or prolonged hospitalisation in the last 3 months',
  ),
  mobility: history('mobility', 'Mobility'),
  localInfectionAtTreatmentSite: history('localInfectionAtTreatmentSite', 'Infection at the treatment site'),
  severeAcuteIllness: history('severeAcuteIllness', 'Severe acute systemic illness or infection'),
  peripheralArterialDisease: history('peripheralArterialDisease', 'Peripheral arterial disease'),
  rightToLeftShunt: history('rightToLeftShunt', 'Right-to-left shunt such as a patent foramen ovale'),
  migraineWithAura: history('migraineWithAura', 'Migraine with aura'),
  severeReactionToPriorSclerotherapy: history(
    'severeReactionToPriorSclerotherapy',
    'Neurological or cardiac event after an earlier session',
  ),
  estrogenTherapy: history('estrogenTherapy', 'Oral contraceptive or hormone replacement'),
  anticoagulated: history('anticoagulated', 'Taking an anticoagulant'),
  acuteSuperficialThrombophlebitis: history('acuteSuperficialThrombophlebitis', 'Acute superficial thrombophlebitis'),
  ceapClass: history('ceapClass', 'Highest CEAP clinical class, either leg'),
  undocumentedContraindicationCount: { description: 'How many contraindication fields are undocumented' },
  undocumentedContraindicationPaths: { description: 'The request paths of undocumented contraindication fields' },
  undocumentedPrecautionCount: { description: 'How many other history fields are undocumented' },
  undocumentedPrecautionPaths: { description: 'The request paths of the other undocumented history fields' },
  untreatedVeinCount: { description: 'How many untreated veins are documented', requestPath: 'veins' },
  untreatedTelangiectasiaCount: { description: 'How many untreated telangiectasias', requestPath: 'veins' },
  untreatedTelangiectasiaIds: { description: 'The untreated telangiectasias', requestPath: 'veins' },
  untreatedReticularCount: { description: 'How many untreated reticular veins', requestPath: 'veins' },
  untreatedReticularIds: { description: 'The untreated reticular veins', requestPath: 'veins' },
  untreatedVaricoseCount: { description: 'How many untreated varicose veins', requestPath: 'veins' },
  untreatedSymptomaticCount: { description: 'How many untreated symptomatic veins', requestPath: 'veins' },
  largestUntreatedDiameterMm: {
    description: 'The largest documented diameter of an untreated vein, 0 when none is measured',
    requestPath: 'veins',
  },
  outsideLabelVeinIds: { description: 'Untreated veins that are varicose or wider than the label', requestPath: 'veins' },
  offLabelSiteCount: { description: 'How many untreated veins are outside the legs', requestPath: 'veins' },
  offLabelSiteVeinIds: { description: 'The untreated veins outside the legs', requestPath: 'veins' },
  duplexRecorded: { description: 'Whether a duplex ultrasound is on record', requestPath: 'duplexUltrasound' },
  truncalRefluxVeinCount: {
    description: 'How many untreated veins share a leg with truncal reflux',
    requestPath: 'duplexUltrasound.truncalReflux',
  },
  truncalRefluxVeinIds: {
    description: 'The untreated veins that share a leg with truncal reflux',
    requestPath: 'duplexUltrasound.truncalReflux',
  },
  deepVenousDiseaseVeinCount: {
    description: 'How many untreated veins share a leg with deep venous disease',
    requestPath: 'duplexUltrasound.deepVenousDisease',
  },
  deepVenousDiseaseVeinIds: {
    description: 'The untreated veins that share a leg with deep venous disease',
    requestPath: 'duplexUltrasound.deepVenousDisease',
  },
  sessionPlanned: { description: 'Whether a session is planned', requestPath: 'plannedSession' },
  plannedAgent: { description: 'The planned agent, or none', requestPath: 'plannedSession.agent' },
  plannedFormulation: { description: 'The planned formulation, or none', requestPath: 'plannedSession.formulation' },
  plannedConcentrationPercent: {
    description: 'The planned strength in %',
    requestPath: 'plannedSession.concentrationPercent',
  },
  plannedVolumeMl: { description: 'The planned volume in mL', requestPath: 'plannedSession.totalVolumeMl' },
  plannedLiquidVolumeMl: { description: 'The liquid sclerosant in the planned session in mL (upper estimate for foam)' },
  plannedFoamVolumeMl: { description: 'The foam volume of the planned session in mL' },
  liquidVolumeEstimated: { description: 'Whether a liquid volume rests on an assumed foam ratio' },
  containerEquivalents: { description: 'Containers opened, counted as 2 mL equivalents' },
  dailyLiquidVolumeMl: { description: 'Liquid sclerosant planned plus given earlier the same day in mL' },
  dailyFoamVolumeMl: { description: 'Foam planned plus given earlier the same day in mL' },
  thromboprophylaxisDecision: {
    description: 'The documented thromboprophylaxis decision for this session',
    requestPath: 'plannedSession.thromboprophylaxisDecision',
    mayBeUndocumented: true,
  },
  undocumentedThrombosisRiskCount: { description: 'How many thrombosis risk fields are not documented (beyond those that could tip the risk)' },
  undocumentedThrombosisRiskPaths: { description: 'The thrombosis risk fields that are not documented' },
  thrombosisFactorCount: { description: 'How many thrombosis risk factors are present' },
  highThrombosisRisk: { description: 'Whether the thrombosis risk is high: a major factor and another, or three factors' },
  priorSessionsDocumented: { description: 'Whether earlier sessions are documented', requestPath: 'priorSessions' },
  // Precautions and screening (v2): words for the clinician-facing text.
  thrombosisFactorWords: { description: 'The thrombosis risk factors present, in clinical words' },
  sclerosantAllergyWords: { description: 'The documented sclerosant allergies, agents in words', requestPath: 'history.sclerosantAllergies' },
  thrombosisHoldReleasedBy: {
    description: 'The documented thromboprophylaxis decision that releases a high thrombosis risk, or none',
    requestPath: 'plannedSession.thromboprophylaxisDecision',
  },
  jurisdiction: { description: 'The jurisdiction whose product labels apply (or the strictest of both)' },
  plannedContainers: { description: 'Vials or ampules to be opened', requestPath: 'plannedSession.containers' },
  plannedInjectionCount: {
    description: 'Planned injections, or targets when injections are not listed',
    requestPath: 'plannedSession.injections',
  },
  sameDayPriorVolumeMl: { description: 'Volume already given on the planned date', requestPath: 'priorSessions' },
  dailyVolumeMl: { description: 'Planned volume plus volume already given that day' },
  plannedPolidocanolMg: { description: 'Polidocanol in the planned session, in mg' },
  dailyPolidocanolMg: { description: 'Polidocanol planned plus already given that day, in mg' },
  dailyPolidocanolMgPerKg: { description: 'Daily polidocanol per kg of body weight', mayBeUndocumented: true },
  maxPolidocanolMg: { description: 'The daily polidocanol limit for this weight, in mg', mayBeUndocumented: true },
  smallVeinTargetCount: { description: 'How many targets are small veins (telangiectasia, reticular or up to 1 mm)' },
  lowestLabelledStrengthPercent: { description: 'The lowest labelled strength among the small-vein targets' },
  strengthAboveLabelVeinIds: { description: 'Targets whose labelled strength is below the planned strength' },
  largestSmallVeinInjectionMl: { description: 'The largest planned injection into a small vein, in mL' },
  oversizedInjectionVeinIds: { description: 'Small veins with an injection over the per-injection limit' },
  priorSessionCount: { description: 'How many earlier sessions are recorded', requestPath: 'priorSessions' },
  daysSinceLastSession: { description: 'Days from the latest earlier session to the planned date' },
  deferrableTargetCount: { description: 'Small-vein targets on a leg with an untreated varicose vein or truncal reflux' },
  deferrableTargetIds: { description: 'The small-vein targets that should wait' },
  feederPairTargetCount: { description: 'Targets on a leg where both reticular veins and telangiectasias are targeted' },
  feederPairTargetIds: { description: 'Those targets' },
  largestTargetKind: { description: 'The largest kind of vein targeted' },
  targetIds: { description: 'The planned targets', requestPath: 'plannedSession.targetVeinIds' },
  sessionStatus: { description: 'The session status before aftercare advice' },
  // Candidacy v2: veins to be treated (targets included), by safetyKind and strengthClass.
  veinsToTreatCount: { description: 'How many veins are to be treated (untreated veins and targets)', requestPath: 'veins' },
  telangiectasiaToTreatCount: { description: 'How many veins to be treated are spider-vein sized (strength class)', requestPath: 'veins' },
  telangiectasiaToTreatIds: { description: 'The veins to be treated that are spider-vein sized (strength class)', requestPath: 'veins' },
  reticularToTreatCount: { description: 'How many veins to be treated are reticular sized (strength class)', requestPath: 'veins' },
  reticularToTreatIds: { description: 'The veins to be treated that are reticular sized (strength class)', requestPath: 'veins' },
  legVaricoseToTreatCount: { description: 'How many leg veins to be treated are varicose by kind or measured size', requestPath: 'veins' },
  legSymptomaticToTreatCount: { description: 'How many leg veins to be treated are symptomatic', requestPath: 'veins' },
  varicoseOutsideLabelCount: { description: 'How many varicose veins lie outside the planned agent\'s label' },
  varicoseOutsideLabelIds: { description: 'The varicose veins outside the planned agent\'s label' },
  nonLegSiteCount: { description: 'How many targets (or, with no plan, veins to be treated) are outside the legs', requestPath: 'veins' },
  nonLegSiteIds: { description: 'The targets (or, with no plan, veins to be treated) outside the legs', requestPath: 'veins' },
  nonLegSiteCase: { description: 'The planned agent, marked when a face vein is outside the legs; chooses the text' },
  refluxLegVeinCount: {
    description: 'How many leg veins to be treated lie on a side with truncal reflux',
    requestPath: 'duplexUltrasound.truncalReflux',
  },
  refluxLegVeinIds: {
    description: 'The leg veins to be treated on a side with truncal reflux',
    requestPath: 'duplexUltrasound.truncalReflux',
  },
  deepDiseaseLegVeinCount: {
    description: 'How many leg veins to be treated lie on a side with deep venous disease',
    requestPath: 'duplexUltrasound.deepVenousDisease',
  },
  deepDiseaseLegVeinIds: {
    description: 'The leg veins to be treated on a side with deep venous disease',
    requestPath: 'duplexUltrasound.deepVenousDisease',
  },
  kindDiameterMismatchCount: { description: 'How many veins to be treated are measured in the range of another kind', requestPath: 'veins' },
  kindDiameterMismatchIds: { description: 'The veins to be treated measured in the range of another kind', requestPath: 'veins' },
  duplexAgeDays: { description: 'Days from the duplex ultrasound to the planned date (or today), or none', requestPath: 'duplexUltrasound.date' },
  veinsById: { description: 'Each vein\'s label, kind, side and region, for naming veins in text', requestPath: 'veins' },
  // dose and aftercare (RULES.md v2)
  intervalWindowSessionCount: { description: 'Earlier sessions dated fewer than the advised interval before the plan', requestPath: 'priorSessions' },
  intervalWindowVolumeMl: { description: 'Volume injected in those sessions, in mL', requestPath: 'priorSessions' },
  splitSessionVolumeMl: { description: 'Volume of those sessions, earlier sessions that day and the plan, in mL' },
  splitSessionIntervalExceeded: { description: 'Whether a session split over too short an interval is over the session volume cap' },
  splitSessionEarliestDate: { description: 'The first date the advised interval after the last of those sessions' },
  latestEarlierSessionAgent: { description: 'The agent of the latest session before the planned date, in words', requestPath: 'priorSessions' },
  aftercareKind: { description: 'Which walking and observation advice applies, by agent and form' },
  compressionKind: { description: 'Which compression advice applies, by the largest vein treated today' },
  firstSessionInjectionCount: { description: 'Injections planned, or estimated from volume and targets when not listed' },
};

/** The names of every fact, for checking rule files. */
export const FACT_NAMES: ReadonlySet<string> = new Set(Object.keys(FACT_CATALOGUE));
