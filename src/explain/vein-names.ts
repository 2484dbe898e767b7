import type { VeinDescriptor } from '../facts/facts.js';
import { REGIONS, SIDES, VEIN_KINDS, type SessionStatus, type VeinKind } from '../model/vocabulary.js';
import type { AssessedVein, VeinFate } from '../model/assessment.js';

/** Clinical words for each vein kind. */
const KIND_WORDS: Readonly<Record<VeinKind, string>> = {
  telangiectasia: 'spider veins (telangiectasia)',
  reticular: 'reticular vein',
  varicose: 'varicose vein',
};

const place = (vein: VeinDescriptor): string => {
  if (vein.region === 'leg' || vein.region === 'hand') {
    if (vein.side !== undefined) return `${vein.side} ${vein.region}`;
    return vein.region === 'leg' ? 'leg (side not recorded)' : 'hand';
  }
  const region = vein.region === 'other' ? 'another site' : vein.region;
  return vein.side === undefined ? region : `${region}, ${vein.side} side`;
};

/**
 * Names a vein for clinicians: its label when one is given, else its kind, side and region, e.g.
 * "spider veins (telangiectasia), left leg" or "reticular vein, leg (side not recorded)" (CONTRACT §4.6).
 * @param vein - the vein's label, kind, side and region
 * @returns its name; never its id
 */
export const nameVein = (vein: VeinDescriptor): string => vein.label ?? knownName(vein) ?? describedName(vein);

const describedName = (vein: VeinDescriptor): string => `${KIND_WORDS[vein.kind]}, ${place(vein)}`;

// Every unlabelled name, written once: findings name the same veins again and again, and a name
// built anew is a new string for the counting map in nameVeins to flatten and hash each time.
type ByPart<T> = Readonly<Record<string, T>>;
const KNOWN_NAMES: ByPart<ByPart<ByPart<string>>> = Object.fromEntries(
  VEIN_KINDS.map((kind) => [
    kind,
    Object.fromEntries(
      REGIONS.map((region) => [
        region,
        Object.fromEntries([['none', describedName({ kind, region })], ...SIDES.map((side) => [side, describedName({ kind, region, side })])]),
      ]),
    ),
  ]),
);

const knownName = (vein: VeinDescriptor): string | undefined => {
  const byRegion = Object.prototype.hasOwnProperty.call(KNOWN_NAMES, vein.kind) ? KNOWN_NAMES[vein.kind] : undefined;
  const bySide = byRegion !== undefined && Object.prototype.hasOwnProperty.call(byRegion, vein.region) ? byRegion[vein.region] : undefined;
  const side = vein.side ?? 'none';
  return bySide !== undefined && Object.prototype.hasOwnProperty.call(bySide, side) ? bySide[side] : undefined;
};

/**
 * Names several veins, joined with "; "; veins with the same name are named once with their count,
 * so two unlabelled spider-vein sites on one leg read "…, left leg (2 sites)".
 * @param ids - the veins' ids, in order
 * @param veins - every vein by id
 * @returns the names, or "none" when there are no veins
 */
export const nameVeins = (ids: readonly string[], veins: Readonly<Record<string, VeinDescriptor>>): string => {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const vein = Object.prototype.hasOwnProperty.call(veins, id) ? veins[id] : undefined;
    // An id with no vein cannot come from a valid request; it is named neutrally rather than shown.
    const name = vein === undefined ? 'a documented vein' : nameVein(vein);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (counts.size === 0) return 'none';
  return [...counts].map(([name, count]) => (count === 1 ? name : `${name} (${count} sites)`)).join('; ');
};

/** A vein of the request, as `assessedVeins` reads it. */
interface RequestVein {
  readonly id: string;
  readonly kind: VeinKind;
  readonly region: VeinDescriptor['region'];
  readonly side?: 'left' | 'right' | undefined;
  readonly label?: string | undefined;
  readonly status?: 'untreated' | 'treated' | undefined;
}

/** What `assessedVeins` needs of the session. */
interface SessionOutcome {
  readonly status: SessionStatus;
  readonly heldVeinIds: readonly string[];
  readonly deferredVeinIds: readonly string[];
}

/** The session's outcome with its held and deferred veins as sets, so each vein's fate is found in constant time. */
interface Outcome {
  readonly status: SessionStatus;
  readonly held: ReadonlySet<string>;
  readonly deferred: ReadonlySet<string>;
}

const fateOf = (vein: RequestVein, targets: ReadonlySet<string>, session: Outcome): VeinFate => {
  if (!targets.has(vein.id)) return vein.status === 'treated' ? 'treated' : 'untreated';
  if (session.deferred.has(vein.id)) return 'deferred';
  if (session.status === 'blocked') return 'blocked';
  if (session.status === 'held' || session.held.has(vein.id)) return 'held';
  return 'treat';
};

/**
 * Names every vein of a request and says what becomes of it today: a target is treated today,
 * deferred, held, or blocked with its session; any other vein is untreated, or treated before.
 * @param veins - the request's veins
 * @param targetIds - the planned session's targets (none without a plan)
 * @param session - the session's status and its held and deferred veins
 * @returns the veins in request order
 */
export const assessedVeins = (veins: readonly RequestVein[], targetIds: readonly string[], session: SessionOutcome): AssessedVein[] => {
  const targets = new Set(session.status === 'not-planned' ? [] : targetIds);
  const outcome: Outcome = { status: session.status, held: new Set(session.heldVeinIds), deferred: new Set(session.deferredVeinIds) };
  return veins.map((vein) => {
    // nameVein reads only the kind, region, side and label, so the request's vein is named as it is;
    // the side is assigned rather than spread in, which costs V8 about ten times as much per vein.
    const assessed: AssessedVein = { id: vein.id, name: nameVein(vein as VeinDescriptor), kind: vein.kind, region: vein.region } as AssessedVein;
    if (vein.side !== undefined) (assessed as { side?: 'left' | 'right' }).side = vein.side;
    (assessed as { fate: VeinFate }).fate = fateOf(vein, targets, outcome);
    return assessed;
  });
};
