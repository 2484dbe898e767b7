// sclerotherapy-cds/cds-hooks: CDS Hooks 2.0 cards, schemas and a framework-agnostic service.
export {
  toCdsCards,
  fitSummary,
  LIBRARY,
  CARD_EXTENSION_KEYS,
  FINDING_CATEGORY_SYSTEM,
  type CdsCardOptions,
  type CdsCard,
  type CdsCoding,
} from './cards/to-cds-cards.js';
export type { DraftOrderSuggestion } from './cards/draft-order-fixes.js';
export { unassessableCard, uncheckedOrderCard, assessmentNotShownCard, NOTICE_EXTENSION_KEYS } from './cards/notice-cards.js';
export { OVERRIDE_REASONS, OVERRIDE_REASONS_BY_KIND, NON_ADHERENCE_REASON_SYSTEM, overrideReasonsFor } from './cards/override-reasons.js';
export { MAX_CARDS_PER_CALL, withinCardBudget } from './cards/card-budget.js';
export { cardUuid, uuidV5, CARD_UUID_NAMESPACE } from './cards/uuid.js';
export {
  CardSchema,
  CdsResponseSchema,
  SourceSchema,
  SuggestionSchema,
  ActionSchema,
  LinkSchema,
  OverrideReasonSchema,
  MAX_SUMMARY_LENGTH,
  CARD_INDICATORS,
  type Card,
  type CdsResponse,
  type Suggestion,
  type Action,
  type Link,
  type OverrideReason,
} from './schemas/card-schema.js';
export {
  CdsServiceRequestSchema,
  FhirAuthorizationSchema,
  PrefetchSchema,
  HookContextSchema,
  PatientViewContextSchema,
  OrderSelectContextSchema,
  OrderSignContextSchema,
  HOOK_CONTEXT_SCHEMAS,
  type CdsServiceRequest,
  type FhirAuthorization,
  type Prefetch,
  type SupportedHook,
} from './schemas/request-schema.js';
export {
  DiscoveryResponseSchema,
  CdsServiceSchema,
  PrefetchTemplatesSchema,
  PrefetchTemplateSchema,
  invalidPrefetchTokens,
  type DiscoveryResponse,
  type CdsServiceDescription,
} from './schemas/discovery-schema.js';
export {
  FeedbackRequestSchema,
  FeedbackItemSchema,
  OverrideReasonFeedbackSchema,
  type FeedbackRequest,
  type FeedbackItem,
} from './schemas/feedback-schema.js';
export { CodingSchema, FhirResourceSchema, ExtensionSchema, type Coding, type FhirResource } from './schemas/json.js';
export {
  createCdsService,
  createCdsServiceOrThrow,
  MAX_FEEDBACK_ITEMS,
  ISSUED_CARD_TTL_MS,
  type CdsServiceOptions,
  type CdsService,
  type CdsClientOptions,
} from './service/create-cds-service.js';
export type { CdsHttpRequest } from './service/http-request.js';
export type { AuthenticatedClient, CallContext } from './service/call-context.js';
export { ACCEPTED_ALGORITHMS, CLOCK_SKEW_SECONDS, MAX_LIFETIME_SECONDS, type AuthFailureReason } from './service/auth.js';
export { createMemoryKeyStore, type ExpiringKeyStore, type MemoryKeyStoreOptions } from './service/replay-cache.js';
export { ServiceConfigSchema, ClientConfigSchema, JwksSchema, isLoopbackHost, type ServiceConfig } from './service/service-config.js';
export { CDS_SERVICES, PREFETCH_TEMPLATES, type CdsServiceDefinition } from './service/discovery.js';
export type { CdsHttpResponse, CdsErrorBody, MissingData } from './service/http.js';
export type { FhirFetch, FhirFetchInit, FhirFetchResponse } from './service/fhir-fetch.js';
export { fillTemplate, resolvePrefetch, type ResolvePrefetchOptions, type ResolvedPrefetch } from './service/prefetch.js';
