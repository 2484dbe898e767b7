import * as z from 'zod';
import { CodingSchema, ExtensionSchema, UuidSchema, nonEmptyString } from './json.js';

/** Why a user overrode a card: a reason from the card's list, a comment, or both. */
export const OverrideReasonFeedbackSchema = z
  .looseObject({
    reason: CodingSchema.optional(),
    userComment: nonEmptyString('overrideReason.userComment').optional(),
  })
  .refine((value) => value.reason !== undefined || value.userComment !== undefined, {
    error: 'overrideReason must have a reason, a userComment or both',
    params: { code: 'empty_override_reason' },
  });

/** What a user did with one card. */
export const FeedbackItemSchema = z
  .looseObject({
    card: UuidSchema,
    outcome: z.enum(['accepted', 'overridden'], { error: 'outcome must be "accepted" or "overridden"' }),
    acceptedSuggestions: z
      .array(z.looseObject({ id: nonEmptyString('acceptedSuggestions[].id') }))
      .min(1, { error: 'acceptedSuggestions must not be empty; omit it instead' })
      .optional(),
    overrideReason: OverrideReasonFeedbackSchema.optional(),
    // RFC 3339 §5.6 in UTC, e.g. 1985-04-12T23:20:50.52Z.
    outcomeTimestamp: z.iso.datetime({ error: 'outcomeTimestamp must be an ISO 8601 date-time in UTC, e.g. 2021-12-11T10:05:31Z' }),
    extension: ExtensionSchema.optional(),
  })
  .superRefine((item, ctx) => {
    if (item.outcome === 'accepted' && item.acceptedSuggestions === undefined) {
      ctx.addIssue({ code: 'custom', message: 'acceptedSuggestions is required when the outcome is "accepted"', path: ['acceptedSuggestions'], params: { code: 'missing_accepted_suggestions' } });
    }
  });

/** Feedback on one card. */
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;

/** The body of `POST {baseUrl}/cds-services/{id}/feedback`. */
export const FeedbackRequestSchema = z.looseObject({
  feedback: z.array(FeedbackItemSchema, { error: 'feedback is required and must be a list' }).min(1, { error: 'feedback must not be empty' }),
  extension: ExtensionSchema.optional(),
});

/** A feedback request. */
export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>;
