import type { Finding, Hold } from '../model/assessment.js';
import { sessionActionOf, statusOfEffect, statusWeightOf } from '../model/effects.js';
import { SEVERITIES, type SessionStatus, type Status } from '../model/vocabulary.js';

/**
 * Gives the candidacy status: the status set by the strongest effect among the findings, else
 * `candidate` (CONTRACT §4.2; the table is `EFFECT_TABLE`).
 * @param findings - the findings
 * @returns the status
 */
export const toStatus = (findings: readonly Finding[]): Status => {
  // The first finding of the greatest weight, as a stable sort by weight would put first.
  let strongest: Finding | undefined;
  let weight = -Infinity;
  for (const finding of findings) {
    const w = statusWeightOf(finding.effect);
    if (w > weight) {
      strongest = finding;
      weight = w;
    }
  }
  return (strongest === undefined ? undefined : statusOfEffect(strongest.effect)) ?? 'candidate';
};

const inTargetOrder = (ids: readonly string[], targetIds: readonly string[]): readonly string[] => {
  if (ids.length === 0) return [];
  const set = new Set(ids);
  return targetIds.filter((id) => set.has(id));
};

/**
 * Lists the targets that must wait: the veins of every `defer-veins` finding that are targets, in
 * target order.
 * @param findings - the findings
 * @param targetIds - the planned targets
 * @returns the deferred targets
 */
export const toDeferredVeinIds = (findings: readonly Finding[], targetIds: readonly string[]): readonly string[] =>
  inTargetOrder(
    findings.filter((f) => sessionActionOf(f.effect) === 'defer').flatMap((f) => f.veinIds ?? []),
    targetIds,
  );

const holdsTheSession = (f: Finding): boolean => sessionActionOf(f.effect) === 'hold';

/**
 * Lists the targets held by target-scoped findings whose effect holds (refer, require-information,
 * hold-session), in target order.
 * @param findings - the findings
 * @param targetIds - the planned targets
 * @returns the held targets
 */
export const toHeldVeinIds = (findings: readonly Finding[], targetIds: readonly string[]): readonly string[] =>
  inTargetOrder(
    findings.filter((f) => holdsTheSession(f) && f.scope === 'targets').flatMap((f) => f.veinIds ?? []),
    targetIds,
  );

const REASON_OF_EFFECT: Readonly<Partial<Record<Finding['effect'], Hold['reason']>>> = {
  'require-information': 'unconfirmed',
  refer: 'referral',
};

/**
 * Lists the holds on a planned session, one per holding finding in finding order (CONTRACT §4.3):
 * every refer and require-information finding, and every hold-session finding that is
 * patient-scoped or names at least one target.
 * @param findings - the findings, sorted
 * @param targetIds - the planned targets
 * @returns the holds
 */
export const toHolds = (findings: readonly Finding[], targetIds: readonly string[]): readonly Hold[] =>
  findings.flatMap((f): Hold[] => {
    if (!holdsTheSession(f)) return [];
    const targets = f.scope === 'targets' ? inTargetOrder(f.veinIds ?? [], targetIds) : [];
    if (f.effect === 'hold-session' && f.scope === 'targets' && targets.length === 0) return [];
    const reason = REASON_OF_EFFECT[f.effect] ?? f.holdReason ?? 'decision-required';
    // Assigned in the contract's order rather than spread in (a conditional spread costs V8 about
    // ten times an assignment).
    const hold: { -readonly [K in keyof Hold]: Hold[K] } = { ruleId: f.ruleId, reason } as Hold;
    if (reason === 'unconfirmed') hold.paths = f.unconfirmed ?? [];
    if (targets.length > 0) hold.veinIds = targets;
    hold.resolution = f.resolution ?? '';
    return [hold];
  });

/**
 * Gives the session status by the five steps of CONTRACT §4.3: `not-planned` with no plan;
 * `blocked` when the patient is not a candidate, a finding blocks the session, or every target is
 * deferred; `held` when a finding refers or asks for information, a patient-scoped finding holds,
 * or every target not deferred is held; `approved-with-deferrals` when some targets are deferred or
 * held; else `approved`.
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
): SessionStatus =>
  planned ? sessionStatusFrom(status, findings, targetIds, toDeferredVeinIds(findings, targetIds), toHeldVeinIds(findings, targetIds)) : 'not-planned';

/**
 * {@link toSessionStatus} for a planned session whose deferred and held targets are already known.
 * @param status - the candidacy status
 * @param findings - the findings
 * @param targetIds - the planned targets
 * @param deferred - the deferred targets, as toDeferredVeinIds gives them
 * @param held - the held targets, as toHeldVeinIds gives them
 * @returns the session status
 */
export const sessionStatusFrom = (
  status: Status,
  findings: readonly Finding[],
  targetIds: readonly string[],
  deferred: readonly string[],
  held: readonly string[],
): SessionStatus => {
  const deferredSet = new Set(deferred);
  const heldSet = new Set(held);
  if (status === 'not-candidate' || findings.some((f) => sessionActionOf(f.effect) === 'block')) return 'blocked';
  if (targetIds.length > 0 && targetIds.every((id) => deferredSet.has(id))) return 'blocked';
  const holdsWhole = findings.some(
    (f) => holdsTheSession(f) && (f.effect !== 'hold-session' || f.scope !== 'targets'),
  );
  if (holdsWhole || targetIds.filter((id) => !deferredSet.has(id)).every((id) => heldSet.has(id))) return 'held';
  return deferred.length > 0 || held.length > 0 ? 'approved-with-deferrals' : 'approved';
};

const SEVERITY_RANK: ReadonlyMap<string, number> = new Map(SEVERITIES.map((severity, rank) => [severity, rank]));
const rankOf = (severity: string): number => SEVERITY_RANK.get(severity) ?? -1;

/**
 * Orders findings: critical, then warning, then info; ties by rule id.
 * @param findings - the findings
 * @returns a sorted copy
 */
export const sortFindings = (findings: readonly Finding[]): readonly Finding[] =>
  [...findings].sort(
    (a, b) =>
      rankOf(a.severity) - rankOf(b.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
