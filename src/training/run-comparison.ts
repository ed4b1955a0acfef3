import type { StopRule } from '../core/kernel/kernel-types.js';
import type { TrainProgress } from '../core/train-types.js';
import type { ModelState, Row, TrainingMethod } from '../core/types.js';
import type { TrainingOutcome, TrainingRunner } from './training-runner.js';

/** One method's copy of the perceptron in a comparison. */
export interface ComparisonJob {
  method: TrainingMethod;
  model: ModelState;
}

export interface ComparisonRequest {
  rows: Row[];
  epochs: number;
  jobs: ComparisonJob[];
  milestones: StopRule[];
}

/** Each method's outcome, in the order asked; undefined for those a Stop left out. */
export interface ComparisonOutcome {
  results: { method: TrainingMethod; outcome?: TrainingOutcome }[];
  stopped: boolean;
}

/**
 * Trains each method's copy in turn, through the runner under the owner's key: one training at a time,
 * on the worker pool, each stoppable like /train. A copy stopped (or diverged and stopped) ends the
 * comparison, as does `signal` between two copies; the methods after it are left out.
 */
export async function runComparison(
  runner: TrainingRunner,
  key: string,
  request: ComparisonRequest,
  onProgress: (method: TrainingMethod, progress: TrainProgress) => void,
  signal?: AbortSignal,
): Promise<ComparisonOutcome> {
  const results: ComparisonOutcome['results'] = request.jobs.map((job) => ({ method: job.method }));
  for (const [i, job] of request.jobs.entries()) {
    if (signal?.aborted) return { results, stopped: true };
    const { rows, epochs, milestones } = request;
    const running = runner.start(key, { model: job.model, rows, epochs, milestones }, (progress) =>
      onProgress(job.method, progress),
    );
    const outcome = await running.done;
    results[i] = { method: job.method, outcome };
    if (outcome.stopped && !outcome.diverged) return { results, stopped: true };
  }
  return { results, stopped: false };
}
