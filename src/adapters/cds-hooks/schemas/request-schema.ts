import * as z from 'zod';
import { ExtensionSchema, FhirResourceSchema, JsonObjectSchema, UuidSchema, nonEmptyString } from './json.js';

/** The OAuth 2.0 bearer token a CDS Client passes so that the service can read its FHIR server. */
export const FhirAuthorizationSchema = z.looseObject({
  access_token: nonEmptyString('fhirAuthorization.access_token'),
  token_type: z.literal('Bearer', { error: 'fhirAuthorization.token_type must be "Bearer"' }),
  expires_in: z.int({ error: 'fhirAuthorization.expires_in must be an integer number of seconds' }).nonnegative({ error: 'fhirAuthorization.expires_in must not be negative' }),
  scope: nonEmptyString('fhirAuthorization.scope'),
  subject: nonEmptyString('fhirAuthorization.subject'),
  patient: nonEmptyString('fhirAuthorization.patient').optional(),
});

/** A FHIR access token with what the client says about it. */
export type FhirAuthorization = z.infer<typeof FhirAuthorizationSchema>;

/**
 * Prefetched data: one FHIR resource (often a searchset Bundle) per prefetch key, or `null` when
 * the client has no data for that key (the one place CDS Hooks allows null).
 */
export const PrefetchSchema = z
  .record(nonEmptyString('prefetch key'), z.union([FhirResourceSchema, z.null()], { error: 'A prefetch value must be a FHIR resource or null' }))
  .refine((prefetch) => Object.keys(prefetch).length > 0, { error: 'prefetch must not be empty; omit it instead', params: { code: 'empty_value' } });

/** Prefetched data by key. */
export type Prefetch = z.infer<typeof PrefetchSchema>;

/**
 * Any hook's context: a JSON object with no null or empty value inside. Each hook defines its
 * fields; see {@link HOOK_CONTEXT_SCHEMAS} for the hooks this library answers.
 */
export const HookContextSchema = JsonObjectSchema;

/** The body of a CDS Hooks 2.0 service call (`POST {baseUrl}/cds-services/{id}`), with every rule checked. */
export const CdsServiceRequestSchema = z
  .looseObject({
    hook: nonEmptyString('hook'),
    hookInstance: UuidSchema,
    fhirServer: z.url({ protocol: /^https?$/, error: 'fhirServer must be an absolute http(s) URL, the base of the FHIR server' }).optional(),
    fhirAuthorization: FhirAuthorizationSchema.optional(),
    context: HookContextSchema,
    prefetch: PrefetchSchema.optional(),
    extension: ExtensionSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.fhirAuthorization !== undefined && request.fhirServer === undefined) {
      ctx.addIssue({ code: 'custom', message: 'fhirServer is required when fhirAuthorization is given', path: ['fhirServer'], params: { code: 'missing_fhir_server' } });
    }
  });

/** A CDS Hooks service call. */
export type CdsServiceRequest = z.infer<typeof CdsServiceRequestSchema>;

const DraftOrdersSchema = z.looseObject({
  resourceType: z.literal('Bundle', { error: 'draftOrders must be a FHIR Bundle' }),
  entry: z.array(z.looseObject({ resource: FhirResourceSchema }), { error: 'draftOrders.entry must list the draft orders' }).min(1, { error: 'draftOrders.entry must not be empty' }),
});

const userAndPatient = {
  userId: nonEmptyString('context.userId'),
  patientId: nonEmptyString('context.patientId'),
  encounterId: nonEmptyString('context.encounterId').optional(),
};

/** The context of the `patient-view` hook (1.0): the user, the patient, maybe the encounter. */
export const PatientViewContextSchema = z.looseObject(userAndPatient);

/** The context of the `order-select` hook (1.0): also the ids of the orders just chosen and the draft orders. */
export const OrderSelectContextSchema = z.looseObject({
  ...userAndPatient,
  selections: z.array(nonEmptyString('context.selections[]')).min(1, { error: 'context.selections must name at least one order' }),
  draftOrders: DraftOrdersSchema,
});

/** The context of the `order-sign` hook (1.0): also the draft orders about to be signed. */
export const OrderSignContextSchema = z.looseObject({ ...userAndPatient, draftOrders: DraftOrdersSchema });

/** The context schema of each hook this library's services answer. */
export const HOOK_CONTEXT_SCHEMAS = {
  'patient-view': PatientViewContextSchema,
  'order-select': OrderSelectContextSchema,
  'order-sign': OrderSignContextSchema,
} as const;

/** A hook this library's services answer. */
export type SupportedHook = keyof typeof HOOK_CONTEXT_SCHEMAS;
