import { assertRows } from './model.js';
import { classify, predict } from './predict.js';
import { isLinearlySeparable } from './separability.js';
import type { ModelState, Row } from './types.js';

/** How a model does on a table of rows, as plain data for the bot to put into words. */
export interface Evaluation {
  /** The model's output for each row. */
  outputs: number[];
  /** The class the model gives each row (output from 0.5 up is 1). */
  predicted: (0 | 1)[];
  /** The class each row asks for (target from 0.5 up is 1). */
  targets: (0 | 1)[];
  /** Share of rows whose predicted class is the target class, 0..1. */
  accuracy: number;
  /** Mean squared error of the outputs. */
  loss: number;
  /** Indices of the rows classified wrongly. */
  wrongRows: number[];
  /** Groups of row indices with identical inputs but different target classes. */
  contradictions: number[][];
  /** Whether any weights could classify every row; checked only when accuracy is below 1. */
  separable: boolean;
}

/** The mean squared error of the model's outputs on `rows`, the loss training reports. */
export function computeLoss(model: ModelState, rows: readonly Row[]): number {
  assertRows(model, rows);
  const outputs = rows.map((row) => predict(model, row.inputs).output);
  return meanSquaredError(rows, outputs);
}

/** Runs the model on every row and compares with the targets. RangeError when a row does not fit. */
export function evaluateModel(model: ModelState, rows: readonly Row[]): Evaluation {
  assertRows(model, rows);
  const outputs = rows.map((row) => predict(model, row.inputs).output);
  const predicted = outputs.map(classify);
  const targets = rows.map((row) => classify(row.output));
  const wrongRows = targets.flatMap((target, i) => (predicted[i] === target ? [] : [i]));
  const accuracy = (rows.length - wrongRows.length) / rows.length;
  const loss = meanSquaredError(rows, outputs);
  const { bias, activation } = model.settings;
  const separable = accuracy === 1 || isLinearlySeparable(rows, { bias, activation });
  return {
    outputs,
    predicted,
    targets,
    accuracy,
    loss,
    wrongRows,
    contradictions: findContradictions(rows),
    separable,
  };
}

function meanSquaredError(rows: readonly Row[], outputs: readonly number[]): number {
  let squaredError = 0;
  rows.forEach((row, i) => {
    squaredError += (row.output - (outputs[i] as number)) ** 2;
  });
  return squaredError / rows.length;
}

/** Groups of row indices that share their inputs but not their target class, in order of first row. */
export function findContradictions(rows: readonly Row[]): number[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = row.inputs.join(',');
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()].filter((group) => {
    const classes = new Set(group.map((i) => classify((rows[i] as Row).output)));
    return classes.size > 1;
  });
}
