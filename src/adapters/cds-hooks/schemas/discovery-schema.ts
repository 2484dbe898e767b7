import * as z from 'zod';
import { ExtensionSchema, nonEmptyString } from './json.js';

const USER_TOKENS = new Set(['userPractitionerId', 'userPractitionerRoleId', 'userPatientId', 'userRelatedPersonId']);
// Only first-level context fields may be tokens: `context.patientId`, never `context.medication.id`.
const CONTEXT_TOKEN = /^context\.[A-Za-z0-9_-]+$/;

/**
 * The prefetch tokens of a template that CDS Hooks 2.0 does not allow.
 * @param template - e.g. `Observation?patient={{context.patientId}}`
 * @returns the offending tokens, as written between the braces
 */
export const invalidPrefetchTokens = (template: string): readonly string[] =>
  Array.from(template.matchAll(/\{\{([^}]*)\}\}/g), (match) => (match[1] ?? '').trim()).filter((token) => !CONTEXT_TOKEN.test(token) && !USER_TOKENS.has(token));

/** A prefetch template: a FHIR read or search, with `{{context.x}}` or user tokens. */
export const PrefetchTemplateSchema = nonEmptyString('prefetch template').superRefine((template, ctx) => {
  for (const token of invalidPrefetchTokens(template)) {
    ctx.addIssue({ code: 'custom', message: `Prefetch token "{{${token}}}" is neither a first-level context field ("context.name") nor a user token`, params: { code: 'invalid_prefetch_token' } });
  }
});

/** A service's prefetch templates by prefetch key. */
export const PrefetchTemplatesSchema = z
  .record(nonEmptyString('prefetch key'), PrefetchTemplateSchema)
  .refine((prefetch) => Object.keys(prefetch).length > 0, { error: 'prefetch must not be empty; omit it instead', params: { code: 'empty_value' } });

/** One CDS Service as discovery describes it. */
export const CdsServiceSchema = z.looseObject({
  hook: nonEmptyString('hook'),
  title: nonEmptyString('title').optional(),
  description: nonEmptyString('description'),
  id: nonEmptyString('id').regex(/^[^/\s?#]+$/, { error: 'id must be one URL path segment (no "/", "?", "#" or spaces)' }),
  prefetch: PrefetchTemplatesSchema.optional(),
  usageRequirements: nonEmptyString('usageRequirements').optional(),
  extension: ExtensionSchema.optional(),
});

/** A CDS Service description. */
export type CdsServiceDescription = z.infer<typeof CdsServiceSchema>;

/** The discovery response (`GET {baseUrl}/cds-services`); an empty list means no services. */
export const DiscoveryResponseSchema = z.looseObject({
  services: z.array(CdsServiceSchema, { error: 'services is required and must be a list' }),
  extension: ExtensionSchema.optional(),
});

/** The discovery response. */
export type DiscoveryResponse = z.infer<typeof DiscoveryResponseSchema>;
