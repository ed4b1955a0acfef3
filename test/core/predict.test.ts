import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { predict } from '../../src/core/predict.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';

interface Prediction {
  inputs: number[];
  sum: number;
  output: number;
}
const reference: { training: { name: string; predict?: Prediction }[] } = JSON.parse(
  readFileSync(new URL('../fixtures/numpy-reference.json', import.meta.url), 'utf8'),
);
const lessonPrediction = reference.training.find((entry) => entry.name === 'lesson')?.predict as Prediction;

function modelWith(weights: number[], bias?: number, activation: 'sigmoid' | 'step' = 'sigmoid'): ModelState {
  const model = createModel({ ...DEFAULT_SETTINGS, activation, bias: bias !== undefined }, weights.length);
  return bias === undefined ? { ...model, weights } : { ...model, weights, bias };
}

describe('predict', () => {
  it('answers the lesson’s new case [1, 1, 0] as numpy does, about 0.99996', () => {
    const lesson = findExample('lesson') as { rows: Row[] };
    const trained = trainModel(createModel(DEFAULT_SETTINGS, 3), lesson.rows, { epochs: 20_000 }).model;
    const prediction = predict(trained, [1, 1, 0]);
    expect(Math.abs(prediction.sum - lessonPrediction.sum)).toBeLessThanOrEqual(
      1e-9 * Math.abs(lessonPrediction.sum),
    );
    expect(Math.abs(prediction.output - lessonPrediction.output)).toBeLessThanOrEqual(1e-9);
    expect(prediction.output).toBeCloseTo(0.99996, 5);
    expect(prediction.label).toBe(1);
  });

  it('adds the bias to the weighted sum', () => {
    expect(predict(modelWith([2, -1], 0.5), [1, 3]).sum).toBe(-0.5);
  });

  it('labels an output of exactly 0.5 as class 1', () => {
    expect(predict(modelWith([0, 0]), [1, 1])).toEqual({ sum: 0, output: 0.5, label: 1 });
  });

  it('fires the step only above 0', () => {
    expect(predict(modelWith([1, -1], undefined, 'step'), [1, 1])).toEqual({ sum: 0, output: 0, label: 0 });
    expect(predict(modelWith([1, -1], undefined, 'step'), [2, 1])).toEqual({ sum: 1, output: 1, label: 1 });
  });

  it('gives the true sum when products overflow but the sum does not', () => {
    expect(predict(modelWith([2, -1.5]), [1e308, 1e308]).sum).toBeCloseTo(5e307, -300);
    expect(predict(modelWith([2, -2]), [1e308, 1e308])).toEqual({ sum: 0, output: 0.5, label: 1 });
    expect(predict(modelWith([1e308, 1e308], -1e308), [1, 1]).sum).toBeCloseTo(1e308, -300);
  });

  it('answers ±Infinity, never NaN, for a sum too large for a double, and saturates the output', () => {
    expect(predict(modelWith([4, -1]), [1e308, 1e308])).toEqual({ sum: Infinity, output: 1, label: 1 });
    expect(predict(modelWith([1, -4]), [1e308, 1e308])).toEqual({ sum: -Infinity, output: 0, label: 0 });
    expect(predict(modelWith([4, -1], 0.5, 'step'), [1e308, 1e308]).output).toBe(1);
    expect(predict(modelWith([1, -4], 0.5, 'step'), [1e308, 1e308]).output).toBe(0);
  });

  it('keeps small values exact when a huge term forces the careful sum', () => {
    const { sum } = predict(modelWith([1, 1, -1]), [1e308, 1e308, 1e308]);
    expect(sum).toBe(1e308);
  });

  it('rejects the wrong number of inputs and numbers that are not finite', () => {
    const model = modelWith([1, 2, 3]);
    expect(() => predict(model, [1, 2])).toThrow(RangeError);
    expect(() => predict(model, [1, 2, 3, 4])).toThrow(RangeError);
    expect(() => predict(model, [1, Number.NaN, 3])).toThrow(RangeError);
  });
});
