import type { Limits } from '../../config/config.js';
import { cutText } from '../../core/cut-text.js';
import { createModel, methodOf, populationOf, withSettings } from '../../core/model.js';
import { readNumber, readWholeNumber } from '../../core/read-number.js';
import type { ModelState, Row } from '../../core/types.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { PerceptronDoc } from '../kit/state/documents.js';

export type TrainingPlan =
  | { ok: true; model: ModelState; rows: Row[]; epochs: number }
  | { ok: false; key: LocaleKey; vars?: Record<string, unknown> };

/** Epochs asked for, or why they cannot run: not a whole number, more than the limit, or none at all. */
export type EpochCount =
  | { ok: true; epochs: number }
  | { ok: false; problem: 'notWhole'; token: string }
  | { ok: false; problem: 'tooMany' | 'tooFew'; epochs: number };

/** Reads the epochs after /train or /compare: a whole number from 1 to `max`. */
export function readEpochCount(text: string, max: number): EpochCount {
  const value = readNumber(text);
  // Too many is the news even when the number is not whole or too big to be exact: 1e20, 200000.5.
  if (typeof value === 'number' && value > max) return { ok: false, problem: 'tooMany', epochs: value };
  const epochs = readWholeNumber(text);
  if (epochs === undefined) return { ok: false, problem: 'notWhole', token: cutText(text.trim(), 20) };
  return epochs < 1 ? { ok: false, problem: 'tooFew', epochs } : { ok: true, epochs };
}

const EPOCH_PROBLEM_KEYS: Readonly<Record<'notWhole' | 'tooMany' | 'tooFew', LocaleKey>> = {
  notWhole: 'train.badEpochs',
  tooMany: 'train.tooManyEpochs',
  tooFew: 'train.tooFewEpochs',
};

/** Checks a /train request against the data and the limits, and picks the weights to start from. */
export function planTraining(doc: PerceptronDoc, argument: string, limits: Limits): TrainingPlan {
  const first = doc.rows[0];
  if (!first) return { ok: false, key: 'train.noData' };
  // The stored default may predate a lower MAX_EPOCHS.
  const asked =
    argument.trim() === ''
      ? { ok: true as const, epochs: Math.min(doc.settings.epochs, limits.maxEpochs) }
      : readEpochCount(argument, limits.maxEpochs);
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

/** The stored weights when they fit the data, else fresh ones from the seed. */
export function startingModel(doc: PerceptronDoc, inputs: number): ModelState {
  const stored = doc.model;
  if (!stored || stored.inputs !== inputs) return createModel(doc.settings, inputs);
  return withSettings(stored, doc.settings);
}
