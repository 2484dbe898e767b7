import { describe, expect, it } from 'vitest';
import { fakeFhirServer } from './fake-fhir-server.js';
import { FHIR_BASE, serverAccess } from './requests.js';
import { call, cardsOf, DOSE_LIMITS, prefetched, shapeOf, SIGN, signCall, VIEW, type Json } from './robustness.js';

// The robustness matrix of the integration review (§3), part 1: empty values, missing data, the
// order context, other FHIR versions, fhirAuthorization and patient-view relevance, case by case,
// each answered as its "Expected" column says. Case ids are the review's.


const baseline = async (): Promise<string[]> => shapeOf((await call(SIGN, signCall())).response);

describe('integration review §3: empty values', () => {
  it('baseline: the fixture order is over the volume and the vial limit, on one critical card', async () => {
    const shape = await baseline();
    expect(shape[0]).toBe(DOSE_LIMITS);
    expect(shape.length).toBeLessThanOrEqual(5);
  });

  it('R1: a searchset with "entry": [] reads as zero results, logs a conformance warning and answers normally', async () => {
    const { response, log } = await call(SIGN, signCall((r) => ((r.prefetch['medicationRequests'] as Json)['entry'] = [])));
    expect(shapeOf(response)).toEqual(await baseline());
    expect(log.find((e) => e['event'] === 'conformance_warning')).toMatchObject({ level: 'warn', hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea', repairs: [{ path: 'prefetch.medicationRequests.entry', action: 'removed_empty' }] });
  });

  it('R1b: "entry": [] in another searchset (allergies) answers normally', async () => {
    const { response } = await call(SIGN, signCall((r) => (r.prefetch['allergies'] = { resourceType: 'Bundle', type: 'searchset', entry: [] })));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R1c: a HAPI-style empty searchset (total 0, meta, self link, no entry) answers normally', async () => {
    const empty = { resourceType: 'Bundle', type: 'searchset', total: 0, meta: { lastUpdated: '2026-11-23T08:00:00Z' }, link: [{ relation: 'self', url: `${FHIR_BASE}/AllergyIntolerance?patient=p1` }] };
    const { response } = await call(SIGN, signCall((r) => (r.prefetch['allergies'] = empty)));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R1d: "" inside a prefetched resource is removed, and the cards are the same', async () => {
    const { response, log } = await call(SIGN, signCall((r) => (prefetched(r, 'conditions')['note'] = [{ text: '' }])));
    expect(shapeOf(response)).toEqual(await baseline());
    expect(JSON.stringify(log)).toContain('prefetch.conditions.entry.0.resource.note');
  });

  it('R1e: null inside a prefetched resource is removed, and the cards are the same', async () => {
    const { response } = await call(SIGN, signCall((r) => (prefetched(r, 'patient')['telecom'] = null)));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R1d/R1e strict: with strict: true the same calls keep the 400 of the letter of CDS Hooks', async () => {
    const { response } = await call(SIGN, signCall((r) => (prefetched(r, 'patient')['telecom'] = null)), { strict: true });
    expect(response.status).toBe(400);
    const emptyEntry = await call(SIGN, signCall((r) => ((r.prefetch['medicationRequests'] as Json)['entry'] = [])), { strict: true });
    expect(emptyEntry.response.status).toBe(400);
  });
});

describe('integration review §3: missing data', () => {
  it('R2: every key null except patient: the dose limits are checked anyway, and the card names the Condition reported absent', async () => {
    const { response } = await call(SIGN, signCall((r) => {
      for (const key of Object.keys(r.prefetch)) if (key !== 'patient') r.prefetch[key] = null;
    }));
    const shape = shapeOf(response);
    expect(shape).toContain(DOSE_LIMITS);
    const notice = cardsOf(response).find((c) => c.summary.startsWith('The sclerosant order could not be fully checked'));
    expect(notice?.detail).toContain('Condition/spider-left');
  });

  it('R2b: patient null on an order hook: one "could not assess" warning', async () => {
    const { response } = await call(SIGN, signCall((r) => (r.prefetch['patient'] = null)));
    expect(shapeOf(response)).toEqual(['warning:FHIR mapping']);
  });

  it('R2c: patient null on patient-view, with no veins or sclerosant order in the chart: no cards', async () => {
    const request = signCall((r) => {
      r.prefetch['patient'] = null;
      r.prefetch['conditions'] = null;
    }) as Json & { context: Json };
    const view = { ...request, hook: 'patient-view', context: { userId: 'Practitioner/dr-1', patientId: 'p1' } };
    expect(cardsOf((await call(VIEW, view)).response)).toEqual([]);
  });

  it('R2d: a key missing with no fhirServer gives 412 naming the key', async () => {
    const { response } = await call(SIGN, signCall((r) => delete r.prefetch['conditions']));
    expect(response.status).toBe(412);
    expect(JSON.stringify(response.body)).toContain('"conditions"');
  });
});

describe('integration review §3: order context', () => {
  it('R3a: draftOrders with "entry": [] answers {"cards": []}', async () => {
    const { response } = await call(SIGN, signCall((r) => (r.context.draftOrders['entry'] = [])));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ cards: [] });
  });

  it('R3c: draftOrders with no entry answers {"cards": []}', async () => {
    const { response } = await call(SIGN, signCall((r) => delete r.context.draftOrders['entry']));
    expect(response.body).toEqual({ cards: [] });
  });

  it('R3b: no draftOrders at all stays a 400', async () => {
    const { response } = await call(SIGN, signCall((r) => delete (r.context as Json)['draftOrders']));
    expect(response.status).toBe(400);
  });

  it('R3d: a non-sclerosant order only (a NutritionOrder) answers {"cards": []}', async () => {
    const nutrition = { resourceType: 'NutritionOrder', id: 'n1', status: 'draft', intent: 'order', patient: { reference: 'Patient/p1' }, dateTime: '2026-11-23' };
    const { response } = await call(SIGN, signCall((r) => (r.context.draftOrders['entry'] = [{ resource: nutrition }])));
    expect(response.body).toEqual({ cards: [] });
  });
});

describe('integration review §3: other FHIR versions', () => {
  it('R4a: an STU3 order-sign context with a NutritionOrder answers {"cards": []}', async () => {
    const stu3 = { resourceType: 'NutritionOrder', id: 'n1', status: 'draft', patient: { reference: 'Patient/p1' }, dateTime: '2026-11-23', oralDiet: { type: [{ text: 'Diabetic diet' }] } };
    const { response } = await call(SIGN, signCall((r) => (r.context.draftOrders['entry'] = [{ resource: stu3 }])));
    expect(response.body).toEqual({ cards: [] });
  });

  it('R4b: one STU3-shaped Condition is skipped; the rest is assessed and no "could not assess" card shows', async () => {
    const { response } = await call(SIGN, signCall((r) => {
      const conditions = r.prefetch['conditions'] as { entry: Json[] };
      conditions.entry.push({ resource: { resourceType: 'Condition', id: 'old-1', clinicalStatus: 'active', code: { text: 'Hypertension' }, subject: { reference: 'Patient/p1' } } });
    }));
    const shape = shapeOf(response);
    expect(shape).toEqual(await baseline());
    expect(shape).not.toContain('warning:FHIR mapping');
  });

  it('R4d: one STU3-shaped AllergyIntolerance is skipped likewise', async () => {
    const { response } = await call(SIGN, signCall((r) => {
      r.prefetch['allergies'] = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'AllergyIntolerance', id: 'a1', verificationStatus: 'confirmed', patient: { reference: 'Patient/p1' }, substance: { text: 'latex' } } }] };
    }));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R4c: a DSTU2 MedicationOrder as the draft gets a warning phrased as an integration problem', async () => {
    const { response } = await call(SIGN, signCall((r, order) => (order['resourceType'] = 'MedicationOrder')));
    const [card] = cardsOf(response);
    expect(card).toMatchObject({ indicator: 'warning', source: { label: expect.stringContaining('· order') } });
    expect(card?.detail).toContain('MedicationOrder/sclero-1');
    expect(card?.detail).toContain('EHR integration');
  });

  it('R5a: an R5 medication.reference draft gets a clear "not FHIR R4" notice, never silence', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      delete order['medicationReference'];
      order['medication'] = { reference: { reference: '#polidocanol-1' } };
    }));
    const cards = cardsOf(response);
    expect(cards.map((c) => c.summary)).toContain('An order could not be read: it is not in FHIR R4, so it was not checked against the sclerotherapy limits.');
  });

  it('R5b: an R5 medication.concept draft gets the same notice', async () => {
    const { response } = await call(SIGN, signCall((r, order) => {
      delete order['medicationReference'];
      delete order['contained'];
      order['medication'] = { concept: { text: 'Asclera (polidocanol) 0.5%' } };
    }));
    expect(shapeOf(response)[0]).toBe('warning:order');
  });
});

describe('integration review §3: fhirAuthorization and context', () => {
  const withToken = (authorization: Json): Json => ({ ...signCall(), fhirServer: FHIR_BASE, fhirAuthorization: authorization });
  const token = { access_token: 'x', token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'cds' };

  it('R13a: fhirAuthorization without subject, prefetch complete: answered normally', async () => {
    const noSubject = Object.fromEntries(Object.entries(token).filter(([key]) => key !== 'subject'));
    expect(shapeOf((await call(SIGN, withToken(noSubject))).response)).toEqual(await baseline());
  });

  it('R13b: expires_in as a numeric string is accepted', async () => {
    expect(shapeOf((await call(SIGN, withToken({ ...token, expires_in: '300' }))).response)).toEqual(await baseline());
  });

  it('R13c: token_type "bearer" is accepted case-insensitively', async () => {
    const { response, log } = await call(SIGN, withToken({ ...token, token_type: 'bearer' }));
    expect(shapeOf(response)).toEqual(await baseline());
    expect(JSON.stringify(log)).toContain('fhirAuthorization.token_type');
  });

  it('R13c: ... and the token is still used when the server must be read', async () => {
    const server = fakeFhirServer({ [`${FHIR_BASE}/Condition?patient=p1`]: signCall().prefetch['conditions'] });
    const request = signCall((r) => delete r.prefetch['conditions']);
    const { response } = await call(SIGN, { ...request, ...serverAccess, fhirAuthorization: { ...serverAccess.fhirAuthorization, token_type: 'BEARER' } }, { fetch: server.fetch, fhirServers: [FHIR_BASE] });
    expect(shapeOf(response)[0]).toBe(DOSE_LIMITS);
    expect(server.calls[0]?.init.headers).toMatchObject({ authorization: `Bearer ${serverAccess.fhirAuthorization.access_token}` });
  });

  it('R13d: context.encounterId null is dropped', async () => {
    const { response } = await call(SIGN, signCall((r) => ((r.context as Json)['encounterId'] = null)));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R13e: a hookInstance that is not a UUID stays a 400', async () => {
    const { response } = await call(SIGN, { ...signCall(), hookInstance: 'abc' });
    expect(response.status).toBe(400);
  });

  it('R14a: an OperationOutcome warning in a searchset is ignored', async () => {
    const { response } = await call(SIGN, signCall((r) => {
      (r.prefetch['conditions'] as { entry: Json[] }).entry.push({ resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational' }] }, search: { mode: 'outcome' } });
    }));
    expect(shapeOf(response)).toEqual(await baseline());
  });

  it('R14c: a next link on an open allowed server, no token: the next page is read without a token', async () => {
    const conditions = signCall().prefetch['conditions'] as Json;
    const next = `${FHIR_BASE}/Condition?patient=p1&page=2`;
    const server = fakeFhirServer({ [next]: { resourceType: 'Bundle', type: 'searchset', entry: [] } });
    const request = { ...signCall((r) => (r.prefetch['conditions'] = { ...conditions, link: [{ relation: 'next', url: next }] })), fhirServer: FHIR_BASE };
    const { response } = await call(SIGN, request, { fetch: server.fetch, fhirServers: [FHIR_BASE] });
    expect(shapeOf(response)).toEqual(await baseline());
    expect(server.calls.map((c) => [c.url, (c.init.headers as Json)['authorization']])).toEqual([[next, undefined]]);
  });

  it('R14b: an OperationOutcome error makes the data incomplete: 412', async () => {
    const { response } = await call(SIGN, signCall((r) => {
      (r.prefetch['conditions'] as { entry: Json[] }).entry.push({ resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'too-costly' }] }, search: { mode: 'outcome' } });
    }));
    expect(response.status).toBe(412);
  });
});

describe('integration review PV1–PV3: patient-view decides relevance before any notice', () => {
  const view = (edit: (prefetch: Json) => void): Json => {
    const request = signCall() as Json & { prefetch: Json };
    edit(request.prefetch);
    return { ...request, hook: 'patient-view', context: { userId: 'Practitioner/dr-1', patientId: 'p1' } };
  };
  const noVeins = (prefetch: Json): void => {
    prefetch['conditions'] = { resourceType: 'Bundle', type: 'searchset', total: 0 };
  };

  it('PV1: a deceased patient with no veins: no cards', async () => {
    const request = view((p) => {
      noVeins(p);
      (p['patient'] as Json)['deceasedBoolean'] = true;
    });
    expect(cardsOf((await call(VIEW, request)).response)).toEqual([]);
  });

  it('PV2: a patient without a birth date and no veins: no cards', async () => {
    const request = view((p) => {
      noVeins(p);
      delete (p['patient'] as Json)['birthDate'];
    });
    expect(cardsOf((await call(VIEW, request)).response)).toEqual([]);
  });

  it('PV3: one legacy resource in a chart with no veins: no cards', async () => {
    const request = view((p) => {
      p['conditions'] = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Condition', id: 'old', clinicalStatus: 'active', code: { text: 'Asthma' }, subject: { reference: 'Patient/p1' } } }] };
    });
    expect(cardsOf((await call(VIEW, request)).response)).toEqual([]);
  });

  it('PV2 with veins recorded: the "could not assess" notice shows, naming no internal path', async () => {
    const request = view((p) => delete (p['patient'] as Json)['birthDate']);
    const [card] = cardsOf((await call(VIEW, request)).response);
    expect(card?.summary).toBe('Sclerotherapy decision support could not assess this patient from the record.');
    expect(card?.detail).not.toMatch(/entry\.\d/);
  });
});
