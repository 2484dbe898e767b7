import * as z from 'zod';
import answerCodeSystem from '../../../codes/fhir/screening-answers.json';
import { RulesError } from '../../model/issues.js';
import { DEFAULT_RECENCY } from './recency.js';
import {
  DUPLEX_GROUP,
  DUPLEX_ITEMS,
  HISTORY_ITEMS,
  NO_PRIOR_SESSION_ITEM,
  PATIENT_ITEMS,
  PLANNED_GROUP,
  PLANNED_ITEMS,
  PRIOR_SESSION_GROUP,
  PRIOR_SESSION_ITEMS,
  type ScreeningItem,
} from './screening-items.js';

const CodeSystemSchema = z.object({
  resourceType: z.literal('CodeSystem'),
  url: z.string().min(1),
  version: z.string().min(1),
  concept: z.array(z.strictObject({ code: z.string().min(1), display: z.string().min(1), definition: z.string().min(1) })).min(1),
});

const loadCodeSystem = (): z.infer<typeof CodeSystemSchema> => {
  const parsed = CodeSystemSchema.safeParse(answerCodeSystem);
  // The shipped file is validated by the test suite; reaching this means a broken package.
  if (!parsed.success) throw new RulesError([{ code: 'invalid_input', message: 'codes/fhir/screening-answers.json is not a valid CodeSystem', path: [] }]);
  return parsed.data;
};

const CODE_SYSTEM = loadCodeSystem();

/** The canonical URL of the answers' CodeSystem (`codes/fhir/screening-answers.json`). */
export const SCREENING_ANSWERS_SYSTEM = CODE_SYSTEM.url;

/** The code of the answer "unknown", which leaves a field undocumented. */
export const UNKNOWN_ANSWER = 'unknown';

/** The canonical URL of the screening questionnaire; responses name it, with or without `|version`. */
export const SCREENING_QUESTIONNAIRE_URL = 'http://sclerotherapy-cds.org/fhir/Questionnaire/pre-sclerotherapy-screening';
/** The version of the screening questionnaire. */
export const SCREENING_QUESTIONNAIRE_VERSION = '1.0.0';

const DISPLAYS: ReadonlyMap<string, string> = new Map(CODE_SYSTEM.concept.map((c) => [c.code, c.display]));

const answerCoding = (code: string): Readonly<Record<string, string>> => {
  const display = DISPLAYS.get(code);
  // Every answer code is checked against the CodeSystem by the test suite.
  if (display === undefined) throw new RulesError([{ code: 'invalid_input', message: `The answer "${code}" is not in the screening CodeSystem`, path: [] }]);
  return { system: SCREENING_ANSWERS_SYSTEM, code, display };
};

const UCUM = 'http://unitsofmeasure.org';
const UNIT_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';

type Json = Readonly<Record<string, unknown>>;

const questionOf = (item: ScreeningItem): Json => {
  const base = {
    linkId: item.path,
    ...(item.code === undefined ? {} : { code: [item.code] }),
    text: item.text,
    type: item.answer.type,
    required: false,
  };
  switch (item.answer.type) {
    case 'choice':
      return {
        ...base,
        ...(item.answer.repeats === true ? { repeats: true } : {}),
        answerOption: [...item.answer.values, UNKNOWN_ANSWER].map((code) => ({ valueCoding: answerCoding(code) })),
      };
    case 'decimal':
      return { extension: [{ url: UNIT_EXTENSION, valueCoding: { system: UCUM, code: item.answer.unit, display: item.answer.unit } }], ...base };
    default:
      return base;
  }
};

const group = (linkId: string, text: string, items: readonly ScreeningItem[], repeats = false): Json => ({
  linkId,
  text,
  type: 'group',
  ...(repeats ? { repeats: true } : {}),
  item: items.map(questionOf),
});

/**
 * The pre-sclerotherapy screening Questionnaire (FHIR R4, SDC-compatible), built from the
 * request's field table: one item per field a FHIR record cannot settle, whose linkId is the
 * request path it fills. Yes/no fields are boolean items (left unanswered when unknown);
 * enumerated fields are choice items whose codes are the request's own values, plus "unknown".
 * @returns a new Questionnaire resource, as JSON
 */
export const buildScreeningQuestionnaire = (): Json => ({
  resourceType: 'Questionnaire',
  id: 'pre-sclerotherapy-screening',
  meta: { profile: ['http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire|3.0.0'] },
  url: SCREENING_QUESTIONNAIRE_URL,
  version: SCREENING_QUESTIONNAIRE_VERSION,
  name: 'PreSclerotherapyScreening',
  title: 'Pre-sclerotherapy screening',
  status: 'active',
  experimental: false,
  subjectType: ['Patient'],
  publisher: 'sclerotherapy-cds',
  description:
    'What the sclerotherapy assessment needs and an electronic record rarely holds: current state, medical history, earlier sessions and the planned session. ' +
    'Each answer fills the request field named by its linkId. Leave a yes/no question unanswered, or choose "Unknown" in a list, when the answer is not known: the field then stays undocumented and the assessment asks for it. ' +
    `Answers count for a limited time after the response is authored: acute items ${DEFAULT_RECENCY.screeningAcuteMaxAgeDays} days, current treatments and breastfeeding ${DEFAULT_RECENCY.screeningCurrentMaxAgeDays}, ` +
    `pregnancy status ${DEFAULT_RECENCY.pregnancyStatusMaxAgeDays}, weight ${DEFAULT_RECENCY.weightMaxAgeDays}, history ${DEFAULT_RECENCY.screeningHistoryMaxAgeDays}.`,
  item: [
    group('patient', 'About the patient now', PATIENT_ITEMS),
    group('history', 'Medical history', HISTORY_ITEMS),
    questionOf(NO_PRIOR_SESSION_ITEM),
    group(PRIOR_SESSION_GROUP, 'Earlier sclerotherapy session (one per session)', PRIOR_SESSION_ITEMS, true),
    group(DUPLEX_GROUP, 'Latest venous duplex ultrasound of the legs', DUPLEX_ITEMS),
    group(PLANNED_GROUP, 'The planned session', PLANNED_ITEMS),
  ],
});

/** The screening Questionnaire; the same JSON is shipped as `codes/fhir/screening-questionnaire.json`. */
export const screeningQuestionnaire: Json = buildScreeningQuestionnaire();
