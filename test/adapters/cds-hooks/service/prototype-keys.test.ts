import { afterEach, describe, expect, it } from 'vitest';
import { createCdsServiceOrThrow } from '../../../../src/adapters/cds-hooks/service/create-cds-service.js';
import { orderSignRequest } from './requests.js';

// Integration review SEC-8 (P1–P7): `__proto__`, `constructor` and `prototype` keys placed by a caller
// anywhere in a hook call must never reach Object.prototype, and the call must still get an answer
// (a 400 for a malformed request, or cards), never a 500 or a throw.
const SIGN = 'sclerotherapy-order-sign';
const silent = (): void => undefined;

/** Adds a key as an own property, as JSON.parse does for a body sent over HTTP. */
const withKey = (target: Record<string, unknown>, key: string): void => {
  Object.defineProperty(target, key, { value: { polluted: 'yes' }, enumerable: true, configurable: true, writable: true });
};

const pristine = (): boolean =>
  !('polluted' in ({} as Record<string, unknown>)) && !Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

type Place = readonly [string, (body: ReturnType<typeof orderSignRequest>, key: string) => void];

const PLACES: readonly Place[] = [
  ['the top level', (body, key) => withKey(body, key)],
  ['the context', (body, key) => withKey(body.context, key)],
  ['the prefetch', (body, key) => withKey(body.prefetch, key)],
  ['a prefetched resource', (body, key) => withKey(body.prefetch.patient as Record<string, unknown>, key)],
  ['the draft order bundle', (body, key) => withKey(body.context.draftOrders, key)],
];

describe('prototype keys in a hook call (integration review SEC-8)', () => {
  const service = createCdsServiceOrThrow({ insecureNoAuth: true, log: silent });

  for (const [where, place] of PLACES) {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      it(`answers without polluting Object.prototype when "${key}" is in ${where}`, async () => {
        const body = orderSignRequest();
        place(body, key);
        const response = await service.handle(SIGN, JSON.parse(JSON.stringify(body)));
        expect([200, 400]).toContain(response.status);
        expect(pristine()).toBe(true);
      });
    }
  }

  it('answers feedback carrying prototype keys without polluting Object.prototype', async () => {
    const feedback = JSON.parse('{"feedback":[{"card":"0b5a4d2e-2f7b-5f5e-9c1e-1a2b3c4d5e6f","outcome":"accepted","outcomeTimestamp":"2026-11-23T09:00:00Z","__proto__":{"polluted":"yes"}}],"__proto__":{"polluted":"yes"}}') as unknown;
    const response = await service.feedback(SIGN, feedback);
    expect(response.status).toBeLessThan(500);
    expect(pristine()).toBe(true);
  });
});
