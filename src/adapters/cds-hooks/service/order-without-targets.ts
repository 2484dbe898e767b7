import * as E from 'fp-ts/lib/Either.js';
import { assess, type AssessOptions } from '../../../assess.js';
import type { Assessment, Finding, Hold } from '../../../model/assessment.js';
import type { Issues } from '../../../model/issues.js';
import type { AssessmentRequest, Vein } from '../../../model/request-schema.js';
import { VEIN_KINDS, type VeinKind } from '../../../model/vocabulary.js';
import { toHolds, toSessionStatus, toStatus } from '../../../explain/status.js';
import type { OrderWithoutTargets } from '../../fhir/index.js';

/** The id of the stand-in target of an order that names no vein the record holds. */
export const UNNAMED_TARGET_ID = 'order-veins-not-named';

const standIn = (kind: VeinKind, order: OrderWithoutTargets, used: ReadonlySet<string>): Vein => {
  let id = UNNAMED_TARGET_ID;
  for (let n = 2; used.has(id); n++) id = `${UNNAMED_TARGET_ID}-${n}`;
  return { id, label: 'the veins of this order (not named on it)', kind, region: 'leg', ...(order.hint.side === undefined ? {} : { side: order.hint.side }) };
};

const withStandIn = (request: AssessmentRequest, order: OrderWithoutTargets, kind: VeinKind): AssessmentRequest => {
  const vein = standIn(kind, order, new Set(request.veins.map((v) => v.id)));
  return { ...request, veins: [...request.veins, vein], plannedSession: { ...order.session, targetVeinIds: [vein.id] } };
};

// The hold every order without named veins carries: what would release it, in clinical words.
const VEINS_NOT_NAMED: Hold = {
  ruleId: 'order.veins-not-named',
  reason: 'unconfirmed',
  resolution: 'Name the veins this order treats (link the order to the vein problem-list entry, or state the leg and the kind of vein), so that the checks that depend on the veins can run.',
};

const key = (finding: Finding): string => `${finding.ruleId}|${finding.severity}`;

/** An assessment of an order whose veins are unknown, with the request it was made on. */
export interface AssessedWithoutTargets {
  readonly assessment: Assessment;
  readonly request: AssessmentRequest;
}

/**
 * Checks a sclerosant order that names no vein the record holds, so that its dose is never left
 * unchecked: the session is assessed with one stand-in target of each vein kind (of the kind the
 * order names, when it names one), and only the findings that come out the same whatever the kind,
 * and that name no target, are kept: the volume, container, daily and weight-based caps, the
 * patient's contraindications and precautions. Findings that depend on which veins are treated
 * (strength for vein size, treatment order, duplex before varicose veins) are left out; the
 * session is held, as the veins must still be named.
 * @param request - the request mapped from the record, without a planned session
 * @param order - the order's session without targets, and what it says of its veins
 * @param options - the assessment options
 * @returns the assessment and the request it describes, or the issues
 */
export const assessWithoutTargets = async (
  request: AssessmentRequest,
  order: OrderWithoutTargets,
  options: AssessOptions,
): Promise<E.Either<Issues, AssessedWithoutTargets>> => {
  const kinds: readonly VeinKind[] = order.hint.kind === undefined ? VEIN_KINDS : [order.hint.kind];
  const runs: { request: AssessmentRequest; assessment: Assessment }[] = [];
  for (const kind of kinds) {
    const variant = withStandIn(request, order, kind);
    const assessed = await assess(variant, options);
    if (E.isLeft(assessed)) return assessed;
    runs.push({ request: variant, assessment: assessed.right });
  }
  const [first, ...others] = runs;
  if (first === undefined) return E.left([{ code: 'internal_error', message: 'No vein kind to assess with', path: [] }]);
  const everywhere = (f: Finding): boolean => others.every((run) => run.assessment.findings.some((g) => key(g) === key(f)));
  const findings = first.assessment.findings.filter((f) => (f.veinIds === undefined || f.veinIds.length === 0) && everywhere(f));
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
        // The veins are not named: however clean the rest, the session waits for them.
        status: session === 'approved' || session === 'approved-with-deferrals' ? 'held' : session,
        holds: [...toHolds(findings, targetIds), VEINS_NOT_NAMED],
        heldVeinIds: [],
        deferredVeinIds: [],
      },
    },
  });
};
