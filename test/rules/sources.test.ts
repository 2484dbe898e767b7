/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SourceSchema, SourcesFileSchema } from '../../src/rules/rule-file-schema.js';
import { parseSourceReference } from '../../src/rules/rule-set.js';
import { specificationPaths } from './catalogue.js';

// The citation table of RULES.md ("Source keys") against rules/sources.json (CONTRACT §4.6).

interface SpecifiedSource {
  readonly key: string;
  readonly label: string;
  /** The first address of the row, exactly as written; undefined for a seed ("— (seed file)"). */
  readonly firstAddress: string | undefined;
}

const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
const SEED_KEY = /^SEED-(\d{3})$/;

/**
 * Reads the rows of the "Source keys" table: key, citation label and first address.
 * @param markdown - the text of RULES.md
 * @returns one entry per row, in table order
 */
const parseSourceTable = (markdown: string): readonly SpecifiedSource[] => {
  const section = markdown.split(/^## Source keys$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^\| ([A-Z0-9-]+) \| (.+?) \| (.+?) \| .+ \|$/.exec(line))
    .filter((row): row is RegExpExecArray => row !== null)
    .map(([, key = '', label = '', address = '']) => ({
      key,
      label,
      firstAddress: address.startsWith('—') ? undefined : (/\S+:\/\/\S+/.exec(address)?.[0] ?? address),
    }));
};

const specified = parseSourceTable(readFileSync(specificationPaths.sharedPresent ? specificationPaths.shared : specificationPaths.copy, 'utf8'));
const sources = JSON.parse(readFileSync(join(RULES_DIR, 'sources.json'), 'utf8')) as Record<string, { label: string; url?: string } & Record<string, unknown>>;

// Every `sources` array anywhere in a shipped rule file or in limits.json.
const referencesIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, child]) =>
    name === 'sources' && Array.isArray(child) ? child.filter((r): r is string => typeof r === 'string') : referencesIn(child),
  );
};
const shippedFiles = (readdirSync(RULES_DIR, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.json') && f !== 'sources.json')
  .sort();
const references = shippedFiles.flatMap((file) =>
  referencesIn(JSON.parse(readFileSync(join(RULES_DIR, file), 'utf8'))).map((reference) => ({ file, reference })),
);

describe.runIf(specificationPaths.sharedPresent)('the source table of RULES.md', () => {
  it('is read: the seeds, the labels and the main guidelines are all there', () => {
    const keys = specified.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['SEED-000', 'SEED-001', 'SEED-002', 'SEED-003', 'SEED-004', 'ASCLERA-PI', 'STS-PI', 'UIP-2023', 'CDS-HOOKS-2']));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(specified.map((s) => [s.key, s] as const))('gives %s the label and first address of the table', (key, spec) => {
    const source = sources[key];
    expect(source, `${key} is missing from rules/sources.json`).toBeDefined();
    expect(source?.label).toBe(spec.label);
    if (spec.firstAddress === undefined) expect(source?.url).toBeUndefined();
    else {
      expect(spec.firstAddress, `the table's first address for ${key} must be https`).toMatch(/^https:\/\//);
      expect(source?.url).toBe(spec.firstAddress);
    }
  });

  it('lists no source that the table does not name', () => {
    const named = new Set(specified.map((s) => s.key));
    expect(Object.keys(sources).filter((key) => !named.has(key))).toEqual([]);
  });
});

describe('rules/sources.json', () => {
  it('passes the sources schema', () => {
    const parsed = SourcesFileSchema.safeParse(sources);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('links only over https', () => {
    const links = Object.entries(sources).flatMap(([key, s]) => (s.url === undefined ? [] : [[key, s.url] as const]));
    expect(links.length).toBeGreaterThan(0);
    for (const [key, url] of links) expect(new URL(url).protocol, `${key}: ${url}`).toBe('https:');
  });

  it('cites each seed by its file name in the label, with no link and no file path', () => {
    const seeds = Object.entries(sources).filter(([key]) => SEED_KEY.test(key));
    expect(seeds.map(([key]) => key)).toEqual(['SEED-000', 'SEED-001', 'SEED-002', 'SEED-003', 'SEED-004']);
    for (const [key, source] of seeds) {
      const number = SEED_KEY.exec(key)?.[1] ?? '';
      expect(source.label).toMatch(new RegExp(`\\(seed ${number}_[0-9a-f]{16}\\.txt\\)$`));
      expect(Object.keys(source), key).toEqual(['label']);
    }
  });

  it('defines every source that a shipped rule or limit cites', () => {
    expect(shippedFiles.length).toBeGreaterThan(10);
    expect(references.length).toBeGreaterThan(shippedFiles.length);
    const unknown = references.filter(({ reference }) => sources[parseSourceReference(reference).key] === undefined);
    expect(unknown).toEqual([]);
  });
});

describe('SourceSchema', () => {
  it('accepts a label alone and an https link', () => {
    expect(SourceSchema.safeParse({ label: 'A seed (seed 000_x.txt)' }).success).toBe(true);
    expect(SourceSchema.safeParse({ label: 'A guideline', url: 'https://doi.org/10.1/x' }).success).toBe(true);
  });

  it.each(['http://dailymed.nlm.nih.gov/', 'javascript:alert(1)', 'file:///seeds/000.txt', 'ftp://example.org/x', 'https://', 'https:// spaced', 'HTTPS://example.org', '//example.org'])(
    'refuses the link %s with a message that asks for https',
    (url) => {
      const parsed = SourceSchema.safeParse({ label: 'x', url });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toEqual([expect.stringContaining('https')]);
    },
  );

  it('refuses a file field: seeds are named in the label, never linked to a file', () => {
    expect(SourceSchema.safeParse({ label: 'x', file: '000_40d225ff6ba747ff.txt' }).success).toBe(false);
  });
});
