import * as z from 'zod';
import { CATEGORIES, EFFECTS, HOLD_REASONS, JURISDICTIONS, SCOPES, SEVERITIES } from '../model/vocabulary.js';

export { OPERATORS } from './operators.js';

const JsonPrimitiveSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A reference to another fact as the right-hand side of a condition, e.g. a limit. */
export const FactReferenceSchema = z.strictObject({
  fact: z.string().min(1),
  path: z.string().min(1).optional(),
});

/** A leaf condition: one fact compared with a value. Priorities are refused: they cut explanations short. */
export const LeafConditionSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: z.union([JsonPrimitiveSchema, z.array(JsonPrimitiveSchema), FactReferenceSchema]),
  path: z.string().min(1).optional(),
});

/** A condition tree node: `all` or `any` of nested conditions, or a leaf. */
export type ConditionNode =
  | { readonly all: readonly ConditionNode[] }
  | { readonly any: readonly ConditionNode[] }
  | z.infer<typeof LeafConditionSchema>;

/** The schema of a condition tree; `not` and condition references are refused, so "undocumented" cannot pass a negation. */
export const ConditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionNodeSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionNodeSchema).min(1) }),
    LeafConditionSchema,
  ]),
);

/** A text that may vary with one fact's value, e.g. compression time by the largest target kind. */
export const TextTemplateSchema = z.union([
  z.string().min(1),
  z.strictObject({
    byFact: z.string().min(1),
    cases: z.record(z.string(), z.string().min(1)),
    otherwise: z.string().min(1),
  }),
]);

/** A text template. */
export type TextTemplate = z.infer<typeof TextTemplateSchema>;

/** The clinical metadata a rule carries in `event.params`. */
export const FindingParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'Expected an id "<category>.<kebab-slug>"' }),
  category: z.enum(CATEGORIES),
  effect: z.enum(EFFECTS),
  severity: z.enum(SEVERITIES),
  /** `patient` (the default) or `targets`: a target-scoped finding is about the veins it names (CONTRACT §4.3). */
  scope: z.enum(SCOPES).optional(),
  /** Why a `hold-session` rule holds; required for that effect and refused for any other. */
  holdReason: z.enum(HOLD_REASONS).optional(),
  /** The rule fires only under this jurisdiction or under the default (strictest). */
  jurisdiction: z.enum(JURISDICTIONS).optional(),
  sources: z.array(z.string().min(1)),
  summary: z.string().min(1),
  detail: TextTemplateSchema,
  resolution: TextTemplateSchema.optional(),
  limits: z.array(z.string().min(1)).optional(),
  veinIdsFact: z.string().min(1).optional(),
  unconfirmedFact: z.string().min(1).optional(),
  unconfirmedPaths: z.array(z.string().min(1)).optional(),
});

/** A rule's clinical metadata. */
export type FindingParams = z.infer<typeof FindingParamsSchema>;

/** One rule file: a json-rules-engine rule whose event carries the clinical metadata. */
export const RuleFileSchema = z.strictObject({
  name: z.string().min(1),
  conditions: z.union([
    z.strictObject({ all: z.array(ConditionNodeSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionNodeSchema).min(1) }),
  ]),
  event: z.strictObject({
    type: z.literal('finding'),
    params: FindingParamsSchema,
  }),
});

/** One rule file's content. */
export type RuleFile = z.infer<typeof RuleFileSchema>;

/**
 * One entry of the sources file: a full citation and, where there is one, an https link. A seed
 * document has no link: its label names the seed file, and no file-system path is ever given.
 */
export const SourceSchema = z.strictObject({
  label: z.string().min(1),
  // Only secure web links: a citation must never become a script, file or plain-http link in a
  // card or report (CONTRACT §4.6).
  url: z
    .string()
    .regex(/^https:\/\/[^\s/?#]+[^\s]*$/, { message: 'Expected an https URL (http, file and other schemes are refused)' })
    .optional(),
});

/** The sources file: citations by key. */
export const SourcesFileSchema = z.record(z.string().regex(/^[A-Z0-9-]+$/), SourceSchema);

/** The rule set identity file. */
export const RuleSetIdentitySchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'Expected a semantic version, e.g. 2.0.0' }),
  /** When the clinical content was last reviewed (YYYY-MM-DD). */
  reviewedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Who reviewed it. */
  reviewedBy: z.string().min(1).optional(),
});
