import { MAX_SUMMARY_CHARS } from '../../src/model/assessment.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { assess } from '../../src/assess.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { parseRequest } from '../../src/model/parse-request.js';
import { toFacts } from '../../src/facts/to-facts.js';
import { toDayNumber } from '../../src/model/dates.js';
import { resolvePath } from '../../src/engine/path-resolver.js';
import type { Assessment } from '../../src/model/assessment.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import { assessValid } from '../helpers.js';
import { requestArbitrary } from '../../src/testing/arbitraries.js';
import { NUM_RUNS } from './num-runs.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const options = { numRuns: NUM_RUNS };

// Valid requests with one value somewhere replaced by anything at all.
const corruptedRequest = fc
  .tuple(requestArbitrary(), fc.anything({ withNullPrototype: true, withObjectString: true }), fc.nat())
  .map(([request, junk, pick]) => {
    const result = copy(request) as unknown as Record<string, unknown>;
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]): void => {
      paths.push(path);
      if (typeof value === 'object' && value !== null) {
        for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
      }
    };
    walk(result, []);
    const path = paths[pick % paths.length] ?? [];
    if (path.length === 0) return junk;
    let parent: Record<string, unknown> = result;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    parent[path[path.length - 1] ?? ''] = junk;
    return result;
  });

const isEither = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && ((value as { _tag?: unknown })._tag === 'Left' || (value as { _tag?: unknown })._tag === 'Right');

/** Checks every finding's evidence against facts computed afresh from its own request. */
const expectEvidenceFromRequest = (request: AssessmentRequest, assessment: Assessment): void => {
  const parsed = parseRequest(request);
  if (E.isLeft(parsed)) throw new Error('the generated request is invalid');
  const facts = toFacts(parsed.right, defaultRuleSet.limits, toDayNumber(assessment.asOf) ?? 0);
  const fresh = { ...facts, sessionStatus: assessment.session.status };
  for (const finding of assessment.findings) {
    for (const evidence of finding.evidence) {
      expect(evidence.actual, `${finding.ruleId}: ${evidence.fact}`).toEqual(resolvePath(fresh, evidence.fact));
      if (evidence.expectedFrom !== undefined) {
        expect(evidence.expected, `${finding.ruleId}: ${evidence.expectedFrom}`).toEqual(resolvePath(fresh, evidence.expectedFrom));
      }
    }
  }
};

describe('robustness properties', () => {
  it('(f) never throws or rejects, on any input at all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true }), corruptedRequest),
        fc.oneof(fc.constant(undefined), fc.anything(), fc.record({ asOf: fc.string() })),
        async (input, opts) => {
          const result = await assess(input, opts as never);
          expect(isEither(result)).toBe(true);
          if (E.isLeft(result)) {
            expect(result.left.length).toBeGreaterThan(0);
            for (const issue of result.left) {
              expect(typeof issue.code).toBe('string');
              expect(Array.isArray(issue.path)).toBe(true);
            }
          }
        },
      ),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it('(g) is deterministic and does not mutate its input', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        const before = copy(request);
        const first = await assess(request);
        const second = await assess(request);
        expect(request).toEqual(before);
        expect(second).toEqual(first);
      }),
      options,
    );
  });

  it('(h) gives the same answers to concurrent calls as to sequential ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestArbitrary(), { minLength: 2, maxLength: 12 }), async (requests) => {
        const sequential = [];
        for (const request of requests) sequential.push(await assess(request));
        const concurrent = await Promise.all(requests.map((request) => assess(request)));
        expect(concurrent).toEqual(sequential);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('(i) explains every finding: sources, a short summary, a resolution when it matters, and evidence from this request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestArbitrary(), { minLength: 1, maxLength: 4 }), async (requests) => {
        // Run concurrently so that shared or stale state would show up as evidence from another request.
        const assessments = await Promise.all(requests.map((request) => assessValid(request)));
        requests.forEach((request, index) => {
          const assessment = assessments[index];
          if (assessment === undefined) throw new Error('missing assessment');
          for (const finding of assessment.findings) {
            expect(finding.sources.length, finding.ruleId).toBeGreaterThan(0);
            expect(finding.summary.length, finding.ruleId).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
            expect(finding.detail, finding.ruleId).not.toMatch(/\{[A-Za-z.]+\}/);
            if (finding.severity !== 'info') expect(finding.resolution?.length ?? 0, finding.ruleId).toBeGreaterThan(0);
          }
          expectEvidenceFromRequest(request, assessment);
        });
      }),
      options,
    );
  });
});

describe('1,000 concurrent calls', () => {
  it('agree with the same calls made one after another', async () => {
    const requests = fc.sample(requestArbitrary(), { numRuns: 1000, seed: 20261121 });
    const sequential = [];
    for (const request of requests) sequential.push(await assess(request));
    const concurrent = await Promise.all(requests.map((request) => assess(request)));
    expect(concurrent).toEqual(sequential);
    expect(concurrent.filter(E.isRight).length).toBe(1000);
  });
});
