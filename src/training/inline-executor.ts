import { trainModel } from '../core/train.js';
import type { TrainingExecutor } from './training-runner.js';

/** Trains on this thread, after the current turn of the event loop; for jobs of a few milliseconds. */
export const runInline: TrainingExecutor = (job, { signal, onProgress }) =>
  new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(trainModel(job.model, job.rows, { epochs: job.epochs, signal, onProgress }));
      } catch (error) {
        reject(error);
      }
    });
  });
