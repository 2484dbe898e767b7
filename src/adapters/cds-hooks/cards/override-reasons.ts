import type { OverrideReason } from '../schemas/card-schema.js';

/**
 * The code system of the override reasons: HL7's Non-Adherence Reason codes, proposed for CDS Hooks
 * 3.0 (CDS Hooks IG 3.0.0-ballot, `CodeSystem-non-adherence-reason.json`, from the AHRQ CDSiC
 * override taxonomy, AHRQ Publication No. 25-0073). CDS Hooks 2.0 prescribes no set of its own.
 */
export const NON_ADHERENCE_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason';

const reason = (code: string, display: string): OverrideReason => ({ system: NON_ADHERENCE_REASON_SYSTEM, code, display });

/**
 * The reasons a clinician can give for overriding a warning or critical card, with the code
 * system's own displays. They are the codes that fit a safety finding about a planned injection:
 * the finding does not apply (the record is out of date), a weighed risk and benefit, a specialist's
 * advice, a local protocol, or more information still to come.
 */
export const OVERRIDE_REASONS: readonly OverrideReason[] = [
  reason('patient-ineligible', 'Patient does not meet eligibility for recommended action'),
  reason('risk-benefit-ratio', 'Recipient assessment of risk/benefit ratio'),
  reason('expert-contradicts', 'Advice from expert contradicts the recommended action'),
  reason('policy-contradicts', 'Institutional policy/guideline contradicts the recommended action'),
  reason('need-more-info', 'Could not address recommended action due to need for more information/pending results/pending consult'),
];
