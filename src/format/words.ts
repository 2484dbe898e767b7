// Words for the statuses, categories and vein fates, shared by every view of an assessment.
import type { VeinFate } from '../model/assessment.js';
import type { Category, SessionStatus, Status } from '../model/vocabulary.js';

/** The patient's candidacy status in words. */
export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  candidate: 'Candidate',
  'candidate-with-precautions': 'Candidate, with precautions',
  'insufficient-information': 'Not yet decided: information is missing',
  refer: 'Refer for a vascular assessment first',
  'not-candidate': 'Not a candidate',
};

/** The session status in words, as a verdict. */
export const SESSION_VERDICT_WORDS: Readonly<Record<SessionStatus, string>> = {
  'not-planned': 'No session planned',
  approved: 'May go ahead as planned',
  'approved-with-deferrals': 'May go ahead for some veins; others wait',
  held: 'On hold until the items below are settled',
  blocked: 'Blocked as planned: the plan needs changing',
};

/** What becomes of a vein, in words. */
export const FATE_WORDS: Readonly<Record<VeinFate, string>> = {
  treat: 'treat today',
  deferred: 'deferred',
  held: 'held',
  blocked: 'blocked (session blocked)',
  untreated: 'documented, not planned today',
  treated: 'treated before',
};

/** Kinds of advice, for the count of informational findings. */
export const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  candidacy: 'candidacy note',
  contraindication: 'contraindication note',
  precaution: 'precaution',
  ordering: 'order of treatment',
  dose: 'dose note',
  aftercare: 'aftercare',
  counselling: 'counseling',
  screening: 'screening',
};
