import type { Finding } from '../../../model/assessment.js';
import type { OverrideReason } from '../schemas/card-schema.js';

/**
 * The code system of the override reasons: HL7's Non-Adherence Reason codes, proposed for CDS Hooks
 * 3.0 (CDS Hooks IG 3.0.0-ballot, `CodeSystem-non-adherence-reason.json`, from the AHRQ CDSiC
 * override taxonomy, AHRQ Publication No. 25-0073). CDS Hooks 2.0 prescribes no set of its own.
 * The URL is the one that CodeSystem resource gives as its `url`.
 */
export const NON_ADHERENCE_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason';

// Each code with the code system's own display.
const DISPLAYS = {
  'patient-ineligible': 'Patient does not meet eligibility for recommended action',
  'action-completed': 'Recommended action was already completed',
  'risk-benefit-ratio': 'Recipient assessment of risk/benefit ratio',
  'expert-contradicts': 'Advice from expert contradicts the recommended action',
  'policy-contradicts': 'Institutional policy/guideline contradicts the recommended action',
  'prefers-alternative': 'Patient prefers an alternative approach or treatment',
  'patient-contraindication': 'Patient has contraindication to recommended action',
  'implementation-challenges': 'Recommended action cannot be implemented due to technology/challenges',
} as const;

type Code = keyof typeof DISPLAYS;

const reasons = (...codes: readonly Code[]): readonly OverrideReason[] => codes.map((code) => ({ system: NON_ADHERENCE_REASON_SYSTEM, code, display: DISPLAYS[code] }));

/** The kinds of card, each with the override reasons that fit what it asks. */
export const OVERRIDE_REASONS_BY_KIND = {
  /** Asks for information (screening answers, pregnancy status, a duplex): it was given elsewhere, or does not apply. */
  screening: reasons('action-completed', 'patient-ineligible'),
  /** A dose limit: a local protocol, a specialist, or a weighed risk. */
  dose: reasons('policy-contradicts', 'expert-contradicts', 'risk-benefit-ratio'),
  /** A contraindication: the record is out of date, or a specialist weighed it. */
  contraindication: reasons('patient-ineligible', 'expert-contradicts', 'risk-benefit-ratio'),
  /** A precaution: weighed, or the patient chose, or the advised step is itself unsuitable. */
  precaution: reasons('risk-benefit-ratio', 'prefers-alternative', 'patient-contraindication'),
  /** Candidacy and treatment order: a specialist, the clinic's protocol, or a weighed risk. */
  plan: reasons('expert-contradicts', 'policy-contradicts', 'risk-benefit-ratio'),
  /** An integration notice (an order or record the service could not read): checked by hand, or not fixable here. */
  notice: reasons('action-completed', 'implementation-challenges'),
} as const;

/** A kind of card, for its override reasons. */
export type OverrideKind = keyof typeof OVERRIDE_REASONS_BY_KIND;

/**
 * Chooses the override reasons of a finding's card by what the finding asks: information
 * (require-information), a dose limit, a contraindication, a precaution, or the plan.
 * @param finding - the finding
 * @returns the reasons, each with its display
 */
export const overrideReasonsFor = (finding: Finding): readonly OverrideReason[] => {
  if (finding.effect === 'require-information' || finding.category === 'screening') return OVERRIDE_REASONS_BY_KIND.screening;
  if (finding.category === 'dose') return OVERRIDE_REASONS_BY_KIND.dose;
  if (finding.category === 'contraindication') return OVERRIDE_REASONS_BY_KIND.contraindication;
  if (finding.category === 'precaution') return OVERRIDE_REASONS_BY_KIND.precaution;
  return OVERRIDE_REASONS_BY_KIND.plan;
};

/** The reasons of a card that is not about one finding (a held session): as for information asked. */
export const OVERRIDE_REASONS: readonly OverrideReason[] = OVERRIDE_REASONS_BY_KIND.screening;
