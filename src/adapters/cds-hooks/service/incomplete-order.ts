import * as E from 'fp-ts/lib/Either.js';
import shippedAgents from '../../../../rules/agents.json';
import { assess, type AssessOptions } from '../../../assess.js';
import type { Assessment, Finding, Hold } from '../../../model/assessment.js';
import type { Issues } from '../../../model/issues.js';
import type { AssessmentRequest, Vein } from '../../../model/request-schema.js';
import { VEIN_KINDS, type Agent, type VeinKind } from '../../../model/vocabulary.js';
import { toHolds, toSessionStatus, toStatus } from '../../../explain/status.js';
import type { IncompleteOrder } from '../../fhir/index.js';

/** The id of the stand-in target of an order that names no vein the record holds. */
export const UNNAMED_TARGET_ID = 'order-veins-not-named';

type AgentTable = Readonly<Record<string, { readonly maxInputPercent: number; readonly cells: Readonly<Record<string, Readonly<Record<string, { readonly labelledPercent?: number }>>>> }>>;

// The strengths an order of unknown strength may have: every labelled strength of the agent, and
// its highest plausible strength.
const strengthsOf = (agent: Agent): readonly number[] => {
  const entry = (shippedAgents as unknown as AgentTable)[agent];
  if (entry === undefined) return [];
  const labelled = Object.values(entry.cells).flatMap((byKind) => Object.values(byKind).flatMap((cell) => (cell.labelledPercent === undefined ? [] : [cell.labelledPercent])));
  return [...new Set([...labelled, entry.maxInputPercent])].sort((a, b) => a - b);
};

const standIn = (kind: VeinKind, order: IncompleteOrder, used: ReadonlySet<string>): Vein => {
  let id = UNNAMED_TARGET_ID;
  for (let n = 2; used.has(id); n++) id = `${UNNAMED_TARGET_ID}-${n}`;
  return { id, label: 'the veins of this order (not named on it)', kind, region: 'leg', ...(order.hint.side === undefined ? {} : { side: order.hint.side }) };
};

// One completion of the order: a stand-in target of one kind when it names none, one strength when it states none.
const completed = (request: AssessmentRequest, order: IncompleteOrder, kind: VeinKind | undefined, percent: number): AssessmentRequest => {
  const vein = kind === undefined ? undefined : standIn(kind, order, new Set(request.veins.map((v) => v.id)));
  return {
    ...request,
    veins: vein === undefined ? request.veins : [...request.veins, vein],
    plannedSession: { ...order.session, concentrationPercent: percent, targetVeinIds: vein === undefined ? order.session.targetVeinIds : [vein.id] },
  };
};

const key = (finding: Finding): string => `${finding.ruleId}|${finding.severity}`;

// What every incomplete order carries until it is complete: in clinical words.
const holdFor = (order: IncompleteOrder): Hold => {
  const missing = [...(order.session.targetVeinIds.length === 0 ? ['the veins it treats (link the order to the vein problem-list entry, or state the leg and the kind of vein)'] : []), ...(order.session.concentrationPercent === undefined ? ['the strength of the sclerosant in %'] : [])];
  return { ruleId: 'order.incomplete', reason: 'unconfirmed', resolution: `State on the order ${missing.join(' and ')}, so that the checks that depend on ${missing.length === 1 ? 'it' : 'them'} can run.` };
};

/** An assessment of an incomplete order, with the request it was made on. */
export interface AssessedOrder {
  readonly assessment: Assessment;
  readonly request: AssessmentRequest;
}

/**
 * Checks a sclerosant order whose volume is known but whose veins or strength are not, so that its
 * dose is never left unchecked: the session is assessed once for each way the order could be
 * completed (a stand-in target of each vein kind, or of the kind the order names; each labelled
 * strength of the agent and its highest plausible one), and only the findings that come out the
 * same every time, and that name no target, are kept: the volume, vial and daily caps, the
 * patient's contraindications and precautions. Findings that depend on what is missing (strength
 * for vein size, treatment order, a duplex before varicose veins, a weight-based cap that the
 * strength decides) are left out, and the session is held until the order is complete.
 * @param request - the request mapped from the record, without a planned session
 * @param order - the order as far as it goes, and what it says of its veins
 * @param options - the assessment options
 * @returns the assessment and the request it describes, or the issues
 */
export const assessIncompleteOrder = async (request: AssessmentRequest, order: IncompleteOrder, options: AssessOptions): Promise<E.Either<Issues, AssessedOrder>> => {
  const kinds: readonly (VeinKind | undefined)[] = order.session.targetVeinIds.length > 0 ? [undefined] : order.hint.kind === undefined ? VEIN_KINDS : [order.hint.kind];
  const percents = order.session.concentrationPercent === undefined ? strengthsOf(order.session.agent) : [order.session.concentrationPercent];
  const runs: { request: AssessmentRequest; assessment: Assessment }[] = [];
  for (const kind of kinds) {
    for (const percent of percents) {
      const variant = completed(request, order, kind, percent);
      const assessed = await assess(variant, options);
      if (E.isLeft(assessed)) return assessed;
      runs.push({ request: variant, assessment: assessed.right });
    }
  }
  const [first, ...others] = runs;
  if (first === undefined) return E.left([{ code: 'internal_error', message: 'The order could not be completed for checking', path: [] }]);
  const everywhere = (f: Finding): boolean => others.every((run) => run.assessment.findings.some((g) => key(g) === key(f)));
  const standIns = kinds[0] === undefined ? [] : (first.request.plannedSession?.targetVeinIds ?? []);
  // With a stand-in target, a finding that counts or names the veins would count the stand-in too.
  const aboutVeins = (f: Finding): boolean => standIns.length > 0 && ((f.veinIds ?? []).some((id) => standIns.includes(id)) || f.evidence.some((e) => e.requestPath === 'veins' || e.requestPath?.startsWith('veins.') === true));
  const findings = first.assessment.findings.filter((f) => !aboutVeins(f) && everywhere(f));
  const targetIds = first.request.plannedSession?.targetVeinIds ?? [];
  const status = toStatus(findings);
  const session = toSessionStatus(true, status, findings, targetIds);
  return E.right({
    request: first.request,
    assessment: {
      ...first.assessment,
      status,
      findings,
      session: {
        ...first.assessment.session,
        // However clean the rest, the session waits for the order to be complete.
        status: session === 'approved' || session === 'approved-with-deferrals' ? 'held' : session,
        holds: [...toHolds(findings, targetIds), holdFor(order)],
        heldVeinIds: [],
        deferredVeinIds: [],
      },
    },
  });
};
