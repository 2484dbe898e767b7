import type { Finding } from '../../../model/assessment.js';
import { cardUuid } from './uuid.js';

/** A suggestion to create the order that is the next step a finding asks for. */
export interface CreateSuggestion {
  readonly label: string;
  readonly uuid: string;
  readonly actions: readonly [{ readonly type: 'create'; readonly description: string; readonly resource: Readonly<Record<string, unknown>> }];
}

// What a finding reads decides the order it asks for: a duplex when it is about the duplex on
// record, a pregnancy test when it asks for the pregnancy status.
const reads = (finding: Finding, path: string): boolean =>
  finding.evidence.some((e) => e.requestPath === path || e.requestPath?.startsWith(`${path}.`) === true) || (finding.unconfirmed ?? []).includes(path);

// A duplex is the next step when the finding asks for one or finds it out of date, not when it
// refers on the strength of one.
const ASKS_FOR_A_DUPLEX = new Set<Finding['effect']>(['require-information', 'caution']);

const DUPLEX = {
  key: 'duplex',
  label: 'Order a venous duplex ultrasound of the legs',
  description: 'Creates a draft order for a duplex ultrasound of the leg veins (reflux and deep veins), to be reviewed and signed.',
  // CPT 93970: duplex scan of the extremity veins, complete bilateral (integration review §4.3, several independent sources).
  code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '93970', display: 'Duplex scan of extremity veins; complete bilateral study' }], text: 'Venous duplex ultrasound of both legs' },
} as const;

const PREGNANCY_TEST = {
  key: 'pregnancy-test',
  label: 'Order a pregnancy test',
  description: 'Creates a draft order for a pregnancy test (hCG), to be reviewed and signed; a result, or a documented pregnancy status, settles the question.',
  // No test code was verified for this project: the order says what it is in words.
  code: { text: 'Pregnancy test (hCG)' },
} as const;

/**
 * Builds the `create` suggestion for a finding whose next step is an order: a venous duplex
 * ServiceRequest when the finding asks for or about the duplex ultrasound, a pregnancy test when it
 * asks for the pregnancy status. The order is a draft proposal for the patient, never signed by
 * the service.
 * @param finding - a warning or critical finding
 * @param patientId - the patient the order is for
 * @param hookInstance - the hook call, for the suggestion's id
 * @returns the suggestion, or undefined when the finding's next step is not an order
 */
export const createSuggestionFor = (finding: Finding, patientId: string | undefined, hookInstance: string): CreateSuggestion | undefined => {
  if (patientId === undefined || finding.severity === 'info') return undefined;
  const next = ASKS_FOR_A_DUPLEX.has(finding.effect) && reads(finding, 'duplexUltrasound') ? DUPLEX : finding.effect === 'require-information' && reads(finding, 'patient.pregnancy') ? PREGNANCY_TEST : undefined;
  if (next === undefined) return undefined;
  return {
    label: next.label,
    uuid: cardUuid(hookInstance, `${finding.ruleId}#create-${next.key}`),
    actions: [
      {
        type: 'create',
        description: next.description,
        resource: { resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', code: next.code, subject: { reference: `Patient/${patientId}` } },
      },
    ],
  };
};
