/// <reference types="node" />
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How the CLI process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `sclerotherapy-cds serve`, started from the sources with tsx. */
export interface CliServer {
  /** The discovery URL it printed, e.g. `http://127.0.0.1:40123/cds-services`. */
  readonly servicesUrl: string;
  /** The host and port it listens on, e.g. `127.0.0.1:40123`. */
  readonly hostAndPort: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout so far. */
  readonly stdout: () => string;
  /** Everything it wrote to stderr so far. */
  readonly stderr: () => string;
  /** Settles when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Sends a signal to the CLI process, and waits for it to exit (at most `timeoutMs`). */
  readonly stop: (signal: NodeJS.Signals, timeoutMs?: number) => Promise<Exit>;
  /** Kills the whole process group at once if it is still running (tsx runs the CLI in a child process). */
  readonly kill: () => void;
}

const LISTENING = /listening on (http:\/\/(\S+?))\/cds-services\s/;

/**
 * Starts `node_modules/.bin/tsx src/cli/main.ts serve --port 0 --host 127.0.0.1` in its own
 * process group, and waits for the URL it prints.
 * @param extraArgs - more arguments after the host, e.g. `['--overlay', 'clinic.json']`
 * @param timeoutMs - how long to wait for the URL
 * @returns the running server; call `kill` in `afterAll`
 */
export const startCliServer = (extraArgs: readonly string[] = [], timeoutMs = 30_000): Promise<CliServer> => {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const kill = (): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const stop = async (signal: NodeJS.Signals, waitMs = timeoutMs): Promise<Exit> => {
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The server did not exit within ${waitMs} ms of ${signal}; stderr:\n${err}`)), waitMs);
    });
    try {
      return await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      kill();
      reject(new Error(`${why}\nstdout:\n${out}\nstderr:\n${err}`));
    };
    const timer = setTimeout(() => fail(`The server printed no URL within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(`The server could not start: ${error.message}`));
    void exited.then((exit) => fail(`The server exited early (code ${exit.code}, signal ${exit.signal})`));
    child.stdout?.on('data', () => {
      const match = LISTENING.exec(out);
      if (match === null) return;
      clearTimeout(timer);
      resolve({ servicesUrl: `${match[1] ?? ''}/cds-services`, hostAndPort: match[2] ?? '', child, stdout: () => out, stderr: () => err, exited, stop, kill });
    });
  });
};
