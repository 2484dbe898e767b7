// What EHRs really send: CDS Hooks 2.0 forbids null and empty values, but real servers emit
// `"entry": []`, `""` and `null` inside resources, lowercase `bearer` and string `expires_in`. A
// 400 for such a call shows the clinician no card at all, so by default these are repaired here,
// each repair reported, before the strict request schema sees the body.

type Path = readonly (string | number)[];
type Json = Readonly<Record<string, unknown>>;

/** One element the service removed or rewrote before reading a call. */
export interface Repair {
  /** Where it was, e.g. `prefetch.conditions.entry`. */
  readonly path: string;
  /** What was done: `removed_empty` (null, "", [] or {}), `normalised` or `ignored`. */
  readonly action: 'removed_empty' | 'normalised' | 'ignored';
  /** One sentence for the log. */
  readonly message: string;
}

/** The body to read, and what was repaired in it. */
export interface ForgivenBody {
  readonly body: unknown;
  readonly repairs: readonly Repair[];
}

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const pathText = (path: Path): string => path.map(String).join('.');
const isEmpty = (value: unknown): boolean =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);

// A value without its null and empty elements. Nulls inside FHIR arrays stay: FHIR JSON aligns
// them with `_element` arrays. The body's nesting is capped (64 levels) before this runs.
const withoutEmpty = (value: unknown, path: Path, repairs: Repair[], keepNullItems: boolean): unknown => {
  if (Array.isArray(value)) {
    const items = value.flatMap((item, index) => {
      if (item === null && keepNullItems) return [item];
      const cleaned = withoutEmpty(item, [...path, index], repairs, keepNullItems);
      if (!isEmpty(cleaned)) return [cleaned];
      repairs.push({ path: pathText([...path, index]), action: 'removed_empty', message: 'An empty or null array item was removed' });
      return [];
    });
    return items;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const cleaned = withoutEmpty(item, [...path, key], repairs, keepNullItems);
    if (isEmpty(cleaned)) {
      repairs.push({ path: pathText([...path, key]), action: 'removed_empty', message: `An empty or null value (${JSON.stringify(item)}) was removed` });
      continue;
    }
    out[key] = cleaned;
  }
  return out;
};

const BEARER = /^bearer$/i;
const WHOLE_NUMBER = /^\d+$/;

// token_type is case-insensitive (RFC 6749 §5.1) and expires_in may come as a numeric string.
const normalisedAuthorization = (value: Json, repairs: Repair[]): Json => {
  const out: Record<string, unknown> = { ...value };
  if (typeof value['token_type'] === 'string' && value['token_type'] !== 'Bearer' && BEARER.test(value['token_type'])) {
    out['token_type'] = 'Bearer';
    repairs.push({ path: 'fhirAuthorization.token_type', action: 'normalised', message: `token_type "${value['token_type']}" read as "Bearer" (case-insensitive)` });
  }
  const expires = value['expires_in'];
  if (typeof expires === 'string' && WHOLE_NUMBER.test(expires)) {
    out['expires_in'] = Number(expires);
    repairs.push({ path: 'fhirAuthorization.expires_in', action: 'normalised', message: 'expires_in given as a string was read as a number' });
  }
  return out;
};

const AUTHORIZATION_FIELDS = ['access_token', 'scope', 'subject'] as const;

// A fhirAuthorization is needed only to read the FHIR server; one that cannot be used is set
// aside (the call then fails with 412 only if it actually needs the server).
const usableAuthorization = (value: unknown, repairs: Repair[]): Json | undefined => {
  if (!isRecord(value)) return undefined;
  const normalised = normalisedAuthorization(value, repairs);
  const missing = AUTHORIZATION_FIELDS.filter((f) => typeof normalised[f] !== 'string' || normalised[f] === '');
  const badType = normalised['token_type'] !== 'Bearer';
  const badExpiry = !(typeof normalised['expires_in'] === 'number' && Number.isInteger(normalised['expires_in']) && normalised['expires_in'] >= 0);
  if (missing.length === 0 && !badType && !badExpiry) return normalised;
  const why = [...missing.map((f) => `no ${f}`), ...(badType ? ['a token_type other than Bearer'] : []), ...(badExpiry ? ['no whole-number expires_in'] : [])];
  repairs.push({ path: 'fhirAuthorization', action: 'ignored', message: `fhirAuthorization was set aside (${why.join(', ')}); it is needed only if data must be read from fhirServer` });
  return undefined;
};

/**
 * Repairs what real EHRs send against the letter of CDS Hooks 2.0, before the request schema reads
 * the call: removes `null`, `""`, `[]` and `{}` inside `context` and inside each prefetched
 * resource (a prefetch key that is itself `null` stays: it means "no data"), normalises
 * `fhirAuthorization.token_type` case-insensitively and a numeric-string `expires_in`, and sets
 * aside a `fhirAuthorization` that still cannot be used. Anything that is not an object is left for
 * the schema to refuse.
 * @param body - the parsed request body
 * @returns the repaired body and every repair, each with its path
 */
export const forgiveRequest = (body: unknown): ForgivenBody => {
  if (!isRecord(body)) return { body, repairs: [] };
  const repairs: Repair[] = [];
  const emptied = (['fhirServer', 'extension', 'prefetch', 'fhirAuthorization'] as const).filter((key) => key in body && isEmpty(body[key]));
  for (const key of emptied) repairs.push({ path: key, action: 'removed_empty', message: `An empty or null ${key} was removed` });
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(body).filter(([key]) => !(emptied as readonly string[]).includes(key)));
  if (isRecord(out['context'])) out['context'] = withoutEmpty(out['context'], ['context'], repairs, true);
  if (isRecord(out['prefetch'])) {
    const prefetch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(out['prefetch'])) {
      const cleaned = value === null ? null : withoutEmpty(value, ['prefetch', key], repairs, true);
      // A value emptied by the repair is not "no data" (that is null): the key is left unanswered.
      if (cleaned !== null && isEmpty(cleaned)) continue;
      prefetch[key] = cleaned;
    }
    out['prefetch'] = prefetch;
  }
  if (out['fhirAuthorization'] !== undefined) {
    const authorization = usableAuthorization(out['fhirAuthorization'], repairs);
    if (authorization === undefined) return { body: Object.fromEntries(Object.entries(out).filter(([key]) => key !== 'fhirAuthorization')), repairs };
    out['fhirAuthorization'] = authorization;
  }
  return { body: out, repairs };
};

/**
 * Tells whether an order hook's context carries a draftOrders Bundle with no entries (no `entry`,
 * or one without resources): there is nothing to check.
 * @param context - the hook context
 * @returns true when draftOrders is present and empty
 */
export const hasNoDraftOrders = (context: unknown): boolean => {
  if (!isRecord(context) || !isRecord(context['draftOrders'])) return false;
  const entry = context['draftOrders']['entry'];
  return !Array.isArray(entry) || entry.every((e) => !isRecord(e) || !isRecord(e['resource']));
};

const MAX_LOGGED_REPAIRS = 50;

/**
 * The log entry of a call whose body was repaired: a `conformance_warning` naming the service, the
 * `hookInstance` and each repair with its path (the first 50), never a value the EHR sent.
 * @param service - the service id, as the log may hold it
 * @param forgiven - the repaired body and its repairs
 * @returns the entry
 */
export const conformanceWarning = (service: string, forgiven: ForgivenBody): Readonly<Record<string, unknown>> => {
  const hookInstance = isRecord(forgiven.body) ? forgiven.body['hookInstance'] : undefined;
  return {
    level: 'warn',
    event: 'conformance_warning',
    service,
    ...(typeof hookInstance === 'string' ? { hookInstance: hookInstance.slice(0, 64) } : {}),
    repairs: forgiven.repairs.slice(0, MAX_LOGGED_REPAIRS).map(({ path, action }) => ({ path, action })),
    ...(forgiven.repairs.length > MAX_LOGGED_REPAIRS ? { more: forgiven.repairs.length - MAX_LOGGED_REPAIRS } : {}),
  };
};
