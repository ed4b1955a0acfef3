import { evaluateModel } from '../core/evaluate.js';
import { trainModel } from '../core/train.js';
import type { TrainOptions } from '../core/train-types.js';
import type { TrainingJob, TrainingOutcome } from './training-runner.js';

/**
 * Trains, then evaluates on the rows trained on. Both run where the training runs, so a worker also
 * takes the evaluation (the separability check can take tens of milliseconds) off the event loop.
 */
export function trainAndEvaluate(job: TrainingJob, options: Omit<TrainOptions, 'epochs'>): TrainingOutcome {
  const result = trainModel(job.model, job.rows, { ...options, epochs: job.epochs });
  return { ...result, evaluation: evaluateModel(result.model, job.rows) };
}
