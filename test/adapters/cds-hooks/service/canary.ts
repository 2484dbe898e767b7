/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a canary received. */
export interface Hit {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

/** An HTTP server on 127.0.0.1 that records every request it receives. */
export interface Canary {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly hits: Hit[];
  /** Sockets that closed (the client went away or was cut). */
  readonly closedSockets: () => number;
  readonly close: () => Promise<void>;
}

/**
 * Starts a canary on 127.0.0.1 (a free port).
 * @param answer - what it does with each request (it may never answer)
 * @returns the canary
 */
export const startCanary = (answer: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end('{}')): Promise<Canary> => {
  const hits: Hit[] = [];
  let closed = 0;
  const server: Server = createServer((req, res) => {
    hits.push({ method: req.method ?? '?', url: req.url ?? '', authorization: req.headers.authorization });
    answer(req, res);
  });
  server.on('connection', (socket) => socket.once('close', () => closed++));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        hits,
        closedSockets: () => closed,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
};

/**
 * A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
 * @returns the port
 */
export const closedPort = async (): Promise<number> => {
  const canary = await startCanary();
  await canary.close();
  return canary.port;
};

/**
 * Streams valid FHIR JSON (a searchset of Conditions) until `totalBytes` have been written or the
 * client goes away, respecting backpressure; never holds more than one chunk in memory.
 * @param res - the response
 * @param totalBytes - how much to send
 * @param sent - receives the bytes written so far
 */
export const streamHugeBundle = (res: ServerResponse, totalBytes: number, sent: { bytes: number }): void => {
  res.writeHead(200, { 'content-type': 'application/fhir+json' });
  const head = '{"resourceType":"Bundle","type":"searchset","entry":[';
  const entry = '{"resource":{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p1"}}},';
  const chunk = Buffer.from(entry.repeat(Math.floor(65_536 / entry.length)));
  let stopped = false;
  res.once('close', () => (stopped = true));
  res.write(head);
  sent.bytes += head.length;
  const pump = (): void => {
    while (!stopped && sent.bytes < totalBytes) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!stopped) res.end('{"resource":{"resourceType":"Condition","id":"last"}}]}');
  };
  pump();
};
