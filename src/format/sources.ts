import type { Citation, Finding } from '../model/assessment.js';

/** One source of a report, cited once: its title, the parts cited, and its link. */
export interface Footnote {
  readonly number: number;
  readonly title: string;
  readonly locators: readonly string[];
  readonly url?: string;
}

/** The numbered sources of a report and the numbers each finding cites. */
export interface SourceList {
  readonly footnotes: readonly Footnote[];
  readonly numbersOf: (finding: Finding) => readonly number[];
}

const titleOf = (citation: Citation): string =>
  citation.locator !== undefined && citation.label.endsWith(`, ${citation.locator}`)
    ? citation.label.slice(0, citation.label.length - citation.locator.length - 2)
    : citation.label;

const keyOf = (citation: Citation): string => `${titleOf(citation)}\u0000${citation.url ?? ''}`;

/**
 * Numbers the sources of some findings so that each is cited once, with every part of it cited
 * (e.g. "§2, §16"), in the order the findings first cite them. The one source list of every view.
 * @param findings - the findings whose sources the report lists
 * @returns the footnotes and each finding's footnote numbers
 */
export const sourceList = (findings: readonly Finding[]): SourceList => {
  const byKey = new Map<string, { number: number; title: string; locators: string[]; url?: string }>();
  for (const citation of findings.flatMap((finding) => finding.sources)) {
    const key = keyOf(citation);
    const entry = byKey.get(key) ?? {
      number: byKey.size + 1,
      title: titleOf(citation),
      locators: [],
      ...(citation.url === undefined ? {} : { url: citation.url }),
    };
    if (citation.locator !== undefined && !entry.locators.includes(citation.locator)) entry.locators.push(citation.locator);
    byKey.set(key, entry);
  }
  return {
    footnotes: [...byKey.values()],
    numbersOf: (finding) => [...new Set(finding.sources.map((citation) => byKey.get(keyOf(citation))?.number ?? 0).filter((n) => n > 0))],
  };
};

/**
 * A short title for the brief view: the source's title up to about 36 characters, cut at a word.
 * @param title - the full title
 * @returns the short title
 */
export const shortTitle = (title: string): string => {
  if (title.length <= 36) return title;
  const cut = title.slice(0, 36);
  const space = cut.lastIndexOf(' ');
  return `${(space > 16 ? cut.slice(0, space) : cut).replace(/[,;:(.]+$/, '')}…`;
};
