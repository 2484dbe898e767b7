import type { Assessment, Finding } from '../../../model/assessment.js';
import type { AssessmentRequest } from '../../../model/request-schema.js';
import { CODE_LISTS } from '../../fhir/index.js';
import { cardUuid } from './uuid.js';

/** A suggestion to update the draft order so that a finding no longer applies. */
export interface DraftOrderSuggestion {
  readonly label: string;
  readonly uuid: string;
  readonly isRecommended: true;
  readonly actions: readonly [{ readonly type: 'update'; readonly description: string; readonly resource: Readonly<Record<string, unknown>> }];
}

type Json = Record<string, unknown>;
type Fix = { readonly label: string; readonly description: string; readonly resource: Json };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;
// Two decimals, rounded down, so that a suggested volume is never above the limit it aims at.
const floorToHundredth = (value: number): number => Math.floor(value * 100 + 1e-9) / 100;

const ML_PER_UNIT: Readonly<Record<string, number>> = { ml: 1, cc: 1, cm3: 1, milliliter: 1, millilitre: 1, milliliters: 1, millilitres: 1, l: 1000 };
const CONTAINER_UNITS = new Set(['vial', 'vials', 'ampule', 'ampules', 'ampoule', 'ampoules', 'amp', 'amps', 'ampul', 'ampuls']);
const TEXT_VOLUME = /(\d+(?:\.\d+)?)(\s*(?:ml|cc)\b)/i;

const unitOf = (quantity: Json): string => String(quantity.code ?? quantity.unit ?? '').replace(/[{}]/g, '').trim().toLowerCase();

const doseQuantityOf = (dosage: Json): Json | undefined =>
  objects(dosage.doseAndRate)
    .map((doseAndRate) => doseAndRate.doseQuantity)
    .find((q): q is Json => isObject(q) && typeof q.value === 'number' && ML_PER_UNIT[unitOf(q)] !== undefined);

const statesVolume = (dosage: Json): boolean =>
  doseQuantityOf(dosage) !== undefined ||
  objects(dosage.doseAndRate).some((d) => isObject(d.doseRange) && isObject(d.doseRange.high) && ML_PER_UNIT[unitOf(d.doseRange.high)] !== undefined) ||
  (typeof dosage.text === 'string' && TEXT_VOLUME.test(dosage.text));

/**
 * Sets the volume of an order with one dosage instruction whose dose is a doseQuantity in mL (or
 * cc, L), and the same volume where its text states it; any other shape is not changed mechanically.
 */
const withVolume = (order: Json, ml: number): Json | undefined => {
  const dosages = objects(order.dosageInstruction);
  const withDose = dosages.filter(statesVolume);
  const [dosage] = withDose;
  if (withDose.length !== 1 || dosage === undefined) return undefined;
  const quantity = doseQuantityOf(dosage);
  if (quantity === undefined) return undefined;
  const updated = clone(order);
  const index = dosages.indexOf(dosage);
  const target = objects(updated.dosageInstruction)[index];
  const targetQuantity = target === undefined ? undefined : doseQuantityOf(target);
  if (target === undefined || targetQuantity === undefined) return undefined;
  const oldMl = Number(quantity.value) * (ML_PER_UNIT[unitOf(quantity)] ?? 1);
  targetQuantity.value = ml / (ML_PER_UNIT[unitOf(quantity)] ?? 1);
  if (typeof target.text === 'string') {
    target.text = target.text.replace(TEXT_VOLUME, (match, amount: string, unit: string) => (Math.abs(Number(amount) - oldMl) < 1e-9 ? `${ml}${unit}` : match));
  }
  return updated;
};

const withContainers = (order: Json, count: number): Json | undefined => {
  const dispense = order.dispenseRequest;
  const quantity = isObject(dispense) ? dispense.quantity : undefined;
  if (!isObject(quantity) || typeof quantity.value !== 'number' || !CONTAINER_UNITS.has(unitOf(quantity))) return undefined;
  const updated = clone(order);
  ((updated.dispenseRequest as Json).quantity as Json).value = count;
  return updated;
};

const FOAM_WORDS = CODE_LISTS['foam-formulation'].textMatches ?? [];
const saysFoam = (text: string): boolean => FOAM_WORDS.some((word) => new RegExp(`(?:^|[^a-z0-9])${word.toLowerCase()}`).test(text.toLowerCase()));
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : isObject(value) ? Object.values(value).flatMap(strings) : [];

/**
 * Rewrites "foam" as "liquid" in the dosage texts and method texts of an order; when foam is named
 * anywhere else (the medication, a coded method, a note, a product such as Varithena) the change is
 * not mechanical and there is no suggestion.
 */
const asLiquid = (order: Json): Json | undefined => {
  const updated = clone(order);
  for (const dosage of objects(updated.dosageInstruction)) {
    if (typeof dosage.text === 'string') dosage.text = dosage.text.replace(/\bfoam(?:ed|ing)?\b/gi, 'liquid');
    if (isObject(dosage.method) && typeof dosage.method.text === 'string') dosage.method.text = dosage.method.text.replace(/\bfoam(?:ed|ing)?\b/gi, 'liquid');
  }
  return strings(updated).some(saysFoam) ? undefined : updated;
};

const referenceOf = (order: Json): string => (typeof order.id === 'string' ? `MedicationRequest/${order.id}` : 'the draft order');

const volumeFix = (order: Json, targetMl: number, why: string): Fix | undefined => {
  const ml = floorToHundredth(targetMl);
  const resource = ml > 0 ? withVolume(order, ml) : undefined;
  return resource === undefined ? undefined : { label: `Lower the dose to ${ml} mL`, description: `Sets the dose of ${referenceOf(order)} to ${ml} mL, ${why}.`, resource };
};

const containerFix = (order: Json, assessment: Assessment, request: AssessmentRequest | undefined): Fix | undefined => {
  const max = assessment.session.limits.maxContainers;
  // The contract's container size when the request states none (CONTRACT §3).
  const capacity = max * (request?.plannedSession?.containerVolumeMl ?? 2);
  const volumeFits = assessment.session.totals.volumeMl <= capacity + 1e-9;
  const counted = withContainers(order, max);
  if (counted !== undefined && volumeFits) {
    return { label: `Dispense ${max} vials or ampules`, description: `Sets the quantity of ${referenceOf(order)} to ${max} vials or ampules, the per-session limit.`, resource: counted };
  }
  const lowered = volumeFix(counted ?? order, capacity, `what ${max} vials or ampules hold`);
  return lowered === undefined ? undefined : { ...lowered, label: `${lowered.label} (${max} vials or ampules)` };
};

const fixFor = (finding: Finding, assessment: Assessment, order: Json, request: AssessmentRequest | undefined): Fix | undefined => {
  const { limits, totals } = assessment.session;
  switch (finding.ruleId) {
    case 'dose.session-volume-cap':
      return volumeFix(order, limits.maxVolumeMl, 'the per-session limit');
    case 'dose.daily-volume-cap': {
      const earlier = totals.dailyVolumeMl - totals.volumeMl;
      return volumeFix(order, limits.maxVolumeMl - earlier, earlier > 0 ? 'what the daily limit leaves after earlier sessions that day' : 'the daily limit');
    }
    case 'dose.session-container-cap':
      return containerFix(order, assessment, request);
    case 'contraindication.symptomatic-shunt-foam': {
      const resource = asLiquid(order);
      return resource === undefined ? undefined : { label: 'Change foam to liquid', description: `Changes ${referenceOf(order)} from foam to a liquid injection.`, resource };
    }
    default:
      return undefined;
  }
};

/**
 * Builds the `update` suggestion for a finding whose fix is mechanical: a volume over the session or
 * daily limit is lowered to it, a container count over the limit is lowered to it (with the volume,
 * when the fewer containers cannot hold it), and foam with a symptomatic shunt becomes liquid.
 * @param finding - the finding
 * @param assessment - its assessment, for the limits in force and the totals
 * @param draftOrder - the draft MedicationRequest, as JSON
 * @param hookInstance - the hook call, for the suggestion's id
 * @param request - the request that was assessed, for the container size
 * @returns the suggestion, or undefined when there is no draft order or the fix is not mechanical
 */
export const suggestionFor = (
  finding: Finding,
  assessment: Assessment,
  draftOrder: unknown,
  hookInstance: string,
  request?: AssessmentRequest,
): DraftOrderSuggestion | undefined => {
  if (!isObject(draftOrder) || draftOrder.resourceType !== 'MedicationRequest') return undefined;
  const fix = fixFor(finding, assessment, draftOrder, request);
  if (fix === undefined) return undefined;
  return {
    label: fix.label,
    uuid: cardUuid(hookInstance, `${finding.ruleId}#update-draft-order`),
    isRecommended: true,
    actions: [{ type: 'update', description: fix.description, resource: fix.resource }],
  };
};
