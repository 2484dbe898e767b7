import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGENTS } from '../../src/model/vocabulary.js';
import { CONTRAINDICATION_FIELDS, HISTORY_FIELDS } from '../../src/facts/undocumented.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import { assessValid } from '../helpers.js';
import { NUM_RUNS, requestArbitrary } from '../arbitraries.js';
import {
  copy,
  dailyPolidocanolMg,
  dailyVolume,
  isApproved,
  sessionRank,
  spiderTargetsBehindVaricose,
  statusRank,
} from './oracle.js';

type History = AssessmentRequest['history'];
type Change = (request: AssessmentRequest) => void;

const setHistory =
  <K extends keyof History>(key: K, value: NonNullable<History[K]>): Change =>
  (request) => {
    request.history[key] = value;
  };

// Each absolute contraindication of RULES.md, made present.
const contraindications: readonly [string, Change][] = [
  ['allergy to the planned agent', (r) => { r.history.sclerosantAllergies = [r.plannedSession?.agent ?? 'polidocanol']; }],
  ['acute thromboembolism', setHistory('acuteThromboembolism', true)],
  ['severe acute illness', setHistory('severeAcuteIllness', true)],
  ['local infection', setHistory('localInfectionAtTreatmentSite', true)],
  ['bedridden', setHistory('mobility', 'bedridden')],
  ['critical limb ischaemia', setHistory('peripheralArterialDisease', 'critical')],
  ['severe reaction to earlier sclerotherapy', setHistory('severeReactionToPriorSclerotherapy', true)],
];

// Each field's confirmed-absent value, then a risk value that may be added on top of it.
const absentAndRisk: readonly [string, Change, Change][] = [
  ...(['allergyProne', 'acuteThromboembolism', 'priorThromboembolism', 'thrombophilia', 'activeCancer',
    'recentMajorSurgeryOrHospitalization', 'localInfectionAtTreatmentSite', 'severeAcuteIllness', 'migraineWithAura',
    'severeReactionToPriorSclerotherapy', 'estrogenTherapy', 'anticoagulated', 'acuteSuperficialThrombophlebitis'] as const)
    .map((key): [string, Change, Change] => [`history.${key}`, setHistory(key, false), setHistory(key, true)]),
  ['history.mobility', setHistory('mobility', 'normal'), setHistory('mobility', 'reduced')],
  ['history.mobility', setHistory('mobility', 'normal'), setHistory('mobility', 'bedridden')],
  ['history.peripheralArterialDisease', setHistory('peripheralArterialDisease', 'none'), setHistory('peripheralArterialDisease', 'severe')],
  ['history.peripheralArterialDisease', setHistory('peripheralArterialDisease', 'none'), setHistory('peripheralArterialDisease', 'critical')],
  ['history.rightToLeftShunt', setHistory('rightToLeftShunt', 'none'), setHistory('rightToLeftShunt', 'symptomatic')],
  ['history.rightToLeftShunt', setHistory('rightToLeftShunt', 'none'), setHistory('rightToLeftShunt', 'asymptomatic')],
  ['history.sclerosantAllergies', setHistory('sclerosantAllergies', []), setHistory('sclerosantAllergies', [...AGENTS])],
  ['history.sclerosantAllergies', setHistory('sclerosantAllergies', []), setHistory('sclerosantAllergies', ['glycerin'])],
  ['history.ceapClass', setHistory('ceapClass', 'C1'), setHistory('ceapClass', 'C6')],
  ['patient.pregnancy', (r) => { r.patient.pregnancy = 'not-pregnant'; }, (r) => { r.patient.pregnancy = 'pregnant'; }],
  ['patient.pregnancy', (r) => { r.patient.pregnancy = 'not-pregnant'; }, (r) => { r.patient.pregnancy = 'postpartum'; }],
  ['patient.breastfeeding', (r) => { r.patient.breastfeeding = false; }, (r) => { r.patient.breastfeeding = true; }],
];

const unset = (path: string): Change => (request) => {
  const [section, key] = path.split('.') as ['history' | 'patient', string];
  // Rebuild the section without the key: an omitted field is "undocumented".
  const rest = Object.fromEntries(Object.entries(request[section]).filter(([name]) => name !== key));
  Object.assign(request, { [section]: rest });
};

const applied = (request: AssessmentRequest, ...changes: Change[]): AssessmentRequest => {
  const result = copy(request);
  for (const change of changes) change(result);
  return result;
};

const options = { numRuns: NUM_RUNS };

describe('safety properties', () => {
  it('(a) approves a session only when it is within every limit, daily totals included', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        const assessment = await assessValid(request);
        if (!isApproved(assessment)) return;
        const session = request.plannedSession;
        if (session === undefined) throw new Error('generated without a session');
        const { limits } = assessment.session;
        expect(session.totalVolumeMl).toBeLessThanOrEqual(limits.maxVolumeMl);
        expect(session.containers).toBeLessThanOrEqual(limits.maxContainers);
        expect(dailyVolume(request)).toBeLessThanOrEqual(limits.maxVolumeMl + 1e-6);
        // The weight-based cap limits the polidocanol a session adds (RULES.md: "polidocanol planned").
        if (request.patient.weightKg !== undefined && session.agent === 'polidocanol') {
          expect(dailyPolidocanolMg(request)).toBeLessThanOrEqual(2 * request.patient.weightKg + 1e-6);
        }
      }),
      options,
    );
  });

  it('(b) never approves treating a spider or reticular vein on a leg with an untreated varicose vein or truncal reflux', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ planned: true }), async (request) => {
        const assessment = await assessValid(request);
        if (!isApproved(assessment)) return;
        const treatedToday = spiderTargetsBehindVaricose(request).filter(
          (id) => !assessment.session.deferredVeinIds.includes(id),
        );
        expect(treatedToday).toEqual([]);
      }),
      options,
    );
  });

  it('(c) gives not-candidate and no approved session for any absolute contraindication', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), fc.constantFrom(...contraindications), async (request, [name, add]) => {
        // An allergy contraindicates only the agent that is planned.
        fc.pre(request.plannedSession !== undefined || name !== 'allergy to the planned agent');
        const assessment = await assessValid(applied(request, add));
        expect(assessment.status).toBe('not-candidate');
        expect(isApproved(assessment)).toBe(false);
      }),
      options,
    );
  });

  it('(d) never improves the status or the session when a risk factor is added', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), fc.constantFrom(...absentAndRisk), async (request, [, absent, risk]) => {
        const before = await assessValid(applied(request, absent));
        const after = await assessValid(applied(request, absent, risk));
        expect(statusRank(after.status)).toBeGreaterThanOrEqual(statusRank(before.status));
        expect(sessionRank(after.session.status)).toBeGreaterThanOrEqual(sessionRank(before.session.status));
      }),
      options,
    );
  });

  it('(e) never lets an undocumented fact look safer than a confirmed absence', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), fc.constantFrom(...absentAndRisk), async (request, [path, absent]) => {
        const confirmed = await assessValid(applied(request, absent));
        const undocumented = await assessValid(applied(request, unset(path)));
        expect(statusRank(undocumented.status)).toBeGreaterThanOrEqual(statusRank(confirmed.status));
        expect(sessionRank(undocumented.session.status)).toBeGreaterThanOrEqual(sessionRank(confirmed.session.status));
      }),
      options,
    );
  });

  it('(e) gives at least insufficient-information for an undocumented absolute contraindication, with its path unconfirmed', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), fc.constantFrom(...CONTRAINDICATION_FIELDS), async (request, field) => {
        const assessment = await assessValid(applied(request, unset(`history.${field}`)));
        expect(statusRank(assessment.status)).toBeGreaterThanOrEqual(statusRank('insufficient-information'));
        expect(assessment.unconfirmed).toContain(`history.${field}`);
      }),
      options,
    );
  });

  it('(e) lists every undocumented history field in unconfirmed', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        const assessment = await assessValid(request);
        const missing = HISTORY_FIELDS.filter((f) => request.history[f] === undefined).map((f) => `history.${f}`);
        expect(assessment.unconfirmed).toEqual(expect.arrayContaining(missing));
      }),
      options,
    );
  });
});
