import type { Activation } from '../types.js';

/**
 * When a kernel stops early, before an epoch's update: once the loss of the outputs is at or below `loss`,
 * or once every row has the right class (`allRight`, accuracy 100%), whichever comes first.
 */
export interface StopRule {
  loss?: number;
  allRight?: boolean;
}

/** True when a loss and a count of rows of the wrong class meet the rule. */
export function meetsRule(rule: StopRule | undefined, loss: number, wrong: number): boolean {
  if (rule === undefined) return false;
  return (rule.allRight === true && wrong === 0) || (rule.loss !== undefined && loss <= rule.loss);
}

/** iRprop-'s per-weight memory as a kernel holds it: step sizes and the last epoch's gradient. */
export interface RpropMemory {
  steps: Float64Array;
  previousGradient: Float64Array;
}

/** A training problem laid out for a kernel: the bias column, if any, is already appended to x. */
export interface KernelProblem {
  rows: number;
  cols: number;
  /** Row-major, rows * cols. */
  x: Float64Array;
  /** rows targets. */
  y: Float64Array;
  /** cols starting weights; the kernel keeps its own copy. */
  weights: Float64Array;
  learningRate: number;
  activation: Activation;
  /** Present: iRprop- from this memory (the learning rate is not used); absent: the lesson's update. */
  rprop?: RpropMemory;
  stop?: StopRule;
}

/** Runs full-batch epochs on one problem, keeping the weights between calls. */
export interface TrainingKernel {
  /**
   * Runs `epochs` updates, fewer when the problem's stop rule is met; returns the mean squared error of
   * the last epoch's outputs (before its update; for a stop, of the weights stopped at).
   */
  run(epochs: number): number;
  /** Updates made by the last run(): `epochs`, or fewer when it stopped by the rule. */
  lastEpochs(): number;
  /** A copy of the current weights. */
  readWeights(): Float64Array;
  /** A copy of iRprop-'s memory; undefined for the lesson's update. */
  readRprop(): RpropMemory | undefined;
  /** Frees what the kernel holds (wasm memory); the kernel is unusable afterwards. */
  dispose(): void;
}

export type KernelFactory = (problem: KernelProblem) => TrainingKernel;

/** iRprop-'s constants (Igel and Huesken, 2000). */
export const RPROP = { initialStep: 0.1, grow: 1.2, shrink: 0.5, minStep: 1e-6, maxStep: 50 } as const;

/** iRprop-'s memory before its first epoch: every step 0.1, no previous gradient. */
export function createRpropMemory(cols: number): RpropMemory {
  return { steps: new Float64Array(cols).fill(RPROP.initialStep), previousGradient: new Float64Array(cols) };
}

/** The rows of a problem, for scoring weights without training them. */
export type ScoringProblem = Pick<KernelProblem, 'rows' | 'cols' | 'x' | 'y' | 'activation'>;

/** Scores weight vectors on fixed rows: the genetic algorithm's fitness. */
export interface Scorer {
  /** The sum of squared errors of the outputs and the number of rows of the wrong class. */
  score(weights: Float64Array): { squaredError: number; wrong: number };
  dispose(): void;
}

export type ScorerFactory = (problem: ScoringProblem) => Scorer;
