/// <reference types="node" />
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { EXIT, type CliIo } from './io.js';
import type { ServeProcess } from './serve-command.js';

/** The most workers `serve --workers` starts: 4 per CPU. */
export const maxWorkers = (): number => 4 * availableParallelism();

/**
 * Reads `--workers`: a positive whole number, at most 4 × CPUs; 1 when absent.
 * @param text - the option's value, if given
 * @returns the number of workers, or what is wrong with it
 */
export const parseWorkers = (text: string | undefined): number | string => {
  if (text === undefined) return 1;
  const value = Number(text);
  const max = maxWorkers();
  if (!/^\d+$/.test(text) || value < 1 || value > max) return `Option "--workers" must be a whole number from 1 to ${max} (4 × ${availableParallelism()} CPUs), not "${text}"`;
  return value;
};

/** Whether this process is a worker forked by {@link runServePrimary}. */
export const isServeWorker = (): boolean => cluster.isWorker;

/** In a worker whose server has closed: leaves the cluster, so the process can exit. */
export const leaveCluster = (): void => {
  if (cluster.isWorker) cluster.worker?.disconnect();
};

/**
 * Runs the primary of `serve --workers N`: forks N workers (each runs `serve` with the same
 * arguments and listens on the same host and port, which node:cluster shares between them),
 * prints the URL once the first one listens, forwards SIGINT/SIGTERM to every worker as SIGTERM
 * and settles with 0 when all have stopped. A worker that dies before any listened stops them all
 * (exit 1); one that dies later is replaced.
 * @param workers - how many workers to fork
 * @param tls - whether the workers serve HTTPS (for the printed URL)
 * @param io - where to report
 * @param proc - where stop signals come from
 * @returns the exit code
 */
export const runServePrimary = (workers: number, tls: boolean, io: CliIo, proc: ServeProcess): Promise<number> =>
  new Promise((resolve) => {
    const alive = new Set<Worker>();
    let stopping = false;
    let listened = false;
    let code: number = EXIT.ok;
    const stopAll = (): void => {
      if (stopping) return;
      stopping = true;
      io.stderr(`stopping: ${alive.size} worker(s) finish their open requests\n`);
      for (const worker of alive) worker.process.kill('SIGTERM');
      if (alive.size === 0) resolve(code);
    };
    const fork = (): void => {
      const worker = cluster.fork();
      alive.add(worker);
      worker.once('listening', (address) => {
        if (listened) return;
        listened = true;
        const host = address.address === null || address.address === undefined ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
        io.stdout(`sclerotherapy-cds CDS Hooks service listening on ${tls ? 'https' : 'http'}://${host}:${address.port}/cds-services (${workers} workers)\n`);
      });
      worker.once('exit', (exitCode, signal) => {
        alive.delete(worker);
        if (stopping) {
          if (alive.size === 0) {
            io.stderr('stopped\n');
            resolve(code);
          }
          return;
        }
        io.stderr(`worker ${worker.process.pid ?? '?'} exited (code ${exitCode}, signal ${signal ?? 'none'})\n`);
        if (!listened) {
          code = EXIT.failed;
          stopAll();
        } else {
          fork();
        }
      });
    };
    proc.onStop(stopAll);
    for (let i = 0; i < workers; i++) fork();
  });
