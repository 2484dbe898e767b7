import type { Assessment, Finding, SessionLimits, SessionTotals } from '../model/assessment.js';
import type { Facts } from '../facts/facts.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { JurisdictionInForce } from '../model/vocabulary.js';
import { sessionStatusFrom, sortFindings, toDeferredVeinIds, toHeldVeinIds, toHolds, toSessionStatus, toStatus } from './status.js';

const perKg = (mg: number, weight: Facts['weightKg']): number | undefined =>
  weight === 'undocumented' ? undefined : Math.round((mg / weight) * 1e6) / 1e6;

// Optional fields are assigned in the contract's order rather than spread in: a conditional spread
// costs V8 a run-time property copy, about ten times an assignment, on every assessment.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const toTotals = (facts: Facts): SessionTotals => {
  const totals: Mutable<SessionTotals> = {
    volumeMl: facts.plannedVolumeMl,
    liquidVolumeMl: facts.plannedLiquidVolumeMl,
    foamVolumeMl: facts.plannedFoamVolumeMl,
    liquidVolumeEstimated: facts.liquidVolumeEstimated,
    containers: facts.plannedContainers,
    containerEquivalents: facts.containerEquivalents,
    dailyLiquidVolumeMl: facts.dailyLiquidVolumeMl,
    dailyFoamVolumeMl: facts.dailyFoamVolumeMl,
    dailyVolumeMl: facts.dailyVolumeMl,
  };
  if (facts.plannedAgent !== 'polidocanol') return totals;
  const plannedPerKg = perKg(facts.plannedPolidocanolMg, facts.weightKg);
  const dailyPerKg = perKg(facts.dailyPolidocanolMg, facts.weightKg);
  totals.polidocanolMg = facts.plannedPolidocanolMg;
  if (plannedPerKg !== undefined) totals.polidocanolMgPerKg = plannedPerKg;
  totals.dailyPolidocanolMg = facts.dailyPolidocanolMg;
  if (dailyPerKg !== undefined) totals.dailyPolidocanolMgPerKg = dailyPerKg;
  return totals;
};

const toLimits = (facts: Facts): SessionLimits => {
  const limits: Mutable<SessionLimits> = {
    maxVolumeMl: facts.limits.maxVolumeMl,
    // The foam cap in force: the US canister value where it applies (CONTRACT §4.1).
    maxFoamVolumeMl: facts.foamCapMl,
    maxContainers: facts.limits.maxContainers,
  };
  if (facts.maxPolidocanolMg !== 'undocumented' && facts.plannedAgent === 'polidocanol') limits.maxPolidocanolMg = facts.maxPolidocanolMg;
  return limits;
};

const ruleSetInfoOf = (ruleSet: RuleSet): Assessment['ruleSet'] => {
  const info: Mutable<Assessment['ruleSet']> = { name: ruleSet.name, version: ruleSet.version };
  if (ruleSet.reviewedOn !== undefined) info.reviewedOn = ruleSet.reviewedOn;
  if (ruleSet.reviewedBy !== undefined) info.reviewedBy = ruleSet.reviewedBy;
  if (ruleSet.overlay !== undefined) info.overlay = ruleSet.overlay;
  return info;
};

/**
 * Decides the session status from the findings of the first stage, before aftercare advice runs.
 * @param facts - the facts
 * @param findings - the findings of the first stage
 * @returns the session status
 */
export const sessionStatusOf = (facts: Facts, findings: readonly Finding[]): Assessment['session']['status'] =>
  toSessionStatus(facts.sessionPlanned, toStatus(findings), findings, facts.targetIds);

/**
 * Assembles the assessment: status and session status by the contract's precedence, holds, held and
 * deferred targets, sorted findings, totals, limits and every path a clinician should document.
 * @param facts - the facts of this request
 * @param findings - the findings of both stages
 * @param ruleSet - the rule set used
 * @param asOf - the date used as "today"
 * @param jurisdiction - the jurisdiction in force
 * @returns the assessment
 */
export const buildAssessment = (
  facts: Facts,
  findings: readonly Finding[],
  ruleSet: RuleSet,
  asOf: string,
  jurisdiction: JurisdictionInForce,
): Assessment => {
  const sorted = sortFindings(findings);
  const status = toStatus(sorted);
  const planned = facts.sessionPlanned;
  const held = planned ? toHeldVeinIds(sorted, facts.targetIds) : [];
  const deferred = toDeferredVeinIds(sorted, facts.targetIds);
  return {
    status,
    session: {
      status: planned ? sessionStatusFrom(status, sorted, facts.targetIds, deferred, held) : 'not-planned',
      holds: planned ? toHolds(sorted, facts.targetIds) : [],
      heldVeinIds: held,
      deferredVeinIds: deferred,
      totals: toTotals(facts),
      limits: toLimits(facts),
    },
    findings: sorted,
    unconfirmed: [...new Set(sorted.flatMap((f) => f.unconfirmed ?? []))],
    ruleSet: ruleSetInfoOf(ruleSet),
    asOf,
    jurisdiction,
  };
};
