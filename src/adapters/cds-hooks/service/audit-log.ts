/// <reference types="node" />
// The audit log of the HTTP server: one JSON line per hook call, written with pino. Node only: the
// service itself hands entries to `CallContext.log` and never imports this module.
import { pino } from 'pino';

/** Writes one audit entry as a JSON line. */
export type AuditLog = (entry: Readonly<Record<string, unknown>>) => void;

// Defence in depth: these keys never reach the log, whatever an entry holds.
const REDACTED = ['authorization', 'access_token', 'token', 'fhirAuthorization', 'prefetch', 'context', 'body', 'resource', 'userComment'];

/**
 * Makes the audit log: pino JSON lines with `time` (ISO 8601), `level` and the entry's fields
 * (`event`: `hook_call`, `auth_refused`, `call_refused`, `feedback` or `internal_error`;
 * `hookInstance`, `iss`, `sub`, `service`, `status`, `reason`, `ms`, `fhir`: host, status, bytes, ms
 * per outbound request). Keys that could carry tokens or patient data are removed.
 * @param write - where each line goes (e.g. stderr)
 * @returns the log function
 */
export const createAuditLog = (write: (line: string) => void): AuditLog => {
  const logger = pino(
    {
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED, ...REDACTED.map((key) => `*.${key}`)], remove: true },
    },
    { write },
  );
  // pino writes `time` itself (when the entry is logged, at the end of the call); the entry's own
  // `time` (when the call started) is kept as `started`.
  // An entry's `level` (`warn` for a refused token, `error` for an internal error) picks pino's level.
  return (entry) => {
    const { time, level, ...fields } = entry;
    const write = level === 'warn' ? logger.warn.bind(logger) : level === 'error' ? logger.error.bind(logger) : logger.info.bind(logger);
    write(time === undefined ? fields : { started: time, ...fields });
  };
};
