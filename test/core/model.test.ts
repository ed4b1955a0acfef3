import { describe, expect, it } from 'vitest';
import { createModel, isTrained, resetModel, withSettings } from '../../src/core/model.js';
import { drawInitialWeights } from '../../src/core/numpy-random.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelSettings, type Row } from '../../src/core/types.js';

const lessonRows: Row[] = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
  { inputs: [1, 0, 1], output: 1 },
  { inputs: [0, 1, 1], output: 0 },
];

describe('createModel', () => {
  it('starts from the seed’s weights without a bias, like the lesson', () => {
    const model = createModel(DEFAULT_SETTINGS, 3);
    expect(model.weights).toEqual(drawInitialWeights(1, 3));
    expect(model.initialWeights).toEqual(model.weights);
    expect(model).not.toHaveProperty('bias');
    expect(model.epochsTrained).toBe(0);
    expect(model.lossHistory).toEqual([]);
    expect(isTrained(model)).toBe(false);
  });

  it('takes the last drawn number as the bias', () => {
    const drawn = drawInitialWeights(42, 4);
    const model = createModel({ ...DEFAULT_SETTINGS, seed: 42, bias: true }, 3);
    expect(model.weights).toEqual(drawn.slice(0, 3));
    expect(model.bias).toBe(drawn[3]);
    expect(model.initialBias).toBe(drawn[3]);
  });

  it('rejects input counts outside 1 to 32', () => {
    for (const inputs of [0, 33, 1.5])
      expect(() => createModel(DEFAULT_SETTINGS, inputs)).toThrow(RangeError);
  });

  it('rejects settings out of range', () => {
    const bad: Partial<ModelSettings>[] = [
      { learningRate: 0 },
      { learningRate: -1 },
      { learningRate: Number.NaN },
      { learningRate: Number.POSITIVE_INFINITY },
      { epochs: 0 },
      { epochs: 2.5 },
      { seed: -1 },
      { seed: 2 ** 32 },
    ];
    for (const change of bad)
      expect(() => createModel({ ...DEFAULT_SETTINGS, ...change }, 3)).toThrow(RangeError);
  });

  it('rejects an unknown activation as a wrong type', () => {
    const settings = { ...DEFAULT_SETTINGS, activation: 'relu' } as unknown as ModelSettings;
    expect(() => createModel(settings, 3)).toThrow(TypeError);
  });
});

describe('resetModel', () => {
  it('brings a trained model back to where it started', () => {
    const fresh = createModel({ ...DEFAULT_SETTINGS, bias: true }, 3);
    const trained = trainModel(fresh, lessonRows, { epochs: 100 }).model;
    expect(isTrained(trained)).toBe(true);
    expect(resetModel(trained)).toEqual(fresh);
  });
});

describe('withSettings', () => {
  const trained = trainModel(createModel(DEFAULT_SETTINGS, 3), lessonRows, { epochs: 100 }).model;

  it('keeps the weights when the learning rate, epochs or activation change', () => {
    const changed = withSettings(trained, {
      ...DEFAULT_SETTINGS,
      learningRate: 0.5,
      epochs: 10,
      activation: 'step',
    });
    expect(changed.weights).toEqual(trained.weights);
    expect(changed.epochsTrained).toBe(100);
    expect(changed.lossHistory).toEqual(trained.lossHistory);
    expect(changed.settings.activation).toBe('step');
  });

  it('starts again from new weights when the seed changes', () => {
    const changed = withSettings(trained, { ...DEFAULT_SETTINGS, seed: 7 });
    expect(changed.weights).toEqual(drawInitialWeights(7, 3));
    expect(isTrained(changed)).toBe(false);
  });

  it('starts again with a bias weight when the bias is switched on', () => {
    const changed = withSettings(trained, { ...DEFAULT_SETTINGS, bias: true });
    expect(changed.bias).toBe(drawInitialWeights(1, 4)[3]);
    expect(isTrained(changed)).toBe(false);
  });

  it('does not change the model it was given', () => {
    const before = structuredClone(trained);
    withSettings(trained, { ...DEFAULT_SETTINGS, learningRate: 3 });
    expect(trained).toEqual(before);
  });
});
