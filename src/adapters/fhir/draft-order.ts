import type { PlannedSession } from '../../model/request-schema.js';
import type { Agent } from '../../model/vocabulary.js';
import { readBodySite } from './body-site.js';
import type { MappingContext } from './context.js';
import { matchesConcept } from './code-match.js';
import { dayRangeOf, isoDateOf } from './dates.js';
import { asArray, asObject, asString } from './json.js';
import { readMedication, type MedicationInfo } from './medication.js';
import { containersOf, containerVolumeOf, orderTexts, percentFromRatio, percentFromTexts, volumeOf } from './order-quantities.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, referenceString, type Entry } from './references.js';
import { sclerosantsNamed } from './sclerosants.js';
import type { VeinsPart } from './veins.js';

const STATUSES = new Set(['draft', 'active']);
const INTENTS = new Set(['order', 'plan', 'proposal']);
const FIELD = 'plannedSession';
// The contract's container size when an order does not state one (CONTRACT §3).
const DEFAULT_CONTAINER_ML = 2;

interface Candidate {
  readonly session: PlannedSession;
  readonly reference: string;
  readonly targetReferences: readonly string[];
}

const concentrationOf = (medication: MedicationInfo, texts: readonly string[]): { readonly value?: number; readonly ambiguous: boolean } => {
  for (const ingredient of medication.ingredients) {
    if (ingredient.strength === undefined || sclerosantsNamed(ingredient.codings, ingredient.texts).length === 0) continue;
    const percent = percentFromRatio(ingredient.strength);
    if (percent !== undefined) return { value: percent, ambiguous: false };
  }
  return percentFromTexts([...medication.texts, ...texts]);
};

const targetsOf = (entry: Entry, ctx: MappingContext, veins: VeinsPart, gaps: Gap[]): { ids: string[]; references: string[] } => {
  const ids: string[] = [];
  const references: string[] = [];
  for (const reason of asArray(entry.resource['reasonReference'])) {
    const target = referenceString(reason);
    const condition = target === undefined ? undefined : ctx.index.resolve(target, entry);
    if (target !== undefined && condition === undefined) {
      gaps.push(gap(referenceOf(entry), 'unresolved_reference', `reasonReference "${target}" is not in the input`, `${FIELD}.targetVeinIds`));
    }
    const veinIds = condition === undefined ? undefined : veins.byCondition.get(condition);
    if (veinIds === undefined || target === undefined) continue;
    ids.push(...veinIds.filter((id) => !ids.includes(id)));
    references.push(target);
  }
  if (ids.length > 0) return { ids, references };
  const sites = [entry.resource['bodySite'], ...asArray(entry.resource['dosageInstruction']).map((d) => asObject(d)?.['site'])];
  const site = readBodySite(sites.flatMap((s) => (Array.isArray(s) ? s : s === undefined ? [] : [s])));
  if (site.sides.length === 0) return { ids, references };
  const onSide = veins.veins.filter((v) => v.region === 'leg' && v.side !== undefined && site.sides.includes(v.side));
  return { ids: onSide.map((v) => v.id), references: [] };
};

const candidateOf = (entry: Entry, agent: Agent, ctx: MappingContext, veins: VeinsPart, gaps: Gap[]): Candidate | undefined => {
  const reference = referenceOf(entry);
  const medication = readMedication(entry, ctx.index);
  const texts = orderTexts(entry.resource);
  const concentration = concentrationOf(medication, texts);
  if (concentration.value === undefined || concentration.value > 100) {
    const why = concentration.ambiguous ? 'states several concentrations' : 'states no readable concentration (an ingredient strength, or "1%" in its text)';
    gaps.push(gap(reference, 'unparseable_strength', `The ${agent} order ${why}; no planned session`, FIELD));
    return undefined;
  }
  const totalVolumeMl = volumeOf(entry.resource);
  if (totalVolumeMl === undefined || totalVolumeMl <= 0) {
    gaps.push(gap(reference, 'no_volume', `The ${agent} order states no dose in mL or cc; no planned session`, FIELD));
    return undefined;
  }
  const targets = targetsOf(entry, ctx, veins, gaps);
  if (targets.ids.length === 0) {
    gaps.push(gap(reference, 'no_targets', `The ${agent} order names no varicose or telangiectasia Condition (reasonReference) and no leg side (dosage site) with a mapped vein; no planned session`, `${FIELD}.targetVeinIds`));
    return undefined;
  }
  const containerVolumeMl = containerVolumeOf(medication.amount);
  const stated = containersOf(entry.resource);
  const containers = stated ?? Math.ceil(totalVolumeMl / (containerVolumeMl ?? DEFAULT_CONTAINER_ML) - 1e-9);
  if (stated === undefined) {
    gaps.push(gap(reference, 'derived', `The order states no number of vials or ampules; ${containers} assumed, the fewest that hold ${totalVolumeMl} mL`, `${FIELD}.containers`));
  }
  const authored = dayRangeOf(entry.resource['authoredOn']);
  const foam = matchesConcept('foam-formulation', medication.codings, [...medication.texts, ...texts]);
  return {
    reference,
    targetReferences: targets.references,
    session: {
      date: authored === undefined ? ctx.asOf : isoDateOf(authored.first),
      agent,
      formulation: foam ? 'foam' : 'liquid',
      concentrationPercent: concentration.value,
      containers,
      ...(containerVolumeMl === undefined ? {} : { containerVolumeMl }),
      totalVolumeMl,
      targetVeinIds: targets.ids,
    },
  };
};

const sameSession = (a: PlannedSession, b: PlannedSession): boolean =>
  a.agent === b.agent &&
  a.concentrationPercent === b.concentrationPercent &&
  a.formulation === b.formulation &&
  a.date === b.date &&
  a.containerVolumeMl === b.containerVolumeMl;

const combine = (a: PlannedSession, b: PlannedSession): PlannedSession => ({
  ...a,
  containers: a.containers + b.containers,
  totalVolumeMl: a.totalVolumeMl + b.totalVolumeMl,
  targetVeinIds: [...a.targetVeinIds, ...b.targetVeinIds.filter((id) => !a.targetVeinIds.includes(id))],
});

/**
 * Maps a draft or active sclerosant MedicationRequest (intent order, plan or proposal; e.g. the
 * draftOrders of a CDS Hooks order-sign call) to the planned session: the agent by code or name,
 * the concentration from the ingredient strength or a "1%" in the text, the volume from the dose
 * in mL or cc, the vials or ampules from dispenseRequest.quantity (else the fewest that hold the
 * volume, with a gap), the targets from reasonReference to a vein Condition (else the leg side of
 * the dosage site), the date from authoredOn (else asOf), and "foam" only when the order says so.
 * Several orders with the same agent, strength, formulation and date are added up; others are
 * reported in gaps.
 * @param ctx - the mapping context
 * @param veins - the veins mapped from Conditions
 * @returns the planned session, or undefined when there is no usable order
 */
export const mapDraftOrder = (ctx: MappingContext, veins: VeinsPart): Mapped<PlannedSession | undefined> => {
  const gaps: Gap[] = [];
  const candidates: Candidate[] = [];
  const orders = ctx
    .entriesOf('MedicationRequest')
    .filter((e) => STATUSES.has(asString(e.resource['status']) ?? '') && INTENTS.has(asString(e.resource['intent']) ?? ''));
  const drafts = [...orders.filter((e) => e.resource['status'] === 'draft'), ...orders.filter((e) => e.resource['status'] !== 'draft')];
  for (const entry of drafts) {
    const medication = readMedication(entry, ctx.index);
    const agents = sclerosantsNamed(medication.codings, [...medication.texts, ...orderTexts(entry.resource)]);
    const [agent, other] = agents;
    if (agent === undefined) continue;
    if (other !== undefined) {
      gaps.push(gap(referenceOf(entry), 'ambiguous', 'The order names both polidocanol and sodium tetradecyl sulfate; no planned session', FIELD));
      continue;
    }
    const candidate = candidateOf(entry, agent, ctx, veins, gaps);
    if (candidate !== undefined) candidates.push(candidate);
  }
  const [first, ...rest] = candidates;
  if (first === undefined) return { value: undefined, provenance: {}, gaps };
  let session = first.session;
  const used = [first];
  for (const candidate of rest) {
    if (sameSession(session, candidate.session)) {
      session = combine(session, candidate.session);
      used.push(candidate);
    } else {
      gaps.push(gap(candidate.reference, 'ambiguous', `A second sclerosant order differs from ${first.reference} in agent, strength, form, date or container size; only one session can be assessed, this one is not`, FIELD));
    }
  }
  return {
    value: session,
    provenance: {
      [FIELD]: used.map((c) => c.reference),
      [`${FIELD}.targetVeinIds`]: used.flatMap((c) => c.targetReferences),
    },
    gaps,
  };
};
