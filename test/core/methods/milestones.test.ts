import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/core/evaluate.js';
import { findExample } from '../../../src/core/examples.js';
import { trainWithMilestones } from '../../../src/core/milestones.js';
import { createModel } from '../../../src/core/model.js';
import { trainModel } from '../../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelState, type Row, type TrainingMethod } from '../../../src/core/types.js';

const lesson = (findExample('lesson')?.rows ?? []).map((row) => ({ ...row })) as Row[];
const model = (method: TrainingMethod, target?: number): ModelState =>
  createModel({ ...DEFAULT_SETTINGS, method, population: 10, ...(target ? { target } : {}) }, 3);

/** The first epoch after which the weights meet `met`, trying one epoch at a time. */
function firstEpoch(start: ModelState, met: (m: ModelState) => boolean, limit: number): number | null {
  let current = start;
  for (let epoch = 1; epoch <= limit; epoch++) {
    current = trainModel(current, lesson, { epochs: 1, stop: false }).model;
    if (met(current)) return epoch;
  }
  return null;
}

describe.each<TrainingMethod>(['gd', 'rprop', 'genetic'])('milestones with %s', (method) => {
  it('note the first epoch of accuracy 100% and of the target loss, and change nothing else', () => {
    const epochs = 300;
    // The model's own target must not stop the run.
    const start = model(method, 0.5);
    const noted = trainWithMilestones(start, lesson, { epochs }, [{ allRight: true }, { loss: 0.05 }]);
    const plain = trainModel(start, lesson, { epochs, stop: false });
    expect(noted.model.weights).toEqual(plain.model.weights);
    expect(noted.epochsRun).toBe(epochs);
    const allRight = firstEpoch(start, (m) => evaluateModel(m, lesson).accuracy === 1, epochs);
    const lowLoss = firstEpoch(start, (m) => evaluateModel(m, lesson).loss <= 0.05, epochs);
    expect(noted.reachedAt).toEqual([allRight, lowLoss]);
    expect(noted.elapsedMs).toBeGreaterThan(0);
  });
});

describe('a milestone never met', () => {
  it('is null', () => {
    const noted = trainWithMilestones(model('gd'), lesson, { epochs: 5 }, [{ loss: 1e-9 }]);
    expect(noted.reachedAt).toEqual([null]);
    expect(noted.epochsRun).toBe(5);
  });
});
