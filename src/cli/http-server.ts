/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What a handler answers: an HTTP status, optional headers and a JSON body. */
export interface HttpResult {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The CDS Hooks operations the server exposes, independent of any web framework. */
export interface CdsHandlers {
  readonly discovery: (request: IncomingMessage) => HttpResult | Promise<HttpResult>;
  readonly handle: (serviceId: string, body: unknown, request: IncomingMessage) => HttpResult | Promise<HttpResult>;
  readonly feedback: (serviceId: string, body: unknown, request: IncomingMessage) => HttpResult | Promise<HttpResult>;
  /** CORS preflights (the handlers decide which routes and origins); without it, OPTIONS gets 404. */
  readonly preflight?: (request: IncomingMessage) => HttpResult | Promise<HttpResult>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

const send = (res: ServerResponse, result: HttpResult): void => {
  const text = result.body === undefined ? '' : JSON.stringify(result.body);
  res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...result.headers });
  res.end(text);
};

const ERROR_CODES: Readonly<Record<number, string>> = { 400: 'invalid_request', 404: 'not_found', 405: 'method_not_allowed', 413: 'payload_too_large', 500: 'internal_error' };

// The same error body as the CDS service's own: a code and a sentence.
const error = (status: number, message: string): HttpResult => ({ status, body: { error: ERROR_CODES[status] ?? 'error', message } });

const readBody = (req: IncomingMessage): Promise<{ readonly value: unknown } | { readonly error: HttpResult }> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', () => resolve({ error: error(400, 'The request body could not be read') }));
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return resolve({ error: error(413, `The request body is over ${MAX_BODY_BYTES} bytes`) });
      try {
        resolve({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve({ error: error(400, 'The request body is not valid JSON') });
      }
    });
  });

const SERVICE = /^\/cds-services\/([^/]+)$/;
const FEEDBACK = /^\/cds-services\/([^/]+)\/feedback$/;

// A path with broken percent-encoding (e.g. `%E0%A4%A`) is the client's error, not the service's.
const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

const route = async (req: IncomingMessage, handlers: CdsHandlers): Promise<HttpResult> => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
  // CORS (origins, preflights) is the handlers' business: they see the request's headers.
  if (req.method === 'OPTIONS') return handlers.preflight === undefined ? error(404, `No route for OPTIONS ${path === '' ? '/' : path}`) : handlers.preflight(req);
  if (path === '/cds-services') return req.method === 'GET' ? handlers.discovery(req) : error(405, 'Use GET for discovery');
  const feedback = FEEDBACK.exec(path);
  const service = SERVICE.exec(path);
  if (feedback === null && service === null) return error(404, `No route for ${path === '' ? '/' : path}`);
  const id = decodeSegment((feedback ?? service)?.[1] ?? '');
  if (id === undefined) return error(400, `The path ${path} is not valid percent-encoding`);
  if (req.method !== 'POST') return error(405, 'Use POST for a hook call or feedback');
  const body = await readBody(req);
  if ('error' in body) return body.error;
  return feedback === null ? handlers.handle(id, body.value, req) : handlers.feedback(id, body.value, req);
};

/**
 * Builds a node:http request listener for the CDS Hooks routes, with CORS and one log line per
 * request (method, path, status, milliseconds).
 * @param handlers - the CDS Hooks operations
 * @param log - where to write log lines
 * @returns the listener
 */
export const createRequestListener =
  (handlers: CdsHandlers, log: (line: string) => void) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    route(req, handlers)
      .catch((cause: unknown) => error(500, `The service failed: ${cause instanceof Error ? cause.message : String(cause)}`))
      .then((result) => {
        send(res, result);
        log(`${new Date(started).toISOString()} ${req.method ?? '?'} ${req.url ?? '?'} ${result.status} ${Date.now() - started}ms`);
      });
  };

/**
 * Starts the HTTP server on a host and port (port 0 picks a free one).
 * @param handlers - the CDS Hooks operations
 * @param options - host, port and where to log
 * @returns the server and the base URL it listens on
 */
export const startServer = (
  handlers: CdsHandlers,
  options: { readonly host: string; readonly port: number; readonly log: (line: string) => void },
): Promise<{ readonly server: Server; readonly url: string }> =>
  new Promise((resolve, reject) => {
    const server = createServer(createRequestListener(handlers, options.log));
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({ server, url: `http://${host}:${port}` });
    });
  });
