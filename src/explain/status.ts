import type { Finding } from '../model/assessment.js';
import { SEVERITIES, type Effect, type SessionStatus, type Status } from '../model/vocabulary.js';

// The contract's precedence: the strongest effect among findings decides the status.
const STATUS_BY_EFFECT: readonly (readonly [Effect, Status])[] = [
  ['exclude', 'not-candidate'],
  ['refer', 'refer'],
  ['require-information', 'insufficient-information'],
  ['caution', 'candidate-with-precautions'],
];

/**
 * Gives the candidacy status: the strongest of exclude, refer, require-information and caution among
 * the findings, else `candidate`.
 * @param findings - the findings
 * @returns the status
 */
export const toStatus = (findings: readonly Finding[]): Status => {
  const effects = new Set(findings.map((f) => f.effect));
  return STATUS_BY_EFFECT.find(([effect]) => effects.has(effect))?.[1] ?? 'candidate';
};

/**
 * Lists the targets that must wait: the veins of every `defer-veins` finding that are targets, in
 * target order.
 * @param findings - the findings
 * @param targetIds - the planned targets
 * @returns the deferred targets
 */
export const toDeferredVeinIds = (findings: readonly Finding[], targetIds: readonly string[]): readonly string[] => {
  const deferred = new Set(findings.filter((f) => f.effect === 'defer-veins').flatMap((f) => f.veinIds ?? []));
  return targetIds.filter((id) => deferred.has(id));
};

/**
 * Gives the session status: `not-planned` with no plan; `blocked` when the patient is not a candidate,
 * any finding blocks the session, or every target is deferred; `approved-with-deferrals` when some
 * targets are deferred; else `approved`.
 * @param planned - whether a session is planned
 * @param status - the candidacy status
 * @param findings - the findings
 * @param targetIds - the planned targets
 * @returns the session status
 */
export const toSessionStatus = (
  planned: boolean,
  status: Status,
  findings: readonly Finding[],
  targetIds: readonly string[],
): SessionStatus => {
  if (!planned) return 'not-planned';
  const deferred = toDeferredVeinIds(findings, targetIds);
  if (status === 'not-candidate' || findings.some((f) => f.effect === 'block-session')) return 'blocked';
  if (deferred.length > 0 && deferred.length >= targetIds.length) return 'blocked';
  return deferred.length > 0 ? 'approved-with-deferrals' : 'approved';
};

/**
 * Orders findings: critical, then warning, then info; ties by rule id.
 * @param findings - the findings
 * @returns a sorted copy
 */
export const sortFindings = (findings: readonly Finding[]): readonly Finding[] =>
  [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
