import type { MappingContext } from './context.js';
import { findCoding } from './code-match.js';
import type { Concept } from './codes.js';
import { conditionState, type ConditionState } from './condition-status.js';
import { codingsOf, textsOf, type Coding } from './json.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf } from './references.js';

/** The history fields the patient's Conditions can affirm. Nothing here is ever false or "none". */
export interface ConditionHistory {
  readonly acuteThromboembolism?: true;
  readonly priorThromboembolism?: true;
  readonly thrombophilia?: true;
  readonly activeCancer?: true;
  readonly peripheralArterialDisease?: 'mild' | 'critical';
  readonly migraineWithAura?: true;
  readonly acuteSuperficialThrombophlebitis?: true;
  readonly ceapClass?: 'C6';
}

type Field = keyof ConditionHistory;

interface ConditionRule {
  readonly concept: Concept;
  readonly states: readonly ConditionState[];
  readonly field: Field;
  readonly value: ConditionHistory[Field];
}

// Which code list, in which state, affirms which field. A resolved acute DVT or PE is a prior one;
// a personal-history code counts whatever its clinical status (it is about the past).
const RULES: readonly ConditionRule[] = [
  { concept: 'acute-thromboembolism', states: ['current'], field: 'acuteThromboembolism', value: true },
  { concept: 'acute-thromboembolism', states: ['past'], field: 'priorThromboembolism', value: true },
  { concept: 'prior-thromboembolism', states: ['current', 'past'], field: 'priorThromboembolism', value: true },
  { concept: 'thrombophilia', states: ['current'], field: 'thrombophilia', value: true },
  { concept: 'active-cancer', states: ['current'], field: 'activeCancer', value: true },
  { concept: 'critical-limb-ischaemia', states: ['current'], field: 'peripheralArterialDisease', value: 'critical' },
  { concept: 'peripheral-arterial-disease', states: ['current'], field: 'peripheralArterialDisease', value: 'mild' },
  { concept: 'migraine-with-aura', states: ['current'], field: 'migraineWithAura', value: true },
  { concept: 'superficial-thrombophlebitis', states: ['current'], field: 'acuteSuperficialThrombophlebitis', value: true },
  { concept: 'venous-ulcer', states: ['current'], field: 'ceapClass', value: 'C6' },
];

// When two rules fill the same field, the more severe value wins (critical over mild).
const SEVERITY: Readonly<Record<string, number>> = { mild: 1, critical: 2 };
const stronger = (a: ConditionHistory[Field], b: ConditionHistory[Field]): ConditionHistory[Field] =>
  (SEVERITY[String(b)] ?? 0) > (SEVERITY[String(a)] ?? 0) ? b : a;

// A PFO is a possible right-to-left shunt, but no code says whether it causes symptoms, and
// "asymptomatic" would be the milder guess: the field stays undocumented and the record is reported.
const shuntGap = (reference: string, codings: readonly Coding[], texts: readonly string[]): Gap => {
  const name = texts[0] ?? findCoding('patent-foramen-ovale', codings)?.display ?? 'Patent foramen ovale';
  return gap(reference, 'uncertain', `A patent foramen ovale is recorded ("${name}"); whether it causes symptoms needs confirming, so rightToLeftShunt is left undocumented`, 'history.rightToLeftShunt');
};

/**
 * Maps the patient's Conditions to history fields, by the code lists of `codes/` (SNOMED CT and
 * ICD-10-CM). Only current Conditions count (clinical status active, recurrence or relapse, or
 * absent; not refuted or entered in error; not abated by asOf), except that a resolved acute DVT
 * or PE, and any personal-history code, affirm a prior thromboembolism. A current patent foramen
 * ovale sets nothing: rightToLeftShunt stays undocumented and the Condition is reported in gaps.
 * @param ctx - the mapping context
 * @returns the affirmed fields, with the Conditions each came from, and the gaps
 */
export const mapConditions = (ctx: MappingContext): Mapped<ConditionHistory> => {
  const values: Partial<Record<Field, ConditionHistory[Field]>> = {};
  const provenance: Record<string, string[]> = {};
  const gaps: Gap[] = [];
  for (const entry of ctx.entriesOf('Condition')) {
    const codings = codingsOf(entry.resource['code']);
    if (codings.length === 0) continue;
    const state = conditionState(entry.resource, ctx.asOfDay);
    if (state === 'excluded') continue;
    if (state === 'current' && findCoding('patent-foramen-ovale', codings) !== undefined) {
      gaps.push(shuntGap(referenceOf(entry), codings, textsOf(entry.resource['code'])));
    }
    for (const rule of RULES) {
      if (!rule.states.includes(state) || findCoding(rule.concept, codings) === undefined) continue;
      const current = values[rule.field];
      values[rule.field] = current === undefined ? rule.value : stronger(current, rule.value);
      const key = `history.${rule.field}`;
      provenance[key] = [...(provenance[key] ?? []), referenceOf(entry)];
    }
  }
  return { value: values as ConditionHistory, provenance, gaps };
};
