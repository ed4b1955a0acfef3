import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createReferenceKernel } from '../../src/core/kernel/reference-kernel.js';
import { createModel } from '../../src/core/model.js';
import { stepModel } from '../../src/core/step.js';
import { trainModel } from '../../src/core/train.js';
import { type Activation, DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';

interface StepCase {
  name: string;
  seed: number;
  learningRate: number;
  activation: Activation;
  bias: boolean;
  epochsBefore: number;
  x: number[][];
  y: number[];
  before: number[];
  sums: number[];
  outputs: number[];
  errors: number[];
  terms: number[];
  gradient: number[];
  after: number[];
  loss: number;
}

const reference: { steps: StepCase[] } = JSON.parse(
  readFileSync(new URL('../fixtures/numpy-step.json', import.meta.url), 'utf8'),
);

/** |a - b| <= tolerance * max(1, |b|) for every pair. */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    const want = expected[i] as number;
    expect(Math.abs(value - want), `index ${i}: ${value} vs ${want}`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(want)),
    );
  });
}

const weightsOf = (model: ModelState) =>
  model.bias === undefined ? model.weights : [...model.weights, model.bias];

/** Steps `count` times from `model`, each step starting from the model the previous one left. */
function stepTimes(model: ModelState, rows: readonly Row[], count: number): ModelState {
  let current = model;
  for (let i = 0; i < count; i++) current = stepModel(current, rows).model;
  return current;
}

const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;

describe('stepModel against numpy', () => {
  it.each(reference.steps)('gives numpy’s numbers for "$name"', (entry) => {
    const { seed, learningRate, activation, bias } = entry;
    const rows = entry.x.map((inputs, i) => ({ inputs, output: entry.y[i] as number }));
    const start = createModel({ seed, learningRate, activation, bias, epochs: 1 }, entry.x[0]?.length ?? 0);
    const model =
      entry.epochsBefore > 0 ? trainModel(start, rows, { epochs: entry.epochsBefore }).model : start;
    const step = stepModel(model, rows);
    expect(step.epoch).toBe(entry.epochsBefore + 1);
    expectClose(step.before, entry.before);
    expectClose(
      step.rows.map((r) => r.sum),
      entry.sums,
    );
    expectClose(
      step.rows.map((r) => r.output),
      entry.outputs,
    );
    expectClose(
      step.rows.map((r) => r.error),
      entry.errors,
    );
    expectClose(
      step.rows.map((r) => r.term),
      entry.terms,
    );
    expectClose(step.gradient, entry.gradient);
    expectClose(step.after, entry.after);
    expectClose(weightsOf(step.model), entry.after);
    expectClose([step.loss], [entry.loss]);
  });
});

describe('stepModel leaves what training leaves', () => {
  // 1,000 steps: the loss curve is thinned three times on the way (strides 2, 4 and 8), as in a long run.
  it('1,000 steps of the lesson give /train’s 1,000-epoch weights, epoch count and loss curve', () => {
    const start = createModel(DEFAULT_SETTINGS, 3);
    const trained = trainModel(start, lessonRows, { epochs: 1000 }).model;
    const stepped = stepTimes(start, lessonRows, 1000);
    expect(stepped.epochsTrained).toBe(1000);
    expectClose(stepped.weights, trained.weights);
    // numpy: the lesson's loop run 1,000 times.
    expectClose(stepped.weights, [7.262830093488654, -0.21614617920792425, -3.41703015274278], 1e-9);
    expect(stepped.lossHistory.map((p) => p.epoch)).toEqual(trained.lossHistory.map((p) => p.epoch));
    expectClose(
      stepped.lossHistory.map((p) => p.loss),
      trained.lossHistory.map((p) => p.loss),
    );
  });

  it.each([
    ['sigmoid', 0.5],
    ['step', 1],
  ] as const)('32 inputs with a bias, %s activation: 300 steps equal 300 epochs', (activation, lr) => {
    const rows = Array.from({ length: 12 }, (_, r) => ({
      inputs: Array.from({ length: 32 }, (_, i) => ((r * 5 + i * 7) % 11) / 10 - 0.3),
      output: r % 3 === 0 ? 1 : 0,
    }));
    const start = createModel({ ...DEFAULT_SETTINGS, activation, learningRate: lr, bias: true, seed: 9 }, 32);
    const trained = trainModel(start, rows, { epochs: 300 }).model;
    const stepped = stepTimes(start, rows, 300);
    expectClose(weightsOf(stepped), weightsOf(trained));
    expect(stepped.epochsTrained).toBe(300);
  });

  it('a step continues a training: 7 epochs then 5 steps equal 12 epochs', () => {
    const start = createModel(DEFAULT_SETTINGS, 3);
    const seven = trainModel(start, lessonRows, { epochs: 7 }).model;
    expectClose(
      stepTimes(seven, lessonRows, 5).weights,
      trainModel(start, lessonRows, { epochs: 12 }).model.weights,
    );
  });

  it('the new weights are the old ones plus learning rate times X.T @ term', () => {
    const model = createModel({ ...DEFAULT_SETTINGS, learningRate: 0.3, bias: true }, 3);
    const step = stepModel(model, lessonRows);
    expectClose(step.change, [...step.gradient.map((g) => 0.3 * g)]);
    expectClose(
      step.after,
      step.before.map((w, i) => w + (step.change[i] as number)),
    );
    expect(step.after).toHaveLength(4);
  });

  it('the step activation uses the perceptron rule: the term is the error itself', () => {
    const model = createModel({ ...DEFAULT_SETTINGS, activation: 'step' }, 3);
    const step = stepModel(model, lessonRows, createReferenceKernel);
    for (const row of step.rows) {
      expect(row.output === 0 || row.output === 1).toBe(true);
      expect(row.term).toBe(row.error);
    }
  });

  it('runs its epoch when the model has reached its target loss already', () => {
    const model = createModel({ ...DEFAULT_SETTINGS, target: 0.9 }, 3);
    const step = stepModel(model, lessonRows);
    expect(step.model.epochsTrained).toBe(1);
    expect(step.after).not.toEqual(step.before);
  });

  it('leaves the model it was given unchanged', () => {
    const model = createModel(DEFAULT_SETTINGS, 3);
    const copy = structuredClone(model);
    stepModel(model, lessonRows);
    expect(model).toEqual(copy);
  });

  it('keeps the old weights and says so when the new ones would not be finite', () => {
    const model = createModel({ ...DEFAULT_SETTINGS, activation: 'step', learningRate: 100 }, 1);
    const step = stepModel(model, [{ inputs: [1e308], output: 1 }]);
    expect(step.diverged).toBe(true);
    expect(step.change[0]).toBe(Number.POSITIVE_INFINITY);
    expect(step.model.weights).toEqual(model.weights);
    expect(step.model.epochsTrained).toBe(0);
  });

  it('refuses an empty table and rows of another width', () => {
    const model = createModel(DEFAULT_SETTINGS, 3);
    expect(() => stepModel(model, [])).toThrow(RangeError);
    expect(() => stepModel(model, [{ inputs: [1, 0], output: 1 }])).toThrow(RangeError);
  });
});
