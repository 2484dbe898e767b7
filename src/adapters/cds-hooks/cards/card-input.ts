import * as E from 'fp-ts/lib/Either.js';
import * as z from 'zod';
import { AssessmentSchema, type Assessment } from '../../../model/assessment.js';
import type { Issues } from '../../../model/issues.js';
import { fromZodIssues } from '../../../model/parse-request.js';
import { AssessmentRequestSchema, type AssessmentRequest } from '../../../model/request-schema.js';

// An http(s) URL: an EHR opens `source.url` in a browser when the user clicks the source.
const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'Expected an absolute http or https URL' });

const OptionsSchema = z.object(
  {
    hookInstance: z.string({ error: 'Expected the hook instance as a string' }).min(1).optional(),
    draftOrder: z.record(z.string(), z.unknown(), { error: 'Expected the draft order as a JSON object' }).optional(),
    request: AssessmentRequestSchema.optional(),
    sourceUrl: HttpUrlSchema.optional(),
    screeningLaunchUrl: HttpUrlSchema.optional(),
    patientId: z.string({ error: 'Expected the patient id as a string' }).min(1).optional(),
  },
  { error: 'Expected the options as an object' },
);

/** What toCdsCards builds its cards from, once checked. */
export interface CardInput {
  readonly assessment: Assessment;
  readonly hookInstance?: string;
  readonly draftOrder?: Readonly<Record<string, unknown>>;
  readonly request?: AssessmentRequest;
  readonly sourceUrl?: string;
  readonly screeningLaunchUrl?: string;
  readonly patientId?: string;
}

const within = (prefix: string, issues: Issues): Issues => {
  const [first, ...rest] = issues.map((i) => ({ ...i, path: [prefix, ...i.path] }));
  return first === undefined ? issues : [first, ...rest];
};

type Checked<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly issues: Issues };

// Cards are JSON: what they are built from is first copied as JSON, which reads every value once
// and turns away what JSON cannot hold (a cycle, a BigInt); the copy is then checked.
const check = <T>(schema: z.ZodType<T>, value: unknown, prefix: string): Checked<T> => {
  let copy: unknown;
  try {
    const json = JSON.stringify(value);
    copy = json === undefined ? value : JSON.parse(json);
  } catch (error) {
    return { success: false, issues: [{ code: 'invalid_type', message: `Expected JSON data: ${error instanceof Error ? error.message : String(error)}`, path: [prefix] }] };
  }
  const result = schema.safeParse(copy);
  return result.success ? { success: true, data: result.data } : { success: false, issues: within(prefix, fromZodIssues(result.error.issues)) };
};

/**
 * Checks what toCdsCards was given: an Assessment as `assess` returns it, and valid options. The
 * cards are built from a checked JSON copy, so nothing read later can differ from what was checked.
 * @param assessment - anything
 * @param options - anything; undefined means no options
 * @returns the checked input, or the issues, with paths under `assessment` and `options`
 */
export const readCardInput = (assessment: unknown, options: unknown): E.Either<Issues, CardInput> => {
  const checkedAssessment = check(AssessmentSchema, assessment, 'assessment');
  const checkedOptions = check(OptionsSchema, options === undefined ? {} : options, 'options');
  if (!checkedAssessment.success || !checkedOptions.success) {
    const [first, ...rest] = [...(checkedAssessment.success ? [] : checkedAssessment.issues), ...(checkedOptions.success ? [] : checkedOptions.issues)];
    return E.left(first === undefined ? [{ code: 'invalid_input', message: 'The input is invalid', path: [] }] : [first, ...rest]);
  }
  const { hookInstance, draftOrder, request, sourceUrl, screeningLaunchUrl, patientId } = checkedOptions.data;
  return E.right({
    assessment: checkedAssessment.data,
    ...(hookInstance === undefined ? {} : { hookInstance }),
    ...(draftOrder === undefined ? {} : { draftOrder }),
    ...(request === undefined ? {} : { request }),
    ...(sourceUrl === undefined ? {} : { sourceUrl }),
    ...(screeningLaunchUrl === undefined ? {} : { screeningLaunchUrl }),
    ...(patientId === undefined ? {} : { patientId }),
  });
};
