import type { z } from 'zod';

/** The contract's container size when `containerVolumeMl` is omitted (CONTRACT §3). */
export const DEFAULT_CONTAINER_VOLUME_ML = 2;
/** How far the injections may sum from `totalVolumeMl`, in mL (CONTRACT §3). */
export const INJECTION_SUM_TOLERANCE_ML = 0.01;
// Floating-point slack so that e.g. 0.1 + 0.2 compares equal to 0.3.
const EPSILON = 1e-9;

interface CheckedRequest {
  readonly veins: readonly { readonly id: string }[];
  readonly priorSessions?: readonly { readonly date: string }[] | undefined;
  readonly duplexUltrasound?: { readonly date: string } | undefined;
  readonly plannedSession?:
    | {
        readonly date: string;
        readonly containers: number;
        readonly containerVolumeMl?: number | undefined;
        readonly totalVolumeMl: number;
        readonly targetVeinIds: readonly string[];
        readonly injections?: readonly { readonly veinId: string; readonly volumeMl: number }[] | undefined;
      }
    | undefined;
}

type Context = z.core.$RefinementCtx<CheckedRequest>;

const report = (ctx: Context, code: string, message: string, path: (string | number)[]): void => {
  ctx.addIssue({ code: 'custom', message, path, params: { code } });
};

const checkVeinIds = (request: CheckedRequest, ctx: Context): void => {
  const firstIndex = new Map<string, number>();
  request.veins.forEach((vein, index) => {
    const earlier = firstIndex.get(vein.id);
    if (earlier === undefined) firstIndex.set(vein.id, index);
    else
      report(ctx, 'duplicate_vein_id', `Vein id "${vein.id}" is used again; it was first used by veins[${earlier}]`, [
        'veins',
        index,
        'id',
      ]);
  });
};

/** An input issue found outside zod, with the code, message and path of a schema issue. */
export interface CrossFieldIssue {
  readonly code: string;
  readonly message: string;
  readonly path: (string | number)[];
}

/**
 * The `duplex_after_planned_date` issue when the duplex ultrasound is dated after a reference date:
 * the planned session's date, or "today" (`asOf`) when nothing is planned (CONTRACT §3.4).
 * @param request - the request
 * @param referenceDate - the date the duplex may not follow, `YYYY-MM-DD`
 * @param what - the reference date in words, for the message
 * @returns the issue, or undefined when the duplex is not after the date (or there is none)
 */
export const duplexAfter = (
  request: Pick<CheckedRequest, 'duplexUltrasound'>,
  referenceDate: string,
  what: string,
): CrossFieldIssue | undefined => {
  const duplex = request.duplexUltrasound;
  // ISO dates compare correctly as strings.
  if (duplex === undefined || duplex.date <= referenceDate) return undefined;
  return {
    code: 'duplex_after_planned_date',
    message: `The duplex ultrasound on ${duplex.date} is dated after ${what} on ${referenceDate}`,
    path: ['duplexUltrasound', 'date'],
  };
};

const checkSession = (request: CheckedRequest, ctx: Context): void => {
  const session = request.plannedSession;
  if (session === undefined) return;
  const known = new Set(request.veins.map((v) => v.id));
  const targets = new Set<string>();
  session.targetVeinIds.forEach((id, index) => {
    const path = ['plannedSession', 'targetVeinIds', index];
    if (!known.has(id)) report(ctx, 'unknown_vein', `Target "${id}" names no vein in "veins"`, path);
    else if (targets.has(id)) report(ctx, 'duplicate_target', `Target "${id}" is listed twice`, path);
    targets.add(id);
  });

  const capacity = session.containers * (session.containerVolumeMl ?? DEFAULT_CONTAINER_VOLUME_ML);
  if (session.totalVolumeMl > capacity + EPSILON) {
    report(
      ctx,
      'volume_exceeds_containers',
      `totalVolumeMl is ${session.totalVolumeMl} mL but the ${session.containers} opened containers hold ${capacity} mL`,
      ['plannedSession', 'totalVolumeMl'],
    );
  }

  (request.priorSessions ?? []).forEach((prior, index) => {
    // ISO dates compare correctly as strings.
    if (prior.date > session.date) {
      report(ctx, 'prior_session_after_planned_date', `Prior session on ${prior.date} is after the planned session on ${session.date}`, [
        'priorSessions',
        index,
        'date',
      ]);
    }
  });

  const duplexIssue = duplexAfter(request, session.date, 'the planned session');
  if (duplexIssue !== undefined) report(ctx, duplexIssue.code, duplexIssue.message, duplexIssue.path);

  const injections = session.injections;
  if (injections === undefined) return;
  injections.forEach((injection, index) => {
    const path = ['plannedSession', 'injections', index, 'veinId'];
    if (!known.has(injection.veinId)) {
      report(ctx, 'unknown_vein', `Injection into "${injection.veinId}" names no vein in "veins"`, path);
    } else if (!targets.has(injection.veinId)) {
      report(ctx, 'injection_not_targeted', `Injection into "${injection.veinId}" names a vein that is not a target`, path);
    }
  });
  const sum = injections.reduce((total, injection) => total + injection.volumeMl, 0);
  if (Math.abs(sum - session.totalVolumeMl) > INJECTION_SUM_TOLERANCE_ML + EPSILON) {
    report(
      ctx,
      'injection_volume_mismatch',
      `The injections add up to ${Number(sum.toFixed(4))} mL but totalVolumeMl is ${session.totalVolumeMl} mL`,
      ['plannedSession', 'injections'],
    );
  }
};

/**
 * Adds an issue to the zod context for each cross-field rule a request breaks: duplicate vein ids,
 * targets or injections naming unknown veins, injections that do not add up, more volume than
 * the opened containers hold, and prior sessions or a duplex ultrasound dated after the planned session.
 * A duplex dated after "today" when nothing is planned is checked by `assess`, which knows `asOf`.
 * @param request - the request, already valid field by field
 * @param ctx - the zod refinement context
 */
export const checkCrossFields = (request: CheckedRequest, ctx: Context): void => {
  checkVeinIds(request, ctx);
  checkSession(request, ctx);
};
