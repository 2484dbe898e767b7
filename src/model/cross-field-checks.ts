import type { z } from 'zod';
import agentsTable from '../../rules/agents.json';
import type { Agent } from './vocabulary.js';

/** The contract's container size when `containerVolumeMl` is omitted (CONTRACT §3). */
export const DEFAULT_CONTAINER_VOLUME_ML = 2;
/** How far the injections may sum from `totalVolumeMl`, in mL (CONTRACT §3). */
export const INJECTION_SUM_TOLERANCE_ML = 0.01;
/**
 * The leanest plausible foam: 1 part liquid and 7 parts gas, so a foam's liquid is at least its
 * volume ÷ 8. The container check compares this with what the opened containers hold when the
 * foam's liquid is not documented (CONTRACT §3.4).
 */
export const LEANEST_FOAM_PARTS = 8;
// Floating-point slack so that e.g. 0.1 + 0.2 compares equal to 0.3.
const EPSILON = 1e-9;

/** What the input checks need of each agent, read from the agent table so that a new agent is data. */
const AGENT_INPUT: Readonly<Record<Agent, { readonly words: string; readonly maxInputPercent: number; readonly foamable: boolean }>> = agentsTable;

const agentInput = (agent: unknown) =>
  typeof agent === 'string' && Object.prototype.hasOwnProperty.call(AGENT_INPUT, agent) ? AGENT_INPUT[agent as Agent] : undefined;

interface CheckedSession {
  readonly agent: string;
  readonly formulation?: string | undefined;
  readonly concentrationPercent?: number | undefined;
  readonly totalVolumeMl: number;
}

interface CheckedRequest {
  readonly veins: readonly { readonly id: string }[];
  readonly priorSessions?: readonly (CheckedSession & { readonly date: string; readonly liquidVolumeMl?: number | undefined })[] | undefined;
  readonly duplexUltrasound?: { readonly date: string } | undefined;
  readonly plannedSession?:
    | {
        readonly date: string;
        readonly agent: string;
        readonly formulation: string;
        readonly concentrationPercent: number;
        readonly containers: number;
        readonly containerVolumeMl?: number | undefined;
        readonly totalVolumeMl: number;
        readonly foam?: { readonly liquidVolumeMl?: number | undefined } | undefined;
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

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The liquid the opened containers must hold (CONTRACT §3.4): the volume for liquid; for foam the
 * documented liquid, else the foam volume ÷ 8 (the leanest plausible foam).
 */
const checkContainers = (session: NonNullable<CheckedRequest['plannedSession']>, ctx: Context): void => {
  if (!isNumber(session.containers) || !isNumber(session.totalVolumeMl)) return;
  const capacity = session.containers * (session.containerVolumeMl ?? DEFAULT_CONTAINER_VOLUME_ML);
  if (!isNumber(capacity)) return;
  const foam = session.formulation === 'foam';
  const documented = foam ? session.foam?.liquidVolumeMl : undefined;
  if (isNumber(documented)) {
    if (documented > capacity + EPSILON) {
      report(
        ctx,
        'volume_exceeds_containers',
        `The foam is made with ${documented} mL of liquid but the ${session.containers} opened containers hold ${capacity} mL`,
        ['plannedSession', 'foam', 'liquidVolumeMl'],
      );
    }
    return;
  }
  const liquid = foam ? session.totalVolumeMl / LEANEST_FOAM_PARTS : session.totalVolumeMl;
  if (liquid > capacity + EPSILON) {
    report(
      ctx,
      'volume_exceeds_containers',
      foam
        ? `${session.totalVolumeMl} mL of foam needs at least ${Number(liquid.toFixed(4))} mL of liquid (1 part liquid to 7 parts gas) but the ${session.containers} opened containers hold ${capacity} mL`
        : `totalVolumeMl is ${session.totalVolumeMl} mL but the ${session.containers} opened containers hold ${capacity} mL`,
      ['plannedSession', 'totalVolumeMl'],
    );
  }
};

/**
 * The checks a planned or earlier session shares (CONTRACT §3.4): a strength above its agent's
 * maximum, foam of an agent that cannot foam, foam details without foam, and more liquid than foam.
 */
const checkAgentAndFoam = (
  session: CheckedSession,
  liquid: { readonly value: unknown; readonly present: boolean; readonly path: (string | number)[] },
  base: (string | number)[],
  ctx: Context,
): void => {
  const agent = agentInput(session.agent);
  if (agent !== undefined && isNumber(session.concentrationPercent) && session.concentrationPercent > agent.maxInputPercent + EPSILON) {
    report(
      ctx,
      'implausible_concentration',
      `${session.concentrationPercent} % is above the highest strength of ${agent.words} (${agent.maxInputPercent} %)`,
      [...base, 'concentrationPercent'],
    );
  }
  if (agent !== undefined && !agent.foamable && session.formulation === 'foam') {
    report(ctx, 'formulation_not_possible', `${agent.words} cannot be made into foam; only polidocanol and sodium tetradecyl sulfate foam`, [
      ...base,
      'formulation',
    ]);
  }
  if (liquid.present && session.formulation !== 'foam') {
    const what = base.length === 1 ? 'Foam details are given' : 'A liquid volume for foam is given';
    report(ctx, 'foam_without_foam_formulation', `${what} but the formulation is not foam`, base.length === 1 ? [...base, 'foam'] : liquid.path);
  }
  if (isNumber(liquid.value) && isNumber(session.totalVolumeMl) && liquid.value > session.totalVolumeMl + EPSILON) {
    report(
      ctx,
      'foam_liquid_exceeds_volume',
      `The foam's liquid (${liquid.value} mL) is more than the volume injected (${session.totalVolumeMl} mL)`,
      liquid.path,
    );
  }
};

const checkSessionsAgentAndFoam = (request: CheckedRequest, ctx: Context): void => {
  const session = request.plannedSession;
  if (session !== undefined && typeof session === 'object') {
    const foam = session.foam;
    checkAgentAndFoam(
      session,
      { value: foam?.liquidVolumeMl, present: foam !== undefined, path: ['plannedSession', 'foam', 'liquidVolumeMl'] },
      ['plannedSession'],
      ctx,
    );
  }
  const priors = Array.isArray(request.priorSessions) ? request.priorSessions : [];
  priors.forEach((prior, index) => {
    if (typeof prior !== 'object' || prior === null) return;
    checkAgentAndFoam(
      prior,
      { value: prior.liquidVolumeMl, present: prior.liquidVolumeMl !== undefined, path: ['priorSessions', index, 'liquidVolumeMl'] },
      ['priorSessions', index],
      ctx,
    );
  });
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

  checkContainers(session, ctx);

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
 * targets or injections naming unknown veins, injections that do not add up, more liquid than
 * the opened containers hold, prior sessions or a duplex ultrasound dated after the planned session,
 * strengths above an agent's maximum, foam of an agent that cannot foam, and foam details that do
 * not fit the formulation or the volume.
 * A duplex dated after "today" when nothing is planned is checked by `assess`, which knows `asOf`.
 * @param request - the request, already valid field by field
 * @param ctx - the zod refinement context
 */
export const checkCrossFields = (request: CheckedRequest, ctx: Context): void => {
  checkVeinIds(request, ctx);
  checkSession(request, ctx);
  checkSessionsAgentAndFoam(request, ctx);
};
