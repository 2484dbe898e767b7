import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionSchema, CdsResponseSchema, CardSchema, OverrideReasonSchema, SourceSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import { DiscoveryResponseSchema, PrefetchTemplatesSchema } from '../../../../src/adapters/cds-hooks/schemas/discovery-schema.js';
import { FeedbackRequestSchema } from '../../../../src/adapters/cds-hooks/schemas/feedback-schema.js';
import {
  CdsServiceRequestSchema,
  FhirAuthorizationSchema,
  HookContextSchema,
  OrderSelectContextSchema,
  OrderSignContextSchema,
  PatientViewContextSchema,
  PrefetchSchema,
} from '../../../../src/adapters/cds-hooks/schemas/request-schema.js';
import { exampleFiles, problems, readExample } from '../examples.js';

const SPEC = 'spec-2.0.1';
const HOOKS = 'hook-definitions';

// Each example is a whole body or a fragment `{ "<member>": … }`; the schema checks that member.
const member = (name: string, schema: z.ZodType): z.ZodType => z.object({ [name]: schema }).strict();

const SPEC_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'card-overrideReasons-example.json': member('overrideReasons', z.array(OverrideReasonSchema)),
  'card-response-example-1.json': CdsResponseSchema,
  'card-response-example-2.json': CdsResponseSchema,
  'card-response-http-response.json': CdsResponseSchema,
  'card-response-with-systemActions.json': CdsResponseSchema,
  'card-source-example.json': member('source', SourceSchema),
  'context-prefetch-token-example-a.json': member('context', HookContextSchema),
  'context-prefetch-token-example-b.json': member('context', HookContextSchema),
  'context-prefetch-token-example-c.json': member('context', HookContextSchema),
  'discovery-response-with-extension.json': DiscoveryResponseSchema,
  'discovery-response.json': DiscoveryResponseSchema,
  'feedback-overridden-no-reason.json': FeedbackRequestSchema,
  'feedback-overridden-with-reason.json': FeedbackRequestSchema,
  'feedback-suggestion-accepted.json': FeedbackRequestSchema,
  'fhirAuthorization-example.json': member('fhirAuthorization', FhirAuthorizationSchema),
  'prefetch-data-example.json': member('prefetch', PrefetchSchema),
  'prefetch-template-example.json': member('prefetch', PrefetchTemplatesSchema),
  'prefetch-template-user-token-1.json': member('prefetch', PrefetchTemplatesSchema),
  'prefetch-template-user-token-2.json': member('prefetch', PrefetchTemplatesSchema),
  'prefetch-templates-example.json': member('prefetch', PrefetchTemplatesSchema),
  'service-request-patient-view.json': CdsServiceRequestSchema,
  'service-request-with-extension.json': CdsServiceRequestSchema,
  'suggestion-action-create.json': ActionSchema,
  'suggestion-action-delete.json': ActionSchema,
  'suggestion-action-update.json': ActionSchema,
};

// The examples that break a rule of the 2.0 specification themselves, with every problem found.
const SNIPPED = '"..." is not a FHIR element name; a FHIR resource has only element names as keys';
const SPEC_REJECTED: Readonly<Record<string, readonly string[]>> = {
  // Card Attributes: "indicator REQUIRED" (the example predates 2.0 making it required).
  'card-response-example-2.json': ['cards.0.indicator: indicator is required and must be "info", "warning" or "critical"'],
  // Action: "description REQUIRED"; and `"...": "<snipped for brevity"` is not a FHIR resource.
  'card-response-with-systemActions.json': ['systemActions.0.description: action.description is required', `systemActions.0.resource....: ${SNIPPED}`],
  // Prefetch values are FHIR resources; "user": "123" is an id, and "..." keys are not FHIR.
  'prefetch-data-example.json': [
    'prefetch.patient....: ' + SNIPPED,
    'prefetch.hemoglobin-a1c.entry.0.resource....: ' + SNIPPED,
    'prefetch.user: A prefetch value must be a FHIR resource or null',
  ],
  'suggestion-action-create.json': [`resource....: ${SNIPPED}`],
  'suggestion-action-update.json': [`resource....: ${SNIPPED}`],
};

describe('the CDS Hooks 2.0.1 specification examples', () => {
  it('are all matched to a schema', () => {
    expect(exampleFiles(SPEC)).toEqual(Object.keys(SPEC_SCHEMAS).sort());
  });

  for (const [file, schema] of Object.entries(SPEC_SCHEMAS)) {
    const expected = SPEC_REJECTED[file];
    if (expected === undefined) {
      it(`accepts ${file}`, () => expect(problems(schema, readExample(SPEC, file))).toEqual([]));
    } else {
      it(`rejects ${file}, which breaks the specification`, () => expect(problems(schema, readExample(SPEC, file))).toEqual(expected));
    }
  }

  it('accepts the patient-view request as a patient-view context', () => {
    const request = readExample(SPEC, 'service-request-patient-view.json') as { context: unknown };
    expect(problems(PatientViewContextSchema, request.context)).toEqual([]);
  });
});

const contextFiles = exampleFiles(HOOKS).filter((file) => file.includes('-context-'));
const HOOK_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'patient-view': PatientViewContextSchema,
  'order-select': OrderSelectContextSchema,
  'order-sign': OrderSignContextSchema,
};

// "Use of JSON": elements SHALL NOT be empty, and this example has a Coding with "system": "".
const CONTEXT_REJECTED: Readonly<Record<string, readonly string[]>> = {
  'appointment-book-context-STU3-1.json': ['context.appointments.0.reason.coding.system: must not be null or empty ("", [], {}); CDS Hooks omits a field that has no value'],
};

describe('the hook definition examples', () => {
  for (const file of contextFiles) {
    const rejected = CONTEXT_REJECTED[file];
    if (rejected === undefined) {
      it(`accepts the context of ${file}`, () => expect(problems(member('context', HookContextSchema), readExample(HOOKS, file))).toEqual([]));
    } else {
      it(`rejects the context of ${file}, which breaks the specification`, () => expect(problems(member('context', HookContextSchema), readExample(HOOKS, file))).toEqual(rejected));
    }
    const hook = Object.keys(HOOK_SCHEMAS).find((name) => file.startsWith(`${name}-context-`));
    const schema = hook === undefined ? undefined : HOOK_SCHEMAS[hook];
    if (schema !== undefined) {
      it(`accepts ${file} as the ${hook ?? ''} context`, () => expect(problems(member('context', schema), readExample(HOOKS, file))).toEqual([]));
    }
  }

  it('accepts the radiology order-select request, and its context as an order-select context', () => {
    const request = readExample(HOOKS, 'radiology-appropriateness-service-request-order-select.json') as { context: unknown };
    expect(problems(CdsServiceRequestSchema, request)).toEqual([]);
    expect(problems(OrderSelectContextSchema, request.context)).toEqual([]);
  });

  it('rejects the radiology system action, which has no description (Action: "description REQUIRED")', () => {
    expect(problems(CdsResponseSchema, readExample(HOOKS, 'radiology-appropriateness-card-response-with-systemActions.json'))).toEqual([
      'systemActions.0.description: action.description is required',
    ]);
  });

  it('rejects the opioid card, which has no source (Card Attributes: "source REQUIRED")', () => {
    expect(problems(CardSchema, readExample(HOOKS, 'opioid-cdc-guideline-card.json'))).toEqual(['source: Invalid input: expected object, received undefined']);
  });

  it('rejects the opioid request, whose prefetch value is a pre-1.0 batch entry, not a FHIR resource', () => {
    const request = readExample(HOOKS, 'opioid-cdc-guideline-service-request-medication-prescribe.json');
    expect(problems(CdsServiceRequestSchema, request)).toEqual(['prefetch.medication: A prefetch value must be a FHIR resource or null']);
  });
});
