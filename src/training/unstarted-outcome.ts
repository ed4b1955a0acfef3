import type { TrainingJob, TrainingOutcome } from './training-runner.js';

/**
 * The outcome of a job stopped before any epoch ran: its weights did not change, so there is nothing new
 * to evaluate and no work is done at all (an evaluation here would run on the event loop).
 */
export function unstartedOutcome(job: TrainingJob): TrainingOutcome {
  return {
    model: job.model,
    epochsRun: 0,
    stopped: true,
    diverged: false,
    reachedTarget: false,
    loss: job.model.lossHistory.at(-1)?.loss ?? Number.NaN,
    elapsedMs: 0,
    ...(job.milestones ? { reachedAt: job.milestones.map(() => null) } : {}),
  };
}
