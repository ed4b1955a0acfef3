import type { ModelState, WeightSnapshot } from './types.js';
import { CONTINUED_LIMIT, SNAPSHOT_LIMIT } from './types.js';

/**
 * The epochs of a run of `epochs` epochs at which its weights are sampled, counted from the run's start:
 * 0, then evenly on a log scale up to the last epoch, since a perceptron changes fastest at first.
 */
export function planSnapshots(epochs: number): number[] {
  const steps = SNAPSHOT_LIMIT - 2;
  const planned = new Set<number>([0]);
  for (let i = 0; i <= steps; i++) planned.add(Math.min(epochs, Math.round(epochs ** (i / steps))));
  return [...planned].sort((a, b) => a - b);
}

/**
 * A sample of weights as stored, with the loss training reported for its epoch when there is one (none
 * before the first epoch). Six significant digits are plenty for a drawing and keep files small.
 */
export function takeSnapshot(
  epoch: number,
  weights: Float64Array,
  inputs: number,
  loss?: number,
): WeightSnapshot {
  const round = (w: number) => Number(w.toPrecision(6));
  const snapshot: WeightSnapshot = { epoch, weights: Array.from(weights.subarray(0, inputs), round) };
  if (weights.length > inputs) snapshot.bias = round(weights[inputs] as number);
  if (loss !== undefined && Number.isFinite(loss)) snapshot.loss = round(loss);
  return snapshot;
}

/**
 * What a run on `rows` rows adds to the model it started from: a "train more" mark when it went on from
 * trained weights, its weight samples, and the rows trained on (the most of any run so far); a run of no
 * epochs leaves all three as they were.
 */
export function recordRun(
  model: ModelState,
  run: { epochsRun: number; snapshots: WeightSnapshot[] },
  rows: number,
): Pick<ModelState, 'continuedAt' | 'lastRun' | 'rowsTrained'> {
  if (run.epochsRun === 0) return {};
  const marks = model.continuedAt ?? [];
  const continuedAt =
    model.epochsTrained > 0 ? [...marks, model.epochsTrained].slice(-CONTINUED_LIMIT) : marks;
  const rowsTrained = Math.max(model.rowsTrained ?? 0, rows);
  return { ...(continuedAt.length > 0 ? { continuedAt } : {}), lastRun: run.snapshots, rowsTrained };
}
