import * as E from 'fp-ts/lib/Either.js';
import type { Assessment, Finding } from '../../../model/assessment.js';
import type { AssessmentRequest } from '../../../model/request-schema.js';
import type { Severity } from '../../../model/vocabulary.js';
import { MAX_SUMMARY_LENGTH } from '../schemas/card-schema.js';
import { actionMarkdown, findingMarkdown, holdsMarkdown, infoMarkdown, isLinkableUrl } from './markdown.js';
import { veinNamer, type VeinNamer } from '../../../explain/present.js';
import { OVERRIDE_REASONS, OVERRIDE_REASONS_BY_KIND, overrideReasonsFor } from './override-reasons.js';
import { createSuggestionFor, type CreateSuggestion } from './next-steps.js';
import { suggestionFor, type DraftOrderSuggestion } from './draft-order-fixes.js';
import { cardUuid, uuidV5, CARD_UUID_NAMESPACE } from './uuid.js';
import { readCardInput, type CardInput } from './card-input.js';
import { LIBRARY } from './library.js';
import { assessmentNotShownCard } from './notice-cards.js';

export { LIBRARY };

/** Extension keys of the machine-readable data on each card. */
export const CARD_EXTENSION_KEYS = {
  finding: 'org.sclerotherapy-cds.finding',
  findings: 'org.sclerotherapy-cds.findings',
  assessment: 'org.sclerotherapy-cds.assessment',
  holds: 'org.sclerotherapy-cds.holds',
} as const;

/**
 * The code system of `source.topic`: the library's finding categories (`dose`, `contraindication`, …).
 * A URN, because the library has no web address of its own to mint one under.
 */
export const FINDING_CATEGORY_SYSTEM = 'urn:sclerotherapy-cds:finding-category';

/** How to build cards. */
export interface CdsCardOptions {
  /** The hook call's `hookInstance`; card and suggestion ids derive from it. Default: derived from the assessment. */
  readonly hookInstance?: string;
  /** The draft sclerosant MedicationRequest; with it, cards whose fix is mechanical carry an `update` suggestion. */
  readonly draftOrder?: unknown;
  /** The request that was assessed; the container suggestion reads the container size from it (default 2 mL). */
  readonly request?: AssessmentRequest;
  /** An absolute URL about the source of the guidance (e.g. the clinic's page on its rules), shown as `source.url`. */
  readonly sourceUrl?: string;
  /** The SMART launch URL of the screening form: cards that ask for screening answers link to it. */
  readonly screeningLaunchUrl?: string;
  /** The patient's id: with it, cards whose next step is an order (a duplex, a pregnancy test) carry a `create` suggestion. */
  readonly patientId?: string;
}

/** A Coding, as CDS Hooks uses it. */
export interface CdsCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A card as {@link toCdsCards} builds it; it always passes `CardSchema`. */
export interface CdsCard {
  readonly uuid: string;
  readonly summary: string;
  readonly detail: string;
  readonly indicator: Severity;
  readonly source: { readonly label: string; readonly url?: string; readonly topic?: CdsCoding };
  readonly suggestions?: readonly (DraftOrderSuggestion | CreateSuggestion)[];
  readonly selectionBehavior?: 'at-most-one';
  readonly overrideReasons?: readonly CdsCoding[];
  readonly links?: readonly { readonly label: string; readonly url: string; readonly type: 'absolute' | 'smart' }[];
  readonly extension: Readonly<Record<string, unknown>>;
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info'];

/**
 * Shortens a summary to what a card allows (under 140 characters), ending it with an ellipsis.
 * @param summary - the text
 * @returns the text, or its first 138 characters and "…"
 */
export const fitSummary = (summary: string): string =>
  summary.length <= MAX_SUMMARY_LENGTH ? summary : `${summary.slice(0, MAX_SUMMARY_LENGTH - 1).trimEnd()}…`;

const sourceLabel = (what: string): string => `${LIBRARY.name} ${LIBRARY.version} · ${what}`;

const linksOf = (findings: readonly Finding[]): CdsCard['links'] => {
  const seen = new Set<string>();
  const links = findings.flatMap((f) => f.sources).flatMap((source) => {
    if (source.url === undefined || seen.has(source.url) || !isLinkableUrl(source.url)) return [];
    seen.add(source.url);
    return [{ label: source.label.length > 100 ? `${source.label.slice(0, 99)}…` : source.label, url: source.url, type: 'absolute' as const }];
  });
  return links.length === 0 ? undefined : links;
};

const assessmentExtension = (assessment: Assessment) => ({
  status: assessment.status,
  session: assessment.session,
  ruleSet: assessment.ruleSet,
  asOf: assessment.asOf,
  jurisdiction: assessment.jurisdiction,
});

/** The category of a finding in words, as the card's source names it (rule ids stay in the card's data). */
const CATEGORY_WORDS: Readonly<Record<Finding['category'], string>> = {
  candidacy: 'candidacy',
  contraindication: 'contraindications',
  precaution: 'precautions',
  ordering: 'treatment order',
  dose: 'dose',
  aftercare: 'aftercare',
  counselling: 'counselling',
  screening: 'screening',
};

const source = (label: string, category: string | undefined, input: CardInput): CdsCard['source'] => ({
  label: sourceLabel(label),
  ...(input.sourceUrl === undefined ? {} : { url: input.sourceUrl }),
  ...(category === undefined ? {} : { topic: { system: FINDING_CATEGORY_SYSTEM, code: category, display: category } }),
});

// A suggestion is an extra: should building one ever fail, the card still goes out, without it.
const suggestionOf = (finding: Finding, input: CardInput, hookInstance: string): DraftOrderSuggestion | undefined => {
  try {
    return suggestionFor(finding, input.assessment, input.draftOrder, hookInstance, input.request);
  } catch {
    return undefined;
  }
};

// The link to the screening form, on cards that ask for what the form records.
const screeningLink = (input: CardInput, asks: boolean): NonNullable<CdsCard['links']> =>
  asks && input.screeningLaunchUrl !== undefined ? [{ label: 'Complete the pre-sclerotherapy screening', url: input.screeningLaunchUrl, type: 'smart' }] : [];

const asksScreening = (finding: Finding): boolean => (finding.unconfirmed ?? []).length > 0 || finding.category === 'screening';

const findingCard = (finding: Finding, input: CardInput, hookInstance: string, name: VeinNamer): CdsCard => {
  const update = suggestionOf(finding, input, hookInstance);
  const create = createSuggestionFor(finding, input.patientId, hookInstance);
  const suggestions = [...(update === undefined ? [] : [update]), ...(create === undefined ? [] : [create])];
  const links = [...screeningLink(input, asksScreening(finding)), ...(linksOf([finding]) ?? [])];
  return {
    uuid: cardUuid(hookInstance, finding.ruleId),
    summary: fitSummary(finding.summary),
    detail: findingMarkdown(finding, name),
    indicator: finding.severity,
    source: source(CATEGORY_WORDS[finding.category], finding.category, input),
    ...(suggestions.length === 0 ? {} : { suggestions, selectionBehavior: 'at-most-one' as const }),
    overrideReasons: overrideReasonsFor(finding),
    ...(links.length === 0 ? {} : { links }),
    extension: { [CARD_EXTENSION_KEYS.finding]: finding, [CARD_EXTENSION_KEYS.assessment]: assessmentExtension(input.assessment) },
  };
};

// Every dose limit the order breaks is one card with one fix: the findings that block the session
// on its dose (not on one vein's strength), whatever the limit.
const isDoseLimit = (finding: Finding): boolean =>
  finding.category === 'dose' && finding.severity === 'critical' && finding.effect === 'block-session' && (finding.veinIds ?? []).length === 0;

const doseLimitsSummary = (findings: readonly Finding[]): string => {
  const [only] = findings;
  if (findings.length === 1 && only !== undefined) return fitSummary(only.summary);
  return fitSummary(`The order is over ${findings.length} dose limits, listed below; the session is blocked as planned.`);
};

const doseLimitsCard = (findings: readonly Finding[], input: CardInput, hookInstance: string, name: VeinNamer): CdsCard => {
  const suggestion = findings.map((f) => suggestionOf(f, input, hookInstance)).find((s) => s !== undefined);
  const links = linksOf(findings);
  return {
    uuid: cardUuid(hookInstance, 'dose-limits'),
    summary: doseLimitsSummary(findings),
    detail: actionMarkdown(findings, name),
    indicator: 'critical',
    source: source('dose limits', 'dose', input),
    ...(suggestion === undefined ? {} : { suggestions: [suggestion], selectionBehavior: 'at-most-one' as const }),
    overrideReasons: OVERRIDE_REASONS_BY_KIND.dose,
    ...(links === undefined ? {} : { links }),
    extension: { [CARD_EXTENSION_KEYS.findings]: findings, [CARD_EXTENSION_KEYS.assessment]: assessmentExtension(input.assessment) },
  };
};

const infoSummary = (findings: readonly Finding[]): string => {
  const [only] = findings;
  if (findings.length === 1 && only !== undefined) return fitSummary(only.summary);
  const categories = [...new Set(findings.map((f) => f.category))];
  return fitSummary(`${findings.length} points of advice to go through: ${categories.join(', ')}.`);
};

const infoCard = (findings: readonly Finding[], input: CardInput, hookInstance: string, name: VeinNamer): CdsCard => {
  const [only] = findings;
  const single = findings.length === 1 ? only : undefined;
  const links = linksOf(findings);
  return {
    uuid: cardUuid(hookInstance, single?.ruleId ?? 'info'),
    summary: infoSummary(findings),
    detail: infoMarkdown(findings, name),
    indicator: 'info',
    source: source(single === undefined ? `${findings.length} points of advice` : CATEGORY_WORDS[single.category], single?.category, input),
    ...(links === undefined ? {} : { links }),
    extension: { [CARD_EXTENSION_KEYS.findings]: findings, [CARD_EXTENSION_KEYS.assessment]: assessmentExtension(input.assessment) },
  };
};

const heldSummary = (assessment: Assessment): string => {
  const count = assessment.session.holds.length;
  return fitSummary(`The planned session is held: ${count} ${count === 1 ? 'item needs' : 'items need'} settling before it can go ahead.`);
};

// A held session gets one warning card that lists what would release each hold (CONTRACT §5).
const heldCard = (input: CardInput, hookInstance: string, name: VeinNamer): CdsCard => {
  const links = screeningLink(input, input.assessment.session.holds.some((h) => h.reason === 'unconfirmed'));
  return {
    uuid: cardUuid(hookInstance, 'session-held'),
    summary: heldSummary(input.assessment),
    detail: holdsMarkdown(input.assessment.session.holds, name),
    indicator: 'warning',
    source: source('session', undefined, input),
    overrideReasons: OVERRIDE_REASONS,
    ...(links.length === 0 ? {} : { links }),
    extension: { [CARD_EXTENSION_KEYS.holds]: input.assessment.session.holds, [CARD_EXTENSION_KEYS.assessment]: assessmentExtension(input.assessment) },
  };
};

const cardsOf = (input: CardInput): readonly CdsCard[] => {
  const { assessment } = input;
  // Without a hook instance the ids still repeat for the same assessment, and differ between assessments.
  const hookInstance = input.hookInstance ?? uuidV5(CARD_UUID_NAMESPACE, JSON.stringify(assessment));
  const name = veinNamer(input.request);
  const bySeverity = (severity: Severity): readonly Finding[] => assessment.findings.filter((f) => f.severity === severity);
  const info = bySeverity('info');
  const held = assessment.session.status === 'held' ? [heldCard(input, hookInstance, name)] : [];
  const doseLimits = bySeverity('critical').filter(isDoseLimit);
  return SEVERITY_ORDER.flatMap((severity) => {
    if (severity === 'warning') return [...held, ...bySeverity(severity).map((f) => findingCard(f, input, hookInstance, name))];
    if (severity === 'critical') {
      const others = bySeverity(severity).filter((f) => !isDoseLimit(f)).map((f) => findingCard(f, input, hookInstance, name));
      return doseLimits.length === 0 ? others : [doseLimitsCard(doseLimits, input, hookInstance, name), ...others];
    }
    return info.length === 0 ? [] : [infoCard(info, input, hookInstance, name)];
  });
};

const messageOf = (error: unknown): string => {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unreadable error';
  }
};

// The id of the card that stands in for cards that could not be built: from the hook instance when
// that is a string, else fixed.
const fallbackHookInstance = (options: unknown): string => {
  try {
    const hookInstance = typeof options === 'object' && options !== null ? (options as { hookInstance?: unknown }).hookInstance : undefined;
    return typeof hookInstance === 'string' && hookInstance !== '' ? hookInstance : CARD_UUID_NAMESPACE;
  } catch {
    return CARD_UUID_NAMESPACE;
  }
};

/**
 * Turns an assessment into CDS Hooks 2.0 cards: one critical "dose limits" card for every finding
 * that blocks the session on its dose (session, daily, container, split-session and weight-based
 * caps), with one suggestion that brings the order within all of them; one card per other critical
 * or warning finding; one warning card for a held session listing what would release each hold
 * (first among the warnings); and one info card gathering the informational findings, sorted
 * critical, warning, info. Each card explains its findings in Markdown (reason, patient values in
 * clinical words, resolution, veins by name, citations) without rule ids, request paths, fact or
 * limit names (CONTRACT §4.6), names the library, its version and the category as its source,
 * carries a stable `uuid` derived from the hook instance and the rule, override reasons chosen for
 * the kind of card, an `update` suggestion on the draft order where the fix is mechanical, a
 * `create` suggestion where the next step is an order (a venous duplex, a pregnancy test; with
 * `patientId`), a `smart` link to the screening form on cards that ask for screening answers (with
 * `screeningLaunchUrl`), and its findings in `extension`. It does not apply the per-call card
 * budget: the service does (see withinCardBudget).
 *
 * It never throws. When `assessment` is not an Assessment as `assess` returns it, or the options
 * are invalid (e.g. a `sourceUrl` that is not http or https), it returns one warning card saying
 * that the assessment could not be shown, with the issues in its `extension`, so that the missing
 * cards are never mistaken for "no concerns".
 * @param assessment - the assessment to present
 * @param options - the hook instance, the draft order, the request (to name veins) and the source URL
 * @returns the cards; none when nothing fired
 */
export const toCdsCards = (assessment: Assessment, options: CdsCardOptions = {}): readonly CdsCard[] => {
  try {
    const input = readCardInput(assessment, options);
    return E.isLeft(input) ? [assessmentNotShownCard(input.left, fallbackHookInstance(options))] : cardsForCheckedInput(input.right);
  } catch (error) {
    // The last line of defence: an input that defeats the checks (e.g. a getter that throws).
    return [assessmentNotShownCard([{ code: 'internal_error', message: `The cards could not be built: ${messageOf(error)}`, path: [] }], fallbackHookInstance(options))];
  }
};

/**
 * {@link toCdsCards} for the CDS service's own hook calls, without the input check: the assessment
 * comes straight from `assess`, the request from the FHIR adapter's validated mapping, and the
 * draft order and URLs from the validated call and configuration, none shared with a caller, so the
 * JSON copy and schema check that guard the public function would only repeat work (about a fifth of
 * an order-sign call's time). Never throws. Not part of the package's API.
 * @param input - what the cards are built from, already valid
 * @returns the cards; none when nothing fired
 */
export const cardsForCheckedInput = (input: CardInput): readonly CdsCard[] => {
  try {
    return cardsOf(input);
  } catch (error) {
    return [assessmentNotShownCard([{ code: 'internal_error', message: `The cards could not be built: ${messageOf(error)}`, path: [] }], fallbackHookInstance(input))];
  }
};
