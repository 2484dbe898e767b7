/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_LISTS } from '../../../src/adapters/fhir/codes.js';
import { buildScreeningQuestionnaire, screeningQuestionnaire, SCREENING_ANSWERS_SYSTEM } from '../../../src/adapters/fhir/screening-questionnaire.js';
import { AssessmentRequestSchema } from '../../../src/model/request-schema.js';

type Json = Record<string, unknown>;

/**
 * The request fields the questionnaire does not ask, each settled by the FHIR record or outside
 * a patient screening form. A new request field fails the coverage test until it is asked or
 * listed here with its reason.
 */
const NOT_ASKED: Readonly<Record<string, string>> = {
  'patient.ageYears': 'Patient.birthDate',
  'patient.sex': 'Patient.gender',
  'veins.id': 'each vein Condition',
  'veins.label': 'each vein Condition',
  'veins.kind': 'each vein Condition (its code)',
  'veins.region': 'each vein Condition (its body site)',
  'veins.side': 'each vein Condition (laterality)',
  'veins.diameterMm': 'an examination finding of each vein, not a screening question',
  'veins.status': 'an examination finding of each vein, not a screening question',
  'veins.symptomatic': 'each vein Condition (its code)',
  'plannedSession.date': 'the order (authoredOn)',
  'plannedSession.agent': 'the order (its medication)',
  'plannedSession.formulation': 'the order (its medication)',
  'plannedSession.concentrationPercent': 'the order (its strength)',
  'plannedSession.containers': 'the order (its dispense quantity)',
  'plannedSession.containerVolumeMl': 'the order (Medication.amount)',
  'plannedSession.totalVolumeMl': 'the order (its dose)',
  'plannedSession.targetVeinIds': 'the order (its reason or site)',
  'plannedSession.injections.veinId': 'the injection plan of the order, not a screening question',
  'plannedSession.injections.volumeMl': 'the injection plan of the order, not a screening question',
};

interface Def {
  readonly type: string;
  readonly innerType?: { readonly _zod: { readonly def: Def } };
  readonly shape?: Readonly<Record<string, { readonly _zod: { readonly def: Def } }>>;
  readonly element?: { readonly _zod: { readonly def: Def } };
}

// Every leaf path of the request schema, array elements by their field names (`priorSessions.date`).
const leafPaths = (def: Def, path = ''): string[] => {
  if ((def.type === 'optional' || def.type === 'readonly') && def.innerType !== undefined) return leafPaths(def.innerType._zod.def, path);
  if (def.type === 'object' && def.shape !== undefined) return Object.entries(def.shape).flatMap(([key, value]) => leafPaths(value._zod.def, path === '' ? key : `${path}.${key}`));
  if (def.type === 'array' && def.element?._zod.def.type === 'object') return leafPaths(def.element._zod.def, path);
  return [path];
};

const items = (list: unknown): Json[] => (Array.isArray(list) ? (list as Json[]) : []);
const allItems = (list: unknown): Json[] => items(list).flatMap((item) => [item, ...allItems(item['item'])]);

const questionnaire = screeningQuestionnaire;
const flat = allItems(questionnaire['item']);
const codeSystem = JSON.parse(readFileSync('codes/fhir/screening-answers.json', 'utf8')) as { url: string; count: number; concept: { code: string; display: string; definition: string }[] };

// FHIR R4 Questionnaire.item.type (http://hl7.org/fhir/R4/valueset-item-type.html).
const R4_ITEM_TYPES = new Set(['group', 'display', 'boolean', 'decimal', 'integer', 'date', 'dateTime', 'time', 'string', 'text', 'url', 'choice', 'open-choice', 'attachment', 'reference', 'quantity']);

describe('the screening Questionnaire', () => {
  it('is shipped as built from the field table', () => {
    expect(JSON.parse(readFileSync('codes/fhir/screening-questionnaire.json', 'utf8'))).toEqual(buildScreeningQuestionnaire());
  });

  it('is a canonical, versioned R4 Questionnaire', () => {
    expect(questionnaire).toMatchObject({ resourceType: 'Questionnaire', status: 'active', subjectType: ['Patient'] });
    expect(questionnaire['url']).toMatch(/^https?:\/\/\S+\/Questionnaire\/[A-Za-z0-9\-.]+$/);
    expect(questionnaire['version']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(questionnaire['name']).toMatch(/^[A-Z][A-Za-z0-9_]{0,254}$/);
  });

  it('has items R4 accepts: unique linkIds, known types, answer options only on choices (que-5), children only on groups', () => {
    const linkIds = flat.map((i) => i['linkId']);
    expect(new Set(linkIds).size).toBe(linkIds.length);
    for (const item of flat) {
      expect(typeof item['linkId'] === 'string' && item['linkId'].length > 0 && item['linkId'].length <= 255).toBe(true);
      expect(R4_ITEM_TYPES.has(String(item['type']))).toBe(true);
      expect(typeof item['text']).toBe('string');
      if (item['answerOption'] !== undefined) expect(['choice', 'open-choice']).toContain(item['type']);
      if (item['type'] === 'group') expect(items(item['item']).length).toBeGreaterThan(0);
      else expect(item['item']).toBeUndefined();
      if (item['repeats'] !== undefined) expect(item['repeats']).toBe(true);
      if (item['type'] !== 'group') expect(item['required']).toBe(false);
      expect(item['enableWhen']).toBeUndefined();
    }
  });

  it('offers every choice as a valueCoding of the project CodeSystem, "unknown" included', () => {
    const codes = new Map(codeSystem.concept.map((c) => [c.code, c.display]));
    for (const item of flat.filter((i) => i['type'] === 'choice')) {
      const options = items(item['answerOption']).map((o) => o['valueCoding'] as Json);
      expect(options.length).toBeGreaterThan(1);
      for (const coding of options) {
        expect(coding['system']).toBe(SCREENING_ANSWERS_SYSTEM);
        expect(codes.get(String(coding['code']))).toBe(coding['display']);
      }
      expect(options.map((c) => c['code'])).toContain('unknown');
    }
  });

  it('gives decimal items their UCUM unit', () => {
    for (const item of flat.filter((i) => i['type'] === 'decimal')) {
      const unit = items(item['extension']).find((e) => e['url'] === 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit');
      expect((unit?.['valueCoding'] as Json | undefined)?.['system']).toBe('http://unitsofmeasure.org');
    }
  });

  it('codes weight, pregnancy status and breastfeeding with the LOINC codes of the code lists', () => {
    const codeOf = (linkId: string): unknown => flat.find((i) => i['linkId'] === linkId)?.['code'];
    const listed = (concept: 'body-weight' | 'pregnancy-status' | 'breastfeeding-status', code: string) =>
      CODE_LISTS[concept].codes.find((c) => c.code === code);
    expect(codeOf('patient.weightKg')).toEqual([{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }]);
    expect(codeOf('patient.pregnancy')).toEqual([{ system: 'http://loinc.org', code: '82810-3', display: 'Pregnancy status' }]);
    expect(codeOf('patient.breastfeeding')).toEqual([{ system: 'http://loinc.org', code: '63895-7', display: 'Breastfeeding status' }]);
    expect(listed('body-weight', '29463-7')).toBeDefined();
    expect(listed('pregnancy-status', '82810-3')).toBeDefined();
    expect(listed('breastfeeding-status', '63895-7')).toBeDefined();
  });

  it('asks every request field the record cannot settle, with the request path as linkId', () => {
    const asked = new Set(flat.map((i) => String(i['linkId'])));
    const paths = leafPaths((AssessmentRequestSchema as unknown as { _zod: { def: Def } })._zod.def);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((p) => !asked.has(p) && NOT_ASKED[p] === undefined)).toEqual([]);
    expect(Object.keys(NOT_ASKED).filter((p) => !paths.includes(p))).toEqual([]);
    expect(asked).toContain('priorSessions.none');
    expect(flat.find((i) => i['linkId'] === 'priorSessions')).toMatchObject({ type: 'group', repeats: true });
  });
});

describe('the screening answers CodeSystem', () => {
  it('defines each code once, with a display and a definition, and counts them', () => {
    const codes = codeSystem.concept.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codeSystem.count).toBe(codes.length);
    expect(codeSystem.url).toBe(SCREENING_ANSWERS_SYSTEM);
  });
});
