/// <reference types="node" />
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { createCdsService } from '../adapters/cds-hooks/index.js';
import { createAuditLog } from '../adapters/cds-hooks/service/audit-log.js';
import { parsePrefix } from '../adapters/cds-hooks/service/fhir-allowlist.js';
import { isLoopbackHost } from '../adapters/cds-hooks/service/service-config.js';
import { formatPath } from '../model/issues.js';
import { parseArgs } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { loadOverlayOption } from './overlay-option.js';
import { startServer } from './http-server.js';
import { loadServiceConfig, type ServiceConfigOptions } from './service-config-file.js';
import { isServeWorker, leaveCluster, parseWorkers, runServePrimary } from './serve-workers.js';
import { usageError } from './usage.js';

const DEFAULT_PORT = 3000;
const DEFAULT_HOST = '127.0.0.1';

const positiveInteger = (name: string, text: string | undefined): number | string | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  return /^\d+$/.test(text) && value > 0 && Number.isSafeInteger(value) ? value : `Option "${name}" must be a positive whole number, not "${text}"`;
};

// The bounds and outbound-request settings of `serve`: --fhir-server (comma-separated FHIR base
// prefixes a request's fhirServer must fall under; with --insecure-no-auth only, as an
// authenticated client's own fhirServers from --config apply otherwise), --deadline-ms,
// --max-in-flight, --max-body-bytes, and --tls-cert with --tls-key (PEM files).
const boundsOf = (values: ReadonlyMap<string, string>): string | { readonly fhirServers: readonly string[]; readonly deadlineMs?: number; readonly maxInFlight?: number; readonly maxBodyBytes?: number; readonly tls?: { readonly cert: Buffer; readonly key: Buffer } } => {
  const fhirServers = (values.get('--fhir-server') ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const bad = fhirServers.find((prefix) => parsePrefix(prefix) === undefined);
  if (bad !== undefined) return `Option "--fhir-server" takes http(s) base URLs without user info, query or dot segments, not "${bad}"`;
  const numbers: Record<string, number> = {};
  for (const [option, key] of [['--deadline-ms', 'deadlineMs'], ['--max-in-flight', 'maxInFlight'], ['--max-body-bytes', 'maxBodyBytes']] as const) {
    const value = positiveInteger(option, values.get(option));
    if (typeof value === 'string') return value;
    if (value !== undefined) numbers[key] = value;
  }
  const cert = values.get('--tls-cert');
  const key = values.get('--tls-key');
  if ((cert === undefined) !== (key === undefined)) return 'Options "--tls-cert" and "--tls-key" go together';
  let tls;
  try {
    tls = cert === undefined || key === undefined ? undefined : { cert: readFileSync(cert), key: readFileSync(key) };
  } catch (error) {
    return `Cannot read the TLS certificate or key: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { fhirServers, ...numbers, ...(tls === undefined ? {} : { tls }) };
};

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
 * The security settings of `serve`: from `--config`, or none with `--insecure-no-auth`, which is
 * allowed only on a loopback host and never together with configured clients.
 * @param configPath - the `--config` file, if given
 * @param insecure - whether `--insecure-no-auth` is given
 * @param host - the `--host` to listen on
 * @param io - where to read and report
 * @returns the options for createCdsService, or the exit code when `serve` must not start
 */
export const securityOptions = async (
  configPath: string | undefined,
  insecure: boolean,
  host: string,
  io: CliIo,
): Promise<(ServiceConfigOptions & { readonly insecureNoAuth?: true }) | number> => {
  const config = configPath === undefined ? {} : await loadServiceConfig(configPath, io);
  if ('error' in config) {
    io.stderr(`${config.error}\n`);
    return EXIT.usage;
  }
  if (!insecure) {
    if (config.clients !== undefined) return config;
    return usageError(
      'serve needs client authentication: give --config <service.json> with "publicUrl" and "clients" (see docs/security.md), or --insecure-no-auth for a local demo on a loopback host',
      io,
    );
  }
  if (config.clients !== undefined) return usageError('--insecure-no-auth cannot be combined with a configuration that lists clients', io);
  if (!isLoopbackHost(host)) return usageError(`--insecure-no-auth is allowed only on a loopback host (127.0.0.1, ::1, localhost), not on "${host}"`, io);
  if (!isServeWorker()) io.stderr('WARNING: --insecure-no-auth: this service accepts calls from anyone who can reach it, without authentication. Use it only for a local demo.\n');
  return { ...config, insecureNoAuth: true };
};

/**
 * Runs `serve`: the CDS Hooks service on node:http until SIGINT or SIGTERM, then closes cleanly.
 * @param args - the arguments after `serve`
 * @param io - where to log
 * @param proc - where stop signals come from
 * @returns the exit code, once the server has closed
 */
export const runServe = async (args: readonly string[], io: CliIo, proc: ServeProcess = nodeServeProcess()): Promise<number> => {
  const parsed = parseArgs(args, { flags: ['--insecure-no-auth'], values: ['--port', '--host', '--overlay', '--config', '--fhir-server', '--deadline-ms', '--max-in-flight', '--max-body-bytes', '--tls-cert', '--tls-key', '--workers'] });
  if (typeof parsed === 'string') return usageError(parsed, io);
  if (parsed.positionals.length > 0) return usageError(`Unexpected argument "${parsed.positionals[0] ?? ''}"`, io);
  const portText = parsed.values.get('--port') ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return usageError(`Option "--port" must be a port number from 0 to 65535, not "${portText}"`, io);
  const host = parsed.values.get('--host') ?? DEFAULT_HOST;
  const bounds = boundsOf(parsed.values);
  if (typeof bounds === 'string') return usageError(bounds, io);
  const workers = parseWorkers(parsed.values.get('--workers'));
  if (typeof workers === 'string') return usageError(workers, io);
  const insecure = parsed.flags.has('--insecure-no-auth');
  if (bounds.fhirServers.length > 0 && !insecure) {
    return usageError('Option "--fhir-server" applies only with --insecure-no-auth; with --config, list each client\'s FHIR servers in its "fhirServers"', io);
  }
  const security = await securityOptions(parsed.values.get('--config'), insecure, host, io);
  if (typeof security === 'number') return security;
  const ruleSet = await loadOverlayOption(parsed.values.get('--overlay'), io);
  if (typeof ruleSet === 'number') return ruleSet;

  // One pino logger for the audit entries of calls, refused tokens, feedback and internal errors.
  const audit = createAuditLog((line) => io.stderr(line));
  const created = createCdsService({
    ...security,
    ...(ruleSet === undefined ? {} : { ruleSet }),
    ...(security.insecureNoAuth === true ? { fhirServers: bounds.fhirServers } : {}),
    ...(bounds.deadlineMs === undefined ? {} : { limits: { deadlineMs: bounds.deadlineMs } }),
    log: audit,
  });
  if (E.isLeft(created)) {
    io.stderr(`The service configuration is invalid:\n${created.left.map((i) => `  ${formatPath(i.path)}: ${i.message} [${i.code}]`).join('\n')}\n`);
    return EXIT.usage;
  }
  const service = created.right;
  // With --workers N > 1, this process only forks N workers that run this same command.
  if (workers > 1 && !isServeWorker()) return runServePrimary(workers, bounds.tls !== undefined, io, proc);
  let started;
  try {
    started = await startServer(service, {
      host,
      port,
      log: (line) => io.stderr(`${line}\n`),
      audit,
      limits: { ...(bounds.maxInFlight === undefined ? {} : { maxInFlight: bounds.maxInFlight }), ...(bounds.maxBodyBytes === undefined ? {} : { maxBodyBytes: bounds.maxBodyBytes }) },
      ...(bounds.tls === undefined ? {} : { tls: bounds.tls }),
    });
  } catch (error) {
    io.stderr(`Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  const { server, url } = started;
  // A worker's URL is printed once, by the primary.
  if (!isServeWorker()) io.stdout(`sclerotherapy-cds CDS Hooks service listening on ${url}/cds-services\n`);
  return new Promise((resolve) => {
    proc.onStop(() => {
      io.stderr('stopping: finishing open requests\n');
      server.close(() => {
        io.stderr('stopped\n');
        leaveCluster();
        resolve(EXIT.ok);
      });
      server.closeIdleConnections();
    });
  });
};
