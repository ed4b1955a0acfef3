import { computeLoss } from '../src/core/evaluate.js';
import { classify, predict } from '../src/core/predict.js';
import type { ModelState, Row } from '../src/core/types.js';
import type { AppState } from '../src/miniapp-api/api-schema.js';

/** Weights to look at: the trained ones, or those the member is trying by hand. */
export interface Weights {
  weights: readonly number[];
  bias?: number;
}

/**
 * The member's perceptron as core/ reads it, with these weights: predict() and computeLoss() then give
 * the chat's own numbers.
 */
export function modelOf(state: AppState, weights: Weights = state.model): ModelState {
  const settings = { ...state.settings };
  const model: ModelState = {
    version: 1,
    inputs: state.model.inputs,
    weights: [...weights.weights],
    // Only the weights matter to predict() and computeLoss(); no training starts from here.
    initialWeights: [...weights.weights],
    settings,
    epochsTrained: state.model.epochsTrained,
    lossHistory: [],
    ...(weights.bias !== undefined ? { bias: weights.bias } : {}),
  };
  return model;
}

/** Whether the member has weights to show: a model whose inputs fit the rows. */
export function hasWeights(state: AppState): boolean {
  const fits = state.rows.length === 0 || state.rows[0]?.inputs.length === state.model.inputs;
  return state.model.inputs > 0 && state.model.weights.length === state.model.inputs && fits;
}

export interface Score {
  loss: number;
  /** From 0 to 1. */
  accuracy: number;
}

/** The loss (mean squared error, as training reports it) and the accuracy on the member's rows. */
export function scoreOn(model: ModelState, rows: readonly Row[]): Score | undefined {
  if (rows.length === 0 || rows.some((row) => row.inputs.length !== model.inputs)) return undefined;
  const right = rows.filter((row) => predict(model, row.inputs).label === classify(row.output)).length;
  return { loss: computeLoss(model, rows), accuracy: right / rows.length };
}

/** Whether every row's input `i` is 0 or 1 (true without rows): then a tap toggles it. */
export function isBinaryInput(rows: readonly Row[], i: number): boolean {
  return rows.every((row) => row.inputs[i] === 0 || row.inputs[i] === 1);
}

/** The lowest and highest value of input `i` over the rows, as a slider's ends. */
export function rangeOf(rows: readonly Row[], i: number): [number, number] {
  const values = rows.map((row) => row.inputs[i] as number);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low < high ? [low, high] : [low - 1, low + 1];
}

/** Input names: x1 … xn, as the chat names them without a header. */
export const inputNames = (count: number): string[] => Array.from({ length: count }, (_, i) => `x${i + 1}`);
