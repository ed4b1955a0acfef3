import { evaluateModel } from '../core/evaluate.js';
import { trainWithMilestones } from '../core/milestones.js';
import { trainModel } from '../core/train.js';
import type { TrainOptions } from '../core/train-types.js';
import type { TrainingJob, TrainingOutcome } from './training-runner.js';

/**
 * Trains, then evaluates on the rows trained on. Both run where the training runs, so a worker also
 * takes the evaluation (the separability check can take tens of milliseconds) off the event loop.
 */
export function trainAndEvaluate(job: TrainingJob, options: Omit<TrainOptions, 'epochs'>): TrainingOutcome {
  const trainOptions = { ...options, epochs: job.epochs };
  if (job.milestones) {
    const result = trainWithMilestones(job.model, job.rows, trainOptions, job.milestones);
    return { ...result, evaluation: evaluateModel(result.model, job.rows) };
  }
  const started = performance.now();
  const result = trainModel(job.model, job.rows, trainOptions);
  const elapsedMs = performance.now() - started;
  return { ...result, elapsedMs, evaluation: evaluateModel(result.model, job.rows) };
}
