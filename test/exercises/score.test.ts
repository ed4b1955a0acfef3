import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type ModelState } from '../../src/core/types.js';
import { findBuiltinTask } from '../../src/exercises/builtin-tasks.js';
import { scoreModel } from '../../src/exercises/score.js';

/** A model with the given weights, as if trained. */
const withWeights = (weights: number[]): ModelState => ({
  ...createModel(DEFAULT_SETTINGS, weights.length),
  weights,
  epochsTrained: 20_000,
});

describe('scoreModel', () => {
  const lesson = findBuiltinTask('lesson')?.hidden ?? [];

  it('gives the lesson weights 100%, rows with the third input at 0 included', () => {
    const score = scoreModel(withWeights([10.38041, -0.20641, -4.98452]), lesson);
    expect(score).toMatchObject({ ok: true, wrong: 0, accuracy: 1 });
  });

  it('counts wrong rows: weights that ignore the first input get the rows where it matters wrong', () => {
    const score = scoreModel(withWeights([0, 1, -0.5]), lesson);
    // Class 1 when x2 - 0.5 x3 >= 0; rows 001..111 want x1.
    expect(score).toMatchObject({ ok: true, wrong: 3, accuracy: 4 / 7 });
  });

  it('computes the loss as the mean squared error of the outputs', () => {
    const score = scoreModel(withWeights([0, 0, 0]), lesson);
    // Every output is sigmoid(0) = 0.5 (class 1), so every squared error is 0.25 and the three 0 rows are wrong.
    expect(score).toEqual({ ok: true, accuracy: 4 / 7, loss: 0.25, wrong: 3 });
  });

  it('gives 100% to weights that solve the task', () => {
    const and = findBuiltinTask('and')?.hidden ?? [];
    expect(scoreModel(withWeights([10, 10, -15]), and)).toMatchObject({ ok: true, accuracy: 1, wrong: 0 });
  });

  it('answers a task without hidden rows with a result, not an exception', () => {
    expect(scoreModel(withWeights([1, 1]), [])).toEqual({
      ok: false,
      reason: 'inputs',
      expected: 0,
      actual: 2,
    });
  });

  it('says how many inputs the task expects when the model has another number', () => {
    expect(scoreModel(withWeights([1, 1]), lesson)).toEqual({
      ok: false,
      reason: 'inputs',
      expected: 3,
      actual: 2,
    });
  });
});
