/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  fromQuestionnaireResponse,
  SCREENING_QUESTIONNAIRE_URL,
  SCREENING_QUESTIONNAIRE_VERSION,
  withConfirmedFields,
  type ScreeningMapping,
} from '../../../src/adapters/fhir/index.js';
import { cleanHistory, cleanPatient } from '../../../src/model/clinical-fields.js';
import type { AssessmentRequest } from '../../../src/model/request-schema.js';
import { allergy, AS_OF, concept, condition, mapOk, patient, SCT } from './builders.js';
import { answered, cleanAnswers, screeningResponse, sessionGroup } from './screening-builders.js';

const read = (response: unknown, asOf = AS_OF): ScreeningMapping => {
  const result = fromQuestionnaireResponse(response, { asOf });
  if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
  return result.right;
};

describe('fromQuestionnaireResponse', () => {
  it('reads a clean screening into confirmed-absent fields, each sourced to its item', () => {
    const mapping = read(screeningResponse(cleanAnswers(), { authored: '2025-02-28' }));
    expect(mapping.value.history).toEqual(cleanHistory());
    expect(mapping.value.patient).toEqual({ weightKg: 70, pregnancy: 'not-pregnant', breastfeeding: false });
    expect(mapping.value.priorSessions).toEqual([]);
    expect(mapping.provenance['history.mobility']).toEqual(['QuestionnaireResponse/qr1#history.mobility']);
    expect(mapping.gaps).toEqual([]);
  });

  it('accepts the canonical with its version, and refuses another questionnaire, an unfinished or undated response', () => {
    expect(E.isRight(fromQuestionnaireResponse(screeningResponse([], { authored: AS_OF, questionnaire: `${SCREENING_QUESTIONNAIRE_URL}|${SCREENING_QUESTIONNAIRE_VERSION}` }), { asOf: AS_OF }))).toBe(true);
    const refused = (response: unknown): string | undefined => {
      const result = fromQuestionnaireResponse(response, { asOf: AS_OF });
      return E.isLeft(result) ? result.left[0].path.join('.') : undefined;
    };
    expect(refused(screeningResponse([], { authored: AS_OF, questionnaire: 'http://example.org/Questionnaire/phq-9' }))).toBe('questionnaire');
    expect(refused(screeningResponse([], { authored: AS_OF, status: 'in-progress' }))).toBe('status');
    expect(refused({ ...screeningResponse([], { authored: AS_OF }), authored: undefined })).toBe('authored');
    expect(refused({ resourceType: 'Observation' })).toBe('resourceType');
    expect(E.isLeft(fromQuestionnaireResponse(screeningResponse([], { authored: AS_OF }), { asOf: '2025-02-30' }))).toBe(true);
    expect(refused(screeningResponse([], { authored: '2025-03-02' }))).toBe('authored');
    const badWindow = fromQuestionnaireResponse(screeningResponse([], { authored: AS_OF }), { asOf: AS_OF, recency: { screeningAcuteMaxAgeDays: -1 } });
    expect(E.isLeft(badWindow) && badWindow.left[0].path).toEqual(['recency', 'screeningAcuteMaxAgeDays']);
  });

  it('leaves "unknown" and unreadable answers undocumented, and says why for the unreadable', () => {
    const mapping = read(
      screeningResponse(
        [
          answered('history.mobility', { code: 'unknown' }),
          answered('history.peripheralArterialDisease', { code: 'moderate' }),
          answered('history.sclerosantAllergies', { codes: ['none', 'polidocanol'] }),
          answered('patient.weightKg', 900),
          answered('history.thrombophilia', true),
        ],
        { authored: AS_OF },
      ),
    );
    expect(mapping.value).toEqual({ history: { thrombophilia: true } });
    expect(mapping.gaps.map((g) => g.field).sort()).toEqual(['history.peripheralArterialDisease', 'history.sclerosantAllergies', 'patient.weightKg']);
  });

  it('reads allergies to named agents and earlier sessions listed one per group', () => {
    const mapping = read(
      screeningResponse(
        [answered('history.sclerosantAllergies', { codes: ['sodium-tetradecyl-sulfate'] }), sessionGroup('2025-02-01', 'polidocanol', 4), sessionGroup('2025-02-15', 'glycerin', 1)],
        { authored: AS_OF },
      ),
    );
    expect(mapping.value.history?.sclerosantAllergies).toEqual(['sodium-tetradecyl-sulfate']);
    expect(mapping.value.priorSessions).toEqual([
      { date: '2025-02-01', agent: 'polidocanol', totalVolumeMl: 4 },
      { date: '2025-02-15', agent: 'glycerin', totalVolumeMl: 1 },
    ]);
  });

  it('refuses "no earlier session" together with a listed session', () => {
    const mapping = read(screeningResponse([answered('priorSessions.none', true), sessionGroup('2025-02-01', 'polidocanol', 4)], { authored: AS_OF }));
    expect(mapping.value.priorSessions).toBeUndefined();
    expect(mapping.gaps).toContainEqual(expect.objectContaining({ field: 'priorSessions', reason: 'ambiguous' }));
  });

  it('uses each answer only within its window: acute 7 days, current 30, history 365', () => {
    const items = [answered('history.mobility', { code: 'normal' }), answered('history.anticoagulated', false), answered('history.activeCancer', false)];
    expect(read(screeningResponse(items, { authored: '2025-02-22' })).value.history).toEqual({ mobility: 'normal', anticoagulated: false, activeCancer: false });
    const tenDays = read(screeningResponse(items, { authored: '2025-02-19' }));
    expect(tenDays.value.history).toEqual({ anticoagulated: false, activeCancer: false });
    expect(tenDays.gaps).toEqual([expect.objectContaining({ field: 'history.mobility', reason: 'stale' })]);
    expect(read(screeningResponse(items, { authored: '2024-12-01' })).value.history).toEqual({ activeCancer: false });
    expect(read(screeningResponse(items, { authored: '2023-12-01' })).value).toEqual({});
    const shorter = fromQuestionnaireResponse(screeningResponse(items, { authored: '2025-02-27' }), { asOf: AS_OF, recency: { screeningAcuteMaxAgeDays: 1 } });
    expect(E.isRight(shorter) && shorter.right.value.history?.mobility).toBeUndefined();
    expect(E.isLeft(fromQuestionnaireResponse(screeningResponse(items, { authored: AS_OF }), { asOf: AS_OF, recency: { screeningAcuteMaxAgeDays: 14 } }))).toBe(true);
  });
});

describe('screening responses in a bundle', () => {
  it('take the newest answer to each field; an older response still answers what the newer one leaves out', () => {
    const older = screeningResponse([answered('history.thrombophilia', false), answered('history.activeCancer', false)], { id: 'old', authored: '2025-02-20' });
    const newer = screeningResponse([answered('history.thrombophilia', true)], { id: 'new', authored: '2025-02-27' });
    const mapping = mapOk([patient(), newer, older]);
    expect(mapping.request.history).toMatchObject({ thrombophilia: true, activeCancer: false });
    expect(mapping.provenance['history.activeCancer']).toEqual(['QuestionnaireResponse/old#history.activeCancer']);
  });

  it('ignore responses in progress, about another patient, or to another questionnaire', () => {
    const items = [answered('history.thrombophilia', false)];
    const mapping = mapOk([
      patient(),
      screeningResponse(items, { id: 'a', authored: AS_OF, status: 'in-progress' }),
      screeningResponse(items, { id: 'b', authored: AS_OF, subject: 'Patient/other' }),
      screeningResponse(items, { id: 'c', authored: AS_OF, questionnaire: 'http://example.org/Questionnaire/other' }),
    ]);
    expect(mapping.request.history.thrombophilia).toBeUndefined();
    expect(mapping.gaps.map((g) => `${g.reference} ${g.reason}`)).toEqual(expect.arrayContaining(['QuestionnaireResponse/a not_final', 'QuestionnaireResponse/b other_patient']));
  });

  it('never let a "No" override a current DVT Condition or a sclerosant allergy: the positive value is kept, with a gap naming both', () => {
    const dvt = condition('dvt', concept(SCT, '128053003', 'Deep venous thrombosis'));
    const asclera = allergy('pol', { text: 'Polidocanol' });
    const mapping = mapOk([patient(), dvt, asclera, screeningResponse(cleanAnswers(), { authored: '2025-02-28' })]);
    expect(mapping.request.history.acuteThromboembolism).toBe(true);
    expect(mapping.request.history.sclerosantAllergies).toEqual(['polidocanol']);
    expect(mapping.provenance['history.acuteThromboembolism']).toEqual(['Condition/dvt']);
    const conflicts = mapping.gaps.filter((g) => g.reason === 'conflict');
    expect(conflicts.map((g) => g.field).sort()).toEqual(['history.acuteThromboembolism', 'history.sclerosantAllergies']);
    const dvtGap = conflicts.find((g) => g.field === 'history.acuteThromboembolism');
    expect(dvtGap?.message).toContain('QuestionnaireResponse/qr1');
    expect(dvtGap?.message).not.toContain('#history.'); // the field names the item; the message stays in words
    expect(dvtGap?.message).toContain('Condition/dvt');
  });

  it('let a "Yes" answer add a finding the record lacks', () => {
    const mapping = mapOk([patient(), screeningResponse(cleanAnswers({ 'history.mobility': { code: 'bedridden' } }), { authored: AS_OF })]);
    expect(mapping.request.history.mobility).toBe('bedridden');
  });
});

describe('withConfirmedFields', () => {
  const request: AssessmentRequest = { patient: { ageYears: 40, sex: 'female', weightKg: 80 }, history: { acuteThromboembolism: true }, veins: [] };

  it('fills undocumented fields and never makes a documented one safer', () => {
    const result = withConfirmedFields(request, { patient: { weightKg: 70, pregnancy: 'not-pregnant' }, history: { acuteThromboembolism: false, mobility: 'normal' }, priorSessions: [] });
    if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
    expect(result.right.request.patient).toEqual({ ageYears: 40, sex: 'female', weightKg: 70, pregnancy: 'not-pregnant' });
    expect(result.right.request.history).toEqual({ acuteThromboembolism: true, mobility: 'normal' });
    expect(result.right.request.priorSessions).toEqual([]);
    expect(result.right.conflicts.map((c) => [c.path, c.kept])).toEqual([
      ['history.acuteThromboembolism', true],
      ['patient.weightKg', 70],
    ]);
  });

  it('keeps the less safe of two enumerated values and unites allergies', () => {
    const base: AssessmentRequest = { patient: cleanPatient(), history: { ...cleanHistory(), mobility: 'reduced', sclerosantAllergies: ['glycerin'] }, veins: [] };
    const result = withConfirmedFields(base, { history: { mobility: 'normal', sclerosantAllergies: ['polidocanol'], peripheralArterialDisease: 'severe' } });
    if (E.isLeft(result)) return expect.fail(JSON.stringify(result.left));
    expect(result.right.request.history).toMatchObject({ mobility: 'reduced', sclerosantAllergies: ['glycerin', 'polidocanol'], peripheralArterialDisease: 'severe' });
  });

  it('reports foam answers without a planned foam session as unused, and refuses an invalid merge', () => {
    const unused = withConfirmedFields(request, { plannedSession: { foam: { gas: 'room-air' } } });
    expect(E.isRight(unused) && unused.right.unused).toEqual(['plannedSession.foam.gas']);
    const planned: AssessmentRequest = {
      ...request,
      veins: [{ id: 'v1', kind: 'telangiectasia', region: 'leg' }],
      plannedSession: { date: '2025-03-01', agent: 'polidocanol', formulation: 'liquid', concentrationPercent: 0.5, containers: 1, totalVolumeMl: 2, targetVeinIds: ['v1'] },
    };
    const late = withConfirmedFields(planned, { priorSessions: [{ date: '2025-03-05', agent: 'polidocanol', totalVolumeMl: 2 }] });
    expect(E.isLeft(late) && late.left[0].code).toBe('prior_session_after_planned_date');
  });
});

describe('docs/examples/screening-response.json', () => {
  it('reads without gaps: mobility unknown, one earlier session listed', () => {
    const mapping = read(JSON.parse(readFileSync('docs/examples/screening-response.json', 'utf8')));
    expect(mapping.gaps).toEqual([]);
    expect(mapping.value.history?.mobility).toBeUndefined();
    expect(mapping.value.history?.sclerosantAllergies).toEqual([]);
    expect(mapping.value.priorSessions).toEqual([{ date: '2025-02-14', agent: 'polidocanol', totalVolumeMl: 4 }]);
  });
});
