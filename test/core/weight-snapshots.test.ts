import { describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import {
  createModel,
  pinRowsTrained,
  resetModel,
  rowsTrainedOf,
  withSettings,
} from '../../src/core/model.js';
import { stepModel } from '../../src/core/step.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type Row, SNAPSHOT_LIMIT } from '../../src/core/types.js';
import { planSnapshots } from '../../src/core/weight-snapshots.js';

const rows = (findExample('lesson') as { rows: Row[] }).rows;
const lesson = () => createModel(DEFAULT_SETTINGS, 3);

describe('weights sampled during a training', () => {
  it('plans the start, a log scale and the last epoch, at most SNAPSHOT_LIMIT in all', () => {
    const planned = planSnapshots(20_000);
    expect(planned[0]).toBe(0);
    expect(planned[1]).toBe(1);
    expect(planned.at(-1)).toBe(20_000);
    expect(planned.length).toBeLessThanOrEqual(SNAPSHOT_LIMIT);
    expect(planSnapshots(3)).toEqual([0, 1, 2, 3]);
  });

  it('keeps the starting weights, samples on the way and ends at the trained weights', () => {
    const model = lesson();
    const { model: trained } = trainModel(model, rows, { epochs: 20_000 });
    const run = trained.lastRun ?? [];
    expect(run[0]).toEqual({ epoch: 0, weights: model.weights.map((w) => Number(w.toPrecision(6))) });
    expect(run.at(-1)?.epoch).toBe(20_000);
    run.at(-1)?.weights.forEach((w, i) => {
      expect(w).toBeCloseTo(trained.weights[i] as number, 4);
    });
    const epochs = run.map((snapshot) => snapshot.epoch);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
  });

  it('samples the same weights as a training cut at those epochs', () => {
    const { model: trained } = trainModel(lesson(), rows, { epochs: 500 });
    const middle = (trained.lastRun ?? []).find((snapshot) => snapshot.epoch > 50);
    const partial = trainModel(lesson(), rows, { epochs: middle?.epoch ?? 0 }).model;
    expect(middle?.weights).toEqual(partial.weights.map((w) => Number(w.toPrecision(6))));
  });

  it('samples the bias too, when the model has one', () => {
    const model = createModel({ ...DEFAULT_SETTINGS, bias: true }, 3);
    const run = trainModel(model, rows, { epochs: 100 }).model.lastRun ?? [];
    expect(run.at(-1)?.bias).toBeCloseTo(trainModel(model, rows, { epochs: 100 }).model.bias as number, 4);
  });

  it('covers only the last training; a stop ends the samples where the weights stopped', () => {
    const first = trainModel(lesson(), rows, { epochs: 1000 }).model;
    const controller = new AbortController();
    controller.abort();
    const stopped = trainModel(first, rows, { epochs: 1000, signal: controller.signal }).model;
    expect(stopped.lastRun).toEqual(first.lastRun);
    const more = trainModel(first, rows, { epochs: 1000 }).model;
    expect(more.lastRun?.[0]?.epoch).toBe(1000);
    expect(more.lastRun?.at(-1)?.epoch).toBe(2000);
  });
});

describe('marks where "train more" went on', () => {
  it('marks each training that continued a trained model, and none for the first', () => {
    const once = trainModel(lesson(), rows, { epochs: 1000 }).model;
    expect(once.continuedAt).toBeUndefined();
    const twice = trainModel(once, rows, { epochs: 500 }).model;
    const thrice = trainModel(twice, rows, { epochs: 500 }).model;
    expect(thrice.continuedAt).toEqual([1000, 1500]);
  });

  it('forgets the marks and the samples on reset', () => {
    const twice = trainModel(trainModel(lesson(), rows, { epochs: 10 }).model, rows, { epochs: 10 }).model;
    const reset = resetModel(twice);
    expect(reset.continuedAt).toBeUndefined();
    expect(reset.lastRun).toBeUndefined();
  });
});

describe('the rows a model was trained on', () => {
  it('are the most rows any of its trainings or steps ran on, kept when rows go afterwards', () => {
    expect(rowsTrainedOf(lesson(), 4)).toBe(0);
    const onTwo = trainModel(lesson(), rows.slice(0, 2), { epochs: 10 }).model;
    expect(onTwo.rowsTrained).toBe(2);
    const onFour = trainModel(onTwo, rows, { epochs: 10 }).model;
    expect(onFour.rowsTrained).toBe(4);
    expect(trainModel(onFour, rows.slice(0, 1), { epochs: 10 }).model.rowsTrained).toBe(4);
    expect(stepModel(lesson(), rows.slice(0, 3)).model.rowsTrained).toBe(3);
    expect(rowsTrainedOf(onFour, 0)).toBe(4);
  });

  it('do not change with a run of no epochs, nor with settings that keep the weights', () => {
    const trained = trainModel(lesson(), rows, { epochs: 10 }).model;
    const controller = new AbortController();
    controller.abort();
    const stopped = trainModel(trained, rows.slice(0, 1), { epochs: 10, signal: controller.signal }).model;
    expect(stopped.rowsTrained).toBe(4);
    expect(withSettings(trained, { ...trained.settings, learningRate: 0.5 }).rowsTrained).toBe(4);
    expect(withSettings(trained, { ...trained.settings, seed: 2 }).rowsTrained).toBeUndefined();
  });

  it('are forgotten on reset, and taken from the rows beside a model trained before they were counted', () => {
    const trained = trainModel(lesson(), rows, { epochs: 10 }).model;
    expect(resetModel(trained).rowsTrained).toBeUndefined();
    const { rowsTrained: _, ...older } = trained;
    expect(rowsTrainedOf(older, 3)).toBe(3);
    expect(pinRowsTrained(older, 3).rowsTrained).toBe(3);
    expect(pinRowsTrained(trained, 1).rowsTrained).toBe(4);
    expect(pinRowsTrained(lesson(), 4).rowsTrained).toBeUndefined();
  });
});
