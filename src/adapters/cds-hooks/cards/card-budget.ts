import { fitSummary, type CdsCard } from './to-cds-cards.js';
import { escapeMarkdown } from './markdown.js';
import { LIBRARY } from './library.js';
import { cardUuid } from './uuid.js';

/** The most cards one hook call shows; the rest is folded into the info card. */
export const MAX_CARDS_PER_CALL = 5;

const NOTICE_KEYS = ['org.sclerotherapy-cds.gaps', 'org.sclerotherapy-cds.issues', 'org.sclerotherapy-cds.orders'];

// What stays in view first: critical cards; notices that the check itself was incomplete; the
// held-session card; warnings about what the record documents; last, the requests to document.
const rankOf = (card: CdsCard): number => {
  if (card.indicator === 'critical') return 0;
  if (NOTICE_KEYS.some((key) => key in card.extension)) return 1;
  if ('org.sclerotherapy-cds.holds' in card.extension) return 2;
  const finding = card.extension['org.sclerotherapy-cds.finding'] as { readonly category?: string; readonly effect?: string } | undefined;
  if (card.indicator === 'warning' && finding !== undefined && finding.category !== 'screening' && finding.effect !== 'require-information') return 3;
  return card.indicator === 'warning' ? 4 : 5;
};

/** Extension key of the cards folded into the info card. */
export const FOLDED_EXTENSION_KEY = 'org.sclerotherapy-cds.folded-cards';

const foldedSection = (folded: readonly CdsCard[]): string =>
  ['### More points', '', 'Shown here so that the list stays short; each is in full in the decision support data:', '', ...folded.map((c) => `- **${c.indicator}:** ${escapeMarkdown(c.summary)}`)].join('\n');

/**
 * Keeps one hook call's cards within {@link MAX_CARDS_PER_CALL}, in their order: critical cards
 * are kept first, then notices that the check was incomplete, the held-session card, warnings about
 * what the record documents, and last the requests to document something; what does not fit is
 * folded into the info card (made when there is none), listed by severity and summary, and kept
 * whole in its extension. Nothing is dropped.
 * @param cards - the call's cards
 * @param hookInstance - the hook call, for the id of an info card made here
 * @param max - the budget
 * @returns at most `max` cards
 */
export const withinCardBudget = (cards: readonly CdsCard[], hookInstance: string, max: number = MAX_CARDS_PER_CALL): readonly CdsCard[] => {
  if (cards.length <= max) return cards;
  const info = cards.find((c) => c.indicator === 'info');
  const ranked = cards
    .filter((c) => c !== info)
    .map((card, index) => ({ card, index, rank: rankOf(card) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.card);
  // Shown in the usual order: critical, then warning; what is folded is what ranked last.
  const kept = ranked.slice(0, max - 1).sort((a, b) => cards.indexOf(a) - cards.indexOf(b));
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
