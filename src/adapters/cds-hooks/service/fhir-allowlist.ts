import { parseUrl, type WebUrl } from './web-platform.js';

/** A FHIR base URL the service may read, parsed and normalised. */
export interface AllowedPrefix {
  /** `scheme://host[:port]`, lower case, default port omitted. */
  readonly origin: string;
  /** The path without a trailing slash; `''` for the server root. */
  readonly path: string;
}

const SCHEMES = new Set(['http:', 'https:']);

// The path part of a URL as written: after `scheme://authority`, before `?` or `#`.
const rawPathOf = (text: string): string => {
  const afterScheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(text);
  const rest = afterScheme === null ? text : text.slice(afterScheme[0].length);
  return rest.split(/[?#]/, 1)[0] ?? '';
};

// Dot segments and encoded dots, slashes or backslashes in the path could move a request out of
// its prefix once a client or server normalises the URL; such URLs are refused, not normalised.
const hasTraversal = (text: string): boolean => {
  const path = rawPathOf(text);
  if (/%2e|%2f|%5c|\\/i.test(path)) return true;
  return path.split('/').some((segment) => segment === '.' || segment === '..');
};

// Control characters and spaces have no place in a FHIR base or link.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f]/;

const parseStrict = (text: string): WebUrl | undefined => {
  if (UNSAFE_CHARACTERS.test(text) || hasTraversal(text)) return undefined;
  const url = parseUrl(text);
  if (url === undefined || !SCHEMES.has(url.protocol) || url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
  return url;
};

const trimSlashes = (path: string): string => path.replace(/\/+$/, '');

/**
 * Parses a configured FHIR base prefix (e.g. `https://fhir.example.org/r4`). Its scheme is kept as
 * written: `http://127.0.0.1:…` is how tests and local sandboxes are configured.
 * @param text - the configured prefix
 * @returns the prefix, or undefined when it is not an http(s) URL without user info, query,
 *   fragment or dot segments
 */
export const parsePrefix = (text: string): AllowedPrefix | undefined => {
  const url = parseStrict(text);
  if (url === undefined || url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return undefined;
  return { origin: url.origin, path: trimSlashes(url.pathname) };
};

const isUnder = (url: WebUrl, prefix: AllowedPrefix): boolean => {
  if (url.origin !== prefix.origin) return false;
  const path = url.pathname;
  return prefix.path === '' || path === prefix.path || path === `${prefix.path}/` || path.startsWith(`${prefix.path}/`);
};

/**
 * Finds the allowed prefix a URL falls under: same scheme, host and port, and a path equal to the
 * prefix's or below it at a segment boundary (`/r4` allows `/r4/Patient`, not `/r4x`). URLs with
 * user info, dot segments, encoded dots or slashes in the path, or control characters match nothing.
 * @param text - the URL to check (a `fhirServer`, a request URL or a `next` link)
 * @param prefixes - the allowed prefixes
 * @returns the prefix it falls under, or undefined
 */
export const allowedPrefixOf = (text: string, prefixes: readonly AllowedPrefix[]): AllowedPrefix | undefined => {
  const url = parseStrict(text);
  return url === undefined ? undefined : prefixes.find((prefix) => isUnder(url, prefix));
};

/**
 * Parses a list of configured prefixes, dropping the ones that are not valid.
 * @param texts - the configured prefixes
 * @returns the valid prefixes
 */
export const parsePrefixes = (texts: readonly string[]): readonly AllowedPrefix[] => texts.flatMap((text) => parsePrefix(text) ?? []);

/**
 * The FHIR base a request's `fhirServer` gives, when it falls under an allowed prefix: the
 * normalised URL without a trailing slash, query or fragment.
 * @param fhirServer - the request's `fhirServer`
 * @param prefixes - the allowed prefixes
 * @returns the base as a prefix of its own (for checking request URLs and `next` links), or undefined
 */
export const allowedBaseOf = (fhirServer: string, prefixes: readonly AllowedPrefix[]): AllowedPrefix | undefined => {
  if (fhirServer.includes('?') || fhirServer.includes('#') || allowedPrefixOf(fhirServer, prefixes) === undefined) return undefined;
  return parsePrefix(fhirServer);
};

/**
 * The host and port of a URL, for the audit log (never its path or query).
 * @param text - the URL
 * @returns `host[:port]`, or `invalid`
 */
export const hostOf = (text: string): string => parseUrl(text)?.host ?? 'invalid';
