/// <reference types="node" />
// CONTRACT §4.6: what a clinician reads (summary, detail, resolution and the holds' resolutions,
// the brief report in text, Markdown and HTML, and the CDS cards' summary and detail) never shows
// request paths or field names, fact names, limit names, rule ids, vein ids or the literal
// "undocumented", and a summary is one line of at most 139 characters. Checked on the assessment of
// every project vignette, with the default rules and with the example clinic overlay.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assess } from '../../src/assess.js';
import { FACT_NAMES } from '../../src/facts/fact-catalogue.js';
import { MAX_SUMMARY_CHARS, type Assessment } from '../../src/model/assessment.js';
import { LIMIT_NAMES } from '../../src/model/limits.js';
import { AssessmentRequestSchema, type AssessmentRequest } from '../../src/model/request-schema.js';
import { CATEGORIES } from '../../src/model/vocabulary.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { loadVignettes, type LoadedVignette } from '../../src/testing/vignettes/load.js';
import { readFileSync } from 'node:fs';
import { formatAssessment } from '../../src/format/index.js';
import { toCdsCards } from '../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { applyOverlay } from '../../src/rules/apply-overlay.js';
import type { RuleSet } from '../../src/rules/rule-set.js';

/** Every key of an object schema and of the objects nested in it (through optional, arrays and refinements). */
const keysOf = (schema: unknown): string[] => {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (def === undefined) return [];
  if (def.type === 'object') {
    const shape = (def.shape ?? {}) as Record<string, unknown>;
    return Object.entries(shape).flatMap(([key, value]) => [key, ...keysOf(value)]);
  }
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') return keysOf(def.innerType);
  if (def.type === 'array') return keysOf(def.element);
  if (def.type === 'pipe') return [...keysOf(def.in), ...keysOf(def.out)];
  return [];
};

const REQUEST_KEYS = [...new Set(keysOf(AssessmentRequestSchema))];
// Ordinary words (sex, mobility, date, label, …) are fine in prose; field names are camelCase.
const CAMEL_CASE = (name: string): boolean => /[a-z][A-Z]/.test(name);
const FIELD_NAMES = REQUEST_KEYS.filter(CAMEL_CASE);
const FACTS = [...FACT_NAMES].filter(CAMEL_CASE);
const LIMITS = [...LIMIT_NAMES];
const RULE_IDS = defaultRuleSet.rules.map((rule) => rule.id);

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (name: string): RegExp => new RegExp(`(?<![\\w-])${escape(name)}(?![\\w-])`);
const TOP_LEVEL_PATH = /\b(patient|history|veins|plannedSession|priorSessions|duplexUltrasound)(\.[A-Za-z]|\[\d*\])/;
const ANY_RULE_ID = new RegExp(`\\b(${CATEGORIES.join('|')})\\.[a-z][a-z0-9-]*`);

/** The problems of one clinician-facing text, in words. */
const problemsOf = (text: string, veinIds: readonly string[]): string[] => {
  const problems: string[] = [];
  const path = TOP_LEVEL_PATH.exec(text);
  if (path !== null) problems.push(`request path "${path[0]}"`);
  for (const name of FIELD_NAMES) if (word(name).test(text)) problems.push(`field name "${name}"`);
  for (const name of FACTS) if (!FIELD_NAMES.includes(name) && word(name).test(text)) problems.push(`fact name "${name}"`);
  for (const name of LIMITS) if (!FACTS.includes(name) && word(name).test(text)) problems.push(`limit name "${name}"`);
  const ruleId = ANY_RULE_ID.exec(text);
  if (ruleId !== null) problems.push(`rule id "${ruleId[0]}"`);
  for (const id of veinIds) if (word(id).test(text)) problems.push(`vein id "${id}"`);
  if (/\bundocumented\b/i.test(text)) problems.push('the word "undocumented"');
  if (/\{[A-Za-z][\w.]*\}/.test(text)) problems.push('an unfilled placeholder');
  return problems;
};

interface Violation {
  readonly rule: string;
  readonly field: string;
  readonly problem: string;
  readonly text: string;
}

/** Every violation of §4.6 in one assessment. */
export const violationsOf = (assessment: Assessment, veinIds: readonly string[]): Violation[] => {
  const violations: Violation[] = [];
  const check = (rule: string, field: string, text: string | undefined): void => {
    if (text === undefined) return;
    for (const problem of problemsOf(text, veinIds)) violations.push({ rule, field, problem, text });
  };
  for (const finding of assessment.findings) {
    if (finding.summary.length > MAX_SUMMARY_CHARS) {
      violations.push({ rule: finding.ruleId, field: 'summary', problem: `${finding.summary.length} characters (at most ${MAX_SUMMARY_CHARS})`, text: finding.summary });
    }
    if (/[\r\n]/.test(finding.summary)) violations.push({ rule: finding.ruleId, field: 'summary', problem: 'more than one line', text: finding.summary });
    check(finding.ruleId, 'summary', finding.summary);
    check(finding.ruleId, 'detail', finding.detail);
    check(finding.ruleId, 'resolution', finding.resolution);
  }
  for (const hold of assessment.session.holds) check(hold.ruleId, 'hold resolution', hold.resolution);
  return violations;
};

const loaded = await loadVignettes(['test/vignettes']);
const vignettes: readonly LoadedVignette[] = E.isRight(loaded) ? loaded.right.flatMap((file) => file.vignettes) : [];

const veinIdsOf = (request: unknown): string[] => {
  const parsed = z.object({ veins: z.array(z.object({ id: z.string() })) }).safeParse(request);
  return parsed.success ? parsed.data.veins.map((vein) => vein.id) : [];
};

describe('the checks of clinician-facing text', () => {
  it('loads the project vignettes', () => {
    expect(E.isRight(loaded) ? [] : loaded.left.map((issue) => issue.message)).toEqual([]);
    expect(vignettes.length).toBeGreaterThan(50);
  });

  it('knows the field names, fact names, limit names and rule ids it looks for', () => {
    expect(FIELD_NAMES).toEqual(expect.arrayContaining(['weightKg', 'ceapClass', 'targetVeinIds', 'acuteThromboembolism', 'priorSessions', 'duplexUltrasound', 'totalVolumeMl']));
    expect(FIELD_NAMES).not.toContain('sex');
    expect(FACTS).not.toEqual(expect.arrayContaining(['sex', 'mobility', 'pregnancy', 'limits', 'jurisdiction']));
    expect(LIMITS).toContain('maxVolumeMl');
    expect(RULE_IDS).toContain('dose.session-volume-cap');
  });

  it.each([
    ['Body weight (weightKg) is not documented.', 'field name "weightKg"'],
    ['Please document history.acuteThromboembolism.', 'request path "history.a"'],
    ['The volume is over maxVolumeMl.', 'limit name "maxVolumeMl"'],
    ['See dose.session-volume-cap.', 'rule id "dose.session-volume-cap"'],
    ['Vein t1 is deferred.', 'vein id "t1"'],
    ['Pregnancy status is undocumented.', 'the word "undocumented"'],
    ['{plannedVolumeMl} mL planned.', 'an unfilled placeholder'],
  ])('finds the problem in %j', (text, problem) => {
    expect(problemsOf(text, ['t1', 'r1'])).toContain(problem);
  });

  it.each([
    'Sex, mobility and pregnancy status are documented.',
    'The limits allow 10 mL per session; the dose. A dose is given.',
    'The left-leg spider veins wait (t10 is another vein).',
    'Spider veins (telangiectasia), left leg, are deferred.',
  ])('finds nothing wrong in %j', (text) => {
    expect(problemsOf(text, ['t1', 'r1'])).toEqual([]);
  });

  it('flags a summary over 139 characters', () => {
    const assessment = { findings: [{ ruleId: 'x.y', summary: 'a'.repeat(140), detail: '', evidence: [], sources: [] }], session: { holds: [] } } as unknown as Assessment;
    expect(violationsOf(assessment, []).map((v) => v.problem)).toEqual(['140 characters (at most 139)']);
  });
});

/** Every violation of §4.6 in the views of one assessment: the brief reports and the cards' text. */
export const viewViolationsOf = (assessment: Assessment, request: unknown, veinIds: readonly string[]): Violation[] => {
  // The HTML carries vein ids in data attributes, for machines: only its text is read.
  const htmlText = formatAssessment(assessment, { format: 'html' })
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]*>/g, ' ');
  const views: [string, string][] = [
    ['brief report', formatAssessment(assessment)],
    ['brief Markdown', formatAssessment(assessment, { format: 'markdown' })],
    ['brief HTML', htmlText],
    ...toCdsCards(assessment, { request: request as AssessmentRequest }).flatMap((card, i): [string, string][] => [
      [`card ${i + 1} summary`, card.summary],
      [`card ${i + 1} detail`, card.detail ?? ''],
    ]),
  ];
  return views.flatMap(([field, text]) => problemsOf(text, veinIds).map((problem) => ({ rule: 'view', field, problem, text })));
};

const clinicOverlay = applyOverlay(defaultRuleSet, JSON.parse(readFileSync('examples/overlays/clinic-8ml.json', 'utf8')) as unknown);
const RULE_SETS: readonly (readonly [string, RuleSet | undefined])[] = [
  ['default rules', undefined],
  ['clinic overlay', E.isRight(clinicOverlay) ? clinicOverlay.right : undefined],
];

describe('clinician-facing text of every project vignette (CONTRACT §4.6)', () => {
  it('has the example overlay', () => expect(E.isRight(clinicOverlay)).toBe(true));
  for (const [ruleSetName, ruleSet] of RULE_SETS) {
    for (const vignette of vignettes) {
      it(`${ruleSetName} › ${vignette.file} › ${vignette.name}`, async () => {
        const result = await assess(vignette.request, {
          ...(vignette.asOf === undefined ? {} : { asOf: vignette.asOf }),
          ...(vignette.jurisdiction === undefined ? {} : { jurisdiction: vignette.jurisdiction }),
          ...(ruleSet === undefined ? {} : { ruleSet }),
        });
        if (E.isLeft(result)) return; // a vignette of an invalid request: nothing to read
        const veinIds = veinIdsOf(vignette.request);
        const violations = [...violationsOf(result.right, veinIds), ...viewViolationsOf(result.right, vignette.request, veinIds)];
        expect(violations.map((v) => `${v.rule} ${v.field}: ${v.problem} in "${v.text}"`)).toEqual([]);
      });
    }
  }
});
