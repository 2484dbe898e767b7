import type { PlannedSession } from '../../model/request-schema.js';
import type { Agent, Side, VeinKind } from '../../model/vocabulary.js';
import type { MappingContext } from './context.js';
import { asString } from './json.js';
import { readMedication, type MedicationInfo } from './medication.js';
import { isSclerotherapyRequest, serviceRequestAsOrder } from './order-service-request.js';
import { candidateOf, FIELD, sessionDateOf, type Candidate, type CandidateSession } from './order-candidate.js';
import { orderTexts } from './order-quantities.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry } from './references.js';
import { AGENT_NAMES, namesUnspecifiedSclerosant, sclerosantsNamed } from './sclerosants.js';
import type { VeinsPart } from './veins.js';

const STATUSES = new Set(['draft', 'active']);
const INTENTS = new Set(['order', 'plan', 'proposal']);
// The contract's container size when an order does not state one (CONTRACT §3).
const DEFAULT_CONTAINER_ML = 2;

/** One sclerosant order, read or not. */
interface SclerosantOrder {
  readonly reference: string;
  readonly date: string;
  readonly candidate?: Candidate;
}

const refs = (orders: readonly { readonly reference: string }[]): string => orders.map((o) => o.reference).join(', ');

const isPending = (e: Entry): boolean => STATUSES.has(asString(e.resource['status']) ?? '') && INTENTS.has(asString(e.resource['intent']) ?? '');

// A sclerotherapy procedure order that names no sclerosant, or a medication order whose Medication
// could not be read but whose words speak of a sclerosant: never silent, always a gap.
const unidentified = (entry: Entry, medication: MedicationInfo, texts: readonly string[]): Gap | undefined => {
  const reference = referenceOf(entry);
  if (entry.resource.resourceType === 'ServiceRequest') {
    return gap(reference, 'incomplete_order', 'The sclerotherapy procedure order names no sclerosant: the agent, its strength and the volume in mL are needed to check it against the dose limits', FIELD);
  }
  if (medication.unresolved !== undefined && namesUnspecifiedSclerosant(medication.codings, [...medication.texts, ...texts])) {
    return gap(reference, 'unresolved_reference', `The order's medication (${medication.unresolved}) could not be read, and the order speaks of a sclerosant: which agent, its strength and the volume are needed to check it`, FIELD);
  }
  return undefined;
};

const readOrders = (ctx: MappingContext, veins: VeinsPart, gaps: Gap[]): SclerosantOrder[] => {
  const procedures = ctx.entriesOf('ServiceRequest').filter((e) => isPending(e) && isSclerotherapyRequest(e.resource)).map(serviceRequestAsOrder);
  const orders = [...ctx.entriesOf('MedicationRequest').filter(isPending), ...procedures];
  const drafts = [...orders.filter((e) => e.resource['status'] === 'draft'), ...orders.filter((e) => e.resource['status'] !== 'draft')];
  const read: SclerosantOrder[] = [];
  const seen = new Set<string>();
  for (const entry of drafts) {
    const medication = readMedication(entry, ctx.index);
    const texts = orderTexts(entry.resource);
    const agents = sclerosantsNamed(medication.codings, [...medication.texts, ...texts]);
    const [agent, other] = agents;
    const reference = referenceOf(entry);
    // The same order given twice (a draft and its stored copy) is one order, not two.
    if (seen.has(reference)) continue;
    if (agent === undefined) {
      const missing = unidentified(entry, medication, texts);
      if (missing !== undefined) gaps.push(missing);
      continue;
    }
    seen.add(reference);
    const date = sessionDateOf(entry, ctx);
    if (other !== undefined) {
      gaps.push(gap(reference, 'ambiguous', `The order names several sclerosants (${agents.map((a) => AGENT_NAMES[a]).join(', ')}); no planned session`, FIELD));
      read.push({ reference, date });
      continue;
    }
    const candidate = candidateOf(entry, agent, ctx, veins, gaps);
    read.push({ reference, date, ...(candidate === undefined ? {} : { candidate }) });
  }
  return read;
};

// Several orders of one agent for one session are one session: everything they inject, at the
// highest strength, as foam if any is foam, into every vein any targets.
const combine = (candidates: readonly [Candidate, ...Candidate[]], gaps: Gap[]): CandidateSession => {
  const [first, ...rest] = candidates;
  if (rest.length === 0) return first.session;
  const sessions = candidates.map((c) => c.session);
  const stated = sessions.map((s) => s.concentrationPercent);
  const strengths = [...new Set(stated.flatMap((p) => (p === undefined ? [] : [p])))];
  const totalVolumeMl = sessions.reduce((sum, s) => sum + s.totalVolumeMl, 0);
  // One order of unknown strength leaves the session's strength unknown.
  const concentrationPercent = stated.includes(undefined) ? undefined : Math.max(...strengths);
  const foam = sessions.some((s) => s.formulation === 'foam');
  const sizes = sessions.map((s) => s.containerVolumeMl);
  const containerVolumeMl = sizes.every((v) => v === undefined) ? undefined : Math.max(...sizes.map((v) => v ?? DEFAULT_CONTAINER_ML));
  if (strengths.length > 1) {
    const listed = candidates.map((c) => `${c.reference} ${c.session.concentrationPercent ?? 'unknown '}%`).join(', ');
    gaps.push(gap(first.reference, 'derived', `Orders of different strengths for one session (${listed}) are assessed as one session of ${totalVolumeMl} mL at the highest strength, ${concentrationPercent ?? 'unknown'}%`, `${FIELD}.concentrationPercent`));
  }
  if (foam && sessions.some((s) => s.formulation === 'liquid')) {
    gaps.push(gap(first.reference, 'derived', `Liquid and foam orders for one session (${refs(candidates)}) are assessed as one foam session`, `${FIELD}.formulation`));
  }
  return {
    date: first.session.date,
    agent: first.session.agent,
    formulation: foam ? 'foam' : 'liquid',
    ...(concentrationPercent === undefined ? {} : { concentrationPercent }),
    containers: sessions.reduce((sum, s) => sum + s.containers, 0),
    ...(containerVolumeMl === undefined ? {} : { containerVolumeMl }),
    totalVolumeMl,
    targetVeinIds: [...new Set(sessions.flatMap((s) => s.targetVeinIds))],
  };
};

/**
 * A sclerosant order read in full except for its target veins (none named that the record maps)
 * or its strength: its volume and vials can be checked, what depends on the rest cannot.
 */
export interface IncompleteOrder {
  /** The session as far as the order says it: no targets when `targetVeinIds` is empty, no strength when `concentrationPercent` is absent. */
  readonly session: CandidateSession;
  /** The kind and side of vein the order names in words or codes, if one. */
  readonly hint: { readonly kind?: VeinKind; readonly side?: Side };
}

/** The planned session, or the incomplete order when the order lacks targets or strength. */
export type DraftOrderPart = Mapped<PlannedSession | undefined> & { readonly incomplete?: IncompleteOrder };

const noSession = (gaps: readonly Gap[]): DraftOrderPart => ({ value: undefined, provenance: {}, gaps });

// The order says agent and volume but not its strength or no vein the record maps: the request
// has no planned session (a session needs both), and the order is handed on to be checked as far
// as it goes.
const incomplete = (session: CandidateSession, candidates: readonly Candidate[], gaps: Gap[]): DraftOrderPart => {
  const kinds = [...new Set(candidates.flatMap((c) => (c.targetHint.kind === undefined ? [] : [c.targetHint.kind])))];
  const sides = [...new Set(candidates.flatMap((c) => (c.targetHint.side === undefined ? [] : [c.targetHint.side])))];
  const message = `The ${AGENT_NAMES[session.agent]} order names no varicose or spider vein the record holds (no reasonReference to a vein Condition, and no reasonCode or site that matches a recorded vein); its dose is checked against the limits, the checks that depend on the veins treated are not`;
  const noTargets = session.targetVeinIds.length === 0 ? candidates.map((c) => gap(c.reference, 'no_targets', message, `${FIELD}.targetVeinIds`)) : [];
  return {
    value: undefined,
    provenance: { [FIELD]: candidates.map((c) => c.reference) },
    gaps: [...gaps, ...noTargets],
    incomplete: { session, hint: { ...(kinds.length === 1 && kinds[0] !== undefined ? { kind: kinds[0] } : {}), ...(sides.length === 1 && sides[0] !== undefined ? { side: sides[0] } : {}) } },
  };
};

/**
 * Maps the draft or active sclerosant MedicationRequests (intent order, plan or proposal; e.g. the
 * draftOrders of a CDS Hooks order-sign call) to the planned session. Each order gives the agent
 * by code or name, the concentration from the ingredient strength or a "1%" in the text, the
 * session total from the dose in mL or cc times timing.repeat.count (see readOrderVolume: a total
 * that cannot be read with certainty is a gap, not a guess), the vials or ampules from
 * dispenseRequest.quantity (else the fewest that hold the volume, with a gap), the targets from
 * reasonReference to a vein Condition (else the leg side of the dosage site), the date from
 * authoredOn (else asOf), and the form: foam when the order says so; liquid when it says so, names
 * a product sold as a solution, or the agent is never foamed; otherwise liquid with an `assumed`
 * gap. Drafts come first, and the first order's date is the session's. Orders of that date with
 * one agent are combined: volumes and containers added, the highest strength, foam if any is foam,
 * every target. Orders of different agents, or an order that cannot be read beside others, leave
 * no planned session (an `ambiguous` gap); orders of other dates are reported and not assessed.
 * @param ctx - the mapping context
 * @param veins - the veins mapped from Conditions
 * @returns the planned session, or undefined when there is no usable order
 */
export const mapDraftOrder = (ctx: MappingContext, veins: VeinsPart): DraftOrderPart => {
  const gaps: Gap[] = [];
  const orders = readOrders(ctx, veins, gaps);
  const [anchor] = orders;
  if (anchor === undefined) return noSession(gaps);
  for (const other of orders.filter((o) => o.date !== anchor.date)) {
    gaps.push(gap(other.reference, 'ambiguous', `This sclerosant order is for ${other.date}, not ${anchor.date} like ${anchor.reference}; only one session can be assessed, and this one is not`, FIELD));
  }
  const sameDay = orders.filter((o) => o.date === anchor.date);
  const unread = sameDay.filter((o) => o.candidate === undefined);
  const [first, ...rest] = sameDay.flatMap((o) => (o.candidate === undefined ? [] : [o.candidate]));
  if (first === undefined) return noSession(gaps);
  const candidates: [Candidate, ...Candidate[]] = [first, ...rest];
  if (unread.length > 0) {
    const message = `Another sclerosant order for the same session (${refs(unread)}) could not be read; assessing the others alone would understate the session, so there is no planned session`;
    return noSession([...gaps, ...candidates.map((c) => gap(c.reference, 'ambiguous', message, FIELD))]);
  }
  const agents = new Set<Agent>(candidates.map((c) => c.session.agent));
  if (agents.size > 1) {
    const listed = candidates.map((c) => `${c.reference} ${AGENT_NAMES[c.session.agent]}`).join(', ');
    const message = `Orders for one session plan different sclerosants (${listed}); they cannot be checked as one session, so there is no planned session`;
    return noSession([...gaps, ...candidates.map((c) => gap(c.reference, 'ambiguous', message, FIELD))]);
  }
  const session = combine(candidates, gaps);
  if (session.targetVeinIds.length === 0 || session.concentrationPercent === undefined) return incomplete(session, candidates, gaps);
  if (session.formulation === 'liquid') {
    for (const c of candidates.filter((x) => x.formulationAssumed)) {
      gaps.push(gap(c.reference, 'assumed', `The ${AGENT_NAMES[c.session.agent]} order says neither liquid nor foam, and its product does not imply either; "liquid" was assumed and needs confirming (foam carries more precautions)`, `${FIELD}.formulation`));
    }
  }
  return {
    value: { ...session, concentrationPercent: session.concentrationPercent },
    provenance: {
      [FIELD]: candidates.map((c) => c.reference),
      [`${FIELD}.targetVeinIds`]: [...new Set(candidates.flatMap((c) => c.targetReferences))],
    },
    gaps,
  };
};
