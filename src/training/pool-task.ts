import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { TrainProgress } from '../core/train-types.js';
import { createTaskState, leaveQueue, TaskState, type WorkerTask } from './task-state.js';
import type { TrainingExecutor, TrainingJob, TrainingOutcome } from './training-runner.js';
import { unstartedOutcome } from './unstarted-outcome.js';

export type TrainingPool = Piscina<WorkerTask, TrainingOutcome | null>;
type RunOptions = Parameters<TrainingExecutor>[1];

/**
 * Runs one job on a worker of the pool. Stop reaches the worker through a shared flag, so the weights
 * reached come back; a job stopped while still queued resolves at once with its model unchanged and
 * without an evaluation, since nothing changed (and this thread must not evaluate).
 */
export function runPooledTask(
  pool: TrainingPool,
  job: TrainingJob,
  options: RunOptions,
  progressIntervalMs?: number,
): Promise<TrainingOutcome> {
  const { signal } = options;
  if (signal.aborted) return Promise.resolve(unstartedOutcome(job));
  const state = createTaskState();
  const { port1, port2 } = new MessageChannel();
  const reporter = createReporter(options.onProgress, state);
  port1.on('message', reporter.report);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      drainPort(port1, reporter.report);
      port1.close();
      finish();
    };
    const onAbort = (): void => {
      if (leaveQueue(state, TaskState.cancelled)) settle(() => resolve(unstartedOutcome(job)));
      else Atomics.store(state, 0, TaskState.stopping);
    };
    const finishWith = (result: TrainingOutcome | null): void => {
      if (reporter.failure) reject(reporter.failure.error);
      else if (result) resolve(result);
      else reject(new Error('the training worker skipped a job that was not stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const task: WorkerTask = { job, state, port: port2, progressIntervalMs };
    pool.run(task, { transferList: [port2] }).then(
      (result) => settle(() => finishWith(result)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** Forwards progress; a listener that throws stops the job, and its error becomes the job's outcome. */
function createReporter(onProgress: RunOptions['onProgress'], state: Int32Array) {
  const reporter = {
    failure: undefined as { error: unknown } | undefined,
    report: (progress: TrainProgress): void => {
      if (reporter.failure) return;
      try {
        onProgress(progress);
      } catch (error) {
        reporter.failure = { error };
        Atomics.store(state, 0, TaskState.stopping);
      }
    },
  };
  return reporter;
}

/** Delivers progress the worker posted before its result, which may still wait in the port. */
function drainPort(port: MessagePort, report: (progress: TrainProgress) => void): void {
  for (let entry = receiveMessageOnPort(port); entry; entry = receiveMessageOnPort(port)) {
    report(entry.message as TrainProgress);
  }
}
