/** Shared plain-data types of the perceptron core. Nothing here knows about Telegram or storage. */

export type Activation = 'sigmoid' | 'step';

/** One training example: inputs and the wanted output in [0, 1]. */
export interface Row {
  inputs: number[];
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
  /** Seed of numpy's legacy MT19937 generator for the initial weights. */
  seed: number;
}

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
}

export const DEFAULT_SETTINGS: ModelSettings = {
  activation: 'sigmoid',
  bias: false,
  learningRate: 1,
  epochs: 20_000,
  seed: 1,
};

export const MAX_INPUTS = 32;
export const LOSS_HISTORY_LIMIT = 200;
