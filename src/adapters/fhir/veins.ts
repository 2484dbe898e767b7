import type { Vein } from '../../model/request-schema.js';
import type { Side } from '../../model/vocabulary.js';
import { readBodySite } from './body-site.js';
import type { MappingContext } from './context.js';
import { findCoding, icd10cmCode } from './code-match.js';
import { conditionState } from './condition-status.js';
import { asString, codingsOf } from './json.js';
import { gap, type Gap, type Mapped } from './provenance.js';
import { referenceOf, type Entry, type FhirResource } from './references.js';

/** The veins mapped from Conditions, and which veins each Condition became. */
export interface VeinsPart {
  readonly veins: readonly Vein[];
  /** For each Condition resource that became veins, the ids of those veins. */
  readonly byCondition: ReadonlyMap<FhirResource, readonly string[]>;
}

interface IcdReading {
  readonly sides?: readonly Side[];
  readonly symptomatic?: boolean;
  readonly inflamed: boolean;
}

const LATERALITY: Readonly<Record<string, readonly Side[]>> = { '1': ['right'], '2': ['left'], '3': ['left', 'right'] };

// I83 codes: the 4th character is the kind (0 ulcer, 1 inflammation, 2 both, 8 other, 9 none), the
// laterality is the 5th character, or the 6th under I83.8 (e.g. I83.812).
const readI83 = (code: string): IcdReading => {
  const rest = code.slice(3);
  const kind = rest[0] ?? '';
  const digit = kind === '8' ? rest[2] : rest[1];
  const sides = digit === undefined ? undefined : LATERALITY[digit];
  return {
    ...(sides === undefined ? {} : { sides }),
    ...(kind === '9' ? { symptomatic: false } : ['0', '1', '2', '8'].includes(kind) ? { symptomatic: true } : {}),
    inflamed: kind === '1' || kind === '2',
  };
};

const uniqueId = (base: string, used: Set<string>): string => {
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
  used.add(id);
  return id;
};

interface VeinSpec {
  readonly kind: Vein['kind'];
  readonly region: Vein['region'];
  readonly sides: readonly Side[];
  readonly symptomatic?: boolean;
}

const specOf = (entry: Entry, reference: string, gaps: Gap[]): VeinSpec | undefined => {
  const codings = codingsOf(entry.resource['code']);
  const varicose = findCoding('varicose-veins', codings);
  const telangiectasia = varicose === undefined ? findCoding('telangiectasia', codings) : undefined;
  if (varicose === undefined && telangiectasia === undefined) return undefined;
  const site = readBodySite(entry.resource['bodySite']);
  const icd = varicose === undefined ? undefined : icd10cmCode(varicose);
  const reading = icd?.startsWith('I83') === true ? readI83(icd) : undefined;
  if (reading?.inflamed === true) {
    gaps.push(gap(reference, 'ambiguous', 'Varicose veins "with inflammation" may be superficial thrombophlebitis; acuteSuperficialThrombophlebitis is not set from this code and should be confirmed', 'history.acuteSuperficialThrombophlebitis'));
  }
  if (varicose !== undefined) {
    return { kind: 'varicose', region: 'leg', sides: reading?.sides ?? site.sides, ...(reading?.symptomatic === undefined ? {} : { symptomatic: reading.symptomatic }) };
  }
  if (!site.present) {
    gaps.push(gap(reference, 'site_not_coded', 'Telangiectasia has no bodySite; mapped with region "other" (it may not be on a leg)', 'veins'));
  }
  return { kind: 'telangiectasia', region: site.leg ? 'leg' : 'other', sides: site.leg ? site.sides : [] };
};

/**
 * Maps current varicose-vein and telangiectasia Conditions (codes/varicose-veins.json,
 * codes/telangiectasia.json) to veins. The id is the Condition id; a bilateral Condition becomes
 * two veins, `<id>-left` and `<id>-right`. The side comes from the ICD-10-CM laterality digit (1
 * right, 2 left, 3 both, 0 or 9 unspecified), else from Condition.bodySite; I83.9 codes mark the
 * vein asymptomatic, I83.0-, I83.1-, I83.2- and I83.8- symptomatic.
 * @param ctx - the mapping context
 * @returns the veins and the Condition each came from
 */
export const mapVeins = (ctx: MappingContext): Mapped<VeinsPart> => {
  const veins: Vein[] = [];
  const byCondition = new Map<FhirResource, readonly string[]>();
  const provenance: Record<string, string[]> = {};
  const gaps: Gap[] = [];
  const used = new Set<string>();
  for (const entry of ctx.entriesOf('Condition')) {
    if (conditionState(entry.resource, ctx.asOfDay) !== 'current') continue;
    const reference = referenceOf(entry);
    const spec = specOf(entry, reference, gaps);
    if (spec === undefined) continue;
    const base = asString(entry.resource['id']) ?? reference;
    const sides: readonly (Side | undefined)[] = spec.sides.length === 0 ? [undefined] : spec.sides;
    const ids: string[] = [];
    for (const side of sides) {
      const id = uniqueId(sides.length > 1 && side !== undefined ? `${base}-${side}` : base, used);
      provenance[`veins[${veins.length}]`] = [reference];
      veins.push({
        id,
        kind: spec.kind,
        region: spec.region,
        ...(side === undefined ? {} : { side }),
        ...(spec.symptomatic === undefined ? {} : { symptomatic: spec.symptomatic }),
      });
      ids.push(id);
    }
    byCondition.set(entry.resource, ids);
  }
  return { value: { veins, byCondition }, provenance, gaps };
};
