import { describe, expect, it } from 'vitest';
import {
  assertInputs,
  assertRows,
  createModel,
  epochWork,
  isTrained,
  lacksGradient,
  methodOf,
  pinRowsTrained,
  populationOf,
  resetModel,
  rowsTrainedOf,
  withSettings,
} from '../../src/core/model.js';
import { drawInitialWeights } from '../../src/core/numpy-random.js';
import { trainModel } from '../../src/core/train.js';
import {
  DEFAULT_POPULATION,
  DEFAULT_SETTINGS,
  MIN_POPULATION,
  type ModelSettings,
  type Row,
} from '../../src/core/types.js';

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
    expect(changed.initialWeights).toEqual(trained.initialWeights);
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

describe('createModel settings', () => {
  const create = (change: Partial<ModelSettings>) => () =>
    createModel({ ...DEFAULT_SETTINGS, ...change } as ModelSettings, 3);

  it('accepts the edges of each range', () => {
    expect(create({ activation: 'step' })).not.toThrow();
    expect(create({ learningRate: 1e-9, epochs: 1, seed: 0 })).not.toThrow();
    expect(create({ method: 'genetic', population: MIN_POPULATION })).not.toThrow();
    expect(create({ method: 'rprop', target: 1e-12 })).not.toThrow();
  });

  it('rejects a bias that is not true or false, and an unknown method, as wrong types', () => {
    expect(create({ bias: JSON.parse('"yes"') })).toThrow(new TypeError('bias must be true or false'));
    expect(create({ method: JSON.parse('"adam"') })).toThrow(
      new TypeError('method must be one of gd, rprop, genetic, got adam'),
    );
  });

  it('says which activation it does not know', () => {
    expect(create({ activation: JSON.parse('"relu"') })).toThrow(
      new TypeError("activation must be 'sigmoid' or 'step', got relu"),
    );
  });

  it('says which setting is out of range, and the value', () => {
    expect(create({ learningRate: 0 })).toThrow(
      new RangeError('learning rate must be a finite number above 0, got 0'),
    );
    expect(create({ epochs: 0 })).toThrow(
      new RangeError('epochs must be a whole number of at least 1, got 0'),
    );
    expect(create({ population: MIN_POPULATION - 1 })).toThrow(
      new RangeError('population must be a whole number of at least 3, got 2'),
    );
    expect(create({ target: 0 })).toThrow(new RangeError('target must be a finite number above 0, got 0'));
  });

  it('rejects populations and targets out of range', () => {
    for (const population of [2, 3.5, Number.NaN, 2 ** 53])
      expect(create({ population }), String(population)).toThrow(RangeError);
    for (const target of [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(create({ target }), String(target)).toThrow(RangeError);
  });

  it('says how many inputs were given when they are too many', () => {
    expect(() => createModel(DEFAULT_SETTINGS, 33)).toThrow(
      new RangeError('inputs must be a whole number from 1 to 32, got 33'),
    );
    expect(createModel(DEFAULT_SETTINGS, 32).weights).toHaveLength(32);
    expect(createModel(DEFAULT_SETTINGS, 1).weights).toHaveLength(1);
  });
});

describe('assertRows and assertInputs', () => {
  const model = createModel(DEFAULT_SETTINGS, 3);

  it('accept rows that fit the model', () => {
    expect(() => assertRows(model, lessonRows)).not.toThrow();
    expect(() => assertInputs(model, [0, -1.5, 1e300])).not.toThrow();
  });

  it('say what is wrong with rows that do not fit', () => {
    expect(() => assertRows(model, [])).toThrow(new RangeError('at least one row is needed'));
    expect(() => assertInputs(model, [1, 2])).toThrow(new RangeError('expected 3 inputs, got 2'));
    expect(() => assertInputs(model, [1, Number.NaN, 0])).toThrow(
      new RangeError('inputs must be finite numbers'),
    );
    expect(() => assertRows(model, [{ inputs: [0, 0, 1], output: Number.POSITIVE_INFINITY }])).toThrow(
      new RangeError('row outputs must be finite numbers'),
    );
    expect(() => assertRows(model, [...lessonRows, { inputs: [0, 1], output: 0 }])).toThrow(RangeError);
  });
});

describe('resetModel and withSettings with a method', () => {
  // Trained inside each test, not while the file loads: a mutant of the training is then no static one.
  const genetic = createModel({ ...DEFAULT_SETTINGS, method: 'genetic', population: 5 }, 3);
  const trainGenetic = () => trainModel(genetic, lessonRows, { epochs: 3 }).model;

  it('reset drops the method state, the rows trained on and the last run', () => {
    const trained = trainGenetic();
    const pinned = pinRowsTrained(trained, 4);
    expect(pinned.methodState?.method).toBe('genetic');
    const reset = resetModel(pinned);
    expect(reset).not.toHaveProperty('methodState');
    expect(reset).not.toHaveProperty('rowsTrained');
    expect(reset).not.toHaveProperty('lastRun');
    expect(reset.weights).toEqual(genetic.weights);
    expect(reset).not.toHaveProperty('bias');
  });

  it('keep the method state while the method, population and activation stay', () => {
    const trained = trainGenetic();
    const same = withSettings(trained, { ...trained.settings, learningRate: 2, epochs: 7 });
    expect(same.methodState).toEqual(trained.methodState);
    expect(same.settings).toEqual({ ...trained.settings, learningRate: 2, epochs: 7 });
    for (const change of [{ method: 'gd' as const }, { population: 6 }, { activation: 'step' as const }]) {
      const other = withSettings(trained, { ...trained.settings, ...change });
      expect(other, JSON.stringify(change)).not.toHaveProperty('methodState');
      expect(other.weights).toEqual(trained.weights);
    }
  });

  it('keeps the method state when only the default population is written out', () => {
    const rprop = trainModel(createModel({ ...DEFAULT_SETTINGS, method: 'rprop' }, 3), lessonRows, {
      epochs: 3,
    }).model;
    const written = withSettings(rprop, { ...rprop.settings, population: DEFAULT_POPULATION });
    expect(written.methodState).toEqual(rprop.methodState);
  });
});

describe('rows trained on', () => {
  const fresh = createModel(DEFAULT_SETTINGS, 3);
  /** A trained model, and the same without its count, as one trained before the count was kept. */
  const trainedAndUncounted = () => {
    const trained = trainModel(fresh, lessonRows, { epochs: 2 }).model;
    const { rowsTrained: _kept, ...unknown } = trained;
    return { trained, unknown };
  };

  it('are the count kept, the rows beside an older trained model, or none for an untrained one', () => {
    const { trained, unknown } = trainedAndUncounted();
    expect(trained.rowsTrained).toBe(4);
    expect(rowsTrainedOf(trained, 9)).toBe(4);
    expect(rowsTrainedOf(unknown, 9)).toBe(9);
    expect(rowsTrainedOf(fresh, 9)).toBe(0);
  });

  it('are pinned only on a trained model that has no count yet', () => {
    const { trained, unknown } = trainedAndUncounted();
    expect(pinRowsTrained(unknown, 9).rowsTrained).toBe(9);
    expect(pinRowsTrained(trained, 9)).toBe(trained);
    expect(pinRowsTrained(fresh, 9)).toBe(fresh);
  });
});

describe('method helpers', () => {
  it('refuse rprop with the step activation only', () => {
    expect(lacksGradient({ ...DEFAULT_SETTINGS, method: 'rprop', activation: 'step' })).toBe(true);
    expect(lacksGradient({ ...DEFAULT_SETTINGS, method: 'rprop' })).toBe(false);
    expect(lacksGradient({ ...DEFAULT_SETTINGS, method: 'gd', activation: 'step' })).toBe(false);
    expect(() =>
      trainModel(createModel({ ...DEFAULT_SETTINGS, method: 'rprop', activation: 'step' }, 3), lessonRows, {
        epochs: 1,
      }),
    ).toThrow(RangeError);
  });

  it('count one pass per epoch, or one per individual of the genetic algorithm', () => {
    const at = (settings: Partial<ModelSettings>) =>
      epochWork(createModel({ ...DEFAULT_SETTINGS, ...settings }, 3));
    expect(at({})).toBe(1);
    expect(at({ method: 'rprop', population: 9 })).toBe(1);
    expect(at({ method: 'genetic', population: 9 })).toBe(9);
    expect(at({ method: 'genetic' })).toBe(DEFAULT_POPULATION);
    expect(methodOf(DEFAULT_SETTINGS)).toBe('gd');
    expect(populationOf(DEFAULT_SETTINGS)).toBe(DEFAULT_POPULATION);
  });
});
