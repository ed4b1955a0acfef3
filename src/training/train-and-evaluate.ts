import { evaluateModel } from '../core/evaluate.js';
import { trainWithMilestones } from '../core/milestones.js';
import { trainModel } from '../core/train.js';
import type { TrainOptions, TrainResult } from '../core/train-types.js';
import type { TrainingJob, TrainingOutcome } from './training-runner.js';

/**
 * Trains, then evaluates on the rows trained on. Both run where the training runs, so a worker also
 * takes the evaluation (the separability check can take tens of milliseconds) off the event loop.
 */
export function trainAndEvaluate(job: TrainingJob, options: Omit<TrainOptions, 'epochs'>): TrainingOutcome {
  const trainOptions = { ...options, epochs: job.epochs };
  const evaluated = <T extends TrainResult>(result: T) =>
    job.evaluate === false ? result : { ...result, evaluation: evaluateModel(result.model, job.rows) };
  if (job.milestones)
    return evaluated(trainWithMilestones(job.model, job.rows, trainOptions, job.milestones));
  const started = performance.now();
  const result = trainModel(job.model, job.rows, trainOptions);
  return evaluated({ ...result, elapsedMs: performance.now() - started });
}
