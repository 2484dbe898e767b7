/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CodeListSchema } from '../../../src/adapters/fhir/code-list-schema.js';
import { CODE_LISTS, CONCEPTS, type Concept } from '../../../src/adapters/fhir/codes.js';
import { findCoding, findText, matchesConcept } from '../../../src/adapters/fhir/code-match.js';
import { RecencyFileSchema } from '../../../src/adapters/fhir/recency.js';
import { ICD, RX, SCT } from './builders.js';

const files = readdirSync('codes').filter((name) => name.endsWith('.json')).sort();
const codesOf = (concept: Concept): string[] => CODE_LISTS[concept].codes.map((c) => c.code);

describe('the code-list files under codes/', () => {
  it.each(files)('%s is a valid code list named after its file', (name) => {
    const parsed = CodeListSchema.safeParse(JSON.parse(readFileSync(`codes/${name}`, 'utf8')));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.concept).toBe(name.replace(/\.json$/, ''));
  });

  it('are all loaded by the adapter, and the adapter loads nothing else', () => {
    expect([...CONCEPTS].sort()).toEqual(files.map((name) => name.replace(/\.json$/, '')).sort());
  });

  it('cite a value set OID only together with its version', () => {
    const sources = Object.values(CODE_LISTS).flatMap((list) => list.sources);
    for (const source of sources.filter((s) => s.oid !== undefined)) expect(source.version).toMatch(/^\d{8}$/);
  });

  it('refuse a list with no codes and no text matches, and a code listed twice', () => {
    const base = { concept: 'x', description: 'x', sources: [{ label: 'x' }] };
    expect(CodeListSchema.safeParse({ ...base, codes: [] }).success).toBe(false);
    const twice = { system: SCT, code: '1', display: 'one' };
    expect(CodeListSchema.safeParse({ ...base, codes: [twice, twice] }).success).toBe(false);
  });
});

describe('recency.json', () => {
  it('is valid and cites a source for every window', () => {
    const parsed = RecencyFileSchema.safeParse(JSON.parse(readFileSync('src/adapters/fhir/recency.json', 'utf8')));
    expect(parsed.success).toBe(true);
  });
});

describe('the estrogen list', () => {
  it('has every estrogen-containing pack Synthea prescribes', () => {
    expect(codesOf('estrogen-therapy')).toEqual(
      expect.arrayContaining(['748879', '748856', '978950', '1367439', '1534809', '751905', '749762', '749785']),
    );
  });

  it('has the VSAC conjugated and esterified estrogens', () => {
    expect(codesOf('estrogen-therapy')).toEqual(expect.arrayContaining(['310197', '197666', '1000353']));
  });

  it('has no progestin-only product', () => {
    for (const code of ['389221', '757594', '748962', '1000126', '1000156', '807283', '198042']) {
      expect(codesOf('estrogen-therapy')).not.toContain(code);
    }
  });

  it('finds an estrogen by name, but not a progestin', () => {
    expect(findText('estrogen-therapy', ['Levonorgestrel / Ethinylestradiol 0.15/0.03 mg'])).toBeDefined();
    expect(findText('estrogen-therapy', ['Etonogestrel 68 MG Drug Implant', 'Camila 28 Day Pack'])).toBeUndefined();
  });
});

describe('the anticoagulant list', () => {
  it('has warfarin (Synthea and the R4 example) and Synthea heparin', () => {
    expect(codesOf('anticoagulants')).toEqual(expect.arrayContaining(['855332', '114194', '314659']));
  });

  it('has no antiplatelet drug', () => {
    expect(matchesConcept('anticoagulants', [{ system: RX, code: '309362' }], ['Clopidogrel 75 MG Oral Tablet'])).toBe(false);
  });

  it('does not take a heparin lock flush for anticoagulation', () => {
    expect(findText('anticoagulants', ['Heparin Lock Flush 100 UNT/ML'])).toBeUndefined();
    expect(findText('anticoagulants', ['heparin sodium 5000 UNT/ML'])).toBeDefined();
  });
});

describe('matching', () => {
  it('reads ICD-10-CM codes with or without the dot, in any case, and by prefix', () => {
    expect(findCoding('varicose-veins', [{ system: ICD, code: 'i8312' }])).toBeDefined();
    expect(findCoding('acute-thromboembolism', [{ system: ICD, code: 'I82.4Z2' }])).toBeDefined();
  });

  it('accepts the HL7 OID for a code system', () => {
    expect(findCoding('varicose-veins', [{ system: 'urn:oid:2.16.840.1.113883.6.96', code: '72866009' }])).toBeDefined();
  });

  it('does not match a code of another system', () => {
    expect(findCoding('varicose-veins', [{ system: SCT, code: 'I83.12' }])).toBeUndefined();
  });

  it('keeps chronic DVT out of acute thromboembolism', () => {
    expect(findCoding('acute-thromboembolism', [{ system: ICD, code: 'I82.512' }])).toBeUndefined();
    expect(findCoding('prior-thromboembolism', [{ system: ICD, code: 'I82.512' }])).toBeDefined();
  });

  it('keeps migraine without aura out of migraine with aura', () => {
    expect(findCoding('migraine-with-aura', [{ system: SCT, code: '124171000119105' }])).toBeUndefined();
    expect(findCoding('migraine-with-aura', [{ system: ICD, code: 'G43.109' }])).toBeDefined();
  });

  it('matches words at the start of a word only', () => {
    expect(findText('body-site-left', ['Structure of left lower leg'])).toBeDefined();
    expect(findText('body-site-left', ['Cleft palate'])).toBeUndefined();
  });
});
