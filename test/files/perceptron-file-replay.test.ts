import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import { writePerceptronFile } from '../../src/files/perceptron-file.js';
import { readPerceptronFile } from '../../src/files/perceptron-file-read.js';

const limits = { maxRows: 1000, maxInputs: 32, maxEpochs: 100_000, maxLearningRate: 100, maxPopulation: 200 };
const rows = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
];

describe('a perceptron file and the pictures', () => {
  it('keeps the "train more" marks and the last training\'s weight samples', () => {
    const once = trainModel(createModel(DEFAULT_SETTINGS, 3), rows, { epochs: 100 }).model;
    const model = trainModel(once, rows, { epochs: 50 }).model;
    const read = readPerceptronFile(writePerceptronFile({ rows, settings: DEFAULT_SETTINGS, model }), limits);
    expect(read).toMatchObject({ ok: true, content: { model: { continuedAt: [100] } } });
    expect(read.ok && read.content.model?.lastRun).toEqual(model.lastRun);
  });

  it('refuses weight samples that do not fit the weights, naming the field', () => {
    const model = trainModel(createModel(DEFAULT_SETTINGS, 3), rows, { epochs: 10 }).model;
    const lastRun = [{ epoch: 0, weights: [1, 2] }];
    const text = writePerceptronFile({ rows, settings: DEFAULT_SETTINGS, model: { ...model, lastRun } });
    expect(readPerceptronFile(text, limits)).toMatchObject({ error: { field: 'model.lastRun' } });
  });
});
