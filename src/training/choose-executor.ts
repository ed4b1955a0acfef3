import { epochWork } from '../core/model.js';
import { readDocument } from '../files/read-document.js';
import type { DocumentTask } from './document-task.js';
import { runInline } from './inline-executor.js';
import { type ClosableExecutor, createPoolExecutor, type PoolExecutorOptions } from './pool-executor.js';
import type { TrainingJob } from './training-runner.js';

export interface ExecutorOptions extends PoolExecutorOptions {
  /** Jobs with fewer multiply-adds (rows * columns * epochs) train inline; INLINE_WORK_LIMIT by default. */
  inlineWorkLimit?: number;
}

/**
 * Multiply-adds below which a job trains on the main thread. Measured with the WebAssembly kernel: the
 * lesson (240k) takes about 1.7 ms inline against 2.5 ms through a warm worker; one million costs at
 * most about 5 ms inline (4 rows x 3 columns, where per-epoch overhead dominates), and beyond that
 * blocking every other chat costs more than the thread hop.
 */
export const INLINE_WORK_LIMIT = 1_000_000;

/**
 * Documents smaller than this are read on the main thread: a typed message's worth of rows (4,096
 * characters) takes about a millisecond, while 1,000 x 32 rows (170 KB) take 10 to 40 ms, read on a worker.
 */
export const INLINE_DOCUMENT_BYTES = 16 * 1024;

/**
 * What the evaluation after training costs, in multiply-adds per table cell: the separability check
 * (a linear program) took about 108 ms for 1000 x 32 cells, some 3,400 multiply-adds' worth each.
 */
const EVALUATION_WORK_PER_CELL = 3_400;

/**
 * Work of one job in multiply-adds: rows x columns (inputs, plus one for the bias) x epochs, times the
 * population for the genetic algorithm, plus the evaluation.
 */
export function measureWork(job: TrainingJob): number {
  const cells = job.rows.length * (job.model.inputs + (job.model.settings.bias ? 1 : 0));
  const evaluation = job.evaluate === false ? 0 : EVALUATION_WORK_PER_CELL;
  return cells * (job.epochs * epochWork(job.model) + evaluation);
}

/** Trains small jobs inline, where a thread hop would cost more than it saves, and the rest on a pool. */
export function createExecutor(options: ExecutorOptions): ClosableExecutor {
  const limit = options.inlineWorkLimit ?? INLINE_WORK_LIMIT;
  if (!(limit >= 0)) throw new RangeError(`inlineWorkLimit must be >= 0, got ${limit}`);
  const pool = createPoolExecutor(options);
  const executor: ClosableExecutor = Object.assign(
    (job: TrainingJob, runOptions: Parameters<ClosableExecutor>[1]) =>
      measureWork(job) < limit ? runInline(job, runOptions) : pool(job, runOptions),
    {
      readDocument: (task: DocumentTask) =>
        task.bytes.length < INLINE_DOCUMENT_BYTES
          ? Promise.resolve(readDocument(task.bytes, task.target, task.limits, task.fileName))
          : pool.readDocument(task),
      close: () => pool.close(),
      pool: pool.pool,
    },
  );
  return executor;
}
