import type { Limits } from '../../config/config.js';
import { cutText } from '../../core/cut-text.js';
import { createModel, withSettings } from '../../core/model.js';
import type { ModelState, Row } from '../../core/types.js';
import type { PerceptronDoc } from '../state/documents.js';
import { parseWholeNumber } from './whole-number.js';

export type TrainingPlan =
  | { ok: true; model: ModelState; rows: Row[]; epochs: number }
  | { ok: false; key: string; vars?: Record<string, unknown> };

/** Checks a /train request against the data and the limits, and picks the weights to start from. */
export function planTraining(doc: PerceptronDoc, argument: string, limits: Limits): TrainingPlan {
  const first = doc.rows[0];
  if (!first) return { ok: false, key: 'train.noData' };
  // The stored default may predate a lower MAX_EPOCHS.
  const epochs =
    argument.trim() === '' ? Math.min(doc.settings.epochs, limits.maxEpochs) : parseWholeNumber(argument);
  if (epochs === undefined || epochs < 1 || epochs > limits.maxEpochs) {
    return {
      ok: false,
      key: 'train.badEpochs',
      vars: { token: cutText(argument.trim(), 20), max: limits.maxEpochs },
    };
  }
  // The bias is one more input to compute, and /help says so.
  const inputs = first.inputs.length + (doc.settings.bias ? 1 : 0);
  const perEpoch = doc.rows.length * inputs;
  if (perEpoch * epochs > limits.maxTrainingCost) {
    const fit = Math.max(0, Math.floor(limits.maxTrainingCost / perEpoch));
    return {
      ok: false,
      key: 'train.tooCostly',
      vars: { rows: doc.rows.length, inputs, epochs, fit, max: limits.maxTrainingCost },
    };
  }
  return { ok: true, model: startingModel(doc, first.inputs.length), rows: [...doc.rows], epochs };
}

/** The stored weights when they fit the data, else fresh ones from the seed. */
function startingModel(doc: PerceptronDoc, inputs: number): ModelState {
  const stored = doc.model;
  if (!stored || stored.inputs !== inputs) return createModel(doc.settings, inputs);
  return withSettings(stored, doc.settings);
}
