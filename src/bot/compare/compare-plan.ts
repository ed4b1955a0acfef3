import type { Limits } from '../../config/config.js';
import { type EpochCount, readAskedEpochs } from '../../core/epoch-count.js';
import type { StopRule } from '../../core/kernel/kernel-types.js';
import { populationOf, resetModel, withSettings } from '../../core/model.js';
import { type Row, TRAINING_METHODS } from '../../core/types.js';
import type { ComparisonJob } from '../../training/run-comparison.js';
import type { PerceptronDoc } from '../kit/state/documents.js';
import { startingModel } from '../kit/state/starting-model.js';

export type ComparisonPlan =
  | {
      ok: true;
      rows: Row[];
      epochs: number;
      jobs: ComparisonJob[];
      milestones: StopRule[];
      /** RProp sits out with the step activation, which has no gradient. */
      withoutRprop: boolean;
    }
  | { ok: false; problem: 'noData' }
  | { ok: false; problem: 'badEpochs'; asked: Exclude<EpochCount, { ok: true }>; max: number }
  | {
      ok: false;
      problem: 'tooCostly';
      epochs: number;
      work: number;
      population: number;
      fit: number;
      max: number;
    };

/**
 * Checks a /compare request against the data and the compute budget (every method's training counts,
 * the genetic algorithm population times), and makes each method's copy from the seed's starting weights.
 */
export function planComparison(doc: PerceptronDoc, argument: string, limits: Limits): ComparisonPlan {
  const first = doc.rows[0];
  if (!first) return { ok: false, problem: 'noData' };
  const asked = readAskedEpochs(argument, doc.settings.epochs, limits.maxEpochs);
  if (!asked.ok) return { ok: false, problem: 'badEpochs', asked, max: limits.maxEpochs };
  const { epochs } = asked;
  const step = doc.settings.activation === 'step';
  const methods = TRAINING_METHODS.filter((method) => !(step && method === 'rprop'));
  const population = populationOf(doc.settings);
  const passes = methods.reduce((sum, method) => sum + (method === 'genetic' ? population : 1), 0);
  const perEpoch = doc.rows.length * (first.inputs.length + (doc.settings.bias ? 1 : 0)) * passes;
  if (perEpoch * epochs > limits.maxTrainingCost) {
    const fit = Math.floor(limits.maxTrainingCost / perEpoch);
    return {
      ok: false,
      problem: 'tooCostly',
      epochs,
      work: perEpoch * epochs,
      population,
      fit,
      max: limits.maxTrainingCost,
    };
  }
  const base = resetModel(startingModel(doc, first.inputs.length));
  const jobs = methods.map((method) => ({ method, model: withSettings(base, { ...base.settings, method }) }));
  const { target } = doc.settings;
  const milestones: StopRule[] = [
    { allRight: true },
    ...(target !== undefined && !step ? [{ loss: target }] : []),
  ];
  return { ok: true, rows: [...doc.rows], epochs, jobs, milestones, withoutRprop: step };
}
