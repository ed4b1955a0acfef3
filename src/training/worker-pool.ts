import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { createPicturesFirstQueue } from './task-queue.js';

export interface WorkerPoolOptions {
  /** Worker threads; 0 means one per core but one, which stays free for the event loop (at least one). */
  threads: number;
  /** The default worker module; defaults to train-worker next to this file. */
  workerFile?: URL | string;
  /** How much lower the threads' CPU priority is than the bot's (nice, 0 to 19); 0 by default. */
  nice?: number;
}

/** The one pool of worker threads: trainings and picture rendering share it. */
export interface WorkerPool {
  readonly piscina: Piscina;
  /** A worker module beside the default one, by name (`render-worker`), as a task's filename. */
  workerUrl(name: string): string;
  close(): Promise<void>;
}

/** Idle workers stay this long, so a burst of trainings does not pay a thread start each. */
const IDLE_TIMEOUT_MS = 60_000;

/** Starts no thread yet: threads start with the first task and end after a minute idle. */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const threads = options.threads === 0 ? Math.max(1, availableParallelism() - 1) : options.threads;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a whole number >= 0, got ${options.threads}`);
  }
  const worker = resolveWorkerFile(options.workerFile);
  if (!existsSync(fileURLToPath(worker))) {
    throw new Error(`training worker not found at ${fileURLToPath(worker)}; run npm run build`);
  }
  const piscina = new Piscina({
    filename: worker.href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: IDLE_TIMEOUT_MS,
    execArgv: loaderArguments(worker),
    taskQueue: createPicturesFirstQueue(),
    // Between tasks a thread waits in its event loop, not parked in Atomics.wait: Node 20 frees native objects
    // (resvg's pixels) from the event loop after a collection, so a parked thread never gives their memory back.
    atomics: 'disabled',
    // Piscina lowers each new thread's priority (through @napi-rs/nice, its optional dependency), so that on
    // a busy machine the event loop's replies win the CPU over trainings and pictures.
    niceIncrement: options.nice ?? 0,
  });
  let closed = false;
  // An answer already on its way when destroy() ends its worker reaches piscina as an error: expected then.
  piscina.on('error', (error: unknown) => {
    if (!closed) throw error;
  });
  return {
    piscina,
    workerUrl: (name) => siblingWorker(worker, name).href,
    close() {
      closed = true;
      return piscina.destroy();
    },
  };
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
