import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { toCdsCards } from '../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { assess } from '../../../src/assess.js';
import { AS_OF, concept, condition, dosage, mapOk, patient, SCT, sclerosantOrder } from './builders.js';
import { cleanAnswers, screeningResponse, sessionGroup } from './screening-builders.js';

const CPT = 'http://www.ama-assn.org/go/cpt';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

const administration = (id: string, when: string, ml: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  resourceType: 'MedicationAdministration',
  id,
  status: 'completed',
  medicationCodeableConcept: { text: 'Asclera (polidocanol) 0.5% injection' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: when,
  dosage: { dose: { value: ml, unit: 'mL', code: 'mL' } },
  ...extra,
});

const procedure = (id: string, code: Record<string, unknown>, performed: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  resourceType: 'Procedure',
  id,
  status: 'completed',
  code,
  subject: { reference: 'Patient/p1' },
  performedDateTime: performed,
  ...extra,
});

const encounter = (id: string, classCode: string, start: string, end?: string): Record<string, unknown> => ({
  resourceType: 'Encounter',
  id,
  status: 'finished',
  class: { system: ACT, code: classCode },
  subject: { reference: 'Patient/p1' },
  period: { start, ...(end === undefined ? {} : { end }) },
});

const varicose = condition('varicose-left', concept(SCT, '72866009', 'Varicose veins of lower extremity'), { bodySite: [concept(SCT, '7771000', 'Left')] });
const order4ml = sclerosantOrder({ authoredOn: AS_OF, dosageInstruction: [dosage(4)] });

describe('earlier sessions from the record', () => {
  it('R18 (integration review §3): two completed polidocanol administrations (8 mL this morning, 8 mL three days ago) block a new 4 mL order, and the cards name both', async () => {
    const mapping = mapOk([patient(), varicose, order4ml, administration('a1', `${AS_OF}T08:30:00Z`, 8), administration('a2', '2025-02-26T10:00:00Z', 8)]);
    expect(mapping.request.priorSessions).toEqual([
      { date: AS_OF, agent: 'polidocanol', totalVolumeMl: 8, formulation: 'liquid', concentrationPercent: 0.5 },
      { date: '2025-02-26', agent: 'polidocanol', totalVolumeMl: 8, formulation: 'liquid', concentrationPercent: 0.5 },
    ]);
    expect(mapping.provenance['priorSessions']).toEqual(['MedicationAdministration/a1', 'MedicationAdministration/a2']);
    const assessed = await assess(mapping.request, { asOf: AS_OF });
    if (E.isLeft(assessed)) return expect.fail(JSON.stringify(assessed.left));
    expect(assessed.right.session.status).toBe('blocked');
    const ids = assessed.right.findings.filter((f) => f.effect === 'block-session').map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['dose.daily-volume-cap', 'dose.split-session-interval']));
    const text = toCdsCards(assessed.right, { hookInstance: '2a1c1a4e-0c3a-4f6e-9a55-6c0a9d1e4b7f', request: mapping.request })
      .filter((c) => c.indicator === 'critical')
      .map((c) => c.detail ?? '')
      .join('\n');
    expect(text).toContain('8 mL was already given on the same day'); // this morning's session
    expect(text).toContain('Sessions fewer than 7 days before the planned date gave 8 mL'); // three days ago
    expect(text).toContain('2025-03-05'); // 7 days after the session of 2025-02-26
  });

  it('never writes "no earlier session" from the record alone', () => {
    expect(mapOk([patient(), varicose, order4ml]).request.priorSessions).toBeUndefined();
  });

  it('ignores administrations not given, after asOf, of another drug, or of the order being checked', () => {
    const mapping = mapOk([
      patient(),
      varicose,
      order4ml,
      administration('n1', '2025-02-20', 5, { status: 'not-done' }),
      administration('n2', '2025-03-02', 5),
      administration('n3', '2025-02-20', 5, { medicationCodeableConcept: { text: 'Heparin 5000 units' } }),
      administration('n4', AS_OF, 3, { request: { reference: 'MedicationRequest/o1' } }),
    ]);
    expect(mapping.request.priorSessions).toBeUndefined();
  });

  it('leaves earlier sessions undocumented when a sclerotherapy Procedure has no administration of its day, unless an answer describes that day', () => {
    const sclero = procedure('s1', concept(CPT, '36468', 'Injection of sclerosant for spider veins'), '2025-02-10');
    const withSession = administration('a1', '2025-02-20', 2);
    const unread = mapOk([patient(), varicose, order4ml, sclero, withSession]);
    expect(unread.request.priorSessions).toBeUndefined();
    expect(unread.gaps).toContainEqual(expect.objectContaining({ reference: 'Procedure/s1', reason: 'ambiguous', field: 'priorSessions' }));
    const described = mapOk([patient(), varicose, order4ml, sclero, withSession, screeningResponse([sessionGroup('2025-02-10', 'polidocanol', 3)], { authored: '2025-02-28' })]);
    expect(described.request.priorSessions).toEqual([
      expect.objectContaining({ date: '2025-02-20', totalVolumeMl: 2 }),
      { date: '2025-02-10', agent: 'polidocanol', totalVolumeMl: 3 },
    ]);
  });

  it('keeps recorded sessions when the answer says there were none, with a gap naming both', () => {
    const mapping = mapOk([patient(), varicose, order4ml, administration('a1', '2025-02-26', 8), screeningResponse(cleanAnswers(), { authored: '2025-02-28' })]);
    expect(mapping.request.priorSessions).toHaveLength(1);
    const conflict = mapping.gaps.find((g) => g.reason === 'conflict' && g.field === 'priorSessions');
    expect(conflict?.message).toContain('The screening answer (QuestionnaireResponse/qr1)');
    expect(conflict?.message).toContain('MedicationAdministration/a1');
  });
});

describe('recent surgery or a hospital stay from the record', () => {
  it('an inpatient or emergency Encounter within 3 months affirms it; an older one or an outpatient one does not', () => {
    expect(mapOk([patient(), encounter('e1', 'IMP', '2025-01-10', '2025-01-14')]).request.history.recentMajorSurgeryOrHospitalization).toBe(true);
    expect(mapOk([patient(), encounter('e2', 'EMER', '2024-12-05')]).provenance['history.recentMajorSurgeryOrHospitalization']).toEqual(['Encounter/e2']);
    expect(mapOk([patient(), encounter('e3', 'IMP', '2024-10-01', '2024-10-05')]).request.history.recentMajorSurgeryOrHospitalization).toBeUndefined();
    expect(mapOk([patient(), encounter('e4', 'AMB', '2025-02-20')]).request.history.recentMajorSurgeryOrHospitalization).toBeUndefined();
  });

  it('a recent surgical Procedure affirms it with a gap asking whether it was major; a sclerotherapy Procedure does not', () => {
    const surgical = { category: concept(SCT, '387713003', 'Surgical procedure') };
    const mapping = mapOk([patient(), procedure('p1', concept(SCT, '80146002', 'Appendectomy'), '2025-02-01', surgical)]);
    expect(mapping.request.history.recentMajorSurgeryOrHospitalization).toBe(true);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'Procedure/p1', reason: 'counted_with_caveat' }));
    const sclero = mapOk([patient(), procedure('p2', concept(CPT, '36470', 'Injection of sclerosant'), '2025-02-01', surgical)]);
    expect(sclero.request.history.recentMajorSurgeryOrHospitalization).toBeUndefined();
  });

  it('a "No" answer does not override a recorded hospital stay: the stay is kept and the gap names both', () => {
    const mapping = mapOk([patient(), encounter('e1', 'IMP', '2025-01-10', '2025-01-14'), screeningResponse(cleanAnswers(), { authored: '2025-02-28' })]);
    expect(mapping.request.history.recentMajorSurgeryOrHospitalization).toBe(true);
    const conflict = mapping.gaps.find((g) => g.reason === 'conflict' && g.field === 'history.recentMajorSurgeryOrHospitalization');
    expect(conflict?.message).toMatch(/QuestionnaireResponse\/qr1\).*Encounter\/e1/);
  });
});

describe('duplex ultrasound in the record', () => {
  it('is reported with its date and legs, and never fills the duplex findings', () => {
    const scan = procedure('d1', concept(CPT, '93970', 'Duplex scan of extremity veins; complete bilateral study'), '2025-01-15', {
      bodySite: [concept(SCT, '51440002', 'Right and left')],
    });
    const mapping = mapOk([patient(), scan]);
    expect(mapping.request.duplexUltrasound).toBeUndefined();
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reference: 'Procedure/d1', field: 'duplexUltrasound', reason: 'uncertain' }));
    expect(mapping.gaps.find((g) => g.reference === 'Procedure/d1')?.message).toContain('2025-01-15 (both legs)');
  });
});
