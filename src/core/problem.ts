import type { KernelProblem, StopRule } from './kernel/kernel-types.js';
import { startState, toMemory } from './method-run.js';
import { stopRuleOf } from './stop-rule.js';
import type { ModelState, Row } from './types.js';

/**
 * Lays the rows out for a kernel, with a constant-1 column when the model has a bias, iRprop-'s memory
 * for rprop and the model's stop rule (or `stop`, when given: false for none).
 */
export function createProblem(
  model: ModelState,
  rows: readonly Row[],
  stop?: StopRule | false,
): KernelProblem {
  const cols = model.inputs + (model.settings.bias ? 1 : 0);
  const x = new Float64Array(rows.length * cols);
  rows.forEach((row, r) => {
    x.set(row.inputs, r * cols);
    if (model.settings.bias) x[r * cols + model.inputs] = 1;
  });
  const weights = Float64Array.from(
    model.bias === undefined ? model.weights : [...model.weights, model.bias],
  );
  const y = Float64Array.from(rows, (row) => row.output);
  const { learningRate, activation } = model.settings;
  const rprop = toMemory(startState(model, cols));
  const rule = stop === false ? undefined : (stop ?? stopRuleOf(model.settings));
  return {
    rows: rows.length,
    cols,
    x,
    y,
    weights,
    learningRate,
    activation,
    ...(rprop ? { rprop } : {}),
    ...(rule ? { stop: rule } : {}),
  };
}
