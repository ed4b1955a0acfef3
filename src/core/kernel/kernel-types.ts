import type { Activation } from '../types.js';

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
}

/** Runs full-batch epochs on one problem, keeping the weights between calls. */
export interface TrainingKernel {
  /** Runs `epochs` updates; returns the mean squared error of the last epoch's outputs (before its update). */
  run(epochs: number): number;
  /** A copy of the current weights. */
  readWeights(): Float64Array;
  /** Frees what the kernel holds (wasm memory); the kernel is unusable afterwards. */
  dispose(): void;
}

export type KernelFactory = (problem: KernelProblem) => TrainingKernel;
