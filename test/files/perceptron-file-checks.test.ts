import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelSettings } from '../../src/core/types.js';
import { type PerceptronContent, writePerceptronFile } from '../../src/files/perceptron-file.js';
import { readPerceptronFile } from '../../src/files/perceptron-file-read.js';

const limits = { maxRows: 4, maxInputs: 3, maxEpochs: 100_000, maxLearningRate: 100, maxPopulation: 60 };
const rows = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
  { inputs: [1, 0, 1], output: 1 },
];

// biome-ignore lint/suspicious/noExplicitAny: a file's JSON, edited at will as a person could
type FileJson = any;

/** A perceptron file as JSON, changed by `edit` before it is read. */
function readEdited(content: PerceptronContent, edit: (json: FileJson) => void) {
  const json = JSON.parse(writePerceptronFile(content));
  edit(json);
  return readPerceptronFile(JSON.stringify(json), limits);
}

const trained = (settings: ModelSettings) => trainModel(createModel(settings, 3), rows, { epochs: 3 }).model;

describe('a perceptron file beyond the limits', () => {
  it('is refused for its number of rows, saying the limit and the count', () => {
    const more = [...rows, ...rows];
    expect(
      readPerceptronFile(writePerceptronFile({ rows: more, settings: DEFAULT_SETTINGS }), limits),
    ).toEqual({
      ok: false,
      error: { code: 'too-many-rows', expected: 4, actual: 6 },
    });
  });

  it('is refused for its number of inputs, whether rows or only a model say it', () => {
    const wide = [{ inputs: [0, 0, 1, 1], output: 0 }];
    const tooMany = { ok: false, error: { code: 'too-many-inputs', expected: 3, actual: 4 } };
    expect(
      readPerceptronFile(writePerceptronFile({ rows: wide, settings: DEFAULT_SETTINGS }), limits),
    ).toEqual(tooMany);
    const model = createModel(DEFAULT_SETTINGS, 4);
    expect(
      readPerceptronFile(writePerceptronFile({ rows: [], settings: DEFAULT_SETTINGS, model }), limits),
    ).toEqual(tooMany);
  });

  it('is refused for a population the settings may not have', () => {
    const settings = { ...DEFAULT_SETTINGS, method: 'genetic' as const, population: 61 };
    expect(readPerceptronFile(writePerceptronFile({ rows, settings }), limits)).toMatchObject({
      error: { code: 'bad-value', field: 'settings.population' },
    });
  });
});

describe('a perceptron file that contradicts itself', () => {
  const model = trained(DEFAULT_SETTINGS);
  const field = (edit: (json: FileJson) => void) => {
    const read = readEdited({ rows, settings: DEFAULT_SETTINGS, model }, edit);
    return read.ok ? undefined : read.error.field;
  };

  it('names the field that is wrong, row numbers included', () => {
    expect(field((json) => json.rows[2].inputs.push(1))).toBe('rows[2].inputs');
    expect(field((json) => (json.rows[1].output = 'one'))).toBe('rows[1].output');
    expect(field((json) => (json.columns = { inputs: ['a', 'b'], output: 'c' }))).toBe('columns.inputs');
    expect(field((json) => (json.model.inputs = 2))).toBe('model.inputs');
    expect(field((json) => json.model.weights.pop())).toBe('model.weights');
    expect(field((json) => json.model.initialWeights.pop())).toBe('model.initialWeights');
    expect(field((json) => (json.model.bias = 0.5))).toBe('model.bias');
    expect(field((json) => (json.model.lastRun = [{ epoch: 1, weights: [1, 2] }]))).toBe('model.lastRun');
    expect(field(() => {})).toBeUndefined();
  });
});

describe("a genetic perceptron's file", () => {
  const settings = { ...DEFAULT_SETTINGS, method: 'genetic' as const, population: 5 };
  const model = trained(settings);

  it('reads back with its population', () => {
    expect(model.methodState?.method).toBe('genetic');
    expect(readPerceptronFile(writePerceptronFile({ rows, settings, model }), limits)).toEqual({
      ok: true,
      content: { rows, settings, model },
    });
  });

  it('is refused when the population is not the settings size or an individual has another number of weights', () => {
    const refused = { ok: false, error: { code: 'bad-value', field: 'model.methodState' } };
    expect(readEdited({ rows, settings, model }, (json) => json.model.methodState.population.pop())).toEqual(
      refused,
    );
    expect(
      readEdited({ rows, settings, model }, (json) => json.model.methodState.population[4].push(1)),
    ).toEqual(refused);
    expect(
      readEdited({ rows, settings, model }, (json) => {
        for (const individual of json.model.methodState.population) individual.push(1);
      }),
    ).toEqual(refused);
  });

  it('without a population size in its settings holds the default number of individuals', () => {
    const { population: _population, ...defaults } = settings;
    const file = readEdited({ rows, settings, model }, (json) => delete json.settings.population);
    expect(file).toMatchObject({ ok: false, error: { field: 'model.methodState' } });
    const fifty = trained(defaults);
    expect(
      readPerceptronFile(writePerceptronFile({ rows, settings: defaults, model: fifty }), limits),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('a perceptron file with only some parts', () => {
  it('holds no model and no names when it has none, and may have no rows at all', () => {
    const read = readPerceptronFile(writePerceptronFile({ rows: [], settings: DEFAULT_SETTINGS }), limits);
    expect(read.ok && Object.keys(read.content).sort()).toEqual(['rows', 'settings']);
  });
});
