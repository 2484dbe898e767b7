/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

const FIXTURES = 'test/fixtures/cds-hooks';

/**
 * Reads one CDS Hooks example.
 * @param folder - `spec-2.0.1` or `hook-definitions`
 * @param file - the file name
 * @returns its parsed JSON
 */
export const readExample = (folder: string, file: string): unknown => JSON.parse(readFileSync(join(FIXTURES, folder, file), 'utf8'));

/**
 * Lists the example files of a folder.
 * @param folder - `spec-2.0.1` or `hook-definitions`
 * @returns the file names, sorted
 */
export const exampleFiles = (folder: string): readonly string[] => readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.json')).sort();

/** One problem of a failed parse, as `path: message`. */
export const problems = (schema: z.ZodType, value: unknown): readonly string[] => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

/**
 * The rule a card is about, read from its data (card text names no rule ids): the finding's rule,
 * `session-held` for the held-session card, the single rule or `N rules` for the info card, else
 * the source label's tail (notice cards, e.g. `FHIR mapping`).
 * @param card - a card
 * @returns the rule id or the label tail
 */
export const ruleOfCard = (card: { readonly source: { readonly label: string }; readonly extension?: Readonly<Record<string, unknown>> | undefined }): string => {
  const extension = card.extension ?? {};
  const finding = extension['org.sclerotherapy-cds.finding'] as { ruleId?: string } | undefined;
  if (finding?.ruleId !== undefined) return finding.ruleId;
  if ('org.sclerotherapy-cds.holds' in extension) return 'session-held';
  const findings = extension['org.sclerotherapy-cds.findings'] as readonly { ruleId: string }[] | undefined;
  if (findings !== undefined) return findings.length === 1 ? (findings[0]?.ruleId ?? '') : `${findings.length} rules`;
  return card.source.label.split(' · ')[1] ?? '';
};

/**
 * Every rule a card speaks for: its finding's rule, each rule of a card that gathers findings (the
 * dose-limits and info cards), else what {@link ruleOfCard} reads.
 * @param card - a card
 * @returns the rule ids, or the one label of a card without findings
 */
export const rulesOfCard = (card: Parameters<typeof ruleOfCard>[0]): readonly string[] => {
  const findings = (card.extension ?? {})['org.sclerotherapy-cds.findings'] as readonly { ruleId: string }[] | undefined;
  return findings === undefined ? [ruleOfCard(card)] : findings.map((f) => f.ruleId);
};
