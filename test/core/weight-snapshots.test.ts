import { describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel, resetModel } from '../../src/core/model.js';
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
