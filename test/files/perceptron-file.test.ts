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
  { inputs: [1, 0, 1], output: 1 },
  { inputs: [0, 1, 1], output: 0 },
];

describe('a perceptron file', () => {
  it('reads back to exactly the perceptron written: weights, bias, history, settings, names', () => {
    const settings = { ...DEFAULT_SETTINGS, bias: true, learningRate: 0.3, seed: 7 };
    const model = trainModel(createModel(settings, 3), rows, { epochs: 321 }).model;
    const columns = { inputs: ['a', 'b', 'c'], output: 'd' };
    const text = writePerceptronFile({ rows, settings, model, columns });
    expect(readPerceptronFile(text, limits)).toEqual({
      ok: true,
      content: { rows, settings, model, columns },
    });
  });

  it('keeps the rows the weights were trained on, also when the rows were cleared before the export', () => {
    const model = trainModel(createModel(DEFAULT_SETTINGS, 3), rows, { epochs: 10 }).model;
    const text = writePerceptronFile({ rows: [], settings: DEFAULT_SETTINGS, model });
    const read = readPerceptronFile(text, limits);
    expect(read.ok && read.content.model?.rowsTrained).toBe(4);
  });

  it('starts with its format and version, one row per line', () => {
    const text = writePerceptronFile({ rows, settings: DEFAULT_SETTINGS });
    expect(text.split('\n').slice(0, 3)).toEqual(['{', '  "format": "perceptron-bot",', '  "version": 1,']);
    expect(text).toContain('\n    {"inputs":[0,0,1],"output":0},\n');
  });

  it.each([
    ['text that is not JSON', 'hello', { code: 'not-json' }],
    ['a JSON array', '[1,2]', { code: 'not-perceptron' }],
    ['null', 'null', { code: 'not-perceptron' }],
    ['JSON of another program', '{"name":"app","version":1}', { code: 'not-perceptron' }],
    [
      'a later version',
      '{"format":"perceptron-bot","version":2}',
      { code: 'wrong-version', actual: 2, expected: 1 },
    ],
    [
      'a version as a string',
      '{"format":"perceptron-bot","version":"1"}',
      { code: 'bad-value', field: 'version' },
    ],
    ['no version', '{"format":"perceptron-bot"}', { code: 'bad-value', field: 'version' }],
    [
      'no settings',
      '{"format":"perceptron-bot","version":1,"rows":[]}',
      { code: 'bad-value', field: 'settings' },
    ],
  ])('refuses %s with one reason', (_, text, error) => {
    expect(readPerceptronFile(text, limits)).toEqual({ ok: false, error });
  });

  it('refuses settings beyond what /set allows', () => {
    const file = (settings: object) =>
      writePerceptronFile({
        rows,
        settings: { ...DEFAULT_SETTINGS, ...settings } as typeof DEFAULT_SETTINGS,
      });
    expect(readPerceptronFile(file({ epochs: 100_001 }), limits)).toMatchObject({
      error: { field: 'settings.epochs' },
    });
    expect(readPerceptronFile(file({ learningRate: 101 }), limits)).toMatchObject({
      error: { field: 'settings.learningRate' },
    });
    expect(readPerceptronFile(file({ activation: 'relu' }), limits)).toMatchObject({
      error: { field: 'settings.activation' },
    });
    expect(readPerceptronFile(file({ seed: 2 ** 32 }), limits)).toMatchObject({
      error: { field: 'settings.seed' },
    });
  });

  it('refuses a method memory that does not fit the method or the weights', () => {
    const settings = { ...DEFAULT_SETTINGS, method: 'rprop' as const };
    const model = trainModel(createModel(settings, 3), rows, { epochs: 5 }).model;
    expect(model.methodState?.method).toBe('rprop');
    const write = (changed: object) =>
      writePerceptronFile({ rows, settings, model: { ...model, ...changed } });
    expect(readPerceptronFile(write({}), limits)).toMatchObject({ ok: true });
    const short = { ...model.methodState, steps: [0.1] };
    expect(readPerceptronFile(write({ methodState: short }), limits)).toMatchObject({
      error: { field: 'model.methodState' },
    });
    const gd = writePerceptronFile({
      rows,
      settings: DEFAULT_SETTINGS,
      model: { ...model, settings: DEFAULT_SETTINGS },
    });
    expect(readPerceptronFile(gd, limits)).toMatchObject({ error: { field: 'model.methodState' } });
    const step = writePerceptronFile({ rows, settings: { ...settings, activation: 'step' } });
    expect(readPerceptronFile(step, limits)).toMatchObject({ error: { field: 'settings.method' } });
  });

  it('refuses a loss history longer than the bot keeps', () => {
    const model = {
      ...createModel(DEFAULT_SETTINGS, 3),
      lossHistory: Array.from({ length: 201 }, (_, i) => ({ epoch: i, loss: 0.1 })),
    };
    const text = writePerceptronFile({ rows, settings: DEFAULT_SETTINGS, model });
    expect(readPerceptronFile(text, limits)).toMatchObject({
      ok: false,
      error: { field: 'model.lossHistory' },
    });
  });
});
