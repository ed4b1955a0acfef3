import { assertSeed, drawInitialWeights } from './numpy-random.js';
import type { ModelSettings, ModelState, Row, TrainingMethod } from './types.js';
import { DEFAULT_POPULATION, MAX_INPUTS, MIN_POPULATION, TRAINING_METHODS } from './types.js';

// Throws unless every setting is in range: RangeError for bad values, TypeError for wrong types.
function assertSettings(settings: ModelSettings): void {
  if (settings.activation !== 'sigmoid' && settings.activation !== 'step') {
    throw new TypeError(`activation must be 'sigmoid' or 'step', got ${String(settings.activation)}`);
  }
  if (typeof settings.bias !== 'boolean') throw new TypeError('bias must be true or false');
  const { learningRate, epochs } = settings;
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new RangeError(`learning rate must be a finite number above 0, got ${learningRate}`);
  }
  assertEpochs(epochs);
  assertSeed(settings.seed);
  assertMethodSettings(settings);
}

function assertMethodSettings({ method, population, target }: ModelSettings): void {
  if (method !== undefined && !TRAINING_METHODS.includes(method)) {
    throw new TypeError(`method must be one of ${TRAINING_METHODS.join(', ')}, got ${String(method)}`);
  }
  if (population !== undefined && (!Number.isSafeInteger(population) || population < MIN_POPULATION)) {
    throw new RangeError(
      `population must be a whole number of at least ${MIN_POPULATION}, got ${population}`,
    );
  }
  if (target !== undefined && !(Number.isFinite(target) && target > 0)) {
    throw new RangeError(`target must be a finite number above 0, got ${target}`);
  }
}

/** Throws a RangeError unless `epochs` is a whole number of at least 1. */
export function assertEpochs(epochs: number): void {
  if (!Number.isSafeInteger(epochs) || epochs < 1) {
    throw new RangeError(`epochs must be a whole number of at least 1, got ${epochs}`);
  }
}

/** Throws a RangeError unless `values` has one finite number per input of the model. */
export function assertInputs(model: ModelState, values: readonly number[]): void {
  if (values.length !== model.inputs) {
    throw new RangeError(`expected ${model.inputs} inputs, got ${values.length}`);
  }
  if (!values.every(Number.isFinite)) throw new RangeError('inputs must be finite numbers');
}

/** Throws a RangeError unless there is at least one row and every row fits the model. */
export function assertRows(model: ModelState, rows: readonly Row[]): void {
  if (rows.length === 0) throw new RangeError('at least one row is needed');
  for (const row of rows) {
    assertInputs(model, row.inputs);
    if (!Number.isFinite(row.output)) throw new RangeError('row outputs must be finite numbers');
  }
}

/**
 * A fresh perceptron for `inputs` inputs with the seed's starting weights. With bias on, one more number
 * is drawn and the last one is the bias, as if numpy's X had a constant-1 column appended.
 */
export function createModel(settings: ModelSettings, inputs: number): ModelState {
  assertSettings(settings);
  if (!Number.isInteger(inputs) || inputs < 1 || inputs > MAX_INPUTS) {
    throw new RangeError(`inputs must be a whole number from 1 to ${MAX_INPUTS}, got ${inputs}`);
  }
  const drawn = drawInitialWeights(settings.seed, inputs + (settings.bias ? 1 : 0));
  const initialWeights = drawn.slice(0, inputs);
  const model: ModelState = {
    version: 1,
    settings: { ...settings },
    inputs,
    weights: [...initialWeights],
    initialWeights,
    epochsTrained: 0,
    lossHistory: [],
  };
  if (settings.bias) {
    model.initialBias = drawn[inputs] as number;
    model.bias = model.initialBias;
  }
  return model;
}

/** The same model back at its starting weights, untrained, with no method state (a new run). */
export function resetModel(model: ModelState): ModelState {
  const { methodState: _dropped, continuedAt: _marks, lastRun: _run, rowsTrained: _rows, ...rest } = model;
  const reset: ModelState = {
    ...rest,
    settings: { ...model.settings },
    weights: [...model.initialWeights],
    initialWeights: [...model.initialWeights],
    epochsTrained: 0,
    lossHistory: [],
  };
  if (model.initialBias !== undefined) reset.bias = model.initialBias;
  return reset;
}

/**
 * The model with new settings. A new seed or a bias switch needs other starting weights, so the model
 * starts again; a new learning rate, epoch count or activation keeps the weights reached so far. A new
 * method, population or activation starts the method's run again (its state is dropped).
 */
export function withSettings(model: ModelState, settings: ModelSettings): ModelState {
  assertSettings(settings);
  const old = model.settings;
  if (settings.seed !== old.seed || settings.bias !== old.bias) {
    return createModel(settings, model.inputs);
  }
  const sameRun =
    methodOf(settings) === methodOf(old) &&
    populationOf(settings) === populationOf(old) &&
    settings.activation === old.activation;
  const { methodState, ...rest } = model;
  return {
    ...rest,
    ...(sameRun && methodState ? { methodState } : {}),
    settings: { ...settings },
    weights: [...model.weights],
    initialWeights: [...model.initialWeights],
    lossHistory: model.lossHistory.map((point) => ({ ...point })),
  };
}

/**
 * The rows the model's weights were trained on; `rowsNow` (the rows beside it) stands in for a model
 * trained before the count was kept, and 0 for one never trained.
 */
export function rowsTrainedOf(model: ModelState, rowsNow: number): number {
  if (model.rowsTrained !== undefined) return model.rowsTrained;
  return isTrained(model) ? rowsNow : 0;
}

/**
 * The model with its trained-on rows written down, from the rows beside it when it has no count yet
 * (trained before the count was kept): called before rows go, so that the count does not go with them.
 */
export function pinRowsTrained(model: ModelState, rowsNow: number): ModelState {
  if (model.rowsTrained !== undefined || !isTrained(model)) return model;
  return { ...model, rowsTrained: rowsNow };
}

/** True once the model has run at least one epoch since it was created or reset. */
export function isTrained(model: ModelState): boolean {
  return model.epochsTrained > 0;
}

/** RProp follows the gradient, which the step activation does not have: settings that pair them are refused. */
export function lacksGradient(settings: ModelSettings): boolean {
  return methodOf(settings) === 'rprop' && settings.activation === 'step';
}

/** The model's training method; files from before the methods have none, which means the lesson's. */
export function methodOf(settings: ModelSettings): TrainingMethod {
  return settings.method ?? 'gd';
}

/** Individuals of the genetic algorithm. */
export function populationOf(settings: ModelSettings): number {
  return settings.population ?? DEFAULT_POPULATION;
}

/** Passes over the rows in one epoch: one, or one per individual of the genetic algorithm. */
export function epochWork(model: ModelState): number {
  return methodOf(model.settings) === 'genetic' ? populationOf(model.settings) : 1;
}
