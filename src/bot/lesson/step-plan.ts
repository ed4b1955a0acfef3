import type { Limits } from '../../config/config.js';
import { methodOf } from '../../core/model.js';
import type { ModelState, Row, TrainingMethod } from '../../core/types.js';
import { columnNamesFor } from '../../files/column-names.js';
import type { PerceptronDoc } from '../kit/state/documents.js';
import { startingModel } from '../kit/state/starting-model.js';

export type StepPlan =
  | { ok: true; model: ModelState; rows: Row[]; names: string[] | undefined }
  | { ok: false; problem: 'noData' }
  | { ok: false; problem: 'otherMethod'; method: TrainingMethod }
  | { ok: false; problem: 'tooCostly'; rows: number; inputs: number; epochs: number; limits: Limits };

/**
 * Checks that `epochs` epochs of the lesson's gradient descent can run on the member's data within the
 * limits, and picks the weights to start from; `names` are the inputs' column names, if they have any.
 */
export function planSteps(doc: PerceptronDoc, epochs: number, limits: Limits): StepPlan {
  const first = doc.rows[0];
  if (!first) return { ok: false, problem: 'noData' };
  const method = methodOf(doc.settings);
  // The worked numbers are the lesson's update; RProp and the genetic algorithm learn otherwise.
  if (method !== 'gd') return { ok: false, problem: 'otherMethod', method };
  const inputs = first.inputs.length + (doc.settings.bias ? 1 : 0);
  if (epochs > limits.maxEpochs || doc.rows.length * inputs * epochs > limits.maxTrainingCost) {
    return { ok: false, problem: 'tooCostly', rows: doc.rows.length, inputs, epochs, limits };
  }
  const width = first.inputs.length;
  const names = columnNamesFor(doc.columns, width)?.inputs;
  return { ok: true, model: startingModel(doc, width), rows: [...doc.rows], names };
}
