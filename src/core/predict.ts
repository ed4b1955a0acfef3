import { assertInputs } from './model.js';
import type { Activation, ModelState } from './types.js';

export interface Prediction {
  /** Weighted sum of the inputs, bias included. */
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

/** Sums in the same order as the training kernels, so a prediction matches what training saw. */
function sumInputs(model: ModelState, inputs: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < inputs.length; i++) sum += (inputs[i] as number) * (model.weights[i] as number);
  if (model.bias !== undefined) sum += model.bias;
  return sum;
}

/** What the model answers for one new case; RangeError when the number of inputs is wrong. */
export function predict(model: ModelState, inputs: readonly number[]): Prediction {
  assertInputs(model, inputs);
  const sum = sumInputs(model, inputs);
  const output = activate(model.settings.activation, sum);
  return { sum, output, label: classify(output) };
}
