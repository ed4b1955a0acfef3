import type { KernelFactory } from './kernel/kernel-types.js';
import { assertRows } from './model.js';
import { predict } from './predict.js';
import { trainModel } from './train.js';
import type { ModelState, Row } from './types.js';

/** One row of an epoch, computed as the lesson's formula does. */
export interface RowStep {
  inputs: number[];
  target: number;
  /** Weighted sum of the inputs, bias included. */
  sum: number;
  output: number;
  /** y - out. */
  error: number;
  /** What the row adds to each weight's gradient: error * out * (1 - out), or error itself for step. */
  term: number;
}

/** One epoch of training with every number computed on the way; weights have the bias last. */
export interface EpochStep {
  /** The epoch shown, counted from 1 since the model was created or reset. */
  epoch: number;
  rows: RowStep[];
  /** X.T @ term, one value per weight. */
  gradient: number[];
  /** learningRate * gradient: what each weight gains. */
  change: number[];
  before: number[];
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
 * Runs one epoch of the lesson's update and returns its numbers. The new model comes from trainModel with
 * the same kernel as /train, so n steps leave exactly the weights of n epochs of training; the numbers
 * shown along the way are the reference kernel's formulas, which every kernel is tested against.
 * RangeError when there are no rows or a row does not fit the model.
 */
export function stepModel(model: ModelState, rows: readonly Row[], kernel?: KernelFactory): EpochStep {
  assertRows(model, rows);
  const steps = rows.map((row) => computeRow(model, row));
  const before = weightsOf(model);
  const gradient = before.map((_, c) => {
    let g = 0;
    steps.forEach((step, r) => {
      g += inputAt(rows[r] as Row, c) * step.term;
    });
    return g;
  });
  const trained = trainModel(model, rows, { epochs: 1, ...(kernel ? { kernel } : {}) });
  return {
    epoch: model.epochsTrained + 1,
    rows: steps,
    gradient,
    change: gradient.map((g) => model.settings.learningRate * g),
    before,
    after: weightsOf(trained.model),
    loss: trained.loss,
    model: trained.model,
    diverged: trained.diverged,
  };
}

function computeRow(model: ModelState, row: Row): RowStep {
  const { sum, output } = predict(model, row.inputs);
  const error = row.output - output;
  const term = model.settings.activation === 'sigmoid' ? error * output * (1 - output) : error;
  return { inputs: [...row.inputs], target: row.output, sum, output, error, term };
}

/** The row's value in column c; the bias column, one past the inputs, is a constant 1. */
const inputAt = (row: Row, c: number): number => row.inputs[c] ?? 1;

const weightsOf = (model: ModelState): number[] =>
  model.bias === undefined ? [...model.weights] : [...model.weights, model.bias];
