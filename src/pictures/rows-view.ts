import { activate, classify, predict } from '../core/predict.js';
import type { ModelState, Row } from '../core/types.js';

/** One row as the pictures place it: its weighted sum and output under the model, and its classes. */
export interface PlacedRow {
  inputs: readonly number[];
  target: number;
  sum: number;
  output: number;
  targetClass: 0 | 1;
  wrong: boolean;
}

export function placeRows(model: ModelState, rows: readonly Row[]): PlacedRow[] {
  return rows.map((row) => {
    const { sum, output, label } = predict(model, row.inputs);
    const targetClass = classify(row.output);
    return { inputs: row.inputs, target: row.output, sum, output, targetClass, wrong: label !== targetClass };
  });
}

/** Indices of the inputs whose value differs between rows; the others act as a bias. */
export function findVaryingInputs(rows: readonly Row[]): number[] {
  const first = rows[0]?.inputs ?? [];
  return first.flatMap((value, i) => (rows.some((row) => row.inputs[i] !== value) ? [i] : []));
}

/** The output of the model's activation for a weighted sum. */
export const outputOf = (model: ModelState, sum: number): number => activate(model.settings.activation, sum);
