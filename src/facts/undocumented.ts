/** The value a fact takes when the request does not document it; never the same as "absent". */
export const UNDOCUMENTED = 'undocumented';
/** The type of {@link UNDOCUMENTED}. */
export type Undocumented = typeof UNDOCUMENTED;
/** A fact that is either documented, with its value, or undocumented. */
export type Documented<T> = T | Undocumented;

/**
 * History fields whose absence must be confirmed before a patient can be cleared: each is an
 * absolute contraindication when present (RULES.md, screening.unconfirmed-contraindications).
 */
export const CONTRAINDICATION_FIELDS = [
  'sclerosantAllergies',
  'acuteThromboembolism',
  'severeAcuteIllness',
  'localInfectionAtTreatmentSite',
  'mobility',
  'peripheralArterialDisease',
  'severeReactionToPriorSclerotherapy',
] as const;

/** Every history field of the request, in contract order. */
export const HISTORY_FIELDS = [
  'sclerosantAllergies',
  'allergyProne',
  'acuteThromboembolism',
  'priorThromboembolism',
  'thrombophilia',
  'activeCancer',
  'recentMajorSurgeryOrHospitalization',
  'mobility',
  'localInfectionAtTreatmentSite',
  'severeAcuteIllness',
  'peripheralArterialDisease',
  'rightToLeftShunt',
  'migraineWithAura',
  'severeReactionToPriorSclerotherapy',
  'estrogenTherapy',
  'anticoagulated',
  'acuteSuperficialThrombophlebitis',
  'ceapClass',
] as const;

/** A history field name. */
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/**
 * Maps an optional request value to a documented fact, keeping "undocumented" distinct.
 * @param value - the request's value, undefined when omitted
 * @returns the value, or `'undocumented'`
 */
export const documented = <T>(value: T | undefined): Documented<T> => (value === undefined ? UNDOCUMENTED : value);
