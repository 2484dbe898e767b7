/// <reference types="node" />
import { createCdsService } from '../adapters/cds-hooks/index.js';
import { parseArgs } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { loadOverlayOption } from './overlay-option.js';
import { startServer } from './http-server.js';
import { usageError } from './usage.js';

const DEFAULT_PORT = 3000;
const DEFAULT_HOST = '127.0.0.1';

/** What `serve` needs from the process: signals to stop on. */
export interface ServeProcess {
  readonly onStop: (stop: () => void) => void;
}

/** Stops on SIGINT or SIGTERM. */
export const nodeServeProcess = (): ServeProcess => ({
  onStop: (stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
});

/**
 * Runs `serve`: the CDS Hooks service on node:http until SIGINT or SIGTERM, then closes cleanly.
 * @param args - the arguments after `serve`
 * @param io - where to log
 * @param proc - where stop signals come from
 * @returns the exit code, once the server has closed
 */
export const runServe = async (args: readonly string[], io: CliIo, proc: ServeProcess = nodeServeProcess()): Promise<number> => {
  const parsed = parseArgs(args, { flags: [], values: ['--port', '--host', '--overlay'] });
  if (typeof parsed === 'string') return usageError(parsed, io);
  if (parsed.positionals.length > 0) return usageError(`Unexpected argument "${parsed.positionals[0] ?? ''}"`, io);
  const portText = parsed.values.get('--port') ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return usageError(`Option "--port" must be a port number from 0 to 65535, not "${portText}"`, io);
  const host = parsed.values.get('--host') ?? DEFAULT_HOST;
  const ruleSet = await loadOverlayOption(parsed.values.get('--overlay'), io);
  if (typeof ruleSet === 'number') return ruleSet;

  const service = createCdsService({
    ...(ruleSet === undefined ? {} : { ruleSet }),
    onFeedback: (feedback, serviceId) => io.stderr(`feedback for ${serviceId}: ${JSON.stringify(feedback)}\n`),
  });
  let started;
  try {
    started = await startServer(service, { host, port, log: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    io.stderr(`Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  const { server, url } = started;
  io.stdout(`sclerotherapy-cds CDS Hooks service listening on ${url}/cds-services\n`);
  return new Promise((resolve) => {
    proc.onStop(() => {
      io.stderr('stopping: finishing open requests\n');
      server.close(() => {
        io.stderr('stopped\n');
        resolve(EXIT.ok);
      });
      server.closeIdleConnections();
    });
  });
};
