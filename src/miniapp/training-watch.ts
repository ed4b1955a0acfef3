import type { TrainingProgress } from '../miniapp-api/api-schema.js';
import type { TrainingRunner } from '../training/training-runner.js';

/** Points of one training's loss curve kept for the page; above it, every other point is dropped. */
export const WATCHED_LOSS_POINTS = 200;
/** Members whose last training is remembered for the page; the oldest is forgotten past it. */
export const WATCHED_TRAININGS = 10_000;

/**
 * What the page polls: each member's running or last training, whichever side started it (the chat's
 * /train, its buttons, the lesson, or the app). It sits on the runner, so it sees every training.
 */
export interface TrainingWatch {
  /** The runner with every start noted here. */
  observe(runner: TrainingRunner): TrainingRunner;
  /** The running or last training of this key, or null when none is remembered. */
  progress(key: string): TrainingProgress | null;
  /** Resolves once the key's current training ended and its weights are stored (at once without one). */
  settled(key: string): Promise<void>;
}

export interface TrainingWatchOptions {
  /**
   * Resolves once what was stored for the key before it is called is written: a training counts as over
   * for the page only then, so that the state read next holds its weights.
   */
  storedBefore(key: string): Promise<unknown>;
}

interface Watched {
  id: string;
  running: boolean;
  epoch: number;
  epochs: number;
  losses: Array<{ epoch: number; loss: number }>;
  result?: TrainingProgress['result'];
  settled: Promise<void>;
}

export function createTrainingWatch(options: TrainingWatchOptions): TrainingWatch {
  const watched = new Map<string, Watched>();
  const remember = (key: string, entry: Watched) => {
    watched.delete(key);
    watched.set(key, entry);
    if (watched.size > WATCHED_TRAININGS) watched.delete(watched.keys().next().value as string);
  };
  return {
    observe(runner) {
      return {
        get shuttingDown() {
          return runner.shuttingDown;
        },
        start(key, job, onProgress, asked) {
          const entry: Watched = {
            id: '',
            running: true,
            epoch: 0,
            epochs: job.epochs,
            losses: [],
            settled: Promise.resolve(),
          };
          const started = runner.start(
            key,
            job,
            (progress) => {
              entry.epoch = progress.epoch;
              if (Number.isFinite(progress.loss)) addPoint(entry.losses, progress.epoch, progress.loss);
              onProgress(progress);
            },
            asked,
          );
          entry.id = started.id;
          remember(key, entry);
          entry.settled = started.done
            .then(
              async (outcome) => {
                // The chat's own continuation stores the outcome: it is queued once this turn's callbacks ran.
                await new Promise((resolve) => setImmediate(resolve));
                await options.storedBefore(key).catch(() => undefined);
                entry.epoch = outcome.epochsRun;
                // A short training ends before its first progress report: the model's own curve has it.
                const before = job.model.epochsTrained;
                const curve = outcome.model.lossHistory
                  .filter((point) => point.epoch > before && Number.isFinite(point.loss))
                  .map((point) => ({ epoch: point.epoch - before, loss: point.loss }));
                if (curve.length > entry.losses.length) entry.losses.splice(0, entry.losses.length, ...curve);
                if (Number.isFinite(outcome.loss)) addPoint(entry.losses, outcome.epochsRun, outcome.loss);
                entry.result = {
                  weights: [...outcome.model.weights],
                  ...(outcome.model.bias === undefined ? {} : { bias: outcome.model.bias }),
                  loss: outcome.loss,
                  accuracy: outcome.evaluation?.accuracy ?? 0,
                };
              },
              () => undefined,
            )
            .finally(() => {
              entry.running = false;
            });
          return started;
        },
        running: (key) => runner.running(key),
        stop: (key, id) => runner.stop(key, id),
        stopAll: () => runner.stopAll(),
        size: () => runner.size(),
        // With trainings in worker processes (REDIS_URL), what the queue adds passes through.
        ...(runner.describe ? { describe: runner.describe.bind(runner) } : {}),
        ...(runner.claimResult ? { claimResult: runner.claimResult.bind(runner) } : {}),
        ...(runner.resultSent ? { resultSent: runner.resultSent.bind(runner) } : {}),
        ...(runner.startedBy ? { startedBy: runner.startedBy.bind(runner) } : {}),
        ...(runner.describeComparison ? { describeComparison: runner.describeComparison.bind(runner) } : {}),
        ...(runner.claimComparison ? { claimComparison: runner.claimComparison.bind(runner) } : {}),
        ...(runner.comparisonSent ? { comparisonSent: runner.comparisonSent.bind(runner) } : {}),
      };
    },
    settled: (key) => watched.get(key)?.settled ?? Promise.resolve(),
    progress(key) {
      const entry = watched.get(key);
      if (!entry) return null;
      return {
        running: entry.running,
        epoch: entry.epoch,
        epochs: entry.epochs,
        losses: entry.losses.map((point) => ({ ...point })),
        ...(entry.result ? { result: entry.result } : {}),
      };
    },
  };
}

/** Appends a point (one per epoch at most), halving the curve when it grows past WATCHED_LOSS_POINTS. */
function addPoint(losses: Array<{ epoch: number; loss: number }>, epoch: number, loss: number): void {
  const last = losses.at(-1);
  if (last && last.epoch >= epoch) {
    if (last.epoch === epoch) last.loss = loss;
    return;
  }
  losses.push({ epoch, loss });
  if (losses.length > WATCHED_LOSS_POINTS) {
    const kept = losses.filter((_, i) => i % 2 === 0 || i === losses.length - 1);
    losses.splice(0, losses.length, ...kept);
  }
}
