import { describe, expect, it } from 'vitest';
import { ActionSchema, CardSchema, CdsResponseSchema, LinkSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import { CdsServiceSchema } from '../../../../src/adapters/cds-hooks/schemas/discovery-schema.js';
import { FeedbackRequestSchema } from '../../../../src/adapters/cds-hooks/schemas/feedback-schema.js';
import { CdsServiceRequestSchema } from '../../../../src/adapters/cds-hooks/schemas/request-schema.js';
import { problems } from '../examples.js';

const card = { summary: 'A summary', indicator: 'warning', source: { label: 'A source' } } as const;
const update = { type: 'update', description: 'Lower the dose', resource: { resourceType: 'MedicationRequest', id: 'rx1' } } as const;
const request = { hook: 'patient-view', hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea', context: { userId: 'Practitioner/1', patientId: '1' } } as const;
const token = { access_token: 'secret', token_type: 'Bearer', expires_in: 300, scope: 'user/Patient.read', subject: 'cds' } as const;

describe('the card schema', () => {
  it('accepts a summary of 139 characters and refuses one of 140 (the specification says under 140)', () => {
    expect(problems(CardSchema, { ...card, summary: 'x'.repeat(139) })).toEqual([]);
    expect(problems(CardSchema, { ...card, summary: 'x'.repeat(140) })).toEqual(['summary: summary must be shorter than 140 characters (at most 139)']);
  });

  it('refuses an indicator outside info, warning and critical (1.0 "hard-stop" included)', () => {
    expect(problems(CardSchema, { ...card, indicator: 'hard-stop' })).toEqual(['indicator: indicator is required and must be "info", "warning" or "critical"']);
  });

  it('requires selectionBehavior when a card has suggestions', () => {
    expect(problems(CardSchema, { ...card, suggestions: [{ label: 'Fix', actions: [update] }] })).toEqual([
      'selectionBehavior: selectionBehavior is required when a card has suggestions',
    ]);
  });

  it('allows at most one recommended suggestion with at-most-one, and several with any', () => {
    const suggestions = [
      { label: 'A', isRecommended: true },
      { label: 'B', isRecommended: true },
    ];
    expect(problems(CardSchema, { ...card, suggestions, selectionBehavior: 'at-most-one' })).toEqual([
      'suggestions: With selectionBehavior "at-most-one", at most one suggestion may be recommended; 2 are',
    ]);
    expect(problems(CardSchema, { ...card, suggestions, selectionBehavior: 'any' })).toEqual([]);
  });

  it('requires a display on every override reason', () => {
    expect(problems(CardSchema, { ...card, overrideReasons: [{ system: 'http://x', code: 'a' }] })).toEqual([
      'overrideReasons.0.display: overrideReasons[].display (required for override reasons) is required',
    ]);
  });

  it('refuses null and empty values instead of omitted ones', () => {
    expect(problems(CardSchema, { ...card, detail: '', links: [], uuid: null })).toEqual([
      'uuid: Expected a UUID (8-4-4-4-12 hexadecimal digits)',
      'detail: detail must not be empty',
      'links: links must not be empty; omit it instead',
    ]);
  });

  it('refuses a uuid that is not a UUID', () => {
    expect(problems(CardSchema, { ...card, uuid: 'card-1' })).toEqual(['uuid: Expected a UUID (8-4-4-4-12 hexadecimal digits)']);
  });

  it('accepts only an empty list of cards as "no guidance", not a missing one', () => {
    expect(problems(CdsResponseSchema, { cards: [] })).toEqual([]);
    expect(problems(CdsResponseSchema, {})).toEqual(['cards: cards is required and must be a list (empty for no guidance)']);
  });
});

describe('the action and link schemas', () => {
  it('requires the whole resource for create and update', () => {
    expect(problems(ActionSchema, { type: 'create', description: 'Order it' })).toEqual(['resource: A "create" action must carry the whole FHIR resource in "resource"']);
  });

  it('requires resourceId for a delete, as a relative reference', () => {
    expect(problems(ActionSchema, { type: 'delete', description: 'Remove it' })).toEqual(['resourceId: A "delete" action must name the resource to delete in "resourceId"']);
    expect(problems(ActionSchema, { type: 'delete', description: 'Remove it', resourceId: 'http://x/ServiceRequest/1' })).toEqual([
      'resourceId: action.resourceId must be a relative reference such as "MedicationRequest/123"',
    ]);
  });

  it('refuses an action type outside create, update and delete', () => {
    expect(problems(ActionSchema, { ...update, type: 'modify' })).toEqual(['type: action.type must be "create", "update" or "delete"']);
  });

  it('allows appContext on smart links only', () => {
    const link = { label: 'App', url: 'https://app.example.com/launch', appContext: '{"a":1}' };
    expect(problems(LinkSchema, { ...link, type: 'smart' })).toEqual([]);
    expect(problems(LinkSchema, { ...link, type: 'absolute' })).toEqual(['appContext: appContext is only valid on links of type "smart"']);
  });

  it('requires an absolute URL and a type on links', () => {
    expect(problems(LinkSchema, { label: 'Page', url: '/relative' })).toEqual(['url: Expected an absolute URL', 'type: link.type must be "absolute" or "smart"']);
  });
});

describe('the service request schema', () => {
  it('requires fhirServer when fhirAuthorization is given', () => {
    expect(problems(CdsServiceRequestSchema, { ...request, fhirAuthorization: token })).toEqual(['fhirServer: fhirServer is required when fhirAuthorization is given']);
  });

  it('requires every field of fhirAuthorization, with token_type Bearer', () => {
    expect(problems(CdsServiceRequestSchema, { ...request, fhirServer: 'https://ehr.example.com/fhir', fhirAuthorization: { access_token: 'secret', token_type: 'bearer' } })).toEqual([
      'fhirAuthorization.token_type: fhirAuthorization.token_type must be "Bearer"',
      'fhirAuthorization.expires_in: fhirAuthorization.expires_in must be an integer number of seconds',
      'fhirAuthorization.scope: fhirAuthorization.scope is required',
      'fhirAuthorization.subject: fhirAuthorization.subject is required',
    ]);
  });

  it('requires a UUID hookInstance and a context', () => {
    expect(problems(CdsServiceRequestSchema, { hook: 'patient-view', hookInstance: '42' })).toEqual([
      'hookInstance: Expected a UUID (8-4-4-4-12 hexadecimal digits)',
      'context: Expected a JSON object',
    ]);
  });

  it('allows null for a prefetch key the client has no data for, but no empty value in the context', () => {
    expect(problems(CdsServiceRequestSchema, { ...request, prefetch: { patient: null } })).toEqual([]);
    expect(problems(CdsServiceRequestSchema, { ...request, context: { ...request.context, encounterId: '' } })).toEqual([
      'context.encounterId: must not be null or empty ("", [], {}); CDS Hooks omits a field that has no value',
    ]);
  });
});

describe('the discovery schema', () => {
  const service = { hook: 'order-sign', id: 'check', description: 'Checks orders' };

  it('allows only first-level context fields and the user tokens in prefetch templates', () => {
    expect(problems(CdsServiceSchema, { ...service, prefetch: { user: 'Practitioner/{{userPractitionerId}}', p: 'Patient/{{context.patientId}}' } })).toEqual([]);
    expect(problems(CdsServiceSchema, { ...service, prefetch: { rx: 'MedicationRequest/{{context.medication.id}}' } })).toEqual([
      'prefetch.rx: Prefetch token "{{context.medication.id}}" is neither a first-level context field ("context.name") nor a user token',
    ]);
  });

  it('requires an id that is one URL path segment', () => {
    expect(problems(CdsServiceSchema, { ...service, id: 'a/b' })).toEqual(['id: id must be one URL path segment (no "/", "?", "#" or spaces)']);
  });
});

describe('the feedback schema', () => {
  const item = { card: 'f6b95768-b1c8-40dc-8385-bf3504b82ffb', outcomeTimestamp: '2020-12-11T00:00:00Z' };

  it('requires acceptedSuggestions when a suggestion was accepted', () => {
    expect(problems(FeedbackRequestSchema, { feedback: [{ ...item, outcome: 'accepted' }] })).toEqual([
      'feedback.0.acceptedSuggestions: acceptedSuggestions is required when the outcome is "accepted"',
    ]);
  });

  it('requires a reason or a comment in an override reason', () => {
    expect(problems(FeedbackRequestSchema, { feedback: [{ ...item, outcome: 'overridden', overrideReason: {} }] })).toEqual([
      'feedback.0.overrideReason: overrideReason must have a reason, a userComment or both',
    ]);
  });

  it('requires the outcome time in UTC', () => {
    expect(problems(FeedbackRequestSchema, { feedback: [{ ...item, outcome: 'overridden', outcomeTimestamp: '2020-12-11T01:00:00+01:00' }] })).toEqual([
      'feedback.0.outcomeTimestamp: outcomeTimestamp must be an ISO 8601 date-time in UTC, e.g. 2021-12-11T10:05:31Z',
    ]);
  });

  it('refuses an outcome other than accepted or overridden', () => {
    expect(problems(FeedbackRequestSchema, { feedback: [{ ...item, outcome: 'ignored' }] })).toEqual(['feedback.0.outcome: outcome must be "accepted" or "overridden"']);
  });
});
