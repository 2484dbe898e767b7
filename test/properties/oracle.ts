import type { AssessmentRequest, Vein } from '../../src/model/request-schema.js';
import { STATUSES, type SessionStatus, type Status } from '../../src/model/vocabulary.js';
import type { Assessment } from '../../src/model/assessment.js';

/**
 * Independent re-computations for the property tests, written from RULES.md rather than from the
 * library's own fact derivation, so a bug in one is not hidden by the same bug in the other.
 */

/** The rank of a status: higher is worse. */
export const statusRank = (status: Status): number => STATUSES.indexOf(status);

/** The rank of a session status: higher is worse; `not-planned` ranks with `approved`. */
export const sessionRank = (status: SessionStatus): number =>
  ({ 'not-planned': 0, approved: 0, 'approved-with-deferrals': 1, blocked: 2 })[status];

/** Whether the session is approved, with or without deferrals. */
export const isApproved = (assessment: Assessment): boolean => assessment.session.status.startsWith('approved');

const sameDayPriors = (request: AssessmentRequest) =>
  (request.priorSessions ?? []).filter((p) => p.date === request.plannedSession?.date);

/** Volume planned plus volume already given on the planned date. */
export const dailyVolume = (request: AssessmentRequest): number =>
  (request.plannedSession?.totalVolumeMl ?? 0) + sameDayPriors(request).reduce((sum, p) => sum + p.totalVolumeMl, 0);

/** Polidocanol mg planned plus given on the planned date; unknown same-day strengths count at 3 %. */
export const dailyPolidocanolMg = (request: AssessmentRequest): number => {
  const session = request.plannedSession;
  const planned = session?.agent === 'polidocanol' ? session.totalVolumeMl * session.concentrationPercent * 10 : 0;
  return (
    planned +
    sameDayPriors(request)
      .filter((p) => p.agent === 'polidocanol')
      .reduce((sum, p) => sum + p.totalVolumeMl * (p.concentrationPercent ?? 3) * 10, 0)
  );
};

const sameLeg = (a: Vein, b: Vein): boolean =>
  a.region === 'leg' && b.region === 'leg' && (a.side === undefined || b.side === undefined || a.side === b.side);

/**
 * The targets that a session may not treat today: small leg veins sharing a leg with an untreated
 * or targeted varicose vein, or lying on a leg with truncal reflux.
 */
export const spiderTargetsBehindVaricose = (request: AssessmentRequest): readonly string[] => {
  const session = request.plannedSession;
  if (session === undefined) return [];
  const targets = request.veins.filter((v) => session.targetVeinIds.includes(v.id));
  const varicose = request.veins.filter(
    (v) => v.kind === 'varicose' && (v.status !== 'treated' || session.targetVeinIds.includes(v.id)),
  );
  const reflux = request.duplexUltrasound?.truncalReflux ?? [];
  return targets
    .filter((t) => t.kind !== 'varicose' && t.region === 'leg')
    .filter(
      (t) =>
        varicose.some((v) => sameLeg(t, v)) ||
        (reflux.length > 0 && (t.side === undefined || reflux.includes(t.side))),
    )
    .map((t) => t.id);
};

/** A deep copy, so a property can change a request without touching the generated one. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
