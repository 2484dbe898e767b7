// The few web-platform globals the service uses (URL, AbortController, TextDecoder, timers,
// crypto.randomUUID). The core compiles without DOM or Node types and bundles for browsers, so
// they are reached through globalThis and typed here with only the members that are read.

/** The members of a WHATWG `URL` the service reads. */
export interface WebUrl {
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

/** The members of an `AbortSignal` the service reads. */
export interface SignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

interface ControllerLike {
  readonly signal: SignalLike;
  abort(reason?: unknown): void;
}

interface Globals {
  readonly URL?: new (input: string) => WebUrl;
  readonly AbortController?: new () => ControllerLike;
  readonly TextDecoder?: new (label?: string, options?: { readonly fatal?: boolean }) => { decode(bytes: Uint8Array): string };
  readonly setTimeout?: (run: () => void, ms: number) => unknown;
  readonly clearTimeout?: (timer: unknown) => void;
  readonly crypto?: { randomUUID?: () => string };
  readonly performance?: { now(): number };
}

const globals = globalThis as unknown as Globals;

/**
 * Parses an absolute URL with the platform's WHATWG parser.
 * @param input - the URL text
 * @returns the parsed URL, or undefined when it is not a valid absolute URL
 */
export const parseUrl = (input: string): WebUrl | undefined => {
  if (globals.URL === undefined) return undefined;
  try {
    return new globals.URL(input);
  } catch {
    return undefined;
  }
};

/**
 * Decodes UTF-8 bytes strictly.
 * @param bytes - the bytes
 * @returns the text, or undefined when the bytes are not valid UTF-8
 */
export const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  if (globals.TextDecoder === undefined) return undefined;
  try {
    return new globals.TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/** Milliseconds from an arbitrary origin, for durations. */
export const monotonicMs = (): number => (globals.performance === undefined ? Date.now() : globals.performance.now());

/** @returns a random identifier for correlating a response with the log */
export const randomId = (): string =>
  globals.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** A signal that aborts at a deadline or when a parent signal aborts; `dispose` stops its timer. */
export interface Deadline {
  readonly signal: SignalLike;
  /** True once the deadline (not the parent) fired. */
  readonly expired: () => boolean;
  readonly dispose: () => void;
}

/**
 * Makes a deadline signal.
 * @param ms - milliseconds from now
 * @param parent - aborts the deadline signal too (e.g. the EHR went away)
 * @returns the signal, whether it expired, and a dispose function
 */
export const deadlineSignal = (ms: number, parent?: SignalLike): Deadline => {
  if (globals.AbortController === undefined) throw new Error('This runtime has no AbortController');
  const controller = new globals.AbortController();
  let expired = false;
  const timer = globals.setTimeout?.(() => {
    expired = true;
    controller.abort(new Error('deadline'));
  }, ms);
  const onParent = (): void => controller.abort(new Error('aborted by the caller'));
  if (parent?.aborted === true) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired,
    dispose: () => {
      globals.clearTimeout?.(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
};

/**
 * Settles like `promise`, or rejects as soon as `signal` aborts, whichever comes first: a guard for
 * injected functions that ignore the signal.
 * @param promise - the work
 * @param signal - the abort signal
 * @returns the work's result
 */
export const untilAborted = <T>(promise: Promise<T>, signal: SignalLike): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
