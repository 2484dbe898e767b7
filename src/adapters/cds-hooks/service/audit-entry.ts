import type { OutboundRecord } from './call-limits.js';
import type { CallContext } from './call-context.js';

/** What the audit entry of a hook call is made from. */
export interface CallRecord {
  readonly serviceId: string;
  readonly body: unknown;
  readonly context: CallContext | undefined;
  readonly status: number;
  /** `Date.now()` when the call started. */
  readonly started: number;
  readonly outbound: readonly OutboundRecord[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hookInstanceOf = (body: unknown): string | null => {
  const value = typeof body === 'object' && body !== null ? (body as { hookInstance?: unknown }).hookInstance : undefined;
  return typeof value === 'string' && UUID.test(value) ? value : null;
};

/**
 * Builds the audit entry of one hook call: who called (the client's `iss` and `sub`), which
 * `hookInstance` and service, the status and duration, and each FHIR request (host, status, bytes,
 * ms). It holds no token, no resource and no patient data; the service id is one of the services'
 * ids or `unknown`.
 * @param record - the call
 * @returns the entry, ready for a JSON logger
 */
export const recordCall = (record: CallRecord): Readonly<Record<string, unknown>> => ({
  event: 'hook_call',
  time: new Date(record.started).toISOString(),
  hookInstance: hookInstanceOf(record.body),
  iss: record.context?.client?.iss ?? null,
  sub: record.context?.client?.sub ?? null,
  service: /^[a-z0-9-]{1,64}$/.test(record.serviceId) ? record.serviceId : 'unknown',
  status: record.status,
  ms: Date.now() - record.started,
  fhir: record.outbound,
});
