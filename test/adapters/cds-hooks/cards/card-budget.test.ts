import { describe, expect, it } from 'vitest';
import { FOLDED_EXTENSION_KEY, MAX_CARDS_PER_CALL, withinCardBudget } from '../../../../src/adapters/cds-hooks/cards/card-budget.js';
import type { CdsCard } from '../../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { CdsResponseSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';

const HOOK = 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea';
const card = (indicator: CdsCard['indicator'], n: number): CdsCard => ({
  uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  summary: `${indicator} ${n}`,
  detail: `detail ${n}`,
  indicator,
  source: { label: 'test' },
  extension: { 'org.example.n': n },
});

describe('the card budget of one hook call', () => {
  it('leaves a call within the budget as it is', () => {
    const cards = [card('critical', 1), card('warning', 2), card('info', 3)];
    expect(withinCardBudget(cards, HOOK)).toBe(cards);
  });

  it('keeps critical cards first, then warnings, in their order, and folds the rest into the info card', () => {
    const cards = [card('warning', 1), card('warning', 2), card('critical', 3), card('warning', 4), card('warning', 5), card('warning', 6), card('info', 7)];
    const kept = withinCardBudget(cards, HOOK);
    expect(kept).toHaveLength(MAX_CARDS_PER_CALL);
    expect(kept.map((c) => c.summary)).toEqual(['warning 1', 'warning 2', 'critical 3', 'warning 4', 'info 7']);
    expect(kept[4]?.detail).toContain('- **warning:** warning 5');
    expect((kept[4]?.extension[FOLDED_EXTENSION_KEY] as CdsCard[]).map((c) => c.summary)).toEqual(['warning 5', 'warning 6']);
    expect(CdsResponseSchema.safeParse({ cards: kept }).success).toBe(true);
  });

  it('keeps a warning about the record before a request to document something', () => {
    const ask = (n: number): CdsCard => ({ ...card('warning', n), extension: { 'org.sclerotherapy-cds.finding': { category: 'screening', effect: 'require-information' } } });
    const caution = { ...card('warning', 9), extension: { 'org.sclerotherapy-cds.finding': { category: 'precaution', effect: 'caution' } } };
    const kept = withinCardBudget([card('critical', 1), ask(2), ask(3), ask(4), caution, card('info', 8)], HOOK);
    expect(kept.map((c) => c.summary)).toEqual(['critical 1', 'warning 2', 'warning 3', 'warning 9', 'info 8']);
  });

  it('makes an info card for what it folds when there is none', () => {
    const cards = [1, 2, 3, 4, 5, 6].map((n) => card('warning', n));
    const kept = withinCardBudget(cards, HOOK);
    expect(kept.map((c) => c.indicator)).toEqual(['warning', 'warning', 'warning', 'warning', 'info']);
    expect(kept[4]?.summary).toBe('2 more points about this sclerotherapy order');
    expect(CdsResponseSchema.safeParse({ cards: kept }).success).toBe(true);
  });
});
