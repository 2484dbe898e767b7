/**
 * A set of keys that each expire at a given time: the service's only state. It holds the `jti` of
 * every client token until the token expires (replay protection) and the uuid of every card the
 * service issued for 24 hours (feedback must name one). The in-memory store is per process; a
 * deployment with several replicas behind a load balancer can plug in a shared store (Redis
 * `SET key 1 NX PXAT expiry`, a database table) that implements this interface.
 */
export interface ExpiringKeyStore {
  /**
   * Records `key` until `expiresAtMs` (milliseconds since the epoch), atomically with the check.
   * @returns true when the key was new (or had expired), false when it is already recorded
   */
  add(key: string, expiresAtMs: number): boolean | Promise<boolean>;
  /** Whether `key` is recorded and not yet expired. */
  has(key: string): boolean | Promise<boolean>;
}

/** Settings of {@link createMemoryKeyStore}. */
export interface MemoryKeyStoreOptions {
  /** The most keys kept; when full, the oldest entries are dropped first. Default 1,000,000. */
  readonly maxEntries?: number;
  /** The clock in milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 1_000_000;
const SWEEP_BATCH = 64;

/**
 * An in-memory {@link ExpiringKeyStore}, bounded in size. Expired keys are swept from the oldest
 * end on every `add`, so memory follows the traffic of the last expiry period.
 * @param options - the size bound and the clock
 * @returns the store
 */
export const createMemoryKeyStore = (options: MemoryKeyStoreOptions = {}): ExpiringKeyStore => {
  const max = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const now = options.now ?? Date.now;
  // Insertion order is the order of eviction: the oldest entries leave first.
  const entries = new Map<string, number>();
  const sweep = (at: number): void => {
    let checked = 0;
    for (const [key, expiresAt] of entries) {
      if (checked++ >= SWEEP_BATCH) break;
      if (expiresAt <= at) entries.delete(key);
    }
    while (entries.size >= max) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
  };
  return {
    add: (key, expiresAtMs) => {
      const at = now();
      const current = entries.get(key);
      if (current !== undefined && current > at) return false;
      if (current !== undefined) entries.delete(key);
      sweep(at);
      entries.set(key, expiresAtMs);
      return true;
    },
    has: (key) => {
      const expiresAt = entries.get(key);
      return expiresAt !== undefined && expiresAt > now();
    },
  };
};
