import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/core/evaluate.js';
import { findExample } from '../../../src/core/examples.js';
import { createModel, resetModel, withSettings } from '../../../src/core/model.js';
import { trainModel } from '../../../src/core/train.js';
import {
  DEFAULT_SETTINGS,
  type ModelSettings,
  type ModelState,
  type Row,
  type TrainingMethod,
} from '../../../src/core/types.js';

const rowsOf = (name: string): Row[] => (findExample(name)?.rows ?? []).map((row) => ({ ...row }));
const lesson = rowsOf('lesson');

function model(settings: Partial<ModelSettings>, rows = lesson): ModelState {
  return createModel({ ...DEFAULT_SETTINGS, ...settings }, (rows[0] as Row).inputs.length);
}

/** What a stored file keeps: plain JSON. */
const stored = (state: ModelState): ModelState => JSON.parse(JSON.stringify(state));

describe.each<TrainingMethod>(['rprop', 'genetic'])('%s continues the same run', (method) => {
  it('60 epochs, stored, then 40 more give what 100 in one go give', () => {
    const start = model({ method, population: 12 });
    const whole = trainModel(start, lesson, { epochs: 100 });
    const first = trainModel(start, lesson, { epochs: 60 });
    expect(first.model.methodState?.method).toBe(method);
    const second = trainModel(stored(first.model), lesson, { epochs: 40 });
    expect(second.model.weights).toEqual(whole.model.weights);
    expect(second.model.methodState).toEqual(whole.model.methodState);
    expect(second.model.epochsTrained).toBe(100);
  });

  it('starts a new run after /reset, a new seed, another method, population or activation', () => {
    const trained = trainModel(model({ method, population: 12 }), lesson, { epochs: 30 }).model;
    const settings = trained.settings;
    expect(resetModel(trained).methodState).toBeUndefined();
    expect(withSettings(trained, { ...settings, seed: 2 }).methodState).toBeUndefined();
    expect(withSettings(trained, { ...settings, method: 'gd' }).methodState).toBeUndefined();
    expect(withSettings(trained, { ...settings, population: 13 }).methodState).toBeUndefined();
    expect(withSettings(trained, { ...settings, learningRate: 0.5 }).methodState).toEqual(
      trained.methodState,
    );
    const fresh = trainModel(resetModel(trained), lesson, { epochs: 30 }).model;
    expect(fresh.weights).toEqual(trained.weights);
  });
});

describe('gd keeps no method state', () => {
  it('and drops the state of another method when switched to', () => {
    const rprop = trainModel(model({ method: 'rprop' }), lesson, { epochs: 10 }).model;
    const gd = trainModel(withSettings(rprop, { ...rprop.settings, method: 'gd' }), lesson, { epochs: 10 });
    expect(gd.model.methodState).toBeUndefined();
  });
});

describe.each<TrainingMethod>(['gd', 'rprop', 'genetic'])('the stop rule with %s', (method) => {
  it('stops at the first epoch whose weights have a loss at or below the target', () => {
    const target = 0.02;
    const start = model({ method, target });
    const result = trainModel(start, lesson, { epochs: 20_000 });
    expect(result.reachedTarget).toBe(true);
    expect(result.stopped).toBe(false);
    const epochs = result.epochsRun;
    expect(epochs).toBeGreaterThan(0);
    expect(epochs).toBeLessThan(20_000);
    expect(evaluateModel(result.model, lesson).loss).toBeLessThanOrEqual(target);
    const before = trainModel(model({ method }), lesson, { epochs: epochs - 1 }).model;
    expect(evaluateModel(before, lesson).loss).toBeGreaterThan(target);
  });

  it('runs every epoch without a target', () => {
    const result = trainModel(model({ method }), lesson, { epochs: 200 });
    expect(result.reachedTarget).toBe(false);
    expect(result.epochsRun).toBe(200);
  });
});

describe.each<TrainingMethod>(['gd', 'genetic'])('with step activation, %s', (method) => {
  it('takes accuracy 100% as the target', () => {
    const rows = rowsOf('or');
    const result = trainModel(model({ method, activation: 'step', target: 0.5 }, rows), rows, {
      epochs: 1000,
    });
    expect(result.reachedTarget).toBe(true);
    expect(evaluateModel(result.model, rows).accuracy).toBe(1);
    expect(result.epochsRun).toBeGreaterThan(1);
    const before = trainModel(model({ method, activation: 'step' }, rows), rows, {
      epochs: result.epochsRun - 1,
    });
    expect(evaluateModel(before.model, rows).accuracy).toBeLessThan(1);
  });
});

describe('rprop with step activation', () => {
  it('is refused: the step has no gradient', () => {
    const rows = rowsOf('and');
    expect(() =>
      trainModel(model({ method: 'rprop', activation: 'step' }, rows), rows, { epochs: 10 }),
    ).toThrow(/gradient/);
  });
});

describe('settings of the methods', () => {
  it.each<Partial<ModelSettings>>([
    { method: 'sgd' as TrainingMethod },
    { population: 2 },
    { population: 3.5 },
    { target: 0 },
    { target: Number.NaN },
  ])('refuses %o', (settings) => {
    expect(() => model(settings)).toThrow();
  });
});

describe('huge inputs', () => {
  // RProp's steps are at most 50 and a NaN gradient moves nothing; the genetic algorithm only mutates by
  // finite amounts and keeps its best: neither runs off to Infinity where gd's update does.
  it.each<TrainingMethod>(['rprop', 'genetic'])('%s keeps finite weights and a finite loss', (method) => {
    const rows: Row[] = [
      { inputs: [1e308, -1e308, 1], output: 1 },
      { inputs: [0, 0, 1], output: 0 },
    ];
    const result = trainModel(model({ method, population: 5 }, rows), rows, { epochs: 2000 });
    expect(result).toMatchObject({ epochsRun: 2000, diverged: false, stopped: false });
    expect(result.model.weights.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(result.loss)).toBe(true);
    expect(JSON.parse(JSON.stringify(result.model))).toEqual(result.model);
  });
});
