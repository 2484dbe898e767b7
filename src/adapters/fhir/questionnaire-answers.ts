import { isCalendarDate } from '../../model/dates.js';
import type { PriorSession } from '../../model/request-schema.js';
import { asArray, asNumber, asObject, asString, type JsonObject } from './json.js';
import { gap, type Gap } from './provenance.js';
import { quantityOf, toKilograms, toMillilitres } from './quantity.js';
import { SCREENING_ANSWERS_SYSTEM, UNKNOWN_ANSWER } from './screening-questionnaire.js';
import {
  DUPLEX_GROUP,
  DUPLEX_ITEMS,
  ITEMS_BY_PATH,
  NO_PRIOR_SESSION_ITEM,
  PRIOR_SESSION_GROUP,
  type ScreeningItem,
} from './screening-items.js';

/**
 * One field as a response answers it: a value, or `undefined` when the answer is "unknown" (the
 * field stays undocumented, and older responses are not consulted for it).
 */
export interface FieldAnswer {
  readonly value: unknown;
  /** Where the answer is: the response reference, `#`, and the item's linkId. */
  readonly source: string;
}

/** Every field one response answers, by request path, and what could not be read. */
export interface ResponseReading {
  readonly answers: ReadonlyMap<string, FieldAnswer>;
  readonly gaps: readonly Gap[];
}

const UNKNOWN = Symbol('unknown');
const UNREADABLE = Symbol('unreadable');
type Read = unknown; // a value, UNKNOWN or UNREADABLE

const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

// A coded answer in the project's CodeSystem (or with no system); "unknown" in either it or data-absent-reason.
const codeOf = (answer: JsonObject): string | typeof UNKNOWN | undefined => {
  const coding = asObject(answer['valueCoding']);
  if (coding === undefined) return undefined;
  const system = asString(coding['system']);
  const code = asString(coding['code']);
  if (code === undefined) return undefined;
  if (system === DATA_ABSENT && (code === 'unknown' || code === 'asked-unknown')) return UNKNOWN;
  if (system !== undefined && system !== SCREENING_ANSWERS_SYSTEM) return undefined;
  return code === UNKNOWN_ANSWER ? UNKNOWN : code;
};

const numberOf = (answer: JsonObject, unit: 'kg' | 'mL' | '%'): number | undefined => {
  const plain = asNumber(answer['valueDecimal']) ?? asNumber(answer['valueInteger']);
  if (plain !== undefined) return plain;
  const quantity = quantityOf(answer['valueQuantity']);
  if (quantity === undefined) return undefined;
  if (unit === 'kg') return toKilograms(quantity);
  if (unit === 'mL') return toMillilitres(quantity);
  return quantity.unit === '%' ? quantity.value : undefined;
};

const NUMBER_RANGES: Readonly<Record<string, { readonly min: number; readonly max: number; readonly minExclusive: boolean }>> = {
  kg: { min: 0, max: 400, minExclusive: true },
  mL: { min: 0, max: 1000, minExclusive: false },
  '%': { min: 0, max: 100, minExclusive: true },
};

// One answer of one item: the request value, UNKNOWN, or UNREADABLE.
const readOne = (item: ScreeningItem, answer: JsonObject): Read => {
  const code = codeOf(answer);
  if (code === UNKNOWN) return UNKNOWN;
  switch (item.answer.type) {
    case 'boolean':
      return typeof answer['valueBoolean'] === 'boolean' ? answer['valueBoolean'] : UNREADABLE;
    case 'choice':
      return code !== undefined && item.answer.values.includes(code) ? code : UNREADABLE;
    case 'decimal': {
      const value = numberOf(answer, item.answer.unit);
      const range = NUMBER_RANGES[item.answer.unit];
      if (value === undefined || range === undefined) return UNREADABLE;
      const inRange = (range.minExclusive ? value > range.min : value >= range.min) && value <= range.max;
      return inRange ? value : UNREADABLE;
    }
    case 'date': {
      const text = asString(answer['valueDate']) ?? asString(answer['valueDateTime']);
      const day = text?.slice(0, 10);
      return day !== undefined && isCalendarDate(day) ? day : UNREADABLE;
    }
  }
};

/** Reads an item's answers: one value, a list for repeating choices, UNKNOWN, UNREADABLE, or undefined when unanswered. */
const readItem = (item: ScreeningItem, raw: JsonObject): Read | undefined => {
  const answers = asArray(raw['answer']).flatMap((a) => {
    const answer = asObject(a);
    return answer === undefined ? [] : [answer];
  });
  if (answers.length === 0) return undefined;
  const values = answers.map((a) => readOne(item, a));
  if (values.includes(UNREADABLE)) return UNREADABLE;
  if (values.includes(UNKNOWN)) return values.length === 1 ? UNKNOWN : UNREADABLE;
  if (item.answer.type === 'choice' && item.answer.repeats === true) {
    // "None" with anything else contradicts itself.
    if (values.includes('none')) return values.length === 1 ? [] : UNREADABLE;
    return [...new Set(values)];
  }
  return values.length === 1 ? values[0] : UNREADABLE;
};

/** The items of a response with their children, wherever they are nested (under groups or answers). */
const walk = (items: unknown, visit: (item: JsonObject) => boolean): void => {
  for (const raw of asArray(items)) {
    const item = asObject(raw);
    if (item === undefined) continue;
    if (!visit(item)) continue;
    walk(item['item'], visit);
    for (const answer of asArray(item['answer'])) walk(asObject(answer)?.['item'], visit);
  }
};

const childrenOf = (group: JsonObject): Map<string, JsonObject> => {
  const children = new Map<string, JsonObject>();
  walk(group['item'], (item) => {
    const linkId = asString(item['linkId']);
    if (linkId !== undefined) children.set(linkId, item);
    return true;
  });
  return children;
};

type Reader = (field: string, message: string) => void;

// One earlier session from one instance of the repeating group; undefined when it cannot be read.
const readSession = (group: JsonObject, unreadable: Reader, index: number): PriorSession | undefined => {
  const children = childrenOf(group);
  const value = (path: string): Read | undefined => {
    const item = ITEMS_BY_PATH.get(path);
    const raw = children.get(path);
    return item === undefined || raw === undefined ? undefined : readItem(item, raw);
  };
  const date = value('priorSessions.date');
  const agent = value('priorSessions.agent');
  const totalVolumeMl = value('priorSessions.totalVolumeMl');
  const formulation = value('priorSessions.formulation');
  const concentrationPercent = value('priorSessions.concentrationPercent');
  const liquidVolumeMl = value('priorSessions.liquidVolumeMl');
  const usable = (v: Read | undefined): boolean => v !== undefined && v !== UNKNOWN && v !== UNREADABLE;
  if (!usable(date) || !usable(agent) || !usable(totalVolumeMl)) {
    unreadable('priorSessions', `Earlier session ${index + 1} lacks a readable date, agent or total volume`);
    return undefined;
  }
  if (usable(liquidVolumeMl) && (formulation !== 'foam' || (liquidVolumeMl as number) <= 0 || (liquidVolumeMl as number) > (totalVolumeMl as number))) {
    unreadable('priorSessions', `Earlier session ${index + 1} gives a liquid volume that is not the liquid of a foam within its total volume`);
    return undefined;
  }
  return {
    date: date as string,
    agent: agent as PriorSession['agent'],
    totalVolumeMl: totalVolumeMl as number,
    ...(usable(formulation) ? { formulation: formulation as 'liquid' | 'foam' } : {}),
    ...(usable(concentrationPercent) ? { concentrationPercent: concentrationPercent as number } : {}),
    ...(usable(liquidVolumeMl) ? { liquidVolumeMl: liquidVolumeMl as number } : {}),
  };
};

const readPriorSessions = (none: Read | undefined, groups: readonly JsonObject[], unreadable: Reader): Read | undefined => {
  if (none === UNREADABLE) return UNREADABLE;
  if (none === true) {
    if (groups.length === 0) return [];
    unreadable('priorSessions', 'The response says there was no earlier session and also lists earlier sessions');
    return UNREADABLE;
  }
  if (groups.length === 0) {
    if (none === false) unreadable('priorSessions', 'The response says there were earlier sessions but lists none');
    return none === undefined ? undefined : none === UNKNOWN ? UNKNOWN : UNREADABLE;
  }
  const sessions = groups.map((g, i) => readSession(g, unreadable, i));
  return sessions.every((s) => s !== undefined) ? sessions : UNREADABLE;
};

const readDuplex = (group: JsonObject | undefined, unreadable: Reader): Read | undefined => {
  if (group === undefined) return undefined;
  const children = childrenOf(group);
  const [date, reflux, deep] = DUPLEX_ITEMS.map((item) => {
    const raw = children.get(item.path);
    return raw === undefined ? undefined : readItem(item, raw);
  });
  const parts = [date, reflux, deep];
  if (parts.every((p) => p === undefined)) return undefined;
  if (parts.some((p) => p === UNREADABLE)) return UNREADABLE;
  if (parts.some((p) => p === undefined || p === UNKNOWN)) {
    if (parts.some((p) => p !== undefined && p !== UNKNOWN)) unreadable(DUPLEX_GROUP, 'The duplex ultrasound needs its date and both findings (or "none") to be used');
    return UNKNOWN;
  }
  return { date, truncalReflux: reflux, deepVenousDisease: deep };
};

/**
 * Reads the answers of one response to the screening questionnaire, by request path. Each item is
 * found by its linkId wherever it is nested. An unanswered item is not in the result; an item
 * answered "unknown" maps to `value: undefined`; an answer that cannot be read (a foreign code,
 * a value out of range, "none" with an agent) leaves the field out and is reported in gaps.
 * @param resource - the QuestionnaireResponse
 * @param reference - how gaps and provenance name it, e.g. `QuestionnaireResponse/abc`
 * @returns the answers and the gaps
 */
export const readResponse = (resource: JsonObject, reference: string): ResponseReading => {
  const answers = new Map<string, FieldAnswer>();
  const gaps: Gap[] = [];
  const unreadable: Reader = (field, message) => gaps.push(gap(reference, 'ambiguous', `${message}; not used`, field));
  const put = (path: string, linkId: string, read: Read | undefined): void => {
    if (read === undefined) return;
    if (read === UNREADABLE) {
      if (!gaps.some((g) => g.field === path)) unreadable(path, `The answer to "${linkId}" cannot be read as a value of the form`);
      return;
    }
    answers.set(path, { value: read === UNKNOWN ? undefined : read, source: `${reference}#${linkId}` });
  };
  const sessionGroups: JsonObject[] = [];
  let noPrior: Read | undefined;
  let duplex: JsonObject | undefined;
  walk(resource['item'], (item) => {
    const linkId = asString(item['linkId']) ?? '';
    if (linkId === PRIOR_SESSION_GROUP) {
      sessionGroups.push(item);
      return false;
    }
    if (linkId === DUPLEX_GROUP) {
      duplex = item;
      return false;
    }
    const known = ITEMS_BY_PATH.get(linkId);
    if (known === undefined) return true;
    if (known === NO_PRIOR_SESSION_ITEM) noPrior = readItem(known, item);
    else put(linkId, linkId, readItem(known, item));
    return true;
  });
  put('priorSessions', PRIOR_SESSION_GROUP, readPriorSessions(noPrior, sessionGroups, unreadable));
  put(DUPLEX_GROUP, DUPLEX_GROUP, readDuplex(duplex, unreadable));
  return { answers, gaps };
};
