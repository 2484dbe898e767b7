import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestionFor, type DraftOrderSuggestion } from '../../../../src/adapters/cds-hooks/cards/draft-order-fixes.js';
import { toCdsCards } from '../../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { CardSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import type { Assessment, Finding } from '../../../../src/model/assessment.js';
import { parseRequest } from '../../../../src/model/parse-request.js';
import type { AssessmentRequest } from '../../../../src/model/request-schema.js';
import * as E from 'fp-ts/lib/Either.js';
import { assessValid, exampleRequest } from '../assessments.js';
import { ruleOfCard } from '../examples.js';

const HOOK = 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea';
const mL = (value: number) => ({ value, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
const ampules = (value: number) => ({ value, unit: 'ampule', system: 'http://unitsofmeasure.org', code: '{ampule}' });

const order = (dosageText: string, doseMl: number, containers?: number): Record<string, unknown> => ({
  resourceType: 'MedicationRequest',
  id: 'rx1',
  status: 'draft',
  intent: 'order',
  medicationCodeableConcept: { text: 'Polidocanol 1% injection' },
  subject: { reference: 'Patient/p1' },
  dosageInstruction: [{ text: dosageText, doseAndRate: [{ doseQuantity: mL(doseMl) }] }],
  ...(containers === undefined ? {} : { dispenseRequest: { quantity: ampules(containers) } }),
});

const findingOf = (assessment: Assessment, ruleId: string): Finding => {
  const finding = assessment.findings.find((f) => f.ruleId === ruleId);
  if (finding === undefined) throw new Error(`${ruleId} did not fire`);
  return finding;
};

const resourceOf = (suggestion: ReturnType<typeof suggestionFor>): Record<string, unknown> | undefined => suggestion?.actions[0].resource;

describe('draft order suggestions', async () => {
  const capped = await assessValid(exampleRequest('capped-session'));
  const volume = findingOf(capped, 'dose.session-volume-cap');
  const containers = findingOf(capped, 'dose.session-container-cap');

  it('lowers the dose to the session limit, in the dose and in the dosage text', () => {
    const suggestion = suggestionFor(volume, capped, order('Inject 10.5 mL of 1% polidocanol', 10.5), HOOK);
    expect(suggestion?.label).toBe('Lower the dose to 10 mL');
    expect(suggestion?.actions[0].description).toBe(
      'Sets the dose of MedicationRequest/rx1 to 10 mL (the most within the per-session limit of 10 mL); the order is then within every session limit.',
    );
    expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 10 mL of 1% polidocanol', doseAndRate: [{ doseQuantity: mL(10) }] }]);
  });

  it('lowers the vials or ampules with the dose when the order states more than the limit', () => {
    const suggestion = suggestionFor(volume, capped, order('Inject 10.5 mL of 1% polidocanol', 10.5, 6), HOOK);
    expect(suggestion?.label).toBe('Lower the dose to 10 mL (5 vials or ampules)');
    expect(resourceOf(suggestion)?.dispenseRequest).toEqual({ quantity: ampules(5) });
  });

  it('lowers the vials or ampules to the limit when the volume still fits', async () => {
    const fits = await assessValid({ ...exampleRequest('capped-session'), plannedSession: { ...(exampleRequest('capped-session').plannedSession as object), totalVolumeMl: 9 } });
    const suggestion = suggestionFor(findingOf(fits, 'dose.session-container-cap'), fits, order('Inject 9 mL', 9, 6), HOOK);
    expect(suggestion?.label).toBe('Dispense 5 vials or ampules');
    expect(resourceOf(suggestion)?.dispenseRequest).toEqual({ quantity: ampules(5) });
    expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 9 mL', doseAndRate: [{ doseQuantity: mL(9) }] }]);
  });

  it('lowers the volume too when the fewer containers cannot hold it', () => {
    const request = parseRequest(exampleRequest('capped-session'));
    if (E.isLeft(request)) return expect.fail('invalid example');
    const suggestion = suggestionFor(containers, capped, order('Inject 10.5 mL', 10.5, 6), HOOK, request.right);
    expect(suggestion?.label).toBe('Lower the dose to 10 mL (5 vials or ampules)');
    expect(resourceOf(suggestion)?.dispenseRequest).toEqual({ quantity: ampules(5) });
    expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 10 mL', doseAndRate: [{ doseQuantity: mL(10) }] }]);
  });

  it('leaves an order alone when its volume is split over several dosage instructions', () => {
    const split = { ...order('Inject 5 mL', 5), dosageInstruction: [{ doseAndRate: [{ doseQuantity: mL(5) }] }, { doseAndRate: [{ doseQuantity: mL(5.5) }] }] };
    expect(suggestionFor(volume, capped, split, HOOK)).toBeUndefined();
  });

  it('offers nothing without a draft MedicationRequest, or for a finding with no mechanical fix', () => {
    expect(suggestionFor(volume, capped, undefined, HOOK)).toBeUndefined();
    expect(suggestionFor(volume, capped, { resourceType: 'ServiceRequest', id: 's1' }, HOOK)).toBeUndefined();
    expect(suggestionFor(findingOf(capped, 'dose.anaphylaxis-volume'), capped, order('Inject 10.5 mL', 10.5), HOOK)).toBeUndefined();
  });

  describe('for foam with a symptomatic shunt', async () => {
    const base = exampleRequest('capped-session');
    const shunt = await assessValid({
      ...base,
      history: { ...(base.history as object), rightToLeftShunt: 'symptomatic' },
      plannedSession: { ...(base.plannedSession as object), formulation: 'foam', containers: 2, totalVolumeMl: 4 },
    });
    const foam = findingOf(shunt, 'contraindication.symptomatic-shunt-foam');

    it('changes foam to liquid where only the dosage text says foam', () => {
      const suggestion = suggestionFor(foam, shunt, order('Inject 4 mL of 1% polidocanol as foam (Tessari)', 4, 2), HOOK);
      expect(suggestion?.label).toBe('Change foam to liquid');
      expect(resourceOf(suggestion)?.dosageInstruction).toEqual([{ text: 'Inject 4 mL of 1% polidocanol as liquid (Tessari)', doseAndRate: [{ doseQuantity: mL(4) }] }]);
    });

    it('offers nothing when the product itself is a foam', () => {
      const varithena = { ...order('Inject 4 mL', 4, 2), medicationCodeableConcept: { text: 'Varithena (polidocanol injectable foam) 1%' } };
      expect(suggestionFor(foam, shunt, varithena, HOOK)).toBeUndefined();
    });

    it('puts the suggestion on the card, with at-most-one selection', () => {
      const cards = toCdsCards(shunt, { hookInstance: HOOK, draftOrder: order('Inject 4 mL foam', 4, 2) });
      const card = cards.find((c) => ruleOfCard(c) === 'contraindication.symptomatic-shunt-foam');
      expect(card?.selectionBehavior).toBe('at-most-one');
      expect(card?.suggestions?.map((s) => s.label)).toEqual(['Change foam to liquid']);
      expect(CardSchema.safeParse(card).success).toBe(true);
    });
  });

  it('gives the suggestion an id that is stable for the hook instance and rule', () => {
    const draft = order('Inject 10.5 mL', 10.5, 6);
    expect(suggestionFor(volume, capped, draft, HOOK)?.uuid).toBe(suggestionFor(volume, capped, draft, HOOK)?.uuid);
    expect(suggestionFor(volume, capped, draft, HOOK)?.uuid).not.toBe(toCdsCards(capped, { hookInstance: HOOK }).find((c) => ruleOfCard(c) === 'dose.session-volume-cap')?.uuid);
  });
});

// The rules whose findings a dose suggestion must clear, all of them at once.
const DOSE_LIMIT_RULES = ['dose.session-volume-cap', 'dose.daily-volume-cap', 'dose.split-session-interval', 'dose.session-container-cap', 'dose.weight-based-polidocanol-cap'];

interface Plan {
  readonly weightKg: number;
  readonly percent: number;
  readonly volumeMl: number;
  readonly containerMl: number;
  /** Vials or ampules the order states; undefined: the fewest that hold the volume. */
  readonly containers?: number | undefined;
  /** An earlier session: its volume and strength, and how many days before the plan (0 or omitted: the same day). */
  readonly earlier?: { readonly volumeMl: number; readonly percent: number; readonly daysBefore?: number | undefined } | undefined;
}

const PLANNED_DATE = '2026-11-23';
const daysBefore = (days: number): string => new Date(Date.parse(`${PLANNED_DATE}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

const requestFor = (plan: Plan): AssessmentRequest => {
  const base = exampleRequest('capped-session');
  const request = {
    ...base,
    patient: { ...(base.patient as object), weightKg: plan.weightKg },
    plannedSession: {
      ...(base.plannedSession as object),
      concentrationPercent: plan.percent,
      totalVolumeMl: plan.volumeMl,
      containerVolumeMl: plan.containerMl,
      containers: plan.containers ?? Math.ceil(plan.volumeMl / plan.containerMl - 1e-9),
    },
    priorSessions:
      plan.earlier === undefined
        ? []
        : [{ date: daysBefore(plan.earlier.daysBefore ?? 0), agent: 'polidocanol', formulation: 'liquid', totalVolumeMl: plan.earlier.volumeMl, concentrationPercent: plan.earlier.percent }],
  };
  const parsed = parseRequest(request);
  if (E.isLeft(parsed)) throw new Error(JSON.stringify(parsed.left));
  return parsed.right;
};

const orderFor = (plan: Plan): Record<string, unknown> => order(`Inject ${plan.volumeMl} mL`, plan.volumeMl, plan.containers);

/** What the order asks for once the suggestion is applied, as the FHIR adapter would read it. */
const doseAfter = (suggestion: DraftOrderSuggestion, plan: Plan): { volumeMl: number; containers?: number } => {
  const resource = suggestion.actions[0].resource as { dosageInstruction: { doseAndRate: { doseQuantity: { value: number } }[] }[]; dispenseRequest?: { quantity: { value: number } } };
  const volumeMl = resource.dosageInstruction[0]?.doseAndRate[0]?.doseQuantity.value ?? Number.NaN;
  const containers = resource.dispenseRequest?.quantity.value;
  return plan.containers === undefined ? { volumeMl } : { volumeMl, ...(containers === undefined ? {} : { containers }) };
};

const doseLimitFindings = async (plan: Plan): Promise<string[]> =>
  (await assessValid(requestFor(plan))).findings.map((f) => f.ruleId).filter((id) => DOSE_LIMIT_RULES.includes(id));

const suggestionsFor = async (plan: Plan): Promise<{ readonly assessment: Assessment; readonly suggestions: readonly (DraftOrderSuggestion | undefined)[] }> => {
  const request = requestFor(plan);
  const assessment = await assessValid(request);
  const findings = assessment.findings.filter((f) => DOSE_LIMIT_RULES.includes(f.ruleId));
  return { assessment, suggestions: findings.map((f) => suggestionFor(f, assessment, orderFor(plan), HOOK, request)) };
};

describe('a recommended dose suggestion is within every limit, not only its own', () => {
  // The reviewer's case: 3 % polidocanol for 58 kg (116 mg a day). 10 mL would be 300 mg. The 6
  // ampules of 5 mL count as 6 containers of 2 mL, one over the limit of 5.
  const strong: Plan = { weightKg: 58, percent: 3, volumeMl: 12, containerMl: 5, containers: 6 };

  it('lowers 12 mL of 3 % polidocanol for 58 kg to 3.8 mL (114 mg), on every dose card', async () => {
    const { suggestions } = await suggestionsFor(strong);
    expect(suggestions).toHaveLength(3);
    for (const suggestion of suggestions) {
      expect(suggestion?.label).toBe('Lower the dose to 3.8 mL (1 vial or ampule)');
      expect(suggestion?.actions[0].description).toBe(
        'Sets the dose of MedicationRequest/rx1 to 3.8 mL (the most within the weight-based polidocanol limit of 116 mg a day at 3%) and its quantity to 1 vial or ampule (the fewest that hold it); the order is then within every session limit.',
      );
    }
  });

  it('clears every dose-limit finding once applied and re-assessed, and 0.1 mL more would not', async () => {
    const { suggestions } = await suggestionsFor(strong);
    const [suggestion] = suggestions;
    if (suggestion === undefined) return expect.fail('no suggestion');
    const after = { ...strong, ...doseAfter(suggestion, strong) };
    expect(after).toMatchObject({ volumeMl: 3.8, containers: 1 });
    expect(await doseLimitFindings(after)).toEqual([]);
    expect(await doseLimitFindings({ ...after, volumeMl: 3.9 })).toEqual(['dose.weight-based-polidocanol-cap']);
  });

  it('keeps the day total within the limit after an earlier session the same day', async () => {
    const plan: Plan = { weightKg: 80, percent: 0.5, volumeMl: 8, containerMl: 2, earlier: { volumeMl: 6.5, percent: 0.5 } };
    const { suggestions } = await suggestionsFor(plan);
    expect(suggestions.map((s) => s?.label)).toEqual(['Lower the dose to 3.5 mL']);
    expect(suggestions[0]?.actions[0].description).toContain('the most within what the daily limit of 10 mL leaves after the 6.5 mL given earlier that day');
    expect(await doseLimitFindings({ ...plan, volumeMl: 3.5 })).toEqual([]);
  });

  it('counts polidocanol given earlier that day against the weight-based limit', async () => {
    // 50 kg: 100 mg a day; 60 mg given earlier (3 mL at 2 %) leaves 40 mg, 4 mL at 1 %.
    const plan: Plan = { weightKg: 50, percent: 1, volumeMl: 6, containerMl: 2, earlier: { volumeMl: 3, percent: 2 } };
    const { suggestions } = await suggestionsFor(plan);
    expect(suggestions.map((s) => s?.label)).toEqual(['Lower the dose to 4 mL']);
    expect(await doseLimitFindings({ ...plan, volumeMl: 4 })).toEqual([]);
  });

  it('lowers the volume to what the allowed vials or ampules hold when the order states none', async () => {
    // Ampules of 1.5 mL count as 0.75 of a 2 mL container: 9.5 mL needs 7 (5.25 containers), 6 (4.5) hold 9 mL.
    const plan: Plan = { weightKg: 90, percent: 0.5, volumeMl: 9.5, containerMl: 1.5 };
    const { suggestions } = await suggestionsFor(plan);
    expect(suggestions.map((s) => s?.label)).toEqual(['Lower the dose to 9 mL']);
    expect(suggestions[0]?.actions[0].description).toContain('the most within what 6 vials or ampules of 1.5 mL hold');
    expect(await doseLimitFindings({ ...plan, volumeMl: 9 })).toEqual([]);
    expect(await doseLimitFindings({ ...plan, volumeMl: 9.1 })).toEqual(['dose.session-container-cap']);
  });

  it('counts small ampules as part of a 2 mL container: 10 ampules of 1 mL are within the limit', async () => {
    const plan: Plan = { weightKg: 90, percent: 0.5, volumeMl: 7, containerMl: 1 };
    expect(await doseLimitFindings(plan)).toEqual([]);
    expect((await suggestionsFor(plan)).suggestions).toEqual([]);
  });

  it('keeps the sessions fewer than 7 days apart within the limit together', async () => {
    // 6 mL three days before: 8 mL more would make 14 mL within the interval; 4 mL keeps it at 10.
    const plan: Plan = { weightKg: 80, percent: 0.5, volumeMl: 8, containerMl: 2, earlier: { volumeMl: 6, percent: 0.5, daysBefore: 3 } };
    const { suggestions } = await suggestionsFor(plan);
    expect(suggestions.map((s) => s?.label)).toEqual(['Lower the dose to 4 mL']);
    expect(suggestions[0]?.actions[0].description).toContain('the most within what the limit of 10 mL leaves after the 6 mL given fewer than 7 days before');
    expect(await doseLimitFindings({ ...plan, volumeMl: 4 })).toEqual([]);
    expect(await doseLimitFindings({ ...plan, volumeMl: 4.1 })).toEqual(['dose.split-session-interval']);
    expect(await doseLimitFindings({ ...plan, earlier: { volumeMl: 6, percent: 0.5, daysBefore: 7 } })).toEqual([]);
  });

  it('offers no suggestion when no volume fits: the day limit is already used up', async () => {
    const plan: Plan = { weightKg: 80, percent: 0.5, volumeMl: 2, containerMl: 2, earlier: { volumeMl: 10, percent: 0.5 } };
    const { assessment, suggestions } = await suggestionsFor(plan);
    expect(assessment.findings.map((f) => f.ruleId)).toContain('dose.daily-volume-cap');
    expect(suggestions).toEqual([undefined]);
  });

  it('offers no suggestion when the strength is unknown and a weight-based limit applies', async () => {
    const { assessment } = await suggestionsFor(strong);
    const finding = findingOf(assessment, 'dose.session-volume-cap');
    const noVolume = { ...assessment, session: { ...assessment.session, totals: { ...assessment.session.totals, volumeMl: 0 } } };
    expect(suggestionFor(finding, noVolume, orderFor(strong), HOOK)).toBeUndefined();
  });

  it('reads the strength from the assessment when the request is not given (and assumes ampules of 2 mL)', async () => {
    const { assessment } = await suggestionsFor(strong);
    expect(suggestionFor(findingOf(assessment, 'dose.session-volume-cap'), assessment, orderFor(strong), HOOK)?.label).toBe('Lower the dose to 3.8 mL (2 vials or ampules)');
  });

  it('lowers the dose too when foam becomes liquid and the order is over a limit', async () => {
    const base = exampleRequest('capped-session');
    const shunt = await assessValid({
      ...base,
      history: { ...(base.history as object), rightToLeftShunt: 'symptomatic' },
      plannedSession: { ...(base.plannedSession as object), formulation: 'foam' },
    });
    const suggestion = suggestionFor(findingOf(shunt, 'contraindication.symptomatic-shunt-foam'), shunt, order('Inject 10.5 mL foam', 10.5, 6), HOOK);
    expect(suggestion?.label).toBe('Change foam to liquid and lower the dose to 10 mL');
    expect(resourceOf(suggestion)).toMatchObject({ dosageInstruction: [{ text: 'Inject 10 mL liquid' }], dispenseRequest: { quantity: { value: 5 } } });
  });

  it('for any weight, strength, volume, container size and earlier session: applied, it clears every dose limit; absent, nothing would', async () => {
    const plan = fc
      .record({
        weightKg: fc.integer({ min: 30, max: 130 }),
        percent: fc.constantFrom(0.25, 0.5, 1, 2, 3),
        volumeMl: fc.integer({ min: 1, max: 300 }).map((tenths) => tenths / 10),
        containerMl: fc.constantFrom(1, 1.5, 2, 3, 5),
        // Vials or ampules stated on the order beyond the fewest that hold the volume (a request needs at least those).
        spareContainers: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        // The same day, within the interval window, or just outside it.
        earlier: fc.option(
          fc.record({ volumeMl: fc.integer({ min: 0, max: 120 }).map((tenths) => tenths / 10), percent: fc.constantFrom(0.5, 1, 3), daysBefore: fc.integer({ min: 0, max: 8 }) }),
          { nil: undefined },
        ),
      })
      .map(({ spareContainers, ...p }): Plan => ({
        ...p,
        ...(spareContainers === undefined ? {} : { containers: Math.ceil(p.volumeMl / p.containerMl - 1e-9) + spareContainers }),
      }));
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const { suggestions } = await suggestionsFor(p);
        for (const suggestion of suggestions) {
          if (suggestion === undefined) {
            // Not even 0.1 mL (in no more vials or ampules than allowed) would be within every limit.
            const least = { ...p, volumeMl: 0.1, ...(p.containers === undefined ? {} : { containers: Math.min(p.containers, 5) }) };
            expect(await doseLimitFindings(least)).not.toEqual([]);
            continue;
          }
          const after = { ...p, ...doseAfter(suggestion, p) };
          expect(await doseLimitFindings(after)).toEqual([]);
          // A lower dose comes with the fewest vials or ampules that hold it, when the order states them.
          if (p.containers !== undefined && after.volumeMl < p.volumeMl) expect(after.containers).toBe(Math.ceil(after.volumeMl / p.containerMl - 1e-9));
          // The largest such volume: a tenth more breaks a limit, when the order states no vials or
          // ampules (with a stated number, what they hold also caps the volume).
          if (p.containers === undefined && after.volumeMl < p.volumeMl) expect(await doseLimitFindings({ ...after, volumeMl: Math.round(after.volumeMl * 10 + 1) / 10 })).not.toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('orders whose dose is per administration', () => {
  it('get no mechanical fix, since changing the dose would not set the session total', async () => {
    const { toCdsCards } = await import('../../../../src/adapters/cds-hooks/cards/to-cds-cards.js');
    const { assessOrThrow } = await import('../../../../src/assess.js');
    const { cleanRequest } = await import('../../../helpers.js');
    const request = cleanRequest();
    if (request.plannedSession === undefined) throw new Error('no session');
    const session = { ...request.plannedSession, containers: 8, totalVolumeMl: 16 };
    const assessment = await assessOrThrow({ ...request, plannedSession: session });
    const draftOrder = {
      resourceType: 'MedicationRequest',
      id: 'per-injection',
      status: 'draft',
      intent: 'order',
      subject: { reference: 'Patient/p1' },
      dosageInstruction: [{ text: 'Inject 2 mL, 8 times', timing: { repeat: { count: 8 } }, doseAndRate: [{ doseQuantity: { value: 2, unit: 'mL', code: 'mL' } }] }],
      dispenseRequest: { quantity: { value: 8, unit: 'ampule', code: '{ampule}' } },
    };
    const cards = toCdsCards(assessment, { draftOrder, hookInstance: 'd3c1f4a2-1c6e-4b43-9d2b-1f0f7f2b6a10' });
    expect(cards.some((c) => c.indicator === 'critical')).toBe(true);
    expect(cards.flatMap((c) => c.suggestions ?? [])).toEqual([]);
  });
});
