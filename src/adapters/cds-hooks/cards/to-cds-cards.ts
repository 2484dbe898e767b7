import { version as LIBRARY_VERSION } from '../../../../package.json';
import type { Assessment, Finding } from '../../../model/assessment.js';
import type { AssessmentRequest } from '../../../model/request-schema.js';
import type { Severity } from '../../../model/vocabulary.js';
import { MAX_SUMMARY_LENGTH } from '../schemas/card-schema.js';
import { findingMarkdown, infoMarkdown } from './markdown.js';
import { OVERRIDE_REASONS } from './override-reasons.js';
import { suggestionFor, type DraftOrderSuggestion } from './draft-order-fixes.js';
import { cardUuid, uuidV5, CARD_UUID_NAMESPACE } from './uuid.js';

/** The library's name and version, as cards name their source. */
export const LIBRARY = { name: 'sclerotherapy-cds', version: LIBRARY_VERSION } as const;

/** Extension keys of the machine-readable data on each card. */
export const CARD_EXTENSION_KEYS = {
  finding: 'org.sclerotherapy-cds.finding',
  findings: 'org.sclerotherapy-cds.findings',
  assessment: 'org.sclerotherapy-cds.assessment',
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
  readonly suggestions?: readonly DraftOrderSuggestion[];
  readonly selectionBehavior?: 'at-most-one';
  readonly overrideReasons?: readonly CdsCoding[];
  readonly links?: readonly { readonly label: string; readonly url: string; readonly type: 'absolute' }[];
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
    if (source.url === undefined || seen.has(source.url) || !/^https?:\/\/\S+$/.test(source.url)) return [];
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
});

const source = (label: string, category: string | undefined, options: CdsCardOptions): CdsCard['source'] => ({
  label: sourceLabel(label),
  ...(options.sourceUrl === undefined ? {} : { url: options.sourceUrl }),
  ...(category === undefined ? {} : { topic: { system: FINDING_CATEGORY_SYSTEM, code: category, display: category } }),
});

const findingCard = (finding: Finding, assessment: Assessment, hookInstance: string, options: CdsCardOptions): CdsCard => {
  const suggestion = suggestionFor(finding, assessment, options.draftOrder, hookInstance, options.request);
  const links = linksOf([finding]);
  return {
    uuid: cardUuid(hookInstance, finding.ruleId),
    summary: fitSummary(finding.summary),
    detail: findingMarkdown(finding),
    indicator: finding.severity,
    source: source(finding.ruleId, finding.category, options),
    ...(suggestion === undefined ? {} : { suggestions: [suggestion], selectionBehavior: 'at-most-one' as const }),
    overrideReasons: OVERRIDE_REASONS,
    ...(links === undefined ? {} : { links }),
    extension: { [CARD_EXTENSION_KEYS.finding]: finding, [CARD_EXTENSION_KEYS.assessment]: assessmentExtension(assessment) },
  };
};

const infoSummary = (findings: readonly Finding[]): string => {
  const [only] = findings;
  if (findings.length === 1 && only !== undefined) return fitSummary(only.summary);
  const categories = [...new Set(findings.map((f) => f.category))];
  return fitSummary(`${findings.length} points of advice to go through: ${categories.join(', ')}.`);
};

const infoCard = (findings: readonly Finding[], assessment: Assessment, hookInstance: string, options: CdsCardOptions): CdsCard => {
  const [only] = findings;
  const single = findings.length === 1 ? only : undefined;
  const links = linksOf(findings);
  return {
    uuid: cardUuid(hookInstance, single?.ruleId ?? 'info'),
    summary: infoSummary(findings),
    detail: infoMarkdown(findings),
    indicator: 'info',
    source: source(single?.ruleId ?? `${findings.length} rules`, single?.category, options),
    ...(links === undefined ? {} : { links }),
    extension: { [CARD_EXTENSION_KEYS.findings]: findings, [CARD_EXTENSION_KEYS.assessment]: assessmentExtension(assessment) },
  };
};

/**
 * Turns an assessment into CDS Hooks 2.0 cards: one card per critical or warning finding, and one
 * info card gathering the informational findings (aftercare, counselling and the rest), sorted
 * critical, warning, info. Each card explains its finding in Markdown (reason, patient values,
 * resolution, citations), names the library, its version and the rule as its source, carries a
 * stable `uuid` derived from the hook instance and the rule, override reasons on warning and
 * critical cards, an `update` suggestion on the draft order where the fix is mechanical, and the
 * finding itself in `extension`.
 * @param assessment - the assessment to present
 * @param options - the hook instance, the draft order and the source URL
 * @returns the cards; none when nothing fired
 */
export const toCdsCards = (assessment: Assessment, options: CdsCardOptions = {}): readonly CdsCard[] => {
  // Without a hook instance the ids still repeat for the same assessment, and differ between assessments.
  const hookInstance = options.hookInstance ?? uuidV5(CARD_UUID_NAMESPACE, JSON.stringify(assessment));
  const bySeverity = (severity: Severity): readonly Finding[] => assessment.findings.filter((f) => f.severity === severity);
  const info = bySeverity('info');
  return SEVERITY_ORDER.flatMap((severity) => {
    if (severity !== 'info') return bySeverity(severity).map((f) => findingCard(f, assessment, hookInstance, options));
    return info.length === 0 ? [] : [infoCard(info, assessment, hookInstance, options)];
  });
};
