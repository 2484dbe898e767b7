/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATC, ICD, concept, condition, mapFails, mapOk, patient } from './builders.js';

const fixture = JSON.parse(readFileSync('test/fixtures/fhir/varicose-draft-order.json', 'utf8')) as { entry: { resource: Record<string, unknown> }[] };
const varicose = condition('varicose-left', concept(ICD, 'I83.92'));

/** A draft polidocanol order against the left-leg varicose vein; `extra` replaces fields. */
const order = (extra: Record<string, unknown> = {}) => ({
  resourceType: 'MedicationRequest',
  id: 'o1',
  status: 'draft',
  intent: 'order',
  medicationCodeableConcept: { text: 'Polidocanol 0.5% injection' },
  subject: { reference: 'Patient/p1' },
  reasonReference: [{ reference: 'Condition/varicose-left' }],
  dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 3, unit: 'mL', code: 'mL' } }] }],
  dispenseRequest: { quantity: { value: 2, unit: 'vials', code: '{vial}' } },
  ...extra,
});
const sessionOf = (...resources: unknown[]) => mapOk([patient(), varicose, ...resources]).request.plannedSession;

describe('the planned session', () => {
  it('is read from the hand-built draft order: strength from the ingredient, container size from Medication.amount', () => {
    const mapping = mapOk(fixture);
    expect(mapping.request.plannedSession).toEqual({
      date: '2025-03-01',
      agent: 'polidocanol',
      formulation: 'liquid',
      concentrationPercent: 1,
      containers: 1,
      containerVolumeMl: 2,
      totalVolumeMl: 2,
      targetVeinIds: ['varicose-left'],
    });
    expect(mapping.provenance).toMatchObject({ plannedSession: ['MedicationRequest/sclero-1'], 'plannedSession.targetVeinIds': ['Condition/varicose-left'] });
  });

  it('reads the strength from "0.5%" in the text, and dates the session at asOf without authoredOn', () => {
    expect(sessionOf(order())).toEqual({
      date: '2025-03-01', agent: 'polidocanol', formulation: 'liquid', concentrationPercent: 0.5, containers: 2, totalVolumeMl: 3, targetVeinIds: ['varicose-left'],
    });
  });

  it('reads a strength of 30 mg/mL as 3 %', () => {
    expect(sessionOf(order({ medicationCodeableConcept: { text: 'Sotradecol 30 mg/mL' } }))).toMatchObject({ agent: 'sodium-tetradecyl-sulfate', concentrationPercent: 3 });
  });

  it('reads a volume in cc and a dose range by its high end', () => {
    const cc = order({ dosageInstruction: [{ doseAndRate: [{ doseRange: { low: { value: 1, code: 'mL' }, high: { value: 2.5, unit: 'cc' } } }] }] });
    expect(sessionOf(cc)?.totalVolumeMl).toBe(2.5);
  });

  it('is foam only when the order says so', () => {
    expect(sessionOf(order({ dosageInstruction: [{ text: 'Inject 3 mL as foam (Tessari)' }] }))?.formulation).toBe('foam');
  });

  it('assumes the fewest containers that hold the volume when none are stated, and says so', () => {
    const mapping = mapOk([patient(), varicose, order({ dispenseRequest: undefined })]);
    expect(mapping.request.plannedSession?.containers).toBe(2);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'derived', field: 'plannedSession.containers' }));
  });

  it('takes its targets from the side of the dosage site when there is no reasonReference', () => {
    const bySite = order({ reasonReference: undefined, dosageInstruction: [{ site: { text: 'left leg' }, doseAndRate: [{ doseQuantity: { value: 1, code: 'mL' } }] }] });
    expect(sessionOf(bySite)?.targetVeinIds).toEqual(['varicose-left']);
  });

  it('is left out, with a gap, when the order names no vein', () => {
    const mapping = mapOk([patient(), varicose, order({ reasonReference: undefined })]);
    expect(mapping.request).not.toHaveProperty('plannedSession');
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'no_targets', reference: 'MedicationRequest/o1' }));
  });

  it('is left out, with a gap, when the strength cannot be read', () => {
    const mapping = mapOk([patient(), varicose, order({ medicationCodeableConcept: concept(ATC, 'C05BB02', 'polidocanol') })]);
    expect(mapping.request).not.toHaveProperty('plannedSession');
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'unparseable_strength' }));
  });

  it('is left out, with a gap, when no volume is given', () => {
    const mapping = mapOk([patient(), varicose, order({ dosageInstruction: [{ text: 'as needed' }] })]);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'no_volume' }));
  });

  it('ignores orders that are not draft or active, or not orders, plans or proposals', () => {
    expect(sessionOf(order({ status: 'completed' }))).toBeUndefined();
    expect(sessionOf(order({ intent: 'filler-order' }))).toBeUndefined();
  });

  it('adds up two orders of the same agent and strength', () => {
    const second = order({ id: 'o2', dispenseRequest: { quantity: { value: 1, code: '{vial}' } }, dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 1, code: 'mL' } }] }] });
    expect(sessionOf(order(), second)).toMatchObject({ containers: 3, totalVolumeMl: 4 });
  });

  it('assesses only the first of two different orders, and reports the other', () => {
    const other = order({ id: 'o2', medicationCodeableConcept: { text: 'Polidocanol 1%' } });
    const mapping = mapOk([patient(), varicose, order(), other]);
    expect(mapping.request.plannedSession?.concentrationPercent).toBe(0.5);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'ambiguous', reference: 'MedicationRequest/o2' }));
  });

  it('makes the mapping fail when the order injects more than its containers hold', () => {
    const issues = mapFails([patient(), varicose, order({ dispenseRequest: { quantity: { value: 1, code: '{vial}' } } })]);
    expect(issues).toEqual([expect.objectContaining({ code: 'volume_exceeds_containers', path: ['plannedSession', 'totalVolumeMl'] })]);
    expect(issues[0]?.message).toMatch(/^The request mapped from the input is invalid/);
  });
});
