import * as z from 'zod';
import { IsoDateSchema } from '../../model/request-schema.js';
import { HOLD_KINDS, JURISDICTIONS, SESSION_STATUSES, STATUSES } from '../../model/vocabulary.js';

/** Object keys that could reach `Object.prototype` when merged or deleted; refused everywhere in a vignette. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const DotPathSchema = z
  .string()
  .regex(/^[^.\s[\]]+(\.[^.\s[\]]+)*$/, { message: 'Expected a dot path such as "veins.0.side", with indexes as segments rather than in brackets' })
  .refine((path) => path.split('.').every((segment) => !UNSAFE_KEYS.has(segment)), {
    message: 'A path may not name "__proto__", "constructor" or "prototype"',
  });

const RuleIdListSchema = z.array(z.string().min(1)).min(1);

const EXPECTATION_KEYS = ['status', 'session', 'includes', 'excludes', 'deferred', 'held', 'holds', 'unconfirmed', 'invalid'] as const;

/** What a vignette expects of its assessment, or that its request is rejected. */
export const VignetteExpectationSchema = z
  .strictObject({
    status: z.enum(STATUSES).optional().describe('The candidacy status the assessment must have'),
    session: z.enum(SESSION_STATUSES).optional().describe('The session status the assessment must have'),
    includes: RuleIdListSchema.optional().describe('Rule ids that must fire'),
    excludes: RuleIdListSchema.optional().describe('Rule ids that must not fire'),
    deferred: z.array(z.string().min(1)).optional().describe('Exactly the vein ids that must be deferred ([] = none)'),
    held: z.array(z.string().min(1)).optional().describe('Exactly the vein ids that must be held ([] = none)'),
    holds: z
      .array(z.union([z.string().min(1), z.strictObject({ rule: z.string().min(1), reason: z.enum(HOLD_KINDS) })]))
      .optional()
      .describe('Exactly the rules that must hold the session, in any order ([] = none); each a rule id, or { rule, reason }'),
    unconfirmed: z.array(z.string().min(1)).min(1).optional().describe('Request paths that must each be listed as unconfirmed'),
    invalid: z
      .array(DotPathSchema)
      .min(1)
      .optional()
      .describe('The request must be rejected with an issue at each of these dot paths, e.g. "veins.1.id"'),
  })
  .superRefine((expectation, context) => {
    const given = EXPECTATION_KEYS.filter((key) => expectation[key] !== undefined);
    if (given.length === 0) {
      context.addIssue({ code: 'custom', message: `Expected at least one expectation: ${EXPECTATION_KEYS.join(', ')}`, params: { code: 'empty_expectation' } });
    }
    if (expectation.invalid !== undefined && given.length > 1) {
      const others = given.filter((key) => key !== 'invalid').map((key) => `"${key}"`).join(', ');
      context.addIssue({
        code: 'custom',
        message: `"invalid" expects the request to be rejected, so it cannot be combined with ${others}, which describe an assessment`,
        path: ['invalid'],
        params: { code: 'conflicting_expectation' },
      });
    }
    const excluded = new Set(expectation.excludes ?? []);
    for (const ruleId of expectation.includes ?? []) {
      if (excluded.has(ruleId)) {
        context.addIssue({ code: 'custom', message: `Rule "${ruleId}" is listed both in "includes" and in "excludes"`, path: ['excludes'], params: { code: 'conflicting_expectation' } });
      }
    }
  })
  .describe('What the assessment must show; at least one expectation');

/** One clinical test case: a request (whole, or a base file with a patch and omissions) and its expectations. */
export const VignetteSchema = z
  .strictObject({
    name: z.string().trim().min(1).describe('What the case shows, in words a clinician reads'),
    asOf: IsoDateSchema.optional().describe('"Today" for the assessment, YYYY-MM-DD; default the planned session date'),
    jurisdiction: z.enum(JURISDICTIONS).optional().describe('Whose product labels apply, US or EU; default the strictest of both'),
    request: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A whole AssessmentRequest; it is validated when the vignette runs'),
    base: z.string().min(1).optional().describe('A request file (JSON or YAML), relative to this vignette file'),
    patch: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Deep-merged onto the base request: objects merge, arrays and other values replace'),
    omit: z
      .array(DotPathSchema)
      .min(1)
      .optional()
      .describe('Dot paths deleted from the patched base, e.g. "history.mobility" or "veins.0.side"'),
    expect: VignetteExpectationSchema,
  })
  .superRefine((vignette, context) => {
    if ((vignette.request === undefined) === (vignette.base === undefined)) {
      context.addIssue({
        code: 'custom',
        message: vignette.request === undefined ? 'Give either "request" or "base"' : 'Give either "request" or "base", not both',
        path: [vignette.request === undefined ? 'request' : 'base'],
        params: { code: 'request_or_base' },
      });
    }
    for (const key of ['patch', 'omit'] as const) {
      if (vignette[key] !== undefined && vignette.base === undefined) {
        context.addIssue({ code: 'custom', message: `"${key}" changes a base request, so it needs "base"`, path: [key], params: { code: 'request_or_base' } });
      }
    }
  })
  .describe('One clinical test case');

/** A file of several vignettes. */
export const VignetteCollectionSchema = z
  .strictObject({ vignettes: z.array(VignetteSchema).min(1).describe('The vignettes of this file') })
  .describe('Several vignettes in one file');

/** The schema of a vignette file (JSON or YAML): one vignette, or `{ vignettes: [...] }`. */
export const VignetteFileSchema = z.union([VignetteSchema, VignetteCollectionSchema]).describe('A sclerotherapy-cds vignette file');

/** The fields a vignette may have, for error messages. */
export const VIGNETTE_KEYS: readonly string[] = Object.keys(VignetteSchema.shape);
/** The expectations a vignette may state, for error messages. */
export const EXPECTATION_NAMES: readonly string[] = EXPECTATION_KEYS;

/** One vignette as written. */
export type Vignette = z.infer<typeof VignetteSchema>;
/** The expectations of a vignette. */
export type VignetteExpectation = z.infer<typeof VignetteExpectationSchema>;
/** A vignette file as written. */
export type VignetteFile = z.infer<typeof VignetteFileSchema>;
