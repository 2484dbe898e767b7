import type { Issue } from '../../../model/issues.js';
import { wordsForPath } from '../../../model/clinical-fields.js';
import type { Gap } from '../../fhir/index.js';
import { codeSpan, escapeMarkdown } from './markdown.js';
import { OVERRIDE_REASONS_BY_KIND } from './override-reasons.js';
import { LIBRARY } from './library.js';
import type { CdsCard } from './to-cds-cards.js';
import { cardUuid } from './uuid.js';

/** Extension keys of the notice cards. */
export const NOTICE_EXTENSION_KEYS = { issues: 'org.sclerotherapy-cds.issues', gaps: 'org.sclerotherapy-cds.gaps', orders: 'org.sclerotherapy-cds.orders' } as const;

const notice = (
  hookInstance: string,
  key: string,
  summary: string,
  lines: readonly string[],
  extension: Readonly<Record<string, unknown>>,
  from = 'FHIR mapping',
): CdsCard => ({
  uuid: cardUuid(hookInstance, key),
  summary,
  detail: lines.join('\n'),
  indicator: 'warning',
  source: { label: `${LIBRARY.name} ${LIBRARY.version} · ${from}` },
  overrideReasons: OVERRIDE_REASONS_BY_KIND.notice,
  extension,
});

// An input can be wrong in many places; the card lists the first few, its extension all of them.
const MAX_LISTED = 10;

const issueLine = (issue: Issue): string => `- ${issue.path.length === 0 ? '' : `${codeSpan(issue.path.join('.'))}: `}${escapeMarkdown(issue.message)}`;

/**
 * Builds the card that says the record could not be assessed at all (e.g. no birth date), so that
 * silence is never mistaken for "no concerns".
 * @param issues - why the FHIR data could not be turned into an assessment request
 * @param hookInstance - the hook call, for the card's id
 * @returns a warning card listing the issues
 */
export const unassessableCard = (issues: readonly Issue[], hookInstance: string): CdsCard =>
  notice(
    hookInstance,
    'assessment-not-possible',
    'Sclerotherapy decision support could not assess this patient from the record.',
    [
      '**Why:** the record lacks data the assessment needs, or holds data it cannot read:',
      '',
      ...issues.slice(0, MAX_LISTED).map((issue) => `- ${escapeMarkdown(issue.message)}`),
      ...(issues.length > MAX_LISTED ? [`- and ${issues.length - MAX_LISTED} more`] : []),
      '',
      '**What would change this:** recording the missing data in the chart and opening the record again.',
    ],
    { [NOTICE_EXTENSION_KEYS.issues]: issues },
  );

/**
 * Builds the card that says a sclerosant order was found but could not be checked (no volume, no
 * strength, no target veins), so that the order is never signed believing it was.
 * @param gaps - the FHIR adapter's gaps about the planned session
 * @param hookInstance - the hook call, for the card's id
 * @returns a warning card listing the gaps
 */
export const uncheckedOrderCard = (gaps: readonly Gap[], hookInstance: string): CdsCard =>
  notice(
    hookInstance,
    'order-not-checked',
    'The sclerosant order could not be fully checked against the dose and safety limits.',
    [
      '**Why:** the order does not state everything the check needs:',
      '',
      ...gaps.map((g) => `- ${codeSpan(g.reference)}: ${escapeMarkdown(g.message)}`),
      '',
      '**What would change this:** stating on the order what is missing above: the sclerosant, its strength, the volume in mL, and the veins treated (a link to the vein problem-list entry).',
    ],
    { [NOTICE_EXTENSION_KEYS.gaps]: gaps },
  );

/**
 * Builds the card that says a draft order is not written in FHIR R4 (an R5 `medication`
 * element, a DSTU2 MedicationOrder): the decision support cannot read it, so it cannot say whether
 * it breaks a limit. An integration fault, worded as one; never silence.
 * @param orders - each order's `Type/id` with what marks it as another FHIR version
 * @param hookInstance - the hook call, for the card's id
 * @returns a warning card naming each order
 */
export const notFhirR4OrderCard = (orders: readonly { readonly reference: string; readonly why: string }[], hookInstance: string): CdsCard =>
  notice(
    hookInstance,
    'order-not-fhir-r4',
    'An order could not be read: it is not in FHIR R4, so it was not checked against the sclerotherapy limits.',
    [
      '**Why:** the EHR sent the order in another FHIR version than the R4 this decision support reads:',
      '',
      ...orders.map((o) => `- ${codeSpan(o.reference)}: ${escapeMarkdown(o.why)}`),
      '',
      '**What would change this:** a fix in the EHR integration (sending orders as FHIR R4). Until then, if this is a sclerosant order, check its volume, vials and strength against the dose limits without the decision support.',
    ],
    { [NOTICE_EXTENSION_KEYS.orders]: orders },
    'order',
  );

/**
 * Builds the card that stands in for the cards of an assessment that could not be shown: toCdsCards
 * was given something that is not an assessment, or invalid options. It is a warning, so that the
 * missing cards are never mistaken for "no concerns".
 * @param issues - what was wrong with the input, with paths under `assessment` and `options`
 * @param hookInstance - the hook call, for the card's id
 * @returns a warning card listing the issues
 */
export const assessmentNotShownCard = (issues: readonly Issue[], hookInstance: string): CdsCard =>
  notice(
    hookInstance,
    'assessment-not-shown',
    'The sclerotherapy assessment could not be shown; that is not a sign that there are no concerns.',
    [
      '**Why:** the decision support was handed something it cannot show as an assessment:',
      '',
      ...issues.slice(0, MAX_LISTED).map(issueLine),
      ...(issues.length > MAX_LISTED ? [`- and ${issues.length - MAX_LISTED} more`] : []),
      '',
      '**What would change this:** a fix in the software that calls the decision support. Until then, check the patient and the order against the dose and safety limits without it.',
    ],
    { [NOTICE_EXTENSION_KEYS.issues]: issues },
    'cards',
  );

/**
 * Builds the card that says the record contradicts itself or the patient's screening answers (e.g.
 * an answer "no" against an active DVT on the problem list): the less safe reading was used, and a
 * clinician is asked to settle which is right. Each line names the item in words and both sources.
 * @param conflicts - the FHIR adapter's `conflict` gaps
 * @param hookInstance - the hook call, for the card's id
 * @returns a warning card listing the conflicts
 */
export const recordConflictsCard = (conflicts: readonly Gap[], hookInstance: string): CdsCard =>
  notice(
    hookInstance,
    'record-conflicts',
    'The record disagrees with itself or with the screening answers; the less safe reading was used.',
    [
      '**Why:** these entries contradict each other, and the decision support used the reading that is less safe for the patient:',
      '',
      ...conflicts.slice(0, MAX_LISTED).map((g) => `- ${g.field === undefined ? '' : `**${escapeMarkdown(wordsForPath(g.field))}:** `}${escapeMarkdown(g.message)}`),
      ...(conflicts.length > MAX_LISTED ? [`- and ${conflicts.length - MAX_LISTED} more`] : []),
      '',
      '**What would change this:** correcting whichever entry is wrong (the screening answer, or the record it contradicts) and opening the order again.',
    ],
    { [NOTICE_EXTENSION_KEYS.gaps]: conflicts },
  );
