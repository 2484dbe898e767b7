/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { Assessment, Finding } from '../../src/model/assessment.js';
import type { AssessmentRequest, PlannedSession, PriorSession, Vein } from '../../src/model/request-schema.js';
import { AGENTS, type Jurisdiction } from '../../src/model/vocabulary.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { defaultRuleSet } from '../../src/rules/default-rule-set.js';
import { BUNDLED_RULE_FILES } from '../../src/rules/bundled-rules.generated.js';
import { filterLabelSources } from '../../src/explain/build-finding.js';
import { toFacts } from '../../src/facts/to-facts.js';
import { lintRuleSet } from '../../src/rules/lint-rule-set.js';
import { assessValid, changed, expectClinicianText, expectFinding, expectSilent } from '../helpers.js';
import { accepted, clinicSource, overlay, refused } from './overlay-helpers.js';

// The agent table of RULES.md v2, written out here rather than read from rules/agents.json, so the
// tests check the shipped table against the specification.
type Agent = PlannedSession['agent'];
type Formulation = PlannedSession['formulation'];
type Kind = Vein['kind'];
const POL: Agent = 'polidocanol';
const STS: Agent = 'sodium-tetradecyl-sulfate';

const LABELLED: readonly (readonly [Agent, Formulation, Kind, number])[] = [
  [POL, 'liquid', 'telangiectasia', 0.5],
  [POL, 'liquid', 'reticular', 1],
  [POL, 'liquid', 'varicose', 3],
  [POL, 'foam', 'telangiectasia', 0.5],
  [POL, 'foam', 'reticular', 1],
  [POL, 'foam', 'varicose', 3],
  [STS, 'liquid', 'telangiectasia', 0.2],
  [STS, 'liquid', 'reticular', 0.5],
  [STS, 'liquid', 'varicose', 3],
  [STS, 'foam', 'telangiectasia', 0.2],
  [STS, 'foam', 'reticular', 0.5],
  [STS, 'foam', 'varicose', 3],
];
const INPUT_MAX: Readonly<Record<Agent, number>> = { polidocanol: 4, 'sodium-tetradecyl-sulfate': 3, 'hypertonic-saline': 23.4, glycerin: 72 };

/** [agent, formulation, class, first-session mL, later mL]. */
const PER_INJECTION: readonly (readonly [Agent, Formulation, Kind, number, number])[] = [
  [POL, 'liquid', 'telangiectasia', 0.3, 0.3],
  [POL, 'liquid', 'reticular', 0.3, 0.3],
  [POL, 'liquid', 'varicose', 1, 2],
  [POL, 'foam', 'varicose', 5, 5],
  [STS, 'liquid', 'telangiectasia', 1, 1],
  [STS, 'liquid', 'reticular', 1, 1],
  [STS, 'liquid', 'varicose', 2, 2],
  [STS, 'foam', 'varicose', 5, 5],
  ['hypertonic-saline', 'liquid', 'telangiectasia', 0.3, 0.3],
  ['hypertonic-saline', 'liquid', 'reticular', 0.3, 0.3],
];

const VEIN_OF: Readonly<Record<Kind, string>> = { telangiectasia: 't1', reticular: 'r1', varicose: 'v1' };

const FAR = 'dose.strength-far-above-label';
const ABOVE = 'dose.concentration-for-vein-size';
const INJECTION = 'dose.per-injection-volume';
const STS_LABEL = 'contraindication.sts-label';
const TEST_DOSE = 'dose.sts-test-dose';
const OFF_LABEL = 'precaution.off-label-agent';

/** The clean request with a right-leg varicose vein v1 (4 mm) and a duplex on record, and the plan changed. */
const plan = (patch: Partial<PlannedSession>, more?: (request: AssessmentRequest) => void): AssessmentRequest =>
  changed((request) => {
    request.veins.push({ id: 'v1', kind: 'varicose', diameterMm: 4, region: 'leg', side: 'right' });
    request.duplexUltrasound = { date: '2026-01-10', truncalReflux: [], deepVenousDisease: [] };
    if (request.plannedSession === undefined) throw new Error('the clean request plans a session');
    Object.assign(request.plannedSession, { containers: 5, containerVolumeMl: 2 }, patch);
    more?.(request);
  });

const strengthPlan = (agent: Agent, formulation: Formulation, kind: Kind, concentrationPercent: number) =>
  plan({ agent, formulation, concentrationPercent, targetVeinIds: [VEIN_OF[kind]] });

const round = (n: number): number => Number(n.toFixed(9));


const labelOf = (key: string): string => defaultRuleSet.sources[key]?.label ?? expect.fail(`no source ${key}`);
const showsSource = (finding: Finding, key: string): boolean => finding.sources.some((s) => s.label.startsWith(labelOf(key)));

describe('the agent table in the rule set', () => {
  it('is loaded into the default rule set with every agent of the request vocabulary', () => {
    expect(Object.keys(defaultRuleSet.agents).sort()).toEqual([...AGENTS].sort());
    for (const [agent, formulation, kind, labelled] of LABELLED) {
      expect(defaultRuleSet.agents[agent].cells[formulation]?.[kind].labelledPercent).toBe(labelled);
    }
    for (const [agent, formulation, kind, first, later] of PER_INJECTION) {
      const cell = defaultRuleSet.agents[agent].cells[formulation]?.[kind];
      expect([cell?.perInjectionFirstMl, cell?.perInjectionLaterMl]).toEqual([first, later]);
    }
    expect(defaultRuleSet.agents[STS].cells.liquid.varicose.perInjectionAt3PercentMl).toBe(1);
  });

  it('accepts a replacement table through loadRuleSet and assesses with it', async () => {
    const table = JSON.parse(readFileSync('rules/agents.json', 'utf8')) as Record<string, { cells: { liquid: Record<string, Record<string, unknown>> } }>;
    const sts = table[STS];
    if (sts === undefined) throw new Error('no STS entry');
    sts.cells.liquid['telangiectasia'] = { ...sts.cells.liquid['telangiectasia'], labelledPercent: 0.1 };
    const loaded = loadRuleSet(BUNDLED_RULE_FILES, { agents: table });
    if (E.isLeft(loaded)) return expect.fail(JSON.stringify(loaded.left));
    expect(loaded.right.agents[STS].cells.liquid.telangiectasia.labelledPercent).toBe(0.1);
    const assessment = await assessValid(strengthPlan(STS, 'liquid', 'telangiectasia', 0.3), { ruleSet: loaded.right });
    expect(expectFinding(assessment, FAR).veinIds).toEqual(['t1']);
  });

  it('refuses a table that breaks the schema, with paths under agents', () => {
    const table = JSON.parse(readFileSync('rules/agents.json', 'utf8')) as Record<string, Record<string, unknown>>;
    delete table[POL]?.['words'];
    const loaded = loadRuleSet(BUNDLED_RULE_FILES, { agents: table });
    if (E.isRight(loaded)) return expect.fail('expected the table to be refused');
    expect(loaded.left).toContainEqual(expect.objectContaining({ path: ['agents', POL, 'words'] }));
  });

  it('refuses a cell that cites an unknown source, naming the cell', () => {
    const table = JSON.parse(readFileSync('rules/agents.json', 'utf8')) as Record<string, { cells: { liquid: Record<string, { sources: string[] }> } }>;
    const cell = table[POL]?.cells.liquid['reticular'];
    if (cell === undefined) throw new Error('no cell');
    cell.sources = ['NO-SUCH-SOURCE'];
    const loaded = loadRuleSet(BUNDLED_RULE_FILES, { agents: table });
    if (E.isRight(loaded)) return expect.fail('expected the table to be refused');
    expect(loaded.left).toEqual([
      expect.objectContaining({ code: 'unknown_source', path: ['agents', POL, 'cells', 'liquid', 'reticular', 'sources', 0] }),
    ]);
  });

  it('refuses a label source that is not in the sources file', () => {
    const table = JSON.parse(readFileSync('rules/agents.json', 'utf8')) as Record<string, { labelSources: string[] }>;
    const entry = table[STS];
    if (entry === undefined) throw new Error('no STS entry');
    entry.labelSources = ['NOPE'];
    const loaded = loadRuleSet(BUNDLED_RULE_FILES, { agents: table });
    if (E.isRight(loaded)) return expect.fail('expected the table to be refused');
    expect(loaded.left).toEqual([expect.objectContaining({ code: 'unknown_source', path: ['agents', STS, 'labelSources', 0] })]);
  });
});

describe('agent-table overlays (lower only)', () => {
  const CELL = 'polidocanol.liquid.telangiectasia.perInjectionLaterMl';
  const lower = (name: string, value: number) => overlay({ ...clinicSource, agents: { [name]: { value, sources: ['CLINIC'] } } });

  it('accepts a lower value and shows the default and the overlay in the finding that applies it', async () => {
    const ruleSet = accepted(lower(CELL, 0.2));
    expect(ruleSet.agents[POL].cells.liquid.telangiectasia.perInjectionLaterMl).toBe(0.2);
    expect(ruleSet.agents[POL].cells.liquid.telangiectasia.sources).toContain('CLINIC');
    const later = (volumeMl: number) =>
      plan({ totalVolumeMl: volumeMl, injections: [{ veinId: 't1', volumeMl }] }, (r) => {
        r.priorSessions = [{ date: '2026-02-01', agent: POL, totalVolumeMl: 1, formulation: 'liquid', concentrationPercent: 0.5 }];
      });
    expectSilent(await assessValid(later(0.2), { ruleSet }), INJECTION);
    const finding = expectFinding(await assessValid(later(0.21), { ruleSet }), INJECTION);
    expect(finding.limits).toContainEqual({ name: `agents.${CELL}`, value: 0.2, unit: 'mL', baseValue: 0.3, changedBy: 'Test clinic 1' });
    expect(finding.detail).toContain('lowers the largest injection at later sessions of liquid polidocanol for spider veins to 0.2 mL; the default is 0.3 mL');
    // The default rule set still allows 0.21 mL.
    expectSilent(await assessValid(later(0.21)), INJECTION);
  });

  it('accepts the cell name with the leading "agents." of RULES.md', () => {
    expect(accepted(lower(`agents.${CELL}`, 0.2)).agents[POL].cells.liquid.telangiectasia.perInjectionLaterMl).toBe(0.2);
  });

  it('lowers a labelled strength, and the block follows at 3 times the lowered value', async () => {
    const ruleSet = accepted(lower('polidocanol.liquid.telangiectasia.labelledPercent', 0.25));
    const at = async (percent: number) => assessValid(strengthPlan(POL, 'liquid', 'telangiectasia', percent), { ruleSet });
    expect(expectFinding(await at(0.5), ABOVE).limits).toContainEqual(
      expect.objectContaining({ name: 'agents.polidocanol.liquid.telangiectasia.labelledPercent', value: 0.25, baseValue: 0.3 + 0.2 }),
    );
    expectFinding(await at(0.75), FAR);
  });

  it('refuses a higher value as loosening', () => {
    expect(refused(lower(CELL, 0.4))).toEqual([
      expect.objectContaining({ code: 'overlay_loosens_limit', path: ['overlay', 'agents', CELL, 'value'] }),
    ]);
  });

  it('refuses a value for a cell that has none', () => {
    const name = 'hypertonic-saline.liquid.varicose.perInjectionFirstMl';
    expect(refused(lower(name, 0.5))).toEqual([expect.objectContaining({ code: 'overlay_loosens_limit', path: ['overlay', 'agents', name, 'value'] })]);
  });

  it('refuses an unknown cell and an unknown source', () => {
    expect(refused(lower('polidocanol.gel.telangiectasia.labelledPercent', 0.2))[0]?.code).toBe('unknown_agent_cell');
    expect(refused(lower('glycerin.foam.telangiectasia.labelledPercent', 0.2))[0]?.code).toBe('unknown_agent_cell');
    expect(refused(overlay({ agents: { [CELL]: { value: 0.2, sources: ['NOPE'] } } }))).toEqual([
      expect.objectContaining({ code: 'unknown_source', path: ['overlay', 'agents', CELL, 'sources', 0] }),
    ]);
  });
});

describe('strength against the agent table: at, just above, just below 3 × and at 3 × the labelled strength', () => {
  for (const [agent, formulation, kind, labelled] of LABELLED) {
    const name = `${agent} ${formulation} into a ${kind} target (labelled ${labelled} %)`;
    const block = round(3 * labelled);

    it(`${name}: silent at ${labelled} %`, async () => {
      const assessment = await assessValid(strengthPlan(agent, formulation, kind, labelled));
      expectSilent(assessment, ABOVE);
      expectSilent(assessment, FAR);
    });

    if (round(labelled + 0.01) <= INPUT_MAX[agent]) {
      it(`${name}: cautions at ${round(labelled + 0.01)} %`, async () => {
        const assessment = await assessValid(strengthPlan(agent, formulation, kind, round(labelled + 0.01)));
        const finding = expectFinding(assessment, ABOVE);
        expect(finding.veinIds).toEqual([VEIN_OF[kind]]);
        expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'plannedConcentrationPercent', expected: labelled, actual: round(labelled + 0.01) }));
        expect(finding.detail).toContain(`${labelled} % for`);
        expect(finding.limits).toContainEqual(expect.objectContaining({ name: `agents.${agent}.${formulation}.${kind}.labelledPercent`, value: labelled, unit: '%' }));
        expectClinicianText(finding);
        expectSilent(assessment, FAR);
        if (kind !== 'varicose') expect(assessment.session.status).toBe('approved');
      });
    }

    if (block <= INPUT_MAX[agent]) {
      it(`${name}: cautions just below ${block} % and blocks at ${block} %`, async () => {
        const below = await assessValid(strengthPlan(agent, formulation, kind, round(block - 0.01)));
        expectFinding(below, ABOVE);
        expectSilent(below, FAR);
        const at = await assessValid(strengthPlan(agent, formulation, kind, block));
        const finding = expectFinding(at, FAR);
        expectSilent(at, ABOVE);
        expect(finding.veinIds).toEqual([VEIN_OF[kind]]);
        expect(finding.scope).toBeUndefined();
        expect(finding.unconfirmed).toBeUndefined();
        expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'plannedConcentrationPercent', expected: block, actual: block }));
        expect(finding.detail).toContain(`${labelled} % for`);
        expectClinicianText(finding);
        expect(at.session.status).toBe('blocked');
        expect(at.session.holds).toEqual([]);
      });
    }
  }

  it('STS 3 % into a spider vein blocks; 0.3 % cautions', async () => {
    expect((await assessValid(strengthPlan(STS, 'liquid', 'telangiectasia', 3))).session.status).toBe('blocked');
    const caution = await assessValid(strengthPlan(STS, 'liquid', 'telangiectasia', 0.3));
    expectFinding(caution, ABOVE);
    expect(caution.session.status).toBe('approved');
  });

  it('polidocanol 1.5 % into a telangiectasia blocks while 1.49 % cautions', async () => {
    expectFinding(await assessValid(strengthPlan(POL, 'liquid', 'telangiectasia', 1.5)), FAR);
    expectFinding(await assessValid(strengthPlan(POL, 'liquid', 'telangiectasia', 1.49)), ABOVE);
  });

  it('sorts each vein into one rule: 1 % polidocanol blocks nothing for a reticular vein and cautions for a spider vein', async () => {
    const assessment = await assessValid(plan({ concentrationPercent: 1.5, targetVeinIds: ['t1', 'r1'] }));
    expect(expectFinding(assessment, FAR).veinIds).toEqual(['t1']);
    expect(expectFinding(assessment, ABOVE).veinIds).toEqual(['r1']);
  });

  it('classifies by strengthClass: a reticular vein of 1 mm takes the spider-vein strength', async () => {
    const request = plan({ concentrationPercent: 0.6, targetVeinIds: ['r1'] }, (r) => {
      r.veins = r.veins.map((v) => (v.id === 'r1' ? { ...v, diameterMm: 1 } : v));
    });
    expect(expectFinding(await assessValid(request), ABOVE).veinIds).toEqual(['r1']);
  });

  it('does not check agents with no labelled strength (hypertonic saline, glycerin)', async () => {
    for (const agent of ['hypertonic-saline', 'glycerin'] as const) {
      const assessment = await assessValid(strengthPlan(agent, 'liquid', 'telangiectasia', 20));
      expectSilent(assessment, ABOVE);
      expectSilent(assessment, FAR);
    }
  });

  it("names the planned agent's own label", async () => {
    expect(expectFinding(await assessValid(strengthPlan(STS, 'liquid', 'telangiectasia', 0.3)), ABOVE).detail).toContain('Fibrovein');
    expect(expectFinding(await assessValid(strengthPlan(POL, 'liquid', 'telangiectasia', 0.6)), ABOVE).detail).not.toMatch(/Fibrovein|Sotradecol/);
  });
});

describe('per-injection volume against the agent table: first and later sessions', () => {
  const injecting = (agent: Agent, formulation: Formulation, kind: Kind, volumeMl: number, priors: PriorSession[] | undefined, concentrationPercent = 1) =>
    plan(
      { agent, formulation, concentrationPercent: agent === 'hypertonic-saline' ? 11.7 : concentrationPercent, targetVeinIds: [VEIN_OF[kind]], totalVolumeMl: volumeMl, injections: [{ veinId: VEIN_OF[kind], volumeMl }] },
      (r) => {
        if (priors === undefined) delete r.priorSessions;
        else r.priorSessions = priors;
      },
    );
  const earlier = (agent: Agent): PriorSession => ({ date: '2026-02-01', agent, totalVolumeMl: 1 });

  for (const [agent, formulation, kind, first, later] of PER_INJECTION) {
    const name = `${agent} ${formulation} into a ${kind} target`;
    it(`${name}: first session ${first} mL is silent, ${round(first + 0.01)} mL cautions`, async () => {
      expectSilent(await assessValid(injecting(agent, formulation, kind, first, [])), INJECTION);
      const finding = expectFinding(await assessValid(injecting(agent, formulation, kind, round(first + 0.01), [])), INJECTION);
      expect(finding.veinIds).toEqual([VEIN_OF[kind]]);
      expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'largestOversizeInjectionMl', expected: first, actual: round(first + 0.01) }));
      expect(finding.limits).toContainEqual(expect.objectContaining({ name: `agents.${agent}.${formulation}.${kind}.perInjectionFirstMl`, value: first }));
      expectClinicianText(finding);
    });
    it(`${name}: later session ${later} mL is silent, ${round(later + 0.01)} mL cautions`, async () => {
      expectSilent(await assessValid(injecting(agent, formulation, kind, later, [earlier(agent)])), INJECTION);
      const finding = expectFinding(await assessValid(injecting(agent, formulation, kind, round(later + 0.01), [earlier(agent)])), INJECTION);
      expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'largestOversizeInjectionMl', expected: later }));
    });
  }

  it('counts omitted earlier sessions, and sessions with another agent, as a first session', async () => {
    expectFinding(await assessValid(injecting(POL, 'liquid', 'varicose', 1.5, undefined)), INJECTION);
    expectFinding(await assessValid(injecting(POL, 'liquid', 'varicose', 1.5, [earlier(STS)])), INJECTION);
    expectSilent(await assessValid(injecting(POL, 'liquid', 'varicose', 1.5, [earlier(POL)])), INJECTION);
  });

  it('uses the 3 % value for STS into a varicose vein at exactly 3 %: 1 mL silent, 1.01 mL cautions', async () => {
    expectSilent(await assessValid(injecting(STS, 'liquid', 'varicose', 1, [], 3)), INJECTION);
    const finding = expectFinding(await assessValid(injecting(STS, 'liquid', 'varicose', 1.01, [], 3)), INJECTION);
    expect(finding.limits).toContainEqual(expect.objectContaining({ name: 'agents.sodium-tetradecyl-sulfate.liquid.varicose.perInjectionAt3PercentMl', value: 1 }));
    expect(finding.detail).toContain('1 mL per injection into varicose veins at 3 %');
    expectSilent(await assessValid(injecting(STS, 'liquid', 'varicose', 1.5, [], 2.9)), INJECTION);
  });

  it('does not check cells with no value or plans without listed injections', async () => {
    expectSilent(await assessValid(injecting(POL, 'foam', 'telangiectasia', 2, [])), INJECTION);
    expectSilent(await assessValid(injecting('glycerin', 'liquid', 'telangiectasia', 2, [])), INJECTION);
    expectSilent(await assessValid(injecting('hypertonic-saline', 'liquid', 'varicose', 2, [])), INJECTION);
    expectSilent(await assessValid(plan({ totalVolumeMl: 2, targetVeinIds: ['t1'] })), INJECTION);
  });
});

describe('dose.allergy-prone-first-session counts injections with the agent table', () => {
  const ID = 'dose.allergy-prone-first-session';
  const allergic = (patch: Partial<PlannedSession>) => plan(patch, (r) => (r.history.allergyProne = true));

  it('counts 1 mL of STS into a spider vein as one injection (1 mL maximum) and 1.01 mL as two', async () => {
    expectSilent(await assessValid(allergic({ agent: 'hypertonic-saline', concentrationPercent: 11.7, totalVolumeMl: 0.3 })), ID);
    const sts = (totalVolumeMl: number) => allergic({ agent: STS, concentrationPercent: 0.2, totalVolumeMl });
    expectSilent(await assessValid(sts(1)), ID);
    const finding = expectFinding(await assessValid(sts(1.01)), ID);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'agentInjectionCount', actual: 2 }));
  });

  it('takes the largest maximum among the targets: 1 mL of polidocanol into a spider and a varicose vein counts 2 (the targets)', async () => {
    const finding = expectFinding(await assessValid(allergic({ totalVolumeMl: 1, concentrationPercent: 0.5, targetVeinIds: ['t1', 'v1'] })), ID);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'agentInjectionCount', actual: 2 }));
    const three = expectFinding(await assessValid(allergic({ totalVolumeMl: 2.5, concentrationPercent: 0.5, targetVeinIds: ['t1', 'v1'] })), ID);
    expect(three.evidence).toContainEqual(expect.objectContaining({ fact: 'agentInjectionCount', actual: 3 }));
  });
});

describe('contraindication.sts-label', () => {
  const sts = (more: (r: AssessmentRequest) => void, agent: Agent = STS) => plan({ agent, concentrationPercent: 0.2 }, more);
  const under = async (request: AssessmentRequest, jurisdiction?: Jurisdiction): Promise<Assessment> =>
    assessValid(request, jurisdiction === undefined ? {} : { jurisdiction });

  const ALWAYS: readonly (readonly [string, (r: AssessmentRequest) => void, string])[] = [
    ['acute superficial thrombophlebitis', (r) => (r.history.acuteSuperficialThrombophlebitis = true), 'acute superficial thrombophlebitis'],
    ['an allergic tendency', (r) => (r.history.allergyProne = true), 'allergic reactions'],
    ['active cancer', (r) => (r.history.activeCancer = true), 'active cancer'],
    [
      'a leg target on a side with deep venous disease',
      (r) => {
        r.duplexUltrasound = { date: '2026-01-10', truncalReflux: [], deepVenousDisease: ['left'] };
      },
      'deep venous disease',
    ],
  ];
  const EU_ONLY: readonly (readonly [string, (r: AssessmentRequest) => void, string])[] = [
    ['thrombophilia', (r) => (r.history.thrombophilia = true), 'thrombophilia'],
    ['recent major surgery', (r) => (r.history.recentMajorSurgeryOrHospitalization = true), 'major surgery'],
    ['mild arterial disease', (r) => (r.history.peripheralArterialDisease = 'mild'), 'mild occlusive arterial disease'],
    ['severe arterial disease', (r) => (r.history.peripheralArterialDisease = 'severe'), 'severe occlusive arterial disease'],
    [
      'oestrogen with reduced mobility',
      (r) => {
        r.history.estrogenTherapy = true;
        r.history.mobility = 'reduced';
      },
      'estrogen therapy together with another thrombosis risk factor',
    ],
  ];

  for (const [name, set, words] of ALWAYS) {
    it(`blocks STS with ${name} under US, EU and the default`, async () => {
      for (const jurisdiction of ['US', 'EU', undefined] as const) {
        const assessment = await under(sts(set), jurisdiction);
        const finding = expectFinding(assessment, STS_LABEL);
        expect(finding.detail).toContain(words);
        expect(assessment.session.status).toBe('blocked');
        expectClinicianText(finding);
      }
    });
  }

  for (const [name, set, words] of EU_ONLY) {
    it(`blocks STS with ${name} under EU and the default, not under US`, async () => {
      for (const jurisdiction of ['EU', undefined] as const) {
        const finding = expectFinding(await under(sts(set), jurisdiction), STS_LABEL);
        expect(finding.detail).toContain(words);
        expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: 'jurisdiction', operator: 'notEqual', expected: 'US' }));
      }
      expectSilent(await under(sts(set), 'US'), STS_LABEL);
    });
  }

  it('needs another thrombosis factor with oestrogen: oestrogen alone is silent', async () => {
    expectSilent(await under(sts((r) => (r.history.estrogenTherapy = true))), STS_LABEL);
  });

  it('stays silent for a right-leg target when only the left leg has deep venous disease', async () => {
    const request = plan({ agent: STS, concentrationPercent: 1, targetVeinIds: ['v1'] }, (r) => {
      r.duplexUltrasound = { date: '2026-01-10', truncalReflux: [], deepVenousDisease: ['left'] };
    });
    expectSilent(await under(request), STS_LABEL);
  });

  it('lists every item matched, in the detail and in the evidence', async () => {
    const finding = expectFinding(
      await under(sts((r) => {
        r.history.acuteSuperficialThrombophlebitis = true;
        r.history.thrombophilia = true;
      })),
      STS_LABEL,
    );
    expect(finding.detail).toContain('acute superficial thrombophlebitis, known thrombophilia');
    expect(finding.evidence.map((e) => e.fact)).toEqual(expect.arrayContaining(['acuteSuperficialThrombophlebitis', 'thrombophilia']));
  });

  it('does not apply to other agents, nor to a clean STS patient', async () => {
    expectSilent(await under(sts((r) => (r.history.acuteSuperficialThrombophlebitis = true), POL)), STS_LABEL);
    expectSilent(await under(sts(() => undefined)), STS_LABEL);
  });
});

describe('dose.sts-test-dose', () => {
  const stsPlan = (priors: PriorSession[] | undefined) =>
    plan({ agent: STS, concentrationPercent: 0.2 }, (r) => {
      if (priors === undefined) delete r.priorSessions;
      else r.priorSessions = priors;
    });

  it('informs at the first STS session, whatever earlier polidocanol sessions there were', async () => {
    for (const priors of [[], undefined, [{ date: '2026-02-01', agent: POL, totalVolumeMl: 1 }]] as const) {
      const assessment = await assessValid(stsPlan(priors === undefined ? undefined : [...priors]));
      const finding = expectFinding(assessment, TEST_DOSE);
      expect(finding.detail).toContain('0.5 mL');
      expectClinicianText(finding);
    }
    expect((await assessValid(stsPlan([]))).session.status).toBe('approved');
  });

  it('stays silent after an earlier STS session, and for other agents', async () => {
    expectSilent(await assessValid(stsPlan([{ date: '2026-02-01', agent: STS, totalVolumeMl: 1 }])), TEST_DOSE);
    expectSilent(await assessValid(plan({})), TEST_DOSE);
  });
});

describe('precaution.off-label-agent', () => {
  it('cautions for hypertonic saline', async () => {
    const assessment = await assessValid(plan({ agent: 'hypertonic-saline', concentrationPercent: 11.7 }));
    const finding = expectFinding(assessment, OFF_LABEL);
    expect(finding.detail).toContain('off-label');
    expect(finding.detail).toContain('necrosis');
    expectClinicianText(finding);
    expect(assessment.session.status).toBe('approved');
  });

  it('cautions for glycerin, and mentions reticular or varicose targets only when planned', async () => {
    const spider = expectFinding(await assessValid(plan({ agent: 'glycerin', concentrationPercent: 72 })), OFF_LABEL);
    expect(spider.detail).not.toMatch(/reticular or varicose/);
    for (const target of ['r1', 'v1']) {
      const finding = expectFinding(await assessValid(plan({ agent: 'glycerin', concentrationPercent: 72, targetVeinIds: [target] })), OFF_LABEL);
      expect(finding.detail).toContain('reticular or varicose');
      expectClinicianText(finding);
    }
  });

  it('stays silent for the licensed agents', async () => {
    expectSilent(await assessValid(plan({})), OFF_LABEL);
    expectSilent(await assessValid(plan({ agent: STS, concentrationPercent: 0.2 })), OFF_LABEL);
  });
});

describe('label sources filtered by agent', () => {
  it('shows only the planned agent\'s labels, and every source that is not a label', async () => {
    const pol = expectFinding(await assessValid(strengthPlan(POL, 'liquid', 'telangiectasia', 0.6)), ABOVE);
    expect(showsSource(pol, 'ASCLERA-PI')).toBe(true);
    expect(showsSource(pol, 'POL-SMPC')).toBe(true);
    expect(showsSource(pol, 'FIBROVEIN-SMPC')).toBe(false);
    const sts = expectFinding(await assessValid(strengthPlan(STS, 'liquid', 'telangiectasia', 0.6)), FAR);
    expect(showsSource(sts, 'FIBROVEIN-SMPC')).toBe(true);
    expect(showsSource(sts, 'ASCLERA-PI')).toBe(false);
    expect(showsSource(sts, 'GOLDMAN-CH8')).toBe(true);
  });

  it('shows the earlier sessions\' labels too for the interval rule', async () => {
    const request = plan({ agent: STS, concentrationPercent: 0.2 }, (r) => {
      r.priorSessions = [{ date: '2026-02-27', agent: POL, totalVolumeMl: 1 }];
    });
    const finding = expectFinding(await assessValid(request), 'dose.session-interval');
    expect(showsSource(finding, 'ASCLERA-PI')).toBe(true);
    expect(showsSource(finding, 'STS-PI')).toBe(true);
    const other = expectFinding(await assessValid(request), TEST_DOSE);
    expect(showsSource(other, 'STS-PI')).toBe(true);
  });

  it('shows every agent\'s labels when nothing is planned', async () => {
    const request = changed((r) => {
      delete r.plannedSession;
    });
    const finding = expectFinding(await assessValid(request), 'candidacy.telangiectasia');
    expect(showsSource(finding, 'ASCLERA-PI')).toBe(true);
    expect(showsSource(finding, 'FIBROVEIN-SMPC')).toBe(true);
  });

  it('keeps every source when filtering would leave none', () => {
    const request = plan({ agent: STS, concentrationPercent: 0.2 });
    const facts = toFacts(request, defaultRuleSet.limits, 0, 'strictest', defaultRuleSet.agents);
    expect(filterLabelSources(['POL-SMPC', 'ASCLERA-PI §2'], 'dose.weight-not-recorded', facts, defaultRuleSet)).toEqual(['POL-SMPC', 'ASCLERA-PI §2']);
    expect(filterLabelSources(['POL-SMPC', 'STS-PI', 'UIP-2023'], 'precaution.pregnancy', facts, defaultRuleSet)).toEqual(['STS-PI', 'UIP-2023']);
  });
});

describe('the rule linter checks the agent table', () => {
  const shipped = (): Record<string, { cells: Record<string, Record<string, Record<string, unknown>>>; labelSources: string[] }> =>
    JSON.parse(readFileSync('rules/agents.json', 'utf8')) as Record<string, { cells: Record<string, Record<string, Record<string, unknown>>>; labelSources: string[] }>;
  const lintAgents = (agents: unknown) =>
    lintRuleSet([], { agents }).filter((d) => d.file === 'agents.json');

  it('finds nothing wrong with the shipped table', () => expect(lintAgents(shipped())).toEqual([]));

  it('reports a first-session maximum above the later one, a strength above the input maximum and an unknown source', () => {
    const table = shipped();
    const pol = table[POL];
    if (pol === undefined) throw new Error('no polidocanol');
    Object.assign(pol.cells['liquid']?.['varicose'] ?? {}, { perInjectionFirstMl: 3 });
    Object.assign(pol.cells['foam']?.['reticular'] ?? {}, { labelledPercent: 5, sources: ['NOPE'] });
    expect(lintAgents(table)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', code: 'invalid_agent_cell', path: [POL, 'cells', 'liquid', 'varicose', 'perInjectionFirstMl'] }),
        expect.objectContaining({ severity: 'error', code: 'invalid_agent_cell', path: [POL, 'cells', 'foam', 'reticular', 'labelledPercent'] }),
        expect.objectContaining({ severity: 'error', code: 'unknown_source', path: [POL, 'cells', 'foam', 'reticular', 'sources', 0] }),
      ]),
    );
  });

  it('reports a table that breaks the schema', () => {
    const table = shipped();
    delete (table as Record<string, unknown>)['glycerin'];
    expect(lintAgents(table)[0]).toEqual(expect.objectContaining({ severity: 'error', path: ['glycerin'] }));
  });
});
