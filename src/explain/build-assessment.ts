import type { Assessment, Finding, SessionLimits, SessionTotals } from '../model/assessment.js';
import type { Facts } from '../facts/facts.js';
import type { RuleSet } from '../rules/rule-set.js';
import { sortFindings, toDeferredVeinIds, toSessionStatus, toStatus } from './status.js';

const toTotals = (facts: Facts): SessionTotals => {
  const polidocanol = facts.plannedAgent === 'polidocanol';
  const perKg = facts.weightKg === 'undocumented' ? undefined : Math.round((facts.plannedPolidocanolMg / facts.weightKg) * 1e6) / 1e6;
  return {
    volumeMl: facts.plannedVolumeMl,
    containers: facts.plannedContainers,
    ...(polidocanol ? { polidocanolMg: facts.plannedPolidocanolMg } : {}),
    ...(polidocanol && perKg !== undefined ? { polidocanolMgPerKg: perKg } : {}),
    dailyVolumeMl: facts.dailyVolumeMl,
    ...(polidocanol ? { dailyPolidocanolMg: facts.dailyPolidocanolMg } : {}),
    ...(polidocanol && facts.dailyPolidocanolMgPerKg !== 'undocumented'
      ? { dailyPolidocanolMgPerKg: Math.round(facts.dailyPolidocanolMgPerKg * 1e6) / 1e6 }
      : {}),
  };
};

const toLimits = (facts: Facts): SessionLimits => ({
  maxVolumeMl: facts.limits.maxVolumeMl,
  maxContainers: facts.limits.maxContainers,
  ...(facts.maxPolidocanolMg === 'undocumented' ? {} : { maxPolidocanolMg: facts.maxPolidocanolMg }),
});

/**
 * Decides the session status from the findings of the first stage, before aftercare advice runs.
 * @param facts - the facts
 * @param findings - the findings of the first stage
 * @returns the session status
 */
export const sessionStatusOf = (facts: Facts, findings: readonly Finding[]): Assessment['session']['status'] =>
  toSessionStatus(facts.sessionPlanned, toStatus(findings), findings, facts.targetIds);

/**
 * Assembles the assessment: status and session status by the contract's precedence, sorted findings,
 * totals, limits, deferred targets and every path a clinician should confirm.
 * @param facts - the facts of this request
 * @param findings - the findings of both stages
 * @param ruleSet - the rule set used
 * @param asOf - the date used as "today"
 * @returns the assessment
 */
export const buildAssessment = (facts: Facts, findings: readonly Finding[], ruleSet: RuleSet, asOf: string): Assessment => {
  const sorted = sortFindings(findings);
  const status = toStatus(sorted);
  return {
    status,
    session: {
      status: toSessionStatus(facts.sessionPlanned, status, sorted, facts.targetIds),
      totals: toTotals(facts),
      limits: toLimits(facts),
      deferredVeinIds: toDeferredVeinIds(sorted, facts.targetIds),
    },
    findings: sorted,
    unconfirmed: [...new Set(sorted.flatMap((f) => f.unconfirmed ?? []))],
    ruleSet: {
      name: ruleSet.name,
      version: ruleSet.version,
      ...(ruleSet.overlay === undefined ? {} : { overlay: ruleSet.overlay }),
    },
    asOf,
  };
};
