import type { DocumentContent } from '../files/read-document.js';
import type { DocumentReader } from './document-task.js';
import { runPooledTask, type TrainingPool } from './pool-task.js';
import type { TrainingExecutor } from './training-runner.js';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

export interface PoolExecutorOptions extends WorkerPoolOptions {
  /** Least time between two progress reports of one job; trainModel's default when absent. */
  progressIntervalMs?: number;
}

/**
 * An executor holding resources: close() ends them. It reads documents on the same threads, and its pool
 * takes other work too (pictures).
 */
export type ClosableExecutor = TrainingExecutor & {
  readDocument: DocumentReader;
  close(): Promise<void>;
  pool: WorkerPool;
};

/**
 * Trains on a pool of worker threads; jobs beyond the thread count wait in the pool's queue, stoppable.
 * close() ends the threads; trainings still under way reject.
 */
export function createPoolExecutor(options: PoolExecutorOptions): ClosableExecutor {
  const pool = createWorkerPool(options);
  const executor: TrainingExecutor = (job, runOptions) =>
    runPooledTask(pool.piscina as TrainingPool, job, runOptions, options.progressIntervalMs);
  const documentWorker = pool.workerUrl('document-worker');
  const readDocument: DocumentReader = async (task) =>
    (await pool.piscina.run(task, { filename: documentWorker })) as DocumentContent;
  return Object.assign(executor, { readDocument, close: () => pool.close(), pool });
}
