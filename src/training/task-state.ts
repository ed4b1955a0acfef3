import type { MessagePort } from 'node:worker_threads';
import type { TrainingJob } from './training-runner.js';

/** Life of one pooled task, held in a shared Int32 so both threads see it without messages. */
export const TaskState = {
  queued: 0,
  running: 1,
  /** Stopped before a worker picked it up: the worker skips it. */
  cancelled: 2,
  /** Stop asked while running: the worker's next poll aborts. */
  stopping: 3,
} as const;

/** What crosses to the worker: plain JSON, the shared state and the progress port. */
export interface WorkerTask {
  job: TrainingJob;
  state: Int32Array;
  port: MessagePort;
  progressIntervalMs?: number;
}

export function createTaskState(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Moves queued -> to; returns true when the task was still queued. */
export function leaveQueue(
  state: Int32Array,
  to: typeof TaskState.running | typeof TaskState.cancelled,
): boolean {
  return Atomics.compareExchange(state, 0, TaskState.queued, to) === TaskState.queued;
}
