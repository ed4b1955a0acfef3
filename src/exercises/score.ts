import { classify, predict } from '../core/predict.js';
import type { ModelState, Row } from '../core/types.js';

/** How a perceptron does on a task's hidden rows; only totals, so nothing tells which rows are wrong. */
export type Score =
  | { ok: true; accuracy: number; loss: number; wrong: number }
  | { ok: false; reason: 'inputs'; expected: number; actual: number };

/**
 * Scores `model` on `hidden`: accuracy (class at 0.5), the mean squared error (the loss training reports)
 * and the count of wrong rows. A model made for another number of inputs is a result, not an error.
 * At most MAX_ROWS x MAX_INPUTS multiply-adds: cheap enough for the event loop.
 */
export function scoreModel(model: ModelState, hidden: readonly Row[]): Score {
  const expected = hidden[0]?.inputs.length ?? 0;
  if (model.inputs !== expected) return { ok: false, reason: 'inputs', expected, actual: model.inputs };
  let wrong = 0;
  let squaredError = 0;
  for (const row of hidden) {
    const { output, label } = predict(model, row.inputs);
    if (label !== classify(row.output)) wrong += 1;
    squaredError += (row.output - output) ** 2;
  }
  return {
    ok: true,
    accuracy: (hidden.length - wrong) / hidden.length,
    loss: squaredError / hidden.length,
    wrong,
  };
}
