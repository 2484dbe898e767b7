import type { PlannedSession } from '../../model/request-schema.js';
import type { Agent, Side, VeinKind } from '../../model/vocabulary.js';
import { readBodySite } from './body-site.js';
import type { MappingContext } from './context.js';
import { matchesConcept } from './code-match.js';
import { dayRangeOf, isoDateOf } from './dates.js';
import { asArray, asObject, codingsOf, textsOf } from './json.js';
import type { Concept } from './codes.js';
import { readMedication, type MedicationInfo } from './medication.js';
import { containersOf, containerVolumeOf, dispenseDisagrees, orderTexts, percentFromRatio, percentFromTexts } from './order-quantities.js';
import { readOrderVolume } from './order-volume.js';
import { gap, type Gap } from './provenance.js';
import { referenceOf, referenceString, type Entry } from './references.js';
import { AGENT_NAMES, sclerosantsNamed } from './sclerosants.js';
import { isFoamable } from '../../model/agent-words.js';
import type { VeinsPart } from './veins.js';

/** The request field the orders fill. */
export const FIELD = 'plannedSession';
// The contract's container size when an order does not state one (CONTRACT §3).
const DEFAULT_CONTAINER_ML = 2;

/** A session as one order gives it: its strength may be unknown, its targets may be none. */
export type CandidateSession = Omit<PlannedSession, 'concentrationPercent'> & { readonly concentrationPercent?: number };

/**
 * One sclerosant order read as a session of its own. Its `targetVeinIds` is empty when the order
 * names no vein the record maps, and its strength absent when the order states none; the session
 * is then checked as far as it goes.
 */
export interface Candidate {
  readonly session: CandidateSession;
  readonly reference: string;
  readonly targetReferences: readonly string[];
  /** The order neither says liquid or foam nor names a product that implies it; "liquid" was assumed. */
  readonly formulationAssumed: boolean;
  /** The kind and side of vein the order names, when it names no mapped vein (empty targetVeinIds). */
  readonly targetHint: { readonly kind?: VeinKind; readonly side?: Side };
}

const concentrationOf = (medication: MedicationInfo, texts: readonly string[]): { readonly value?: number; readonly ambiguous: boolean } => {
  for (const ingredient of medication.ingredients) {
    if (ingredient.strength === undefined || sclerosantsNamed(ingredient.codings, ingredient.texts).length === 0) continue;
    const percent = percentFromRatio(ingredient.strength);
    if (percent !== undefined) return { value: percent, ambiguous: false };
  }
  return percentFromTexts([...medication.texts, ...texts]);
};

interface Targets {
  readonly ids: string[];
  readonly references: string[];
  /** What the order says of its veins when none of the mapped veins could be chosen. */
  readonly hint: { readonly kind?: VeinKind; readonly side?: Side };
}

// reasonCode names the kind of vein treated (varicose veins, telangiectasia) without a Condition.
const REASON_KINDS: readonly { readonly concept: Concept; readonly kind: VeinKind }[] = [
  { concept: 'varicose-veins', kind: 'varicose' },
  { concept: 'telangiectasia', kind: 'telangiectasia' },
];

const targetsOf = (entry: Entry, ctx: MappingContext, veins: VeinsPart, gaps: Gap[]): Targets => {
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
  const sites = [entry.resource['bodySite'], ...asArray(entry.resource['dosageInstruction']).map((d) => asObject(d)?.['site'])];
  const site = readBodySite(sites.flatMap((s) => (Array.isArray(s) ? s : s === undefined ? [] : [s])));
  const reasons = asArray(entry.resource['reasonCode']);
  const kinds = REASON_KINDS.filter((r) => matchesConcept(r.concept, reasons.flatMap(codingsOf), reasons.flatMap(textsOf))).map((r) => r.kind);
  const [onlySide, otherSide] = site.sides;
  const hint = { ...(kinds.length === 1 && kinds[0] !== undefined ? { kind: kinds[0] } : {}), ...(onlySide !== undefined && otherSide === undefined ? { side: onlySide } : {}) };
  if (ids.length > 0) return { ids, references, hint };
  // Without a Condition: the mapped leg veins of the kinds reasonCode names, on the sides the site names.
  if (kinds.length === 0 && site.sides.length === 0) return { ids, references, hint };
  const chosen = veins.veins.filter(
    (v) => v.region === 'leg' && (kinds.length === 0 || kinds.includes(v.kind)) && (site.sides.length === 0 || (v.side !== undefined && site.sides.includes(v.side))),
  );
  return { ids: chosen.map((v) => v.id), references: [], hint };
};

const volumeOf = (entry: Entry, name: string, containerVolumeMl: number | undefined, gaps: Gap[]): number | undefined => {
  const reference = referenceOf(entry);
  const volume = readOrderVolume(entry.resource);
  if (volume.kind === 'ambiguous') {
    gaps.push(gap(reference, 'ambiguous', `The session total of the ${name} order cannot be read with certainty: ${volume.why}; no planned session`, `${FIELD}.totalVolumeMl`));
    return undefined;
  }
  if (volume.kind === 'none' || volume.ml <= 0) {
    gaps.push(gap(reference, 'no_volume', `The ${name} order states no dose in mL or cc; no planned session`, FIELD));
    return undefined;
  }
  const dispensed = dispenseDisagrees(entry.resource, volume.ml, containerVolumeMl, DEFAULT_CONTAINER_ML);
  if (dispensed !== undefined) {
    gaps.push(gap(reference, 'ambiguous', `The session total of the ${name} order cannot be read with certainty: ${dispensed}, so its dose may be per injection; no planned session`, `${FIELD}.totalVolumeMl`));
    return undefined;
  }
  return volume.ml;
};

/**
 * Tells the session date of an order: its authoredOn, else asOf.
 * @param entry - the MedicationRequest
 * @param ctx - the mapping context
 * @returns the date, `YYYY-MM-DD`
 */
export const sessionDateOf = (entry: Entry, ctx: MappingContext): string => {
  const authored = dayRangeOf(entry.resource['authoredOn']);
  return authored === undefined ? ctx.asOf : isoDateOf(authored.first);
};

/**
 * Reads one sclerosant order as a session: its strength, session total, targets, containers and
 * form. When a value the check needs cannot be read with certainty, a gap says why and there is
 * no candidate.
 * @param entry - the MedicationRequest
 * @param agent - the one sclerosant it names
 * @param ctx - the mapping context
 * @param veins - the veins mapped from Conditions
 * @param gaps - where to report what could not be read
 * @returns the candidate session, or undefined
 */
export const candidateOf = (entry: Entry, agent: Agent, ctx: MappingContext, veins: VeinsPart, gaps: Gap[]): Candidate | undefined => {
  const reference = referenceOf(entry);
  const name = AGENT_NAMES[agent];
  const medication = readMedication(entry, ctx.index);
  const texts = orderTexts(entry.resource);
  const concentration = concentrationOf(medication, texts);
  const strengthKnown = concentration.value !== undefined && concentration.value <= 100;
  if (!strengthKnown) {
    const why = concentration.ambiguous ? 'states several concentrations' : 'states no readable concentration (an ingredient strength, or "1%" in its text)';
    gaps.push(gap(reference, 'unparseable_strength', `The ${name} order ${why}; its volume and vials are checked against the limits, the checks that depend on its strength are not`, `${FIELD}.concentrationPercent`));
  }
  const containerVolumeMl = containerVolumeOf(medication.amount);
  const totalVolumeMl = volumeOf(entry, name, containerVolumeMl, gaps);
  if (totalVolumeMl === undefined) return undefined;
  const targets = targetsOf(entry, ctx, veins, gaps);
  const stated = containersOf(entry.resource);
  const containers = stated ?? Math.ceil(totalVolumeMl / (containerVolumeMl ?? DEFAULT_CONTAINER_ML) - 1e-9);
  if (stated === undefined) {
    gaps.push(gap(reference, 'derived', `The order states no number of vials or ampules; ${containers} assumed, the fewest that hold ${totalVolumeMl} mL`, `${FIELD}.containers`));
  }
  const words = [...medication.texts, ...texts];
  const foam = matchesConcept('foam-formulation', medication.codings, words);
  // Only agents the table marks foamable (detergents) are made into foam; the others are injected as they come.
  const liquid = !isFoamable(agent) || matchesConcept('liquid-formulation', medication.codings, words);
  return {
    reference,
    targetReferences: targets.references,
    targetHint: targets.hint,
    formulationAssumed: !foam && !liquid,
    session: {
      date: sessionDateOf(entry, ctx),
      agent,
      formulation: foam ? 'foam' : 'liquid',
      ...(strengthKnown ? { concentrationPercent: concentration.value } : {}),
      containers,
      ...(containerVolumeMl === undefined ? {} : { containerVolumeMl }),
      totalVolumeMl,
      targetVeinIds: targets.ids,
    },
  };
};
