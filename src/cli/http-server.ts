/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { availableParallelism } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { CdsHttpRequest } from '../adapters/cds-hooks/service/http-request.js';
import { jsonTooDeep } from '../adapters/cds-hooks/service/json-depth.js';

/** What a handler answers: an HTTP status, optional headers and a JSON body. */
export interface HttpResult {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The CDS Hooks operations the server exposes, independent of any web framework. */
export interface CdsHandlers {
  readonly discovery: (request: CdsHttpRequest) => HttpResult | Promise<HttpResult>;
  /** A hook call; `request.signal` aborts when the EHR goes away before the answer. */
  readonly handle: (serviceId: string, body: unknown, request: CdsHttpRequest) => HttpResult | Promise<HttpResult>;
  readonly feedback: (serviceId: string, body: unknown, request: CdsHttpRequest) => HttpResult | Promise<HttpResult>;
  /** CORS preflights (the handlers decide which routes and origins); without it, OPTIONS gets 404. */
  readonly preflight?: (request: CdsHttpRequest) => HttpResult | Promise<HttpResult>;
  /**
   * Checks a hook or feedback call's credentials before its body is read: a result to send instead
   * (e.g. 401), or undefined to go on; `handle` and `feedback` then get the same request object.
   */
  readonly authenticate?: (request: CdsHttpRequest) => Promise<HttpResult | undefined>;
}

/** The bounds of the HTTP server. */
export interface HttpLimits {
  /** The largest request body, in bytes (default 2 MB): a larger `Content-Length` gets 413 unread, a longer chunked body is cut. */
  readonly maxBodyBytes: number;
  /** Hook calls and feedback posts handled at once (default 4 × CPUs); more get 503 with `Retry-After`. */
  readonly maxInFlight: number;
  /** Time to receive a request's headers (default 10 s), and its whole request (default 15 s). */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Open connections (default 1,024); more are refused by the server. */
  readonly maxConnections: number;
}

/** The default bounds of the HTTP server. */
export const defaultHttpLimits = (): HttpLimits => ({
  maxBodyBytes: 2 * 1024 * 1024,
  maxInFlight: 4 * availableParallelism(),
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  maxConnections: 1024,
});

/** How the request listener is bounded and where it writes its audit entries. */
export interface ListenerOptions {
  readonly limits?: Partial<HttpLimits>;
  /** Receives one entry per hook call (from the handler) or per call refused before it (from here). */
  readonly audit?: (entry: Readonly<Record<string, unknown>>) => void;
}

// Every answer may carry patient data: never cached, never sniffed as another type.
const HARDENING_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

const COMPRESS_FROM_BYTES = 1024;

const send = (req: IncomingMessage, res: ServerResponse, result: HttpResult): void => {
  const text = result.body === undefined ? '' : JSON.stringify(result.body);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...HARDENING_HEADERS, ...result.headers };
  const gzip = text.length >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) {
    res.writeHead(result.status, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
    res.end(gzipSync(text));
  } else {
    res.writeHead(result.status, headers);
    res.end(text);
  }
};

const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  500: 'internal_error',
  503: 'overloaded',
};

// The same error body as the CDS service's own: a code and a sentence.
const error = (status: number, message: string, headers?: Readonly<Record<string, string>>): HttpResult => ({
  status,
  ...(headers === undefined ? {} : { headers }),
  body: { error: ERROR_CODES[status] ?? 'error', message },
});

// The connection is closed after the answer: the rest of the body is never read.
const CLOSE = { connection: 'close' } as const;

const tooLarge = (limit: number): HttpResult => error(413, `The request body is over ${limit} bytes`, CLOSE);

// Reads at most `limit` bytes; past that, stops reading and answers 413 on a closing connection.
const readBody = (req: IncomingMessage, limit: number): Promise<{ readonly value: unknown } | { readonly error: HttpResult }> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve({ error: tooLarge(limit) });
    };
    req.on('data', onData);
    req.on('error', () => resolve({ error: error(400, 'The request body could not be read', CLOSE) }));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (jsonTooDeep(text)) return resolve({ error: { status: 400, body: { error: 'too_deep', message: 'The request body nests deeper than 64 levels' } } });
      try {
        resolve({ value: JSON.parse(text) as unknown });
      } catch {
        resolve({ error: error(400, 'The request body is not valid JSON') });
      }
    });
  });

const isJson = (contentType: string | undefined): boolean => /^application\/([a-z0-9.+-]+\+)?json$/i.test((contentType ?? '').split(';', 1)[0]?.trim() ?? '');

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

interface Admission {
  inFlight: number;
}

// A 503 tells a well-behaved client to try again after a second.
const overloaded = (): HttpResult => error(503, 'The service is at its limit of calls in flight; try again shortly', { 'retry-after': '1', ...CLOSE });

const route = async (req: IncomingMessage, res: ServerResponse, handlers: CdsHandlers, limits: HttpLimits, admission: Admission, audit: ListenerOptions['audit']): Promise<HttpResult> => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
  // The handlers see the method, URL and headers (Authorization, Origin); CORS is theirs to answer.
  const request: CdsHttpRequest = { method: req.method, url: req.url, headers: req.headers };
  if (req.method === 'OPTIONS') return handlers.preflight === undefined ? error(404, `No route for OPTIONS ${path === '' ? '/' : path}`) : handlers.preflight(request);
  // A liveness and readiness probe: no credentials, no data, only that the process serves requests.
  if (path === '/healthz') return req.method === 'GET' || req.method === 'HEAD' ? { status: 200, body: { status: 'ok' } } : error(405, 'Use GET for the health check');
  if (path === '/cds-services') return req.method === 'GET' ? handlers.discovery(request) : error(405, 'Use GET for discovery');
  const feedback = FEEDBACK.exec(path);
  const service = SERVICE.exec(path);
  if (feedback === null && service === null) return error(404, `No route for ${path === '' ? '/' : path}`);
  const id = decodeSegment((feedback ?? service)?.[1] ?? '');
  if (id === undefined) return error(400, `The path ${path} is not valid percent-encoding`);
  if (req.method !== 'POST') return error(405, 'Use POST for a hook call or feedback');
  const refused = (result: HttpResult): HttpResult => {
    audit?.({ event: 'call_refused', service: /^[a-z0-9-]{1,64}$/.test(id) ? id : 'unknown', status: result.status });
    return result;
  };
  if (admission.inFlight >= limits.maxInFlight) return refused(overloaded());
  if (!isJson(req.headers['content-type'])) return refused(error(415, 'The request body must be JSON (Content-Type: application/json)', CLOSE));
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limits.maxBodyBytes) return refused(tooLarge(limits.maxBodyBytes));
  admission.inFlight++;
  try {
    // The hook call's outbound reads stop when the EHR goes away before the answer.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort(new Error('the client disconnected'));
    });
    const call: CdsHttpRequest = { ...request, signal: gone.signal };
    // A call without valid credentials is refused before its body is read (the handler logs why);
    // the connection is closed so the unread body is dropped.
    const denied = await handlers.authenticate?.(call);
    if (denied !== undefined) return { ...denied, headers: { ...denied.headers, ...CLOSE } };
    const body = await readBody(req, limits.maxBodyBytes);
    if ('error' in body) return refused(body.error);
    return await (feedback === null ? handlers.handle(id, body.value, call) : handlers.feedback(id, body.value, call));
  } finally {
    admission.inFlight--;
  }
};

/**
 * Builds a node:http request listener for the CDS Hooks routes, with CORS preflights routed to the
 * handlers, credentials checked before a body is read, bounded request bodies
 * (413, 415, nesting depth), admission control (503 with `Retry-After`), hardening headers, and one
 * log line per request (method, path, status, milliseconds); hook calls also get a JSON audit entry.
 * @param handlers - the CDS Hooks operations
 * @param log - where to write log lines
 * @param options - the bounds, and where audit entries go
 * @returns the listener
 */
export const createRequestListener = (handlers: CdsHandlers, log: (line: string) => void, options: ListenerOptions = {}) => {
  const limits = { ...defaultHttpLimits(), ...options.limits };
  const admission: Admission = { inFlight: 0 };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    route(req, res, handlers, limits, admission, options.audit)
      .catch(() => error(500, 'internal error'))
      .then((result) => {
        send(req, res, result);
        log(`${new Date(started).toISOString()} ${req.method ?? '?'} ${req.url ?? '?'} ${result.status} ${Date.now() - started}ms`);
      });
  };
};

/** Where and how the server listens. */
export interface ServerSettings extends ListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly log: (line: string) => void;
  /** PEM certificate chain and private key: the server speaks HTTPS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

/**
 * Starts the HTTP (or HTTPS) server on a host and port (port 0 picks a free one), with header and
 * request timeouts and a connection limit.
 * @param handlers - the CDS Hooks operations
 * @param options - host, port, where to log, bounds, audit log and TLS
 * @returns the server and the base URL it listens on
 */
export const startServer = (handlers: CdsHandlers, options: ServerSettings): Promise<{ readonly server: Server; readonly url: string }> =>
  new Promise((resolve, reject) => {
    const limits = { ...defaultHttpLimits(), ...options.limits };
    // Timeouts are checked every second, not every 30 s, so a trickled request ends near its timeout.
    const serverOptions: ServerOptions = { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1_000, keepAliveTimeout: 5_000 };
    const listener = createRequestListener(handlers, options.log, options);
    const server: Server = options.tls === undefined ? createServer(serverOptions, listener) : createTlsServer({ ...serverOptions, ...options.tls }, listener);
    server.maxConnections = limits.maxConnections;
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({ server, url: `${options.tls === undefined ? 'http' : 'https'}://${host}:${port}` });
    });
  });
