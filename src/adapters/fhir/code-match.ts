import { CODE_SYSTEMS } from './code-list-schema.js';
import { CODE_LISTS, CONCEPTS, type Concept } from './codes.js';
import type { Coding } from './json.js';

// The same code systems as written by systems that use HL7 OIDs instead of FHIR URIs.
const SYSTEM_ALIASES: Readonly<Record<string, string>> = {
  'urn:oid:2.16.840.1.113883.6.96': CODE_SYSTEMS.snomed,
  'urn:oid:2.16.840.1.113883.6.90': CODE_SYSTEMS.icd10cm,
  'urn:oid:2.16.840.1.113883.6.88': CODE_SYSTEMS.rxnorm,
  'urn:oid:2.16.840.1.113883.6.1': CODE_SYSTEMS.loinc,
  'urn:oid:2.16.840.1.113883.6.73': CODE_SYSTEMS.atc,
  'urn:oid:2.16.840.1.113883.6.69': CODE_SYSTEMS.ndc,
  'http://www.whocc.no/atc/': CODE_SYSTEMS.atc,
};

const canonicalSystem = (system: string): string => SYSTEM_ALIASES[system] ?? system;

// ICD-10-CM codes are written with and without the dot (I83.12, I8312) and in either case.
const normalizeCode = (system: string, code: string): string =>
  system === CODE_SYSTEMS.icd10cm ? code.trim().toUpperCase().replace('.', '') : code.trim();

interface Matcher {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly { readonly system: string; readonly code: string }[];
  readonly words: readonly RegExp[];
  readonly exclusions: readonly RegExp[];
}

const wordPattern = (word: string): RegExp =>
  new RegExp(`(?:^|[^a-z0-9])${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const buildMatcher = (concept: Concept): Matcher => {
  const list = CODE_LISTS[concept];
  const exact = list.codes.filter((c) => c.match !== 'prefix').map((c) => `${c.system}|${normalizeCode(c.system, c.code)}`);
  const prefixes = list.codes
    .filter((c) => c.match === 'prefix')
    .map((c) => ({ system: c.system, code: normalizeCode(c.system, c.code) }));
  return {
    exact: new Set(exact),
    prefixes,
    words: (list.textMatches ?? []).map(wordPattern),
    exclusions: (list.textExclusions ?? []).map(wordPattern),
  };
};

const MATCHERS: Readonly<Record<Concept, Matcher>> = Object.fromEntries(
  CONCEPTS.map((concept) => [concept, buildMatcher(concept)]),
) as Record<Concept, Matcher>;

/**
 * Finds the first coding that belongs to a concept's code list.
 * @param concept - the concept, e.g. `varicose-veins`
 * @param codings - the codings to look through
 * @returns the matching coding, with its system written canonically, or undefined
 */
export const findCoding = (concept: Concept, codings: readonly Coding[]): (Coding & { readonly system: string; readonly code: string }) | undefined => {
  const matcher = MATCHERS[concept];
  for (const coding of codings) {
    if (coding.system === undefined || coding.code === undefined) continue;
    const system = canonicalSystem(coding.system);
    const code = normalizeCode(system, coding.code);
    if (matcher.exact.has(`${system}|${code}`) || matcher.prefixes.some((p) => p.system === system && code.startsWith(p.code))) {
      return { ...coding, system, code: coding.code };
    }
  }
  return undefined;
};

/**
 * Finds the first text that names a concept by one of its words (e.g. "Asclera" for polidocanol).
 * @param concept - the concept
 * @param texts - free texts and displays
 * @returns the matching text, or undefined
 */
export const findText = (concept: Concept, texts: readonly string[]): string | undefined => {
  const matcher = MATCHERS[concept];
  return texts.find((text) => {
    const lower = text.toLowerCase();
    return matcher.words.some((w) => w.test(lower)) && !matcher.exclusions.some((w) => w.test(lower));
  });
};

/**
 * Tells whether codings or texts name a concept: by code first, then by its text words.
 * @param concept - the concept
 * @param codings - the codings
 * @param texts - free texts and displays
 * @returns true when any coding or text matches
 */
export const matchesConcept = (concept: Concept, codings: readonly Coding[], texts: readonly string[] = []): boolean =>
  findCoding(concept, codings) !== undefined || findText(concept, texts) !== undefined;

/**
 * Normalises an ICD-10-CM coding for reading its characters (e.g. the laterality digit).
 * @param coding - a coding
 * @returns the code upper-cased without its dot when the coding is ICD-10-CM, else undefined
 */
export const icd10cmCode = (coding: Coding): string | undefined =>
  coding.system !== undefined && coding.code !== undefined && canonicalSystem(coding.system) === CODE_SYSTEMS.icd10cm
    ? normalizeCode(CODE_SYSTEMS.icd10cm, coding.code)
    : undefined;
