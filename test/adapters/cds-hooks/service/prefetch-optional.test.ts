import { describe, expect, it } from 'vitest';
import { CdsServiceRequestSchema } from '../../../../src/adapters/cds-hooks/schemas/request-schema.js';
import { OPTIONAL_PREFETCH_KEYS, PREFETCH_TEMPLATES } from '../../../../src/adapters/cds-hooks/service/discovery.js';
import { resolvePrefetch } from '../../../../src/adapters/cds-hooks/service/prefetch.js';
import { fakeFhirServer } from './fake-fhir-server.js';
import { FHIR_BASE, serverAccess } from './requests.js';

const callWith = (prefetch: Record<string, unknown>, access = true) =>
  CdsServiceRequestSchema.parse({
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    context: { userId: 'Practitioner/1', patientId: 'p1' },
    prefetch,
    ...(access ? serverAccess : {}),
  });

describe('optional prefetch keys', () => {
  it('are the new record keys, each a search CDS Hooks 2.0 allows (patient reference, codes, _sort, _count)', () => {
    expect([...OPTIONAL_PREFETCH_KEYS].every((key) => key in PREFETCH_TEMPLATES)).toBe(true);
    for (const key of OPTIONAL_PREFETCH_KEYS) {
      const template = PREFETCH_TEMPLATES[key as keyof typeof PREFETCH_TEMPLATES];
      const params = new URL(template, 'http://fhir.invalid/').searchParams;
      expect([...params.keys()].every((name) => ['patient', 'code', 'questionnaire', '_sort', '_count'].includes(name))).toBe(true);
      expect(params.get('patient')).toBe('{{context.patientId}}');
    }
    expect(PREFETCH_TEMPLATES.weight).toContain('_count=1');
    expect(PREFETCH_TEMPLATES.pregnancyStatus).toContain('_count=1');
  });

  it('that cannot be got are skipped, never missing: the call goes on without their data', async () => {
    const templates = { patient: 'Patient/{{context.patientId}}', screening: PREFETCH_TEMPLATES.screening, encounters: PREFETCH_TEMPLATES.encounters };
    const resolved = await resolvePrefetch({ templates, request: callWith({ patient: { resourceType: 'Patient', id: 'p1' } }, false), fetch: undefined });
    expect(resolved.missing).toEqual([]);
    expect(resolved.skipped.map((s) => [s.key, s.reason])).toEqual([
      ['screening', 'no_access'],
      ['encounters', 'no_access'],
    ]);
  });

  it('are read after the needed keys, so that they never use up the page budget those need', async () => {
    const server = fakeFhirServer({ [`${FHIR_BASE}/Condition?patient=p1`]: { resourceType: 'Bundle', type: 'searchset' } });
    const templates = { screening: PREFETCH_TEMPLATES.screening, conditions: 'Condition?patient={{context.patientId}}' };
    const resolved = await resolvePrefetch({ templates, request: callWith({ patient: null }), fetch: server.fetch, fhirServers: [FHIR_BASE] });
    expect(server.calls.map((c) => c.url.split('?')[0])).toEqual([`${FHIR_BASE}/Condition`, `${FHIR_BASE}/QuestionnaireResponse`]);
    expect(resolved.missing).toEqual([]);
    expect(resolved.skipped).toEqual([expect.objectContaining({ key: 'screening', reason: 'http_status' })]);
  });
});
