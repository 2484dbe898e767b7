import type { CdsHttpRequest } from './http-request.js';
import { parseUrl } from './url.js';

/**
 * CORS for browser-based CDS clients (e.g. the CDS Hooks sandbox). Off unless origins are
 * configured: then only those exact origins get `Access-Control-Allow-Origin`, and a preflight is
 * answered only on the service's real routes.
 */

const ALLOWED_HEADERS = 'Authorization, Content-Type';
const MAX_AGE_SECONDS = '600';

/** The value of one request header, whatever the case of its name; the first when repeated. */
export const headerValue = (request: CdsHttpRequest | undefined, name: string): string | undefined => {
  const headers = request?.headers;
  if (headers === undefined) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
};

/**
 * The CORS headers for a response to `request`: the allow-origin header when its `Origin` is
 * configured, nothing otherwise.
 * @param request - the request
 * @param origins - the configured origins
 * @returns headers to add to the response
 */
export const corsHeaders = (request: CdsHttpRequest | undefined, origins: ReadonlySet<string>): Readonly<Record<string, string>> => {
  const origin = headerValue(request, 'origin');
  if (origins.size === 0) return {};
  if (origin === undefined || !origins.has(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
};

/** A route of the service, as a preflight sees it. */
export type CdsRoute = { readonly kind: 'discovery' } | { readonly kind: 'service' | 'feedback'; readonly id: string };

const ROUTE = /\/cds-services(?:\/([^/]+)(\/feedback)?)?\/?$/;

/**
 * Finds the route a request URL names (the path may sit under a prefix, e.g. `/api/cds-services`).
 * @param url - the request URL or path
 * @returns the route, or undefined when it is not one of the service's paths
 */
export const routeOf = (url: string | undefined): CdsRoute | undefined => {
  const path = parseUrl(url ?? '/', 'http://service.invalid')?.pathname;
  if (path === undefined) return undefined;
  const match = ROUTE.exec(path);
  if (match === null) return undefined;
  if (match[1] === undefined) return { kind: 'discovery' };
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return { kind: match[2] === undefined ? 'service' : 'feedback', id };
};

/**
 * The answer to a preflight: 204 with the CORS headers for a configured origin on a real route
 * with its method; 404 off the routes; 403 for any other origin or method.
 * @param request - the OPTIONS request
 * @param route - the route it names, when it is a real one
 * @param origins - the configured origins
 * @returns status, headers and body
 */
export const preflightAnswer = (
  request: CdsHttpRequest,
  route: CdsRoute | undefined,
  origins: ReadonlySet<string>,
): { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: unknown } => {
  if (route === undefined) return { status: 404, headers: {}, body: { error: 'not_found', message: 'No CDS Hooks route here' } };
  const method = route.kind === 'discovery' ? 'GET' : 'POST';
  const origin = headerValue(request, 'origin');
  const wanted = headerValue(request, 'access-control-request-method');
  if (origin === undefined || !origins.has(origin) || (wanted !== undefined && wanted.toUpperCase() !== method)) {
    return { status: 403, headers: { vary: 'Origin' }, body: { error: 'cors_refused', message: 'This origin or method is not allowed to call the service from a browser' } };
  }
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': method,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': MAX_AGE_SECONDS,
      vary: 'Origin',
    },
    body: undefined,
  };
};
