import { leaveQueue, TaskState, type WorkerTask } from './task-state.js';
import { trainAndEvaluate } from './train-and-evaluate.js';
import type { TrainingOutcome } from './training-runner.js';

/** Piscina worker: trains one job; null when the job was stopped while still queued. */
export default function runTrainingTask(task: WorkerTask): TrainingOutcome | null {
  const { job, state, port } = task;
  try {
    if (!leaveQueue(state, TaskState.running)) return null;
    const controller = new AbortController();
    return trainAndEvaluate(job, {
      signal: controller.signal,
      progressIntervalMs: task.progressIntervalMs,
      // A message cannot reach this thread while it computes; the shared state can.
      poll: () => {
        if (Atomics.load(state, 0) === TaskState.stopping) controller.abort();
      },
      onProgress: (progress) => port.postMessage(progress),
    });
  } finally {
    port.close();
  }
}
