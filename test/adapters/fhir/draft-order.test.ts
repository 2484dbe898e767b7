/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATC, FIXTURE_SESSION, ICD, concept, condition, mapFails, mapOk, patient, surfacesOnOrderCard } from './builders.js';

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
    expect(mapping.request.plannedSession).toEqual(FIXTURE_SESSION);
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

  it('reads a volume in cc', () => {
    const cc = order({ dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 2.5, unit: 'cc' } }] }] });
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



  it('makes the mapping fail when the order injects more than its containers hold', () => {
    const issues = mapFails([patient(), varicose, order({ dispenseRequest: { quantity: { value: 1, code: '{vial}' } } })]);
    expect(issues).toEqual([expect.objectContaining({ code: 'volume_exceeds_containers', path: ['plannedSession', 'totalVolumeMl'] })]);
    expect(issues[0]?.message).toMatch(/^The request mapped from the input is invalid/);
  });
});

describe('the sclerosant of an order', () => {
  it.each([
    ['Hypertonic saline 23.4% injection', 'hypertonic-saline', 23.4],
    ['Sodium chloride 23.4% injectable solution', 'hypertonic-saline', 23.4],
    ['Glycerin 72% injection', 'glycerin', 72],
    ['Chromated glycerin 72%', 'glycerin', 72],
  ])('recognises "%s" and assesses it as liquid', (text, agent, percent) => {
    const mapping = mapOk([patient(), varicose, order({ medicationCodeableConcept: { text } })]);
    expect(mapping.request.plannedSession).toMatchObject({ agent, concentrationPercent: percent, formulation: 'liquid', totalVolumeMl: 3 });
    expect(mapping.gaps.filter((g) => g.reason === 'assumed')).toEqual([]);
  });

  it('recognises Scleremo, and reports that it states no strength', () => {
    const mapping = mapOk([patient(), varicose, order({ medicationCodeableConcept: { text: 'Scleremo' } })]);
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'unparseable_strength', message: expect.stringContaining('glycerin order') }));
  });

  it('does not take normal saline or a glycerin suppository for a sclerosant', () => {
    for (const text of ['Sodium chloride 0.9% flush', 'Glycerin suppository 2 g']) {
      const mapping = mapOk([patient(), varicose, order({ medicationCodeableConcept: { text } })]);
      expect(mapping.request).not.toHaveProperty('plannedSession');
      expect(mapping.gaps).toEqual([]);
    }
  });

  it('leaves no session when one order names two sclerosants', () => {
    const mapping = mapOk([patient(), varicose, order({ medicationCodeableConcept: { text: 'Hypertonic saline 23.4% with polidocanol 1%' } })]);
    expect(mapping.request).not.toHaveProperty('plannedSession');
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ reason: 'ambiguous', message: expect.stringContaining('polidocanol, hypertonic saline') }));
  });
});

describe('the form of an order', () => {
  const formOf = (extra: Record<string, unknown>) => {
    const mapping = mapOk([patient(), varicose, order(extra)]);
    return { formulation: mapping.request.plannedSession?.formulation, assumed: mapping.gaps.filter((g) => g.reason === 'assumed') };
  };

  it.each(['Asclera (polidocanol) 1% injection', 'Aethoxysklerol 1%', 'Sotradecol 1% injection', 'Polidocanol 1% solution', 'Polidocanol 1% liquid'])(
    'is liquid, with no gap, for "%s"',
    (text) => {
      expect(formOf({ medicationCodeableConcept: { text } })).toEqual({ formulation: 'liquid', assumed: [] });
    },
  );

  it('is foam for Varithena, or when a liquid product is to be foamed', () => {
    expect(formOf({ medicationCodeableConcept: { text: 'Varithena 1%' } }).formulation).toBe('foam');
    expect(formOf({ medicationCodeableConcept: { text: 'Asclera 1%' }, dosageInstruction: [{ text: 'Inject 3 mL as foam (Tessari)' }] }).formulation).toBe('foam');
  });

  it('is assumed liquid, with a gap the order-sign card lists, when neither the order nor the product says', () => {
    const { formulation, assumed } = formOf({ medicationCodeableConcept: { text: 'Polidocanol 0.5% injection' } });
    expect(formulation).toBe('liquid');
    expect(assumed).toEqual([expect.objectContaining({ reference: 'MedicationRequest/o1', field: 'plannedSession.formulation' })]);
    expect(assumed.every(surfacesOnOrderCard)).toBe(true);
  });
});
