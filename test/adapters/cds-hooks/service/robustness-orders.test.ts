import { describe, expect, it } from 'vitest';
import { fakeFhirServer } from './fake-fhir-server.js';
import { draftOrder, FHIR_BASE, serverAccess } from './requests.js';
import { call, cardsOf, codedOnly, DOSE_LIMITS, prefetched, shapeOf, SIGN, signCall, type Json } from './robustness.js';

// The robustness matrix of the integration review (§3), part 2: how the order names its medication
// and its veins, units and containers, procedure orders, and the order variants. Case ids
// are the review's.

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const NDC = 'http://hl7.org/fhir/sid/ndc';

const baseline = async (): Promise<string[]> => shapeOf((await call(SIGN, signCall())).response);

describe('integration review §3: how the order names its medication', () => {
  const asclera = (): Json => {
    const contained = draftOrder(signCall())['contained'] as Json[];
    return { ...(contained[0] as Json), id: 'asclera-2ml' };
  };
  const external = (order: Json): void => {
    delete order['contained'];
    order['medicationReference'] = { reference: 'Medication/asclera-2ml' };
  };

  it('R6: medicationReference to a Medication that is not included is read from the allowed FHIR server', async () => {
    const server = fakeFhirServer({ [`${FHIR_BASE}/Medication/asclera-2ml`]: asclera() });
    const { response } = await call(SIGN, { ...signCall((r, order) => external(order)), ...serverAccess }, { fetch: server.fetch, fhirServers: [FHIR_BASE] });
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
    expect(server.calls.map((c) => c.url)).toEqual([`${FHIR_BASE}/Medication/asclera-2ml`]);
  });

  it('R6: ... or taken from the prefetch when a search includes it', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      external(order);
      r.prefetch['medicationRequests'] = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: asclera(), search: { mode: 'include' } }] };
    }));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it('R6: ... and when it cannot be read but the order speaks of a sclerosant, a notice says so', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      external(order);
      order['note'] = [{ text: 'Sclerotherapy, left thigh' }];
    }));
    const notice = cardsOf(response).find((c) => c.summary.startsWith('The sclerosant order could not be fully checked'));
    expect(notice?.detail).toContain('Medication/asclera-2ml');
  });

  it('R6b: the same reference with a display naming polidocanol is checked', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      external(order);
      order['medicationReference'] = { reference: 'Medication/asclera-2ml', display: 'Asclera (polidocanol) 0.5% injection, 2 mL ampule' };
    }));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it('R7a: an RxNorm code only (968173, Asclera) gives the critical dose-limits card', async () => {
    const { response } = await call(SIGN, signCall((r, order) => codedOnly(order, RXNORM, '968173')));
    expect(shapeOf(response)).toContain(DOSE_LIMITS);
  });

  it('R7d: an NDC only (67850-140-05, Asclera 2 mL ampule) gives the critical dose-limits card', async () => {
    const { response } = await call(SIGN, signCall((r, order) => codedOnly(order, NDC, '67850-140-05')));
    expect(shapeOf(response)).toContain(DOSE_LIMITS);
  });

  it('R7b/R7c: RxNorm with a display is checked as before', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      codedOnly(order, RXNORM, '968173');
      order['medicationCodeableConcept'] = { coding: [{ system: RXNORM, code: '968173', display: 'polidocanol 5 MG/ML Injectable Solution [Asclera]' }] };
    }));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });
});

describe('integration review §3: targets', () => {
  it('R8a/R8b: a dosage site on the left leg without reasonReference is checked on the left-leg veins', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      delete order['reasonReference'];
      (order['dosageInstruction'] as [Json])[0]['site'] = { text: 'left thigh' };
    }));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it('R8c: no reasonReference and no site: the dose limits are still checked, and the card says the vein checks were not', async () => {
    const { response } = await call(SIGN, signCall((r, order) => delete order['reasonReference']));
    expect(shapeOf(response)).toContain(DOSE_LIMITS);
    const notice = cardsOf(response).find((c) => c.summary.startsWith('The sclerosant order could not be fully checked'));
    expect(notice?.detail).toContain('the checks that depend on the veins treated are not');
  });

  it('R8d: reasonCode 247479008 only: the targets are the recorded spider veins, and the caps are checked', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      delete order['reasonReference'];
      order['reasonCode'] = [{ coding: [{ system: 'http://snomed.info/sct', code: '247479008' }] }];
    }));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
    expect(cardsOf(response).some((c) => c.summary.startsWith('The sclerosant order could not be fully checked'))).toBe(false);
  });
});

describe('integration review §3: units, containers, duplicates and time zones (kept as they pass)', () => {
  it.each([
    ['R9a', { value: 10.5, unit: 'cc', system: 'http://unitsofmeasure.org', code: 'cm3' }],
    ['R9b', { value: 10.5, unit: 'cc' }],
    ['R9c', { value: 10.5, unit: 'ml' }],
    ['R9d', { value: 10.5, unit: 'milliliter' }],
  ])('%s: the dose in %j is read as 10.5 mL', async (_, dose) => {
    const { response } = await call(SIGN, signCall((r, order) => ((order['dosageInstruction'] as [Json])[0]['doseAndRate'] = [{ doseQuantity: dose }])));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it.each([
    ['R10a', { value: 6, unit: 'vial', code: '{vial}' }],
    ['R10b', { value: 6, unit: 'ampoule' }],
  ])('%s: %j dispensed counts as 6 containers', async (_, quantity) => {
    const { response } = await call(SIGN, signCall((r, order) => (order['dispenseRequest'] = { quantity })));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it('R9e: 4 mL is read as 4 mL, within the limits', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      (order['dosageInstruction'] as Json[])[0] = { text: 'Inject 4 mL', doseAndRate: [{ doseQuantity: { value: 4, unit: 'mL' } }] };
      order['dispenseRequest'] = { quantity: { value: 2, unit: 'ampule' } };
    }));
    expect(shapeOf(response).some((c) => c.startsWith('critical:'))).toBe(false);
  });

  it.each([
    ['R10c', { quantity: { value: 6, unit: 'EA' } }],
    ['R10d', { quantity: { value: 12, unit: 'mL' } }],
    ['R10e', undefined],
  ])('%s: dispense %j: the containers are stated or derived, and the caps are checked', async (_, dispense) => {
    const { response } = await call(SIGN, signCall((r, order) => {
      if (dispense === undefined) delete order['dispenseRequest'];
      else order['dispenseRequest'] = dispense;
    }));
    expect(shapeOf(response)[0]).toMatch(/^critical:dose-limits\(.*dose\.session-volume-cap/);
  });

  it('R11b: the same draft twice is counted once', async () => {
    const { response } = await call(SIGN, signCall((r, order) => (r.context.draftOrders['entry'] = [{ resource: order }, { resource: order }])));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R11c: the same order under two ids is summed (conservative)', async () => {
    const { response } = await call(SIGN, signCall((r, order) => (r.context.draftOrders['entry'] = [{ resource: order }, { resource: { ...order, id: 'sclero-2' } }])));
    const card = cardsOf(response)[0];
    expect(card?.indicator).toBe('critical');
    expect(card?.detail).toContain('21');
  });

  it('R12a: a weight taken at 20:00 −05:00 on the day is used', async () => {
    const { response } = await call(SIGN, signCall((r) => (prefetched(r, 'observations')['effectiveDateTime'] = '2026-11-22T20:00:00-05:00')));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R12d: a birthDate with a time is accepted', async () => {
    const { response } = await call(SIGN, signCall((r) => (prefetched(r, 'patient')['birthDate'] = '1984-03-10T00:00:00Z')));
    expect(response.status).toBe(200);
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it('R11a: a duplicated Condition is counted once', async () => {
    const { response } = await call(SIGN, signCall((r) => {
      const conditions = r.prefetch['conditions'] as { entry: [Json] };
      conditions.entry.push(conditions.entry[0]);
    }));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R11d: the draft also in the prefetch as active is counted once', async () => {
    const { response } = await call(SIGN, signCall((r, order) => (r.prefetch['medicationRequests'] = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { ...order, status: 'active' } }] })));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R12e: an instant without a time zone (authoredOn 2026-11-23T08:00:00) is accepted', async () => {
    const { response } = await call(SIGN, signCall((r, order) => (order['authoredOn'] = '2026-11-23T08:00:00')));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });

  it('R12b: authoredOn 08:00 +14:00 the next day is accepted', async () => {
    const { response } = await call(SIGN, signCall((r, order) => (order['authoredOn'] = '2026-11-24T08:00:00+14:00')));
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
  });
});

describe('integration review §3: procedure orders', () => {
  const sclerotherapy = (text: string): Json => ({
    resourceType: 'ServiceRequest',
    id: 'sr1',
    status: 'draft',
    intent: 'order',
    code: { text },
    subject: { reference: 'Patient/p1' },
    authoredOn: '2026-11-23',
    reasonReference: [{ reference: 'Condition/spider-left' }],
  });

  it('R17: a sclerotherapy ServiceRequest stating agent, strength and volume is checked against the limits', async () => {
    const { response } = await call(SIGN, signCall((r) => (r.context.draftOrders['entry'] = [{ resource: sclerotherapy('Sclerotherapy, left leg, polidocanol 0.5% 10.5 mL') }])));
    // 10.5 mL in ampules of the usual 2 mL is 6 ampules: over the vial limit too.
    expect(shapeOf(response)).toContain(DOSE_LIMITS);
  });

  it('R17: a sclerotherapy ServiceRequest without agent and volume asks for them', async () => {
    const { response } = await call(SIGN, signCall((r) => (r.context.draftOrders['entry'] = [{ resource: sclerotherapy('Sclerotherapy of the left leg') }])));
    const [card] = cardsOf(response);
    expect(card?.summary).toBe('The sclerosant order could not be fully checked against the dose and safety limits.');
    expect(card?.detail).toContain('names no sclerosant');
  });
});

describe('issue 10, done when: the 10.5 mL / 6-ampule polidocanol order is never silent', () => {
  const variants: readonly [string, (request: Json & { prefetch: Json }, order: Json) => void][] = [
    ['coded only by RxNorm', (_, order) => codedOnly(order, 'http://www.nlm.nih.gov/research/umls/rxnorm', '968173')],
    ['coded only by NDC', (_, order) => codedOnly(order, 'http://hl7.org/fhir/sid/ndc', '67850-140-05')],
    ['by a Medication referenced from a search result', (request, order) => {
      const medication = { ...((order['contained'] as Json[])[0] as Json), id: 'asclera-2ml' };
      delete order['contained'];
      order['medicationReference'] = { reference: 'Medication/asclera-2ml' };
      request.prefetch['medicationRequests'] = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: medication, search: { mode: 'include' } }] };
    }],
    ['without any target Condition', (request, order) => {
      delete order['reasonReference'];
      request.prefetch['conditions'] = { resourceType: 'Bundle', type: 'searchset', total: 0 };
    }],
  ];

  it.each(variants)('%s: the critical dose-limits card', async (_, edit) => {
    const { response } = await call(SIGN, signCall(edit));
    const card = cardsOf(response).find((c) => c.indicator === 'critical');
    expect(shapeOf(response)).toContain(DOSE_LIMITS);
    expect(card?.summary).toMatch(/^The order is over 2 dose limits/);
    expect(cardsOf(response).length).toBeLessThanOrEqual(5);
  });
});
