import type { Severity } from '../../../model/vocabulary.js';
import { fitSummary, type CdsCard } from './to-cds-cards.js';
import { escapeMarkdown } from './markdown.js';
import { LIBRARY } from './library.js';
import { cardUuid } from './uuid.js';

/** The most cards one hook call shows; the rest is folded into the info card. */
export const MAX_CARDS_PER_CALL = 5;

const RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/** Extension key of the cards folded into the info card. */
export const FOLDED_EXTENSION_KEY = 'org.sclerotherapy-cds.folded-cards';

const foldedSection = (folded: readonly CdsCard[]): string =>
  ['### More points', '', 'Shown here so that the list stays short; each is in full in the decision support data:', '', ...folded.map((c) => `- **${c.indicator}:** ${escapeMarkdown(c.summary)}`)].join('\n');

/**
 * Keeps one hook call's cards within {@link MAX_CARDS_PER_CALL}: critical cards first, then
 * warnings, each in their order; what does not fit is folded into the info card (made when there
 * is none), listed by severity and summary, and kept whole in its extension. Nothing is dropped.
 * @param cards - the call's cards
 * @param hookInstance - the hook call, for the id of an info card made here
 * @param max - the budget
 * @returns at most `max` cards
 */
export const withinCardBudget = (cards: readonly CdsCard[], hookInstance: string, max: number = MAX_CARDS_PER_CALL): readonly CdsCard[] => {
  if (cards.length <= max) return cards;
  const info = cards.find((c) => c.indicator === 'info');
  const ranked = cards.filter((c) => c !== info).map((card, index) => ({ card, index })).sort((a, b) => RANK[a.card.indicator] - RANK[b.card.indicator] || a.index - b.index).map((x) => x.card);
  const kept = ranked.slice(0, max - 1);
  const folded = ranked.slice(max - 1);
  const base: CdsCard = info ?? {
    uuid: cardUuid(hookInstance, 'more-points'),
    summary: fitSummary(`${folded.length} more points about this sclerotherapy order`),
    detail: '',
    indicator: 'info',
    source: { label: `${LIBRARY.name} ${LIBRARY.version} · more points` },
    extension: {},
  };
  const merged: CdsCard = {
    ...base,
    detail: [base.detail, foldedSection(folded)].filter((d) => d !== '').join('\n\n'),
    extension: { ...base.extension, [FOLDED_EXTENSION_KEY]: folded },
  };
  return [...kept, merged];
};
