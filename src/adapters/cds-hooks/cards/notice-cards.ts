import type { Issue } from '../../../model/issues.js';
import type { Gap } from '../../fhir/index.js';
import { escapeMarkdown } from './markdown.js';
import { OVERRIDE_REASONS } from './override-reasons.js';
import { LIBRARY, type CdsCard } from './to-cds-cards.js';
import { cardUuid } from './uuid.js';

/** Extension keys of the notice cards. */
export const NOTICE_EXTENSION_KEYS = { issues: 'org.sclerotherapy-cds.issues', gaps: 'org.sclerotherapy-cds.gaps' } as const;

const notice = (hookInstance: string, key: string, summary: string, lines: readonly string[], extension: Readonly<Record<string, unknown>>): CdsCard => ({
  uuid: cardUuid(hookInstance, key),
  summary,
  detail: lines.join('\n'),
  indicator: 'warning',
  source: { label: `${LIBRARY.name} ${LIBRARY.version} · FHIR mapping` },
  overrideReasons: OVERRIDE_REASONS,
  extension,
});

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
      ...issues.map((i) => `- ${i.path.length === 0 ? '' : `\`${i.path.join('.')}\`: `}${escapeMarkdown(i.message)}`),
      '',
      '**What would change this:** recording the missing data in the chart and opening the order again.',
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
      ...gaps.map((g) => `- \`${g.reference}\`: ${escapeMarkdown(g.message)}`),
      '',
      '**What would change this:** stating the strength, the volume in mL and the target veins (reasonReference to the vein Condition) on the order.',
    ],
    { [NOTICE_EXTENSION_KEYS.gaps]: gaps },
  );
