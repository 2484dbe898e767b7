import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { assess, type AssessOptions } from '../src/assess.js';
import { MAX_SUMMARY_CHARS, type Assessment, type Evidence, type Finding } from '../src/model/assessment.js';
import type { AssessmentRequest, PlannedSession } from '../src/model/request-schema.js';
import type { Issues } from '../src/model/issues.js';
import { cleanHistory } from '../src/testing/risk-factors.js';
import { requiredRules, type RequiredRule } from './rules/catalogue.js';

/**
 * The history fields that hide an absolute contraindication when undocumented, written from
 * RULES.md (screening.unconfirmed-contraindications) rather than imported from the code under test.
 */
export const ABSOLUTE_CONTRAINDICATION_FIELDS = [
  'sclerosantAllergies',
  'acuteThromboembolism',
  'severeAcuteIllness',
  'localInfectionAtTreatmentSite',
  'mobility',
  'peripheralArterialDisease',
  'severeReactionToPriorSclerotherapy',
] as const;

/** Every history field confirmed absent: the cleanest possible history (the testing kit's own). */
export { cleanHistory };

/**
 * A fully documented, clean patient: one left-leg telangiectasia ("t1") and one left-leg reticular
 * vein ("r1"), with a 2 mL session of 0.5 % liquid polidocanol into t1. It assesses as a candidate
 * with an approved session.
 */
export const cleanRequest = (): AssessmentRequest => ({
  patient: { ageYears: 40, sex: 'female', weightKg: 70, pregnancy: 'not-pregnant', breastfeeding: false },
  history: cleanHistory(),
  veins: [
    { id: 't1', kind: 'telangiectasia', diameterMm: 0.5, region: 'leg', side: 'left' },
    { id: 'r1', kind: 'reticular', diameterMm: 2, region: 'leg', side: 'left' },
  ],
  plannedSession: {
    date: '2026-03-02',
    agent: 'polidocanol',
    formulation: 'liquid',
    concentrationPercent: 0.5,
    containers: 1,
    containerVolumeMl: 2,
    totalVolumeMl: 2,
    targetVeinIds: ['t1'],
  },
  priorSessions: [],
});

/** A deep copy of a request with changes applied by a function, so the base is never shared. */
export const changed = (change: (request: AssessmentRequest) => void, base: AssessmentRequest = cleanRequest()): AssessmentRequest => {
  const copy = JSON.parse(JSON.stringify(base)) as AssessmentRequest;
  change(copy);
  return copy;
};

/** Assesses a request that must be valid, failing the test with the issues otherwise. */
export const assessValid = async (request: unknown, options?: AssessOptions): Promise<Assessment> => {
  const result = await assess(request, options);
  if (E.isLeft(result)) expect.fail(`expected a valid request, got issues: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Assesses a request that must be invalid, returning its issues. */
export const assessInvalid = async (request: unknown, options?: AssessOptions): Promise<Issues> => {
  const result = await assess(request, options);
  if (E.isRight(result)) expect.fail('expected issues, got an assessment');
  return result.left;
};

/** The finding of a rule, or undefined when it did not fire. */
export const findingOf = (assessment: Assessment, ruleId: string): Finding | undefined =>
  assessment.findings.find((f) => f.ruleId === ruleId);

/** The ids of the rules that fired. */
export const firedIds = (assessment: Assessment): readonly string[] => assessment.findings.map((f) => f.ruleId);

/** The rules of the specification (RULES.md) by id, read on first use. */
let specification: ReadonlyMap<string, RequiredRule> | undefined;

/** A rule as the specification lists it, failing the test when RULES.md does not list it. */
export const specifiedRule = (ruleId: string): RequiredRule => {
  specification ??= new Map(requiredRules().map((rule) => [rule.id, rule]));
  return specification.get(ruleId) ?? expect.fail(`${ruleId} is not in RULES.md`);
};

/** The finding of a rule, which must have fired with RULES.md's category, effect and severity, and a resolution unless info. */
export const expectFinding = (assessment: Assessment, ruleId: string): Finding => {
  const finding = findingOf(assessment, ruleId);
  if (finding === undefined) return expect.fail(`${ruleId} did not fire; fired: ${firedIds(assessment).join(', ')}`);
  const { category, effect, severity } = specifiedRule(ruleId);
  expect([finding.category, finding.effect, finding.severity]).toEqual([category, effect, severity]);
  if (severity !== 'info') expect(finding.resolution?.trim() ?? '').not.toBe('');
  return finding;
};

/** Assesses a request and requires the rule to fire as {@link expectFinding} checks. */
export const fires = async (request: AssessmentRequest, ruleId: string): Promise<{ assessment: Assessment; finding: Finding }> => {
  const assessment = await assessValid(request);
  return { assessment, finding: expectFinding(assessment, ruleId) };
};

/** Requires that a rule did not fire. */
export const expectSilent = (assessment: Assessment, ruleId: string): void => {
  expect(firedIds(assessment)).not.toContain(ruleId);
};

/** Assesses a request and requires that the rule does not fire. */
export const staysSilent = async (request: AssessmentRequest, ruleId: string): Promise<Assessment> => {
  const assessment = await assessValid(request);
  expectSilent(assessment, ruleId);
  return assessment;
};

/** The first evidence of a finding about a fact, failing the test when there is none. */
export const evidenceOf = (finding: Finding, fact: string): Evidence =>
  finding.evidence.find((e) => e.fact === fact) ?? expect.fail(`no evidence for ${fact} in ${finding.ruleId}`);

/** The planned session of a request, failing the test when none is planned. */
export const plan = (request: AssessmentRequest): PlannedSession => request.plannedSession ?? expect.fail('no planned session');

/**
 * Checks CONTRACT §4.6 on a finding's texts: a one-line summary of at most MAX_SUMMARY_CHARS
 * characters, and no internal name (a camelCase fact, field or limit name such as weightKg; a
 * dotted rule id or request path), no unfilled placeholder, no "undocumented" and no order.
 */
export const expectClinicianText = (finding: Finding): void => {
  expect(finding.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  expect(finding.summary).not.toMatch(/\n/);
  for (const text of [finding.summary, finding.detail, finding.resolution ?? '']) {
    expect(text).not.toMatch(/\b[a-z]{2,}[A-Z]\w*/);
    expect(text).not.toMatch(/\b(history|patient|plannedSession|priorSessions|duplexUltrasound|veins)\.(?=[A-Za-z[])|\b(candidacy|contraindication|precaution|ordering|dose|aftercare|counselling|screening)\.[a-z]/);
    expect(text).not.toMatch(/\b[a-z]+\.[a-z][a-z-]+\b/);
    expect(text).not.toMatch(/[{}]|undocumented|\bmust\b|\bdo not\b/i);
  }
};
