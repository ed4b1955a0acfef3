import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { DocumentContent } from '../files/read-document.js';
import type { DocumentReader } from './document-task.js';
import { runPooledTask, type TrainingPool } from './pool-task.js';
import type { TrainingExecutor } from './training-runner.js';

export interface PoolExecutorOptions {
  /** Worker threads; 0 means one per core but one, which stays free for the event loop (at least one). */
  threads: number;
  /** The worker module; defaults to train-worker next to this file. */
  workerFile?: URL | string;
  /** Least time between two progress reports of one job; trainModel's default when absent. */
  progressIntervalMs?: number;
}

/** An executor holding resources: close() ends them. It reads documents on the same threads. */
export type ClosableExecutor = TrainingExecutor & { readDocument: DocumentReader; close(): Promise<void> };

/** Idle workers stay this long, so a burst of trainings does not pay a thread start each. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Trains on a pool of worker threads; jobs beyond the thread count wait in the pool's queue, stoppable.
 * close() ends the threads; trainings still under way reject.
 */
export function createPoolExecutor(options: PoolExecutorOptions): ClosableExecutor {
  const threads = options.threads === 0 ? Math.max(1, availableParallelism() - 1) : options.threads;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a whole number >= 0, got ${options.threads}`);
  }
  const worker = resolveWorkerFile(options.workerFile);
  if (!existsSync(fileURLToPath(worker))) {
    throw new Error(`training worker not found at ${fileURLToPath(worker)}; run npm run build`);
  }
  const pool: TrainingPool = new Piscina({
    filename: worker.href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: IDLE_TIMEOUT_MS,
    execArgv: loaderArguments(worker),
  });
  let closed = false;
  // An answer already on its way when destroy() ends its worker reaches piscina as an error: expected then.
  pool.on('error', (error: unknown) => {
    if (!closed) throw error;
  });
  const executor: TrainingExecutor = (job, runOptions) =>
    runPooledTask(pool, job, runOptions, options.progressIntervalMs);
  const documentWorker = siblingWorker(worker, 'document-worker').href;
  const readDocument: DocumentReader = (task) =>
    (pool as unknown as Piscina).run(task, { filename: documentWorker }) as Promise<DocumentContent>;
  const close = (): Promise<void> => {
    closed = true;
    return pool.destroy();
  };
  return Object.assign(executor, { readDocument, close });
}

/** Another worker module in the folder of the training worker, with the same extension. */
function siblingWorker(worker: URL, name: string): URL {
  const extension = worker.pathname.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./${name}.${extension}`, worker);
}

function resolveWorkerFile(file: URL | string | undefined): URL {
  if (file instanceof URL) return file;
  if (file !== undefined) return file.startsWith('file:') ? new URL(file) : pathToFileURL(file);
  // Built, dist/training/train-worker.js sits next to this file; run from the .ts sources (tests, tsx
  // scripts), the worker loads train-worker.ts through tsx, a dev dependency production never reaches.
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./train-worker.${extension}`, import.meta.url);
}

/** Node cannot load TypeScript in a worker by itself: a .ts worker gets tsx's loader. */
function loaderArguments(worker: URL): string[] | undefined {
  if (!worker.pathname.endsWith('.ts')) return undefined;
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}
