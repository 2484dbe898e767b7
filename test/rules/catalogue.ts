/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One rule as the clinical specification (RULES.md) lists it. */
export interface RequiredRule {
  readonly id: string;
  readonly category: string;
  readonly effect: string;
  readonly severity: string;
  readonly scope: 'patient' | 'targets';
  readonly holdReason?: string;
  readonly sourceKeys: readonly string[];
}

/**
 * Rules of RULES.md v2 that belong to the agent table, foam and the STS label, built in a later
 * release (CHANGELOG, "planned"). Tests that require every rule of the specification skip these.
 */
export const PLANNED_RULE_IDS: ReadonlySet<string> = new Set([
]);

const SHARED = fileURLToPath(new URL('../../../shared/spec/RULES.md', import.meta.url));
const COPY = fileURLToPath(new URL('../fixtures/RULES.md', import.meta.url));

/** The specification beside the repository when present, else the copy kept with the tests. */
export const specificationPaths = { shared: SHARED, copy: COPY, sharedPresent: existsSync(SHARED) } as const;

/**
 * Reads the rule tables of RULES.md: one row per rule, under a `### category` heading.
 * @param markdown - the text of RULES.md
 * @returns the rules, in the order listed
 */
export const parseCatalogue = (markdown: string): readonly RequiredRule[] => {
  const keys = [...markdown.matchAll(/^\| (SEED-000 … SEED-004|[A-Z0-9-]+) \|/gm)].map((m) => m[1] ?? '');
  const sourceKeys = keys.flatMap((k) => (k.startsWith('SEED-000 …') ? ['SEED-000', 'SEED-001', 'SEED-002', 'SEED-003', 'SEED-004'] : [k]));
  const keyPattern = new RegExp(`\\b(${sourceKeys.filter((k) => k !== 'key').join('|')})\\b`, 'g');
  const rules: RequiredRule[] = [];
  let category = '';
  for (const line of markdown.split('\n')) {
    const heading = /^### (\w+)/.exec(line);
    if (heading) category = heading[1] ?? '';
    const cells = line.startsWith('| ') ? line.slice(2, -2).split(' | ') : [];
    const [id, effectCell, severity, scope, , sources] = cells;
    if (cells.length === 6 && id !== undefined && /^[a-z]+\.[a-z0-9-]+$/.test(id) && category !== '') {
      const effect = /^([a-z-]+)(?: \(([a-z-]+)\))?$/.exec(effectCell ?? '');
      rules.push({
        id,
        category,
        effect: effect?.[1] ?? '',
        severity: severity ?? '',
        scope: scope === 'targets' ? 'targets' : 'patient',
        ...(effect?.[2] === undefined ? {} : { holdReason: effect[2] }),
        sourceKeys: [...new Set([...(sources ?? '').matchAll(keyPattern)].map((m) => m[1] ?? ''))],
      });
    }
  }
  return rules;
};

/** The required rules of the specification. */
export const requiredRules = (): readonly RequiredRule[] =>
  parseCatalogue(readFileSync(specificationPaths.sharedPresent ? SHARED : COPY, 'utf8'));
