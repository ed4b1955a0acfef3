import type { Evaluation } from '../core/evaluate.js';
import type { StopRule } from '../core/kernel/kernel-types.js';
import type { TrainProgress, TrainResult } from '../core/train-types.js';
import type { ModelState, Row } from '../core/types.js';

export interface TrainingJob {
  model: ModelState;
  rows: Row[];
  epochs: number;
  /** Run every epoch and note when each of these was first met (see trainWithMilestones). */
  milestones?: StopRule[];
  /** False when the caller has no use for the evaluation (/step): its separability check is skipped. */
  evaluate?: boolean;
}

/**
 * What a training returns: the weights reached and how they do on the rows trained on. No evaluation when
 * the job was stopped before it started: its weights are the ones it was given.
 */
export type TrainingOutcome = TrainResult & {
  evaluation?: Evaluation;
  /** Milliseconds spent training. */
  elapsedMs: number;
  /** With milestones: the epoch each was first met, or null. */
  reachedAt?: (number | null)[];
};

/** Runs one job somewhere (this thread or a worker) until done or stopped. */
export type TrainingExecutor = (
  job: TrainingJob,
  options: { signal: AbortSignal; onProgress: (progress: TrainProgress) => void },
) => Promise<TrainingOutcome>;

export interface RunningTraining {
  id: string;
  /** Resolves with the weights reached, also when stopped; rejects only on a bug. */
  done: Promise<TrainingOutcome>;
  /**
   * With trainings in other processes: settles once the training is durably queued, so that an update is
   * crossed off only then (a crash before it replays the update, which queues it again).
   */
  queued?: Promise<void>;
}

/** One training at a time per owner key, each stoppable. */
export interface TrainingRunner {
  /** `asked.updateId`: the update that asked for it, where one update starts one training (see startedBy). */
  start(
    key: string,
    job: TrainingJob,
    onProgress: (progress: TrainProgress) => void,
    asked?: { updateId: number },
  ): RunningTraining;
  running(key: string): RunningTraining | undefined;
  /** Stops the owner's training if its id matches (or any, without id); true when one was stopped. */
  stop(key: string, id?: string): boolean;
  /**
   * Stops every training and waits until all of them have returned their weights; trainings started
   * after it are stopped before they start.
   */
  stopAll(): Promise<void>;
  /** Counts trainings under way. */
  size(): number;
  /** True once stopAll() was called: results are then stopped by the shutdown, not by their owners. */
  readonly shuttingDown: boolean;
  /**
   * With trainings in other processes (REDIS_URL): keeps what another instance needs to deliver this
   * training's result should this one be gone (plain JSON); absent when every training runs here.
   */
  describe?(id: string, note: object): void;
  /**
   * With trainings in other processes: records, once for all instances, that this training's result is
   * being sent; false when it already was (by another instance). Absent: the result is always this one's.
   */
  claimResult?(id: string): Promise<boolean>;
  /**
   * With trainings in other processes: the result claimed is sent. Until then, should the instance that
   * claimed it be gone, another one sends it.
   */
  resultSent?(id: string): Promise<void>;
  /**
   * With trainings in other processes: a comparison (several trainings in turn, see runComparison) under
   * way on this instance, and what another one needs to tell its member it was cut off should this one be
   * gone before its table is sent (plain JSON).
   */
  describeComparison?(id: string, note: object): Promise<void>;
  /**
   * With trainings in other processes: records, once for all instances, that this comparison's table is
   * being sent; false when another instance already reported it cut off.
   */
  claimComparison?(id: string): Promise<boolean>;
  /** With trainings in other processes: the comparison's table is sent; nobody reports it cut off. */
  comparisonSent?(id: string): Promise<void>;
  /**
   * With trainings in other processes, which outlive an instance's crash: true when the update already
   * queued its training (it is handled again after a crash, replayed from the journal, on any instance).
   */
  startedBy?(updateId: number): Promise<boolean>;
}

/** A runner over any executor: keeps the per-owner bookkeeping in one place. */
export function createTrainingRunner(executor: TrainingExecutor): TrainingRunner {
  const jobs = new Map<string, RunningTraining & { controller: AbortController }>();
  let counter = 0;
  let shuttingDown = false;
  return {
    get shuttingDown() {
      return shuttingDown;
    },
    start(key, job, onProgress) {
      if (jobs.has(key)) throw new Error(`training already running for ${key}`);
      const controller = new AbortController();
      // An update handled during the shutdown may still ask: its training stops before it starts.
      if (shuttingDown) controller.abort();
      const id = (++counter).toString(36) + Math.random().toString(36).slice(2, 6);
      const done = executor(job, { signal: controller.signal, onProgress }).finally(() => {
        if (jobs.get(key)?.id === id) jobs.delete(key);
      });
      const entry = { id, done, controller };
      jobs.set(key, entry);
      return { id, done };
    },
    running(key) {
      const entry = jobs.get(key);
      return entry && { id: entry.id, done: entry.done };
    },
    stop(key, id) {
      const entry = jobs.get(key);
      if (!entry || (id !== undefined && entry.id !== id)) return false;
      entry.controller.abort();
      return true;
    },
    async stopAll() {
      shuttingDown = true;
      const all = [...jobs.values()];
      for (const entry of all) entry.controller.abort();
      await Promise.allSettled(all.map((e) => e.done));
    },
    size: () => jobs.size,
  };
}
