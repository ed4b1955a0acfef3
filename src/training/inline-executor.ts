import { trainAndEvaluate } from './train-and-evaluate.js';
import type { TrainingExecutor } from './training-runner.js';
import { unstartedOutcome } from './unstarted-outcome.js';

/** Trains on this thread, after the current turn of the event loop; for jobs of a few milliseconds. */
export const runInline: TrainingExecutor = (job, { signal, onProgress }) =>
  new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(signal.aborted ? unstartedOutcome(job) : trainAndEvaluate(job, { signal, onProgress }));
      } catch (error) {
        reject(error);
      }
    });
  });
