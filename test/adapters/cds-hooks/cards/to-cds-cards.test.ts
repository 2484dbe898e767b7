import { describe, expect, it } from 'vitest';
import { cardsForCheckedInput, toCdsCards, CARD_EXTENSION_KEYS, LIBRARY, type CdsCard, type CdsCardOptions } from '../../../../src/adapters/cds-hooks/cards/to-cds-cards.js';
import { NOTICE_EXTENSION_KEYS } from '../../../../src/adapters/cds-hooks/cards/notice-cards.js';
import { NON_ADHERENCE_REASON_SYSTEM, OVERRIDE_REASONS } from '../../../../src/adapters/cds-hooks/cards/override-reasons.js';
import { cardUuid } from '../../../../src/adapters/cds-hooks/cards/uuid.js';
import { CardSchema, CdsResponseSchema } from '../../../../src/adapters/cds-hooks/schemas/card-schema.js';
import type { Assessment, Finding } from '../../../../src/model/assessment.js';
import type { Issue } from '../../../../src/model/issues.js';
import { assessValid, exampleRequest, vignetteAssessments } from '../assessments.js';
import { ruleOfCard } from '../examples.js';

const HOOK = 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea';
const OTHER_HOOK = '0b6c1c8e-5d0a-4c59-9d4e-2f0b7a1f3e21';

describe('toCdsCards on every project vignette', async () => {
  const { loaded, assessed } = await vignetteAssessments();

  it('assesses most of the vignettes (the rest are invalid requests)', () => {
    expect(assessed.length).toBeGreaterThan(loaded / 2);
  });

  for (const { name, assessment } of assessed) {
    it(`builds cards that pass the CDS Hooks card schema: ${name}`, () => {
      const cards = toCdsCards(assessment, { hookInstance: HOOK });
      // The service's unchecked path builds the very same cards.
      expect(cardsForCheckedInput({ assessment, hookInstance: HOOK })).toEqual(cards);
      const result = CdsResponseSchema.safeParse({ cards });
      expect(result.success ? [] : result.error.issues).toEqual([]);
      // The findings that block the session on its dose share one card.
      const isDoseLimit = (f: Finding): boolean => f.category === 'dose' && f.severity === 'critical' && f.effect === 'block-session' && (f.veinIds ?? []).length === 0;
      const doseLimits = assessment.findings.some(isDoseLimit) ? 1 : 0;
      const urgent = assessment.findings.filter((f) => f.severity !== 'info' && !isDoseLimit(f)).length + doseLimits;
      const info = assessment.findings.some((f) => f.severity === 'info') ? 1 : 0;
      const held = assessment.session.status === 'held' ? 1 : 0;
      expect(cards).toHaveLength(urgent + info + held);
      expect(cards.filter((card) => ruleOfCard(card) === 'session-held').map((card) => card.indicator)).toEqual(held === 1 ? ['warning'] : []);
    });
  }
});

describe('toCdsCards', async () => {
  const capped = await assessValid(exampleRequest('capped-session'));
  const cards = toCdsCards(capped, { hookInstance: HOOK });
  const doseCard = cards.find((card) => card.source.label.endsWith('· dose limits'));
  const doseFindings = capped.findings.filter((f) => f.ruleId === 'dose.session-container-cap' || f.ruleId === 'dose.session-volume-cap');

  // The earlier session of the example is 13 days before, so neither the daily cap (which needs an
  // earlier session the same day) nor the split-session cap (fewer than 7 days) applies.
  it('makes one dose-limits card for every dose limit exceeded, and one info card, critical first', () => {
    expect(cards.map((card) => [card.indicator, card.source.label, ruleOfCard(card)])).toEqual([
      ['critical', `sclerotherapy-cds ${LIBRARY.version} · dose limits`, '2 rules'],
      ['info', `sclerotherapy-cds ${LIBRARY.version} · 5 points of advice`, '5 rules'],
    ]);
    expect(cards[1]?.summary).toBe('5 points of advice to go through: candidacy, counselling, dose.');
    expect(doseCard?.summary).toMatch(/^The order is over 2 dose limits, listed below/);
    expect(doseCard?.suggestions).toBeUndefined();
  });

  it('explains a finding in Markdown: reason, patient values, resolution and linked citations', () => {
    expect(doseCard?.detail.split('### ').at(-1)).toMatchInlineSnapshot(`
      "The planned liquid sclerosant is over the per-session cap; the session is blocked as planned. [1,2]

      10.5 mL planned; the limit is 10 mL of liquid sclerosant per session (1 cc = 1 mL).

      **Patient values**

      | Value | Patient | Applies when |
      | --- | --- | --- |
      | Whether a session is planned | yes | it is yes |
      | Liquid content of the plan on the standard estimate, in mL | 10.5 | it is more than 10 |

      **What would change this:** A plan with 10 mL of liquid sclerosant or less, with the remaining veins treated at a later session, would lift this block.

      **Sources**

      1. Consumer article on sclerotherapy: up to 10 cc or 5 vials per session (seed 001_85d918566faa684f.txt)
      2. [Asclera (polidocanol) injection 0.5 % and 1 %, US prescribing information (Merz North America; now Methapharm), DailyMed, §16, §2](https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=bb1f342b-5352-4059-a0b2-e60fd652fd28)"
    `);
  });

  it('gives each card an id that is stable for the same hook instance and rule', () => {
    const again = toCdsCards(capped, { hookInstance: HOOK });
    const other = toCdsCards(capped, { hookInstance: OTHER_HOOK });
    expect(again.map((card) => card.uuid)).toEqual(cards.map((card) => card.uuid));
    expect(new Set(cards.map((card) => card.uuid)).size).toBe(cards.length);
    expect(other.map((card) => card.uuid).filter((id) => cards.some((card) => card.uuid === id))).toEqual([]);
    expect(doseCard?.uuid).toBe(cardUuid(HOOK, 'dose-limits'));
  });

  it('derives stable ids from the assessment when no hook instance is given', () => {
    expect(toCdsCards(capped).map((card) => card.uuid)).toEqual(toCdsCards(capped).map((card) => card.uuid));
  });

  it('carries the finding and the assessment status in the extension', () => {
    expect(doseCard?.extension[CARD_EXTENSION_KEYS.findings]).toEqual(doseFindings);
    expect(doseCard?.extension[CARD_EXTENSION_KEYS.assessment]).toMatchObject({ status: capped.status, session: capped.session });
    const gathered = cards[1]?.extension[CARD_EXTENSION_KEYS.findings] as readonly Finding[];
    expect(gathered.map((f) => f.ruleId)).toEqual(capped.findings.filter((f) => f.severity === 'info').map((f) => f.ruleId));
  });

  it('offers override reasons on warning and critical cards only, chosen for the kind of card', () => {
    expect(cards.filter((card) => card.overrideReasons !== undefined).map((card) => card.indicator)).toEqual(['critical']);
    expect(doseCard?.overrideReasons?.map((r) => r.code)).toEqual(['policy-contradicts', 'expert-contradicts', 'risk-benefit-ratio']);
    expect(doseCard?.overrideReasons?.every((r) => r.system === NON_ADHERENCE_REASON_SYSTEM && r.display !== undefined)).toBe(true);
  });

  it('links the citations that have a web address', () => {
    // A polidocanol plan shows the polidocanol label, not the STS one (label sources filtered by agent).
    expect(doseCard?.links?.map((link) => link.url)).toEqual([
      'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=bb1f342b-5352-4059-a0b2-e60fd652fd28',
    ]);
  });

  it('names the source URL when given one', () => {
    const [first] = toCdsCards(capped, { hookInstance: HOOK, sourceUrl: 'https://clinic.example.org/sclerotherapy-rules' });
    expect(first?.source.url).toBe('https://clinic.example.org/sclerotherapy-rules');
  });

  it('shortens a summary of 140 characters or more so that the card stays valid', () => {
    const [finding] = capped.findings;
    if (finding === undefined) return expect.fail('no finding');
    const long = { ...capped, findings: [{ ...finding, summary: 'x'.repeat(140) }] };
    const [card] = toCdsCards(long, { hookInstance: HOOK });
    expect(card?.summary).toBe(`${'x'.repeat(138)}…`);
    expect(CardSchema.safeParse(card).success).toBe(true);
  });

  it('shows a blocked session as critical cards and no held-session card', () => {
    expect(capped.session.status).toBe('blocked');
    expect(cards.filter((card) => card.indicator === 'critical')).toHaveLength(1);
    expect(cards.map(ruleOfCard)).not.toContain('session-held');
  });

  it('shows a held session as one warning card, first among the warnings, listing what would release each hold', async () => {
    const request = exampleRequest('held-session');
    const held = await assessValid(request);
    const heldCards = toCdsCards(held, { hookInstance: HOOK, request: request as never });
    const [first, ...rest] = heldCards.filter((card) => card.indicator === 'warning');
    expect(held.session.status).toBe('held');
    expect(ruleOfCard(first ?? expect.fail('no warning card'))).toBe('session-held');
    expect(rest.map(ruleOfCard)).not.toContain('session-held');
    expect(first).toMatchObject({
      summary: 'The planned session is held: 2 items need settling before it can go ahead.',
      source: { label: `sclerotherapy-cds ${LIBRARY.version} · session` },
      overrideReasons: OVERRIDE_REASONS,
    });
    const [pregnancy, earlier] = held.session.holds;
    expect(first?.detail.split('\n')).toEqual([
      'The plan may be acceptable, but not yet. Before it can go ahead:',
      '',
      `1. **Information to document: pregnancy status.** ${pregnancy?.resolution ?? ''}`,
      `2. **Information to document: earlier sclerotherapy sessions.** ${earlier?.resolution ?? ''}`,
    ]);
    expect(first?.extension[CARD_EXTENSION_KEYS.holds]).toEqual(held.session.holds);
    expect(CdsResponseSchema.safeParse({ cards: heldCards }).success).toBe(true);
  });

  it('names held veins by label, or kind, side and region, in the held-session card', async () => {
    const request = exampleRequest('held-session') as { veins: { id: string }[] };
    const held = await assessValid(request);
    const withVeins: Assessment = {
      ...held,
      session: { ...held.session, heldVeinIds: ['v1', 'v2'], holds: [{ ruleId: 'candidacy.deep-venous-disease', reason: 'referral', veinIds: ['v1', 'v2'], resolution: 'A vascular opinion would settle it.' }] },
    };
    const [card] = toCdsCards(withVeins, { hookInstance: HOOK, request: request as never }).filter((c) => ruleOfCard(c) === 'session-held');
    expect(card?.detail).toContain(
      '1. **A specialist referral (veins: left thigh, lateral cluster; spider veins (telangiectasia), right leg).** A vascular opinion would settle it.',
    );
    expect(card?.summary).toBe('The planned session is held: 1 item needs settling before it can go ahead.');
  });

  it('shows no rule ids, request paths, fact or limit names in card text', async () => {
    const request = exampleRequest('held-session');
    const held = await assessValid(request);
    for (const [assessment, options] of [[capped, {}], [held, { request: request as never }]] as const) {
      for (const card of toCdsCards(assessment, { hookInstance: HOOK, ...options })) {
        // The findings' own texts are checked by test/text/clinician-text.test.ts; here, what the card adds.
        const own = assessment.findings.flatMap((f) => [f.summary, f.detail, f.resolution ?? '']).filter((t) => t !== '');
        const text = own.reduce((t, rule) => t.split(rule).join(''), `${card.summary}\n${card.detail}\n${card.source.label}`);
        for (const finding of assessment.findings) {
          expect(text).not.toContain(finding.ruleId);
          for (const evidence of finding.evidence) expect(text).not.toContain(`\`${evidence.fact}`);
        }
        expect(text).not.toMatch(/\b(history|patient|plannedSession|limits)\.[a-z]/);
        expect(text).not.toMatch(/\b(priorSessions|maxVolumeMl|plannedVolumeMl|sessionPlanned|undocumented)\b/);
      }
    }
  });

  it('makes no cards when nothing fired', () => {
    expect(toCdsCards({ ...capped, findings: [] }, { hookInstance: HOOK })).toEqual([]);
  });
});

describe('toCdsCards on what is not an assessment, or with invalid options', async () => {
  const capped = await assessValid(exampleRequest('capped-session'));
  const NOT_SHOWN = 'The sclerotherapy assessment could not be shown; that is not a sign that there are no concerns.';
  const issuesOf = (card: CdsCard | undefined): readonly Issue[] => (card?.extension[NOTICE_EXTENSION_KEYS.issues] ?? []) as readonly Issue[];
  const throwing = new Proxy({}, { get: () => { throw new Error('unreadable'); }, ownKeys: () => { throw new Error('unreadable'); } });
  const cyclic: Record<string, unknown> = { ...capped };
  cyclic.self = cyclic;
  const [first] = capped.findings;

  const notAssessments: readonly [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
    ['a string', 'assessment'],
    ['an array', [capped]],
    ['the Left of assess', { _tag: 'Left', left: [{ code: 'invalid_type', message: 'x', path: [] }] }],
    ['findings that are not a list', { ...capped, findings: 'none' }],
    ['a finding without a summary', { ...capped, findings: [{ ...first, summary: undefined }] }],
    ['a finding with an unknown severity', { ...capped, findings: [{ ...first, severity: 'urgent' }] }],
    ['a limit that is not a number', { ...capped, session: { ...capped.session, limits: { ...capped.session.limits, maxVolumeMl: 'ten' } } }],
    ['a NaN total', { ...capped, session: { ...capped.session, totals: { ...capped.session.totals, volumeMl: Number.NaN } } }],
    ['a cycle', cyclic],
    ['a BigInt value', { ...capped, findings: [{ ...first, evidence: [{ fact: 'x', operator: 'equal', expected: 1n, actual: 1n }] }] }],
    ['an object whose every read throws', throwing],
  ];

  for (const [what, input] of notAssessments) {
    it(`returns one warning card, and does not throw, for ${what}`, () => {
      const cards = toCdsCards(input as Assessment, { hookInstance: HOOK });
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ indicator: 'warning', summary: NOT_SHOWN, source: { label: `sclerotherapy-cds ${LIBRARY.version} · cards` } });
      expect(CdsResponseSchema.safeParse({ cards }).success).toBe(true);
      expect(issuesOf(cards[0]).length).toBeGreaterThan(0);
      expect(issuesOf(cards[0]).every((i) => i.path[0] === 'assessment')).toBe(true);
    });
  }

  it('names what is wrong, with its path, in the card', () => {
    const [card] = toCdsCards({ ...capped, findings: [{ ...first, summary: undefined }] } as unknown as Assessment, { hookInstance: HOOK });
    expect(card?.detail).toContain('- `assessment.findings.0.summary`: Invalid input: expected string, received undefined');
    expect(card?.uuid).toBe(toCdsCards(null as unknown as Assessment, { hookInstance: HOOK })[0]?.uuid);
  });

  const badOptions: readonly [string, unknown, string][] = [
    ['null options', null, 'options'],
    ['options that are a string', 'd1577c69', 'options'],
    ['a hook instance that is not a string', { hookInstance: 42 }, 'options.hookInstance'],
    ['a javascript: source URL', { hookInstance: HOOK, sourceUrl: 'javascript:alert(1)' }, 'options.sourceUrl'],
    ['a source URL that is not absolute', { hookInstance: HOOK, sourceUrl: '/rules' }, 'options.sourceUrl'],
    ['a draft order that is not an object', { hookInstance: HOOK, draftOrder: 'MedicationRequest/1' }, 'options.draftOrder'],
    ['a request that is not a valid request', { hookInstance: HOOK, request: { plannedSession: { containerVolumeMl: -2 } } }, 'options.request.patient'],
    ['a hook instance that throws when read', Object.defineProperty({}, 'hookInstance', { enumerable: true, get: () => { throw new Error('getter'); } }), 'options'],
  ];

  for (const [what, options, path] of badOptions) {
    it(`returns one warning card, and does not throw, for ${what}`, () => {
      const cards = toCdsCards(capped, options as CdsCardOptions);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ indicator: 'warning', summary: NOT_SHOWN });
      expect(CdsResponseSchema.safeParse({ cards }).success).toBe(true);
      expect(issuesOf(cards[0]).map((i) => i.path.join('.'))).toContain(path);
    });
  }

  it('still builds the cards with no options, or options that are all valid', () => {
    expect(toCdsCards(capped).map((c) => c.summary)).not.toContain(NOT_SHOWN);
    const cards = toCdsCards(capped, { hookInstance: HOOK, sourceUrl: 'https://clinic.example.org/rules', request: exampleRequest('capped-session') as never, draftOrder: { resourceType: 'MedicationRequest', id: 'x' } });
    expect(cards.map((c) => c.summary)).not.toContain(NOT_SHOWN);
    expect(cards).toHaveLength(2);
  });
});

describe('toCdsCards: links and next steps', async () => {
  const LAUNCH = 'https://forms.clinic.example.org/launch?questionnaire=pre-sclerotherapy-screening';
  const request = exampleRequest('held-session');
  const held = await assessValid(request);

  it('gives the cards that ask for screening answers, and the held-session card, a smart link to the screening form when configured', () => {
    const cards = toCdsCards(held, { hookInstance: HOOK, request: request as never, screeningLaunchUrl: LAUNCH });
    const linked = cards.filter((c) => c.links?.some((l) => l.type === 'smart' && l.url === LAUNCH));
    expect(linked.map(ruleOfCard)).toContain('session-held');
    expect(linked.every((c) => c.indicator !== 'info')).toBe(true);
    expect(toCdsCards(held, { hookInstance: HOOK, request: request as never }).some((c) => c.links?.some((l) => l.type === 'smart'))).toBe(false);
    expect(CdsResponseSchema.safeParse({ cards }).success).toBe(true);
  });

  it('suggests a pregnancy test on the pregnancy-status card, as a draft ServiceRequest for the patient', () => {
    const cards = toCdsCards(held, { hookInstance: HOOK, request: request as never, patientId: 'p1' });
    const card = cards.find((c) => ruleOfCard(c) === 'screening.pregnancy-status-unknown');
    expect(card?.suggestions?.[0]).toMatchObject({
      label: 'Order a pregnancy test',
      actions: [{ type: 'create', resource: { resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', subject: { reference: 'Patient/p1' } } }],
    });
    expect(card?.overrideReasons?.map((r) => r.code)).toEqual(['action-completed', 'patient-ineligible']);
  });

  it('suggests a venous duplex where a duplex is required', async () => {
    const duplexRequest = exampleRequest('capped-session') as { veins: { kind: string; symptomatic?: boolean }[]; duplexUltrasound?: unknown };
    const withVaricose = { ...duplexRequest, veins: duplexRequest.veins.map((v) => ({ ...v, kind: 'varicose', symptomatic: true })) };
    delete withVaricose.duplexUltrasound;
    const assessed = await assessValid(withVaricose);
    const card = toCdsCards(assessed, { hookInstance: HOOK, patientId: 'p1' }).find((c) => ruleOfCard(c) === 'candidacy.duplex-before-varicose');
    expect(card?.suggestions?.[0]?.actions[0]).toMatchObject({ type: 'create', resource: { resourceType: 'ServiceRequest', code: { coding: [{ code: '93970' }] } } });
  });
});
