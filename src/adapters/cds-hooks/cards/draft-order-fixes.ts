import type { Assessment, Finding } from '../../../model/assessment.js';
import type { AssessmentRequest } from '../../../model/request-schema.js';
import { asLiquidOrder, readOrderDose, withOrderContainers, withOrderVolume } from '../../fhir/order-dose.js';
import { floorToTenth } from '../../fhir/quantity.js';
import { cardUuid } from './uuid.js';
import { formatValue } from '../../../explain/render.js';

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

const referenceOf = (order: Json): string => (typeof order.id === 'string' ? `MedicationRequest/${order.id}` : 'the draft order');

// The contract's container size when the request states none (CONTRACT §3).
const DEFAULT_CONTAINER_ML = 2;
// Suggested volumes are in tenths of a mL, rounded down (floorToTenth), so that they are never above a limit they aim at.
// The assessment rounds its sums to 9 decimals before comparing them with the limits.
const round9 = (value: number): number => Math.round(value * 1e9) / 1e9;
// Volumes in text through the one value formatter of every view.
const mlText = (value: number): string => formatValue(value);

/** The order's dose as it stands: its volume (from its one dosage with a dose in mL, else the assessment) and its stated vials or ampules. */
interface Dose {
  readonly volumeMl: number;
  /** Whether the volume can be changed mechanically (one dosage instruction with a doseQuantity in mL). */
  readonly volumeEditable: boolean;
  /** dispenseRequest.quantity in vials or ampules, when the order states it; else the count is the fewest that hold the volume. */
  readonly containers?: number;
}

/** A volume no order may exceed today, and why. */
interface Ceiling {
  readonly ml: number;
  readonly why: string;
}

/** Everything the limits in force allow for this order, and a check of a dose against all of them. */
interface DoseLimits {
  readonly ceilings: readonly Ceiling[];
  /** The volume of one vial or ampule. */
  readonly containerMl: number;
  readonly fits: (volumeMl: number) => boolean;
}

// The container cap counts vials and ampules as 2 mL equivalents: containers × min(size, 2) ÷ 2.
const EQUIVALENT_ML = 2;
const equivalentsOf = (count: number, containerMl: number): number => round9((count * Math.min(containerMl, EQUIVALENT_ML)) / EQUIVALENT_ML);

/** The most vials or ampules of one size whose 2 mL equivalents are within the container cap. */
const mostContainers = (maxEquivalents: number, containerMl: number): number => {
  let count = Math.floor((maxEquivalents * EQUIVALENT_ML) / Math.min(containerMl, EQUIVALENT_ML) + 1e-9);
  while (count > 0 && equivalentsOf(count, containerMl) > maxEquivalents) count -= 1;
  return count;
};

const containerMlOf = (request: AssessmentRequest | undefined): number => request?.plannedSession?.containerVolumeMl ?? DEFAULT_CONTAINER_ML;

/** The other sessions the split-session cap counts with the plan: their volume, and the interval in days. */
interface SplitWindow {
  readonly otherMl: number;
  readonly days?: number;
}

// The split-session cap counts the sessions of the interval window, earlier sessions that day and
// the plan together. A lower plan never makes it fire, so it bounds a suggestion only when its
// finding is there; the finding's evidence gives the total, and the rest of it is not the plan.
const splitWindowOf = (assessment: Assessment): SplitWindow | undefined => {
  const finding = assessment.findings.find((f) => f.ruleId === 'dose.split-session-interval');
  const total = finding?.evidence.find((e) => e.fact === 'splitSessionVolumeMl')?.actual;
  if (finding === undefined || typeof total !== 'number') return undefined;
  const days = finding.limits?.find((l) => l.name === 'minDaysBetweenSessions')?.value;
  return { otherMl: Math.max(0, round9(total - assessment.session.totals.volumeMl)), ...(days === undefined ? {} : { days }) };
};

// The order's dose as the FHIR adapter reads it; the assessment's total when the order's own cannot be read.
const doseOf = (order: Json, assessment: Assessment): Dose => {
  const dose = readOrderDose(order);
  return {
    volumeMl: dose.volumeMl ?? assessment.session.totals.volumeMl,
    volumeEditable: dose.volumeEditable,
    ...(dose.containers === undefined ? {} : { containers: dose.containers }),
  };
};

// Milligrams of polidocanol per mL of the order: 1 % is 10 mg per mL. From the request (the order's
// strength, as the FHIR adapter read it), else from the assessment's totals; null when there is a
// weight-based limit but no way to tell the strength.
const polidocanolMgPerMl = (assessment: Assessment, request: AssessmentRequest | undefined): number | undefined | null => {
  const { limits, totals } = assessment.session;
  if (limits.maxPolidocanolMg === undefined || totals.polidocanolMg === undefined) return undefined;
  const session = request?.plannedSession;
  if (session?.agent === 'polidocanol') return session.concentrationPercent * 10;
  return totals.volumeMl > 0 ? totals.polidocanolMg / totals.volumeMl : null;
};

/**
 * Works out what every limit of `assessment.session.limits` allows the order: the session volume,
 * the day's volume after earlier sessions that day, the volume of the split-session window (when
 * that cap fired), the vials or ampules counted as 2 mL equivalents (and what they hold), and the
 * day's polidocanol in mg at the order's strength (mg = mL × % × 10).
 * @param containers - the vials or ampules the order will state, within the limit; undefined when it states none
 * @returns the limits, or undefined when one of them cannot be applied (no strength is known)
 */
const doseLimitsOf = (assessment: Assessment, request: AssessmentRequest | undefined, containers: number | undefined): DoseLimits | undefined => {
  const { limits, totals } = assessment.session;
  const earlierMl = Math.max(0, round9(totals.dailyVolumeMl - totals.volumeMl));
  const containerMl = containerMlOf(request);
  const mostAllowed = mostContainers(limits.maxContainers, containerMl);
  const split = splitWindowOf(assessment);
  const mgPerMl = polidocanolMgPerMl(assessment, request);
  if (mgPerMl === null || (mgPerMl !== undefined && !(mgPerMl > 0))) return undefined;
  const maxMg = limits.maxPolidocanolMg;
  const earlierMg = Math.max(0, round9((totals.dailyPolidocanolMg ?? 0) - (totals.polidocanolMg ?? 0)));
  const ceilings: Ceiling[] = [
    { ml: limits.maxVolumeMl, why: `the per-session limit of ${mlText(limits.maxVolumeMl)} mL` },
    ...(earlierMl > 0
      ? [{ ml: limits.maxVolumeMl - earlierMl, why: `what the daily limit of ${mlText(limits.maxVolumeMl)} mL leaves after the ${mlText(earlierMl)} mL given earlier that day` }]
      : []),
    ...(split === undefined
      ? []
      : [
          {
            ml: limits.maxVolumeMl - split.otherMl,
            why: `what the limit of ${mlText(limits.maxVolumeMl)} mL leaves after the ${mlText(split.otherMl)} mL given ${split.days === undefined ? 'in sessions shortly before' : `fewer than ${split.days} days before`}`,
          },
        ]),
    // The vials or ampules must hold the volume: as many as the order states, else up to the limit.
    { ml: (containers ?? mostAllowed) * containerMl, why: `what ${containers ?? mostAllowed} vials or ampules of ${mlText(containerMl)} mL hold` },
    ...(mgPerMl === undefined || maxMg === undefined
      ? []
      : [
          {
            ml: (maxMg - earlierMg) / mgPerMl,
            why: `the weight-based polidocanol limit of ${mlText(maxMg)} mg a day at ${mlText(mgPerMl / 10)}%${earlierMg > 0 ? `, ${mlText(earlierMg)} mg of it given earlier that day` : ''}`,
          },
        ]),
  ];
  const fits = (volumeMl: number): boolean => {
    const count = containers ?? Math.ceil(volumeMl / containerMl - 1e-9);
    return (
      volumeMl > 0 &&
      volumeMl <= limits.maxVolumeMl &&
      round9(volumeMl + earlierMl) <= limits.maxVolumeMl &&
      (split === undefined || round9(volumeMl + split.otherMl) <= limits.maxVolumeMl) &&
      equivalentsOf(count, containerMl) <= limits.maxContainers &&
      volumeMl <= count * containerMl &&
      (mgPerMl === undefined || maxMg === undefined || round9(volumeMl * mgPerMl + earlierMg) <= maxMg)
    );
  };
  return { ceilings, containerMl, fits };
};

/** The order changed so that its dose is within every limit, and what changed. */
interface WithinLimits {
  readonly resource: Json;
  /** The new volume, when it was lowered, and the limit that set it. */
  readonly volume?: { readonly ml: number; readonly why: string };
  /** The new number of vials or ampules, when the order states one and it was lowered. */
  readonly containers?: number;
}

/**
 * Brings an order within every session limit: the largest volume, in tenths of a mL, that all of
 * them allow (the order's own volume when it already fits), and no more vials or ampules than the
 * limit. Undefined when that cannot be done mechanically: no volume fits, the volume is not one
 * doseQuantity in mL, or no strength is known for the weight-based limit.
 */
const withinLimits = (order: Json, assessment: Assessment, request: AssessmentRequest | undefined): WithinLimits | undefined => {
  const dose = doseOf(order, assessment);
  const most = mostContainers(assessment.session.limits.maxContainers, containerMlOf(request));
  const allowed = dose.containers === undefined ? undefined : Math.min(dose.containers, most);
  const limits = doseLimitsOf(assessment, request, allowed);
  if (limits === undefined) return undefined;
  const counted = (count: number | undefined): WithinLimits['containers'] => (count === undefined || count === dose.containers ? undefined : count);
  if (limits.fits(dose.volumeMl)) {
    const containers = counted(allowed);
    const resource = containers === undefined ? order : withOrderContainers(order, containers);
    return resource === undefined ? undefined : { resource, ...(containers === undefined ? {} : { containers }) };
  }
  if (!dose.volumeEditable) return undefined;
  const binding = limits.ceilings.reduce((lowest, ceiling) => (ceiling.ml < lowest.ml ? ceiling : lowest));
  let ml = floorToTenth(Math.min(dose.volumeMl, binding.ml));
  // Rounding can leave a hair over a limit at its exact boundary; a tenth less then fits.
  while (ml > 0 && !limits.fits(ml)) ml = floorToTenth(ml - 0.1);
  if (ml <= 0) return undefined;
  // A stated number of vials or ampules becomes the fewest that hold the lower volume: more would
  // read as a per-injection dose (the FHIR adapter then cannot tell the session total).
  const containers = counted(allowed === undefined ? undefined : Math.min(allowed, Math.ceil(ml / limits.containerMl - 1e-9)));
  const lowered = withOrderVolume(order, ml);
  const resource = lowered === undefined || containers === undefined ? lowered : withOrderContainers(lowered, containers);
  return resource === undefined ? undefined : { resource, volume: { ml, why: binding.why }, ...(containers === undefined ? {} : { containers }) };
};

// What a suggestion changes, as "the dose of MedicationRequest/1 to 3.8 mL (the most within ...) and its quantity to 5 vials or ampules (...)".
const containersText = (count: number): string => (count === 1 ? '1 vial or ampule' : `${count} vials or ampules`);

const changesOf = (within: WithinLimits, order: Json): string => {
  const volume = within.volume === undefined ? undefined : `the dose of ${referenceOf(order)} to ${mlText(within.volume.ml)} mL (the most within ${within.volume.why})`;
  const why = volume === undefined ? 'the per-session limit' : 'the fewest that hold it';
  const quantity =
    within.containers === undefined ? undefined : `${volume === undefined ? `the quantity of ${referenceOf(order)}` : 'its quantity'} to ${containersText(within.containers)} (${why})`;
  return [volume, quantity].filter((part) => part !== undefined).join(' and ');
};

const doseFix = (order: Json, assessment: Assessment, request: AssessmentRequest | undefined): Fix | undefined => {
  const within = withinLimits(order, assessment, request);
  if (within === undefined || (within.volume === undefined && within.containers === undefined)) return undefined;
  const count = within.containers === undefined ? '' : containersText(within.containers);
  const label = within.volume === undefined ? `Dispense ${count}` : `Lower the dose to ${mlText(within.volume.ml)} mL${count === '' ? '' : ` (${count})`}`;
  return { label, description: `Sets ${changesOf(within, order)}; the order is then within every session limit.`, resource: within.resource };
};

const liquidFix = (order: Json, assessment: Assessment, request: AssessmentRequest | undefined): Fix | undefined => {
  const liquid = asLiquidOrder(order);
  const within = liquid === undefined ? undefined : withinLimits(liquid, assessment, request);
  if (within === undefined) return undefined;
  const changes = changesOf(within, order);
  const lowered = within.volume === undefined ? '' : ` and lower the dose to ${mlText(within.volume.ml)} mL`;
  return {
    label: `Change foam to liquid${lowered}`,
    description: `Changes ${referenceOf(order)} from foam to a liquid injection${changes === '' ? '' : `, and sets ${changes}`}; the order is then within every session limit.`,
    resource: within.resource,
  };
};

// Every suggestion is recommended, so each one brings the order within every limit in force, not
// only the one its card is about.
const fixFor = (finding: Finding, assessment: Assessment, order: Json, request: AssessmentRequest | undefined): Fix | undefined => {
  switch (finding.ruleId) {
    case 'dose.session-volume-cap':
    case 'dose.daily-volume-cap':
    case 'dose.split-session-interval':
    case 'dose.session-container-cap':
    case 'dose.weight-based-polidocanol-cap':
      return doseFix(order, assessment, request);
    case 'contraindication.symptomatic-shunt-foam':
      return liquidFix(order, assessment, request);
    default:
      return undefined;
  }
};

/**
 * Builds the `update` suggestion for a finding whose fix is mechanical: a volume over the session,
 * daily, split-session or weight-based polidocanol limit, or containers over the limit, and foam
 * with a symptomatic shunt, which becomes liquid. The suggestion is recommended, so the order it
 * proposes is within every limit of `assessment.session.limits`, not only the finding's: the
 * largest volume, rounded down to 0.1 mL, that the session and daily volume, the split-session
 * window, the vials or ampules (as 2 mL equivalents, and what they hold) and the day's polidocanol
 * in mg at the order's strength all allow, with no more vials or ampules than the limit allows. When no such order can be written mechanically there is no suggestion.
 * @param finding - the finding
 * @param assessment - its assessment, for the limits in force and the totals
 * @param draftOrder - the draft MedicationRequest, as JSON
 * @param hookInstance - the hook call, for the suggestion's id
 * @param request - the request that was assessed, for the container size and the order's strength
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
