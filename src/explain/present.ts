// Clinical words for what the CLI report and the CDS cards show a clinician (CONTRACT §4.6):
// veins by name, request paths and facts in words, evidence without fact or limit names.
import type { Evidence, Hold } from '../model/assessment.js';
import { AGENT_WORDS } from '../model/agent-words.js';
import { wordsForPath } from '../model/clinical-fields.js';
import { REGIONS, SIDES, VEIN_KINDS, type HoldKind, type SessionStatus } from '../model/vocabulary.js';
import { nameVein } from './vein-names.js';
import { OPERATOR_WORDS } from '../rules/describe-rules.js';
import { UNDOCUMENTED } from '../facts/undocumented.js';
import { formatValue } from './render.js';

/** A vein as the request describes it; every field but the id is optional here, so any JSON will do. */
export interface NamedVein {
  readonly id: string;
  readonly label?: string | undefined;
  readonly kind?: string | undefined;
  readonly region?: string | undefined;
  readonly side?: string | undefined;
}

/** Agents (from the agent table) and other enumerated values in words, where the request's spelling is not plain English. */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  ...AGENT_WORDS,
  'not-pregnant': 'not pregnant',
  'carbon-dioxide': 'carbon dioxide',
  'room-air': 'room air',
  [UNDOCUMENTED]: 'not documented',
};

const isOneOf = <T extends string>(values: readonly T[], value: string | undefined): value is T => (values as readonly (string | undefined)[]).includes(value);

/**
 * Names a vein for a clinician, as `nameVein` does: its label when one is given, else its kind,
 * side and region, e.g. "spider veins (telangiectasia), left leg". A vein whose kind or region is
 * not one the request format knows is named neutrally.
 * @param vein - the vein
 * @returns its name; never its id
 */
export const veinName = (vein: NamedVein): string => {
  if (vein.label !== undefined && vein.label.trim() !== '') return vein.label.trim();
  if (!isOneOf(VEIN_KINDS, vein.kind) || !isOneOf(REGIONS, vein.region)) return 'a documented vein';
  return nameVein({ kind: vein.kind, region: vein.region, ...(isOneOf(SIDES, vein.side) ? { side: vein.side } : {}) });
};

/** Names veins by id; an id it does not know is named generically, never shown. */
export interface VeinNamer {
  (id: string): string;
  /** Whether the id is one of the request's veins. */
  readonly has: (id: string) => boolean;
}

const veinsOf = (request: unknown): readonly NamedVein[] => {
  const veins = typeof request === 'object' && request !== null ? (request as { veins?: unknown }).veins : undefined;
  return Array.isArray(veins)
    ? veins.filter((v): v is NamedVein => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string')
    : [];
};

/**
 * Builds the namer of a request's veins. Two veins that would get the same name are told apart by
 * their place in the record ("… (vein 2 of the record)").
 * @param request - the assessed request, or undefined when it is not at hand
 * @returns the namer
 */
export const veinNamer = (request?: unknown): VeinNamer => {
  const veins = veinsOf(request);
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const vein of veins) counts.set(veinName(vein), (counts.get(veinName(vein)) ?? 0) + 1);
  veins.forEach((vein, index) => {
    const name = veinName(vein);
    if (!names.has(vein.id)) names.set(vein.id, (counts.get(name) ?? 0) > 1 ? `${name} (vein ${index + 1} of the record)` : name);
  });
  const namer = (id: string): string => names.get(id) ?? 'a vein of the record';
  return Object.assign(namer, { has: (id: string) => names.has(id) });
};

/**
 * Names several veins, joined for a sentence.
 * @param ids - vein ids
 * @param name - the namer
 * @returns the names, separated by semicolons
 */
export const veinNames = (ids: readonly string[], name: VeinNamer): string => ids.map(name).join('; ');

const REQUEST_PATH = /^(patient|history|plannedSession|priorSessions|duplexUltrasound|veins)(\.|\[|$)/;

/**
 * Writes a value of the record for a clinician: vein ids become vein names, request paths become
 * clinical words, "undocumented" becomes "not documented", numbers get at most 3 decimals.
 * @param value - the value
 * @param name - the namer of the request's veins
 * @returns the text
 */
export const presentValue = (value: unknown, name: VeinNamer): string => {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => presentValue(v, name)).join('; ');
  if (typeof value === 'string') {
    if (name.has(value)) return name(value);
    if (REQUEST_PATH.test(value)) return wordsForPath(value);
    return VALUE_WORDS[value] ?? value;
  }
  return formatValue(value);
};

/** One piece of evidence in words: what was read, the patient's value, and when the rule fires. */
export interface PresentedEvidence {
  readonly what: string;
  readonly patient: string;
  readonly firesWhen: string;
}

/**
 * Writes one piece of evidence in clinical words, without fact or limit names (CONTRACT §4.6).
 * @param evidence - the evidence
 * @param name - the namer of the request's veins
 * @returns its three parts
 */
export const presentEvidence = (evidence: Evidence, name: VeinNamer): PresentedEvidence => {
  const operator = OPERATOR_WORDS[evidence.operator] ?? 'compares with';
  // A value taken from the limits file is shown as its value only: limit names are for machines.
  return {
    what: evidence.about ?? 'a value of the record',
    patient: presentValue(evidence.actual, name),
    firesWhen: `it ${operator} ${presentValue(evidence.expected, name)}`,
  };
};

/** Why a hold holds, in words. */
export const HOLD_REASON_WORDS: Readonly<Record<HoldKind, string>> = {
  unconfirmed: 'information to document',
  referral: 'a specialist referral',
  'deferred-treatment': 'treatment deferred for now',
  'decision-required': 'a clinical decision to record',
};

/** What each session status means, in a few words. */
export const SESSION_STATUS_WORDS: Readonly<Record<SessionStatus, string>> = {
  'not-planned': 'no session is planned',
  approved: 'the planned session may go ahead',
  'approved-with-deferrals': 'the planned session may go ahead for some veins; others wait',
  held: 'not yet: something must first be documented, decided or waited for',
  blocked: 'the plan as proposed should not go ahead; it needs changing',
};

/**
 * Writes one hold for a clinician: why it holds (with what to document, in words), the veins it
 * holds by name, and what would release it.
 * @param hold - the hold
 * @param name - the namer of the request's veins
 * @returns the reason line and the resolution
 */
export const presentHold = (hold: Hold, name: VeinNamer): { readonly reason: string; readonly resolution: string } => {
  const paths = hold.paths === undefined || hold.paths.length === 0 ? '' : `: ${hold.paths.map(wordsForPath).join('; ')}`;
  const veins = hold.veinIds === undefined || hold.veinIds.length === 0 ? '' : ` (veins: ${veinNames(hold.veinIds, name)})`;
  const reason = `${HOLD_REASON_WORDS[hold.reason]}${paths}${veins}`;
  return { reason: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`, resolution: hold.resolution };
};

/** The jurisdiction in force, in words. */
export const jurisdictionWords = (jurisdiction: 'US' | 'EU' | 'strictest'): string =>
  jurisdiction === 'strictest' ? 'labels: stricter of US/EU' : `${jurisdiction} labels`;
