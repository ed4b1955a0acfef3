import { describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import { measureWork } from '../../src/training/choose-executor.js';
import { trainAndEvaluate } from '../../src/training/train-and-evaluate.js';

const xor = findExample('xor')?.rows ?? [];
const model = createModel(DEFAULT_SETTINGS, 3);

describe('a training job', () => {
  it('comes back with an evaluation of the rows, the separability verdict included', () => {
    const outcome = trainAndEvaluate({ model, rows: xor, epochs: 50 }, {});
    expect(outcome.evaluation?.separable).toBe(false);
  });

  it('asked not to evaluate, comes back with the same weights and no evaluation, and counts less work', () => {
    const job = { model, rows: xor, epochs: 50 };
    const plain = trainAndEvaluate({ ...job, evaluate: false }, {});
    expect(plain.evaluation).toBeUndefined();
    expect(plain.model.weights).toEqual(trainAndEvaluate(job, {}).model.weights);
    const withMilestones = trainAndEvaluate({ ...job, milestones: [], evaluate: false }, {});
    expect(withMilestones.evaluation).toBeUndefined();
    expect(measureWork({ ...job, evaluate: false })).toBeLessThan(measureWork(job));
  });
});
