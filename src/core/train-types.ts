import type { KernelFactory, ScorerFactory, StopRule } from './kernel/kernel-types.js';
import type { ModelState } from './types.js';

export interface TrainProgress {
  /** Epochs done in this run so far. */
  epoch: number;
  /** Epochs asked for in this run. */
  epochs: number;
  loss: number;
}

export interface TrainOptions {
  epochs: number;
  signal?: AbortSignal;
  /** Called at most once per progressIntervalMs, and once at the end. */
  onProgress?: (progress: TrainProgress) => void;
  progressIntervalMs?: number;
  /** Called between chunks of epochs; lets a worker thread turn a shared flag into an abort. */
  poll?: () => void;
  /** Runs gd and rprop; defaults to the fastest kernel available. */
  kernel?: KernelFactory;
  /** The genetic algorithm's fitness; defaults to the fastest available. */
  scorer?: ScorerFactory;
  /** Stop early by this rule instead of the model's own (its target); false: run every epoch. */
  stop?: StopRule | false;
}

export interface TrainResult {
  model: ModelState;
  epochsRun: number;
  /** True when training ended before all epochs ran: the signal aborted, or training diverged. */
  stopped: boolean;
  /**
   * True when the weights or the loss stopped being finite numbers (huge inputs or learning rate). The
   * model then holds the last finite weights, and epochsRun counts only the epochs that reached them.
   */
  diverged: boolean;
  /** True when the stop rule ended the run, or the weights reached meet it: the target was reached. */
  reachedTarget: boolean;
  /** Mean squared error of the last epoch kept (of the untrained model when none was). */
  loss: number;
}
