import type { Limits } from '../../config/config.js';
import { cutText } from '../../core/cut-text.js';
import { createModel, methodOf, populationOf, withSettings } from '../../core/model.js';
import { readWholeNumber } from '../../core/read-number.js';
import type { ModelState, Row } from '../../core/types.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { PerceptronDoc } from '../state/documents.js';

export type TrainingPlan =
  | { ok: true; model: ModelState; rows: Row[]; epochs: number }
  | { ok: false; key: LocaleKey; vars?: Record<string, unknown> };

/** Checks a /train request against the data and the limits, and picks the weights to start from. */
export function planTraining(doc: PerceptronDoc, argument: string, limits: Limits): TrainingPlan {
  const first = doc.rows[0];
  if (!first) return { ok: false, key: 'train.noData' };
  // The stored default may predate a lower MAX_EPOCHS.
  const epochs =
    argument.trim() === '' ? Math.min(doc.settings.epochs, limits.maxEpochs) : readWholeNumber(argument);
  if (epochs === undefined || epochs < 1 || epochs > limits.maxEpochs) {
    return {
      ok: false,
      key: 'train.badEpochs',
      vars: { token: cutText(argument.trim(), 20), max: limits.maxEpochs },
    };
  }
  // The bias is one more input to compute, and /help says so.
  const inputs = first.inputs.length + (doc.settings.bias ? 1 : 0);
  const genetic = methodOf(doc.settings) === 'genetic';
  const population = populationOf(doc.settings);
  const perEpoch = doc.rows.length * inputs * (genetic ? population : 1);
  if (perEpoch * epochs > limits.maxTrainingCost) {
    const fit = Math.max(0, Math.floor(limits.maxTrainingCost / perEpoch));
    const vars = { rows: doc.rows.length, inputs, epochs, fit, max: limits.maxTrainingCost };
    if (genetic) return { ok: false, key: 'methods.tooCostly', vars: { ...vars, population } };
    return { ok: false, key: 'train.tooCostly', vars };
  }
  return { ok: true, model: startingModel(doc, first.inputs.length), rows: [...doc.rows], epochs };
}

/** The stored weights when they fit the data, else fresh ones from the seed. */
export function startingModel(doc: PerceptronDoc, inputs: number): ModelState {
  const stored = doc.model;
  if (!stored || stored.inputs !== inputs) return createModel(doc.settings, inputs);
  return withSettings(stored, doc.settings);
}
