import type { KernelFactory } from './kernel/kernel-types.js';
import { assertRows } from './model.js';
import { predict } from './predict.js';
import { trainModel } from './train.js';
import type { TrainResult } from './train-types.js';
import type { ModelState, Row } from './types.js';

/** One row of an epoch, computed as the lesson's formula does. */
export interface RowStep {
  /** The row's own inputs, not a copy. */
  inputs: readonly number[];
  target: number;
  /** Weighted sum of the inputs, bias included. */
  sum: number;
  output: number;
  /** y - out. */
  error: number;
  /** What the row adds to each weight's gradient: error * out * (1 - out), or error itself for step. */
  term: number;
}

/** The numbers of one epoch before its update is applied; weights have the bias last. */
export interface EpochExplanation {
  /** The epoch explained, counted from 1 since the model was created or reset. */
  epoch: number;
  rows: RowStep[];
  /** X.T @ term, one value per weight. */
  gradient: number[];
  /** learningRate * gradient: what each weight gains. */
  change: number[];
  before: number[];
}

/** One epoch with every number computed on the way, and what training made of it. */
export interface EpochStep extends EpochExplanation {
  /** The weights after the epoch, as training computes them. */
  after: number[];
  /** Mean squared error of this epoch's outputs: the loss training records for it. */
  loss: number;
  /** The model after the epoch, exactly as trainModel leaves it after one epoch. */
  model: ModelState;
  /** True when the new weights would not be finite numbers; the model then keeps the old ones. */
  diverged: boolean;
}

/**
 * The numbers of the next epoch of `model` on `rows`, with the reference kernel's formulas, which every
 * kernel is tested against. RangeError when there are no rows or a row does not fit the model.
 */
export function explainEpoch(model: ModelState, rows: readonly Row[]): EpochExplanation {
  assertRows(model, rows);
  const steps = rows.map((row) => computeRow(model, row));
  const before = weightsOf(model);
  const gradient = new Float64Array(before.length);
  steps.forEach((step, r) => {
    const inputs = (rows[r] as Row).inputs;
    for (let c = 0; c < inputs.length; c++)
      gradient[c] = (gradient[c] as number) + (inputs[c] as number) * step.term;
    // The bias column is a constant 1.
    if (before.length > inputs.length)
      gradient[inputs.length] = (gradient[inputs.length] as number) + step.term;
  });
  const { learningRate } = model.settings;
  return {
    epoch: model.epochsTrained + 1,
    rows: steps,
    gradient: Array.from(gradient),
    change: Array.from(gradient, (g) => learningRate * g),
    before,
  };
}

/** The explained epoch together with the result of training it: one epoch of trainModel from the same model. */
export function completeStep(explanation: EpochExplanation, trained: TrainResult): EpochStep {
  const { model, loss, diverged } = trained;
  return { ...explanation, after: weightsOf(model), loss, model, diverged };
}

/**
 * Runs one epoch of the lesson's update (gradient descent) and returns its numbers. The new model comes
 * from trainModel with the same kernel as /train, so n steps leave exactly the weights of n epochs of
 * training. A step is one epoch asked for, so a target loss the model has reached does not skip it.
 */
export function stepModel(model: ModelState, rows: readonly Row[], kernel?: KernelFactory): EpochStep {
  const explanation = explainEpoch(model, rows);
  const trained = trainModel(model, rows, { epochs: 1, stop: false, ...(kernel ? { kernel } : {}) });
  return completeStep(explanation, trained);
}

function computeRow(model: ModelState, row: Row): RowStep {
  const { sum, output } = predict(model, row.inputs);
  const error = row.output - output;
  const term = model.settings.activation === 'sigmoid' ? error * output * (1 - output) : error;
  return { inputs: row.inputs, target: row.output, sum, output, error, term };
}

const weightsOf = (model: ModelState): number[] =>
  model.bias === undefined ? [...model.weights] : [...model.weights, model.bias];
