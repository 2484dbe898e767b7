import * as z from 'zod';
import { MAX_SUMMARY_CHARS } from '../../../model/assessment.js';
import { AbsoluteUrlSchema, CodingSchema, ExtensionSchema, FhirResourceSchema, UuidSchema, nonEmptyString } from './json.js';

/**
 * The longest card summary CDS Hooks 2.0 allows: "One-sentence, <140-character summary message"
 * (CDS Hooks 2.0.1, Card Attributes), so 139 characters: the one summary length of the library,
 * which finding summaries keep too.
 */
export const MAX_SUMMARY_LENGTH = MAX_SUMMARY_CHARS;

/** Card indicators, in order of increasing urgency. */
export const CARD_INDICATORS = ['info', 'warning', 'critical'] as const;

/** The source of a card: who the guidance comes from. */
export const SourceSchema = z.looseObject({
  label: nonEmptyString('source.label'),
  url: AbsoluteUrlSchema.optional(),
  icon: AbsoluteUrlSchema.optional(),
  topic: CodingSchema.optional(),
});

/**
 * One action: `create` and `update` carry the whole resource; `delete` names it with `resourceId`
 * (the string form of `resource` for deletes is deprecated but still allowed).
 */
export const ActionSchema = z
  .looseObject({
    type: z.enum(['create', 'update', 'delete'], { error: 'action.type must be "create", "update" or "delete"' }),
    description: nonEmptyString('action.description'),
    resource: z.union([FhirResourceSchema, nonEmptyString('action.resource')]).optional(),
    resourceId: z
      .string({ error: 'action.resourceId must be a string' })
      .regex(/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, { error: 'action.resourceId must be a relative reference such as "MedicationRequest/123"' })
      .optional(),
  })
  .superRefine((action, ctx) => {
    if (action.type !== 'delete' && (action.resource === undefined || typeof action.resource === 'string')) {
      ctx.addIssue({ code: 'custom', message: `A "${action.type}" action must carry the whole FHIR resource in "resource"`, path: ['resource'], params: { code: 'missing_resource' } });
    }
    if (action.type === 'delete' && action.resourceId === undefined && action.resource === undefined) {
      ctx.addIssue({ code: 'custom', message: 'A "delete" action must name the resource to delete in "resourceId"', path: ['resourceId'], params: { code: 'missing_resource_id' } });
    }
  });

/** A suggestion: a label, and actions the user accepts together. */
export const SuggestionSchema = z.looseObject({
  label: nonEmptyString('suggestion.label'),
  uuid: UuidSchema.optional(),
  isRecommended: z.boolean({ error: 'suggestion.isRecommended must be a boolean' }).optional(),
  actions: z.array(ActionSchema).min(1, { error: 'suggestion.actions must not be empty; omit it instead' }).optional(),
});

/** A link to a web page or a SMART app. */
export const LinkSchema = z
  .looseObject({
    label: nonEmptyString('link.label'),
    url: AbsoluteUrlSchema,
    type: z.enum(['absolute', 'smart'], { error: 'link.type must be "absolute" or "smart"' }),
    appContext: nonEmptyString('link.appContext').optional(),
    autolaunchable: z.boolean({ error: 'link.autolaunchable must be a boolean' }).optional(),
  })
  .superRefine((link, ctx) => {
    if (link.appContext !== undefined && link.type !== 'smart') {
      ctx.addIssue({ code: 'custom', message: 'appContext is only valid on links of type "smart"', path: ['appContext'], params: { code: 'app_context_not_smart' } });
    }
  });

/** An override reason: a Coding that must have a `display` the client can show. */
export const OverrideReasonSchema = CodingSchema.extend({ display: nonEmptyString('overrideReasons[].display (required for override reasons)') });

/** A CDS Hooks 2.0 card, with every rule of the specification checked. */
export const CardSchema = z
  .looseObject({
    uuid: UuidSchema.optional(),
    summary: nonEmptyString('summary').max(MAX_SUMMARY_LENGTH, { error: `summary must be shorter than 140 characters (at most ${MAX_SUMMARY_LENGTH})` }),
    detail: nonEmptyString('detail').optional(),
    indicator: z.enum(CARD_INDICATORS, { error: 'indicator is required and must be "info", "warning" or "critical"' }),
    source: SourceSchema,
    suggestions: z.array(SuggestionSchema).min(1, { error: 'suggestions must not be empty; omit it instead' }).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any'], { error: 'selectionBehavior must be "at-most-one" or "any"' }).optional(),
    overrideReasons: z.array(OverrideReasonSchema).min(1, { error: 'overrideReasons must not be empty; omit it instead' }).optional(),
    links: z.array(LinkSchema).min(1, { error: 'links must not be empty; omit it instead' }).optional(),
    extension: ExtensionSchema.optional(),
  })
  .superRefine((card, ctx) => {
    if (card.suggestions !== undefined && card.selectionBehavior === undefined) {
      ctx.addIssue({ code: 'custom', message: 'selectionBehavior is required when a card has suggestions', path: ['selectionBehavior'], params: { code: 'missing_selection_behavior' } });
    }
    const recommended = (card.suggestions ?? []).filter((s) => s.isRecommended === true).length;
    if (card.selectionBehavior === 'at-most-one' && recommended > 1) {
      ctx.addIssue({ code: 'custom', message: `With selectionBehavior "at-most-one", at most one suggestion may be recommended; ${recommended} are`, path: ['suggestions'], params: { code: 'too_many_recommended' } });
    }
  });

/** A CDS Hooks 2.0 card. */
export type Card = z.infer<typeof CardSchema>;
/** A suggestion on a card. */
export type Suggestion = z.infer<typeof SuggestionSchema>;
/** An action of a suggestion, or a system action. */
export type Action = z.infer<typeof ActionSchema>;
/** A card link. */
export type Link = z.infer<typeof LinkSchema>;
/** An override reason Coding. */
export type OverrideReason = z.infer<typeof OverrideReasonSchema>;

/** The response of a CDS Service: cards (an empty list means no guidance) and optional system actions. */
export const CdsResponseSchema = z.looseObject({
  cards: z.array(CardSchema, { error: 'cards is required and must be a list (empty for no guidance)' }),
  systemActions: z.array(ActionSchema).min(1, { error: 'systemActions must not be empty; omit it instead' }).optional(),
  extension: ExtensionSchema.optional(),
});

/** The response of a CDS Service. */
export type CdsResponse = z.infer<typeof CdsResponseSchema>;
