import { assertInputs } from './model.js';
import type { Activation, ModelState } from './types.js';

export interface Prediction {
  /**
   * Weighted sum of the inputs, bias included; ±Infinity when it is beyond the largest double. Never NaN
   * for finite weights and inputs, even when products overflow with opposite signs.
   */
  sum: number;
  /** The activation of the sum. */
  output: number;
  label: 0 | 1;
}

/** The neuron's output for a weighted sum: the lesson's sigmoid, or a step that fires above 0. */
export function activate(activation: Activation, sum: number): number {
  if (activation === 'step') return sum > 0 ? 1 : 0;
  return 1 / (1 + Math.exp(-sum));
}

/** The class of an output or a target: 1 from 0.5 up. */
export function classify(value: number): 0 | 1 {
  return value >= 0.5 ? 1 : 0;
}

// 2^-520 on each factor keeps every product below 2^1008 and a sum of up to 33 of them finite.
const SCALE = 2 ** -520;

/**
 * Sums in the same order as the training kernels, so a prediction matches what training saw. A sum that
 * overflowed (to ±Infinity, or to NaN as Infinity - Infinity) is summed again with scaled factors.
 */
function sumInputs(model: ModelState, inputs: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < inputs.length; i++) sum += (inputs[i] as number) * (model.weights[i] as number);
  if (model.bias !== undefined) sum += model.bias;
  return Number.isFinite(sum) ? sum : sumScaled(model, inputs);
}

/** The weighted sum without overflow on the way: ±Infinity only when the result itself is too large. */
function sumScaled(model: ModelState, inputs: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < inputs.length; i++) {
    sum += (inputs[i] as number) * SCALE * ((model.weights[i] as number) * SCALE);
  }
  if (model.bias !== undefined) sum += SCALE * (model.bias * SCALE);
  return sum / SCALE / SCALE;
}

/** What the model answers for one new case; RangeError when the number of inputs is wrong. */
export function predict(model: ModelState, inputs: readonly number[]): Prediction {
  assertInputs(model, inputs);
  const sum = sumInputs(model, inputs);
  const output = activate(model.settings.activation, sum);
  return { sum, output, label: classify(output) };
}
