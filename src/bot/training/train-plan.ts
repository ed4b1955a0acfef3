import type { Limits } from '../../config/config.js';
import { readAskedEpochs } from '../../core/epoch-count.js';
import { methodOf, populationOf } from '../../core/model.js';
import type { ModelState, Row } from '../../core/types.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { PerceptronDoc } from '../kit/state/documents.js';
import { startingModel } from '../kit/state/starting-model.js';

export type TrainingPlan =
  | { ok: true; model: ModelState; rows: Row[]; epochs: number }
  | { ok: false; key: LocaleKey; vars?: Record<string, unknown> };

const EPOCH_PROBLEM_KEYS: Readonly<Record<'notWhole' | 'tooMany' | 'tooFew', LocaleKey>> = {
  notWhole: 'train.badEpochs',
  tooMany: 'train.tooManyEpochs',
  tooFew: 'train.tooFewEpochs',
};

/** Checks a /train request against the data and the limits, and picks the weights to start from. */
export function planTraining(doc: PerceptronDoc, argument: string, limits: Limits): TrainingPlan {
  const first = doc.rows[0];
  if (!first) return { ok: false, key: 'train.noData' };
  const asked = readAskedEpochs(argument, doc.settings.epochs, limits.maxEpochs);
  if (!asked.ok) {
    const { ok: _, problem, ...vars } = asked;
    return { ok: false, key: EPOCH_PROBLEM_KEYS[problem], vars: { ...vars, max: limits.maxEpochs } };
  }
  const { epochs } = asked;
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
