/** Shared plain-data types of the perceptron core. Nothing here knows about Telegram or storage. */
import type { RandomState } from './numpy-random.js';

export type Activation = 'sigmoid' | 'step';

/** How the weights learn: the lesson's gradient descent, iRprop-, or a genetic algorithm. */
export type TrainingMethod = 'gd' | 'rprop' | 'genetic';
export const TRAINING_METHODS: readonly TrainingMethod[] = ['gd', 'rprop', 'genetic'];

/** One training example: inputs and the wanted output in [0, 1]. Stored rows are never changed in place. */
export interface Row {
  inputs: readonly number[];
  output: number;
}

/** What a user may change; everything the lesson fixed. */
export interface ModelSettings {
  activation: Activation;
  /** An extra weight on a constant input of 1 (off in the lesson, whose third column plays that role). */
  bias: boolean;
  learningRate: number;
  /** Epochs for one /train without an explicit count. */
  epochs: number;
  /** Seed of numpy's legacy MT19937 generator for the initial weights (and the genetic algorithm). */
  seed: number;
  /** Absent: 'gd', the lesson's rule (files from before the methods have none). */
  method?: TrainingMethod;
  /** Individuals of the genetic algorithm; absent: DEFAULT_POPULATION. */
  population?: number;
  /** Stop as soon as the loss is at or below this (step activation: accuracy 100%); absent: off. */
  target?: number;
}

/** iRprop-'s memory: each weight's step size and the gradient of the last epoch (zeroed after a flip). */
export interface RpropState {
  method: 'rprop';
  steps: number[];
  previousGradient: number[];
}

/** The genetic algorithm's memory: the next generation to evaluate and the generator's state. */
export interface GeneticState {
  method: 'genetic';
  population: number[][];
  random: RandomState;
}

export type MethodState = RpropState | GeneticState;

export interface LossPoint {
  epoch: number;
  loss: number;
}

/** A perceptron as plain JSON: what is stored, sent to a worker and restored. */
export interface ModelState {
  version: 1;
  settings: ModelSettings;
  /** Number of inputs the weights were made for. */
  inputs: number;
  weights: number[];
  /** Present only when settings.bias is on. */
  bias?: number;
  initialWeights: number[];
  initialBias?: number;
  epochsTrained: number;
  /** Sampled loss curve over all epochs trained, at most LOSS_HISTORY_LIMIT points. */
  lossHistory: LossPoint[];
  /** What RProp or the genetic algorithm needs to go on with the same run; absent for gd or a new run. */
  methodState?: MethodState;
  /** Epochs trained when each later training went on from the earlier ones ("train more"), oldest first. */
  continuedAt?: number[];
  /** Weights sampled across the last training, at most SNAPSHOT_LIMIT of them, for its replay. */
  lastRun?: WeightSnapshot[];
  /**
   * The most rows one training of these weights ran on since they were made: what a class exercise
   * counts, whatever rows are left afterwards. Absent before the first training, and in models stored
   * before the count was kept (see rowsTrainedOf).
   */
  rowsTrained?: number;
}

/** The weights after `epoch` epochs in all (0: the starting weights). */
export interface WeightSnapshot {
  epoch: number;
  weights: number[];
  bias?: number;
  /** The loss training reported at this epoch; absent before any epoch ran. */
  loss?: number;
}

export const DEFAULT_SETTINGS: ModelSettings = {
  activation: 'sigmoid',
  bias: false,
  learningRate: 1,
  epochs: 20_000,
  seed: 1,
};

export const MAX_INPUTS = 32;
export const DEFAULT_POPULATION = 50;
/** The genetic algorithm needs its 2 elites and at least one child. */
export const MIN_POPULATION = 3;
export const LOSS_HISTORY_LIMIT = 200;
/** Weight samples kept of the last training: enough frames for a short replay, a few kilobytes stored. */
export const SNAPSHOT_LIMIT = 30;
/** "Train more" marks kept; older ones are dropped. */
export const CONTINUED_LIMIT = 50;
