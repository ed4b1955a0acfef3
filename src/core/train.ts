import { computeLoss } from './evaluate.js';
import { getDefaultKernel, getDefaultScorer } from './kernel/default-kernel.js';
import type { KernelProblem } from './kernel/kernel-types.js';
import { createMethodRun, type MethodRun, type RunPoint, stateOf } from './method-run.js';
import { assertEpochs, assertRows, epochWork, methodOf } from './model.js';
import { createProblem } from './problem.js';
import { meetsStopRule } from './stop-rule.js';
import type { TrainOptions, TrainResult } from './train-types.js';
import type { LossPoint, ModelState, Row, WeightSnapshot } from './types.js';
import { LOSS_HISTORY_LIMIT } from './types.js';
import { planSnapshots, recordRun, takeSnapshot } from './weight-snapshots.js';

/** Multiply-adds in one chunk of epochs: a few milliseconds of work between polls and abort checks. */
const CHUNK_WORK = 1_000_000;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/**
 * Trains for `options.epochs` more epochs from the model's current weights and returns a new model; the
 * input is left as it was. Stops early, keeping the weights reached, when `options.signal` aborts, and
 * when the weights or the loss stop being finite numbers: the model then keeps the last finite weights
 * (found by re-running the broken chunk on fresh kernels) and the result says `diverged`.
 * The model's method decides the update (gd, rprop or genetic, see method-run.ts), and its stop rule (or
 * `options.stop`) may end the run early: `reachedTarget` says so.
 * RangeError when there are no rows, a row does not fit the model, or epochs is not a whole number >= 1.
 */
export function trainModel(model: ModelState, rows: readonly Row[], options: TrainOptions): TrainResult {
  assertRows(model, rows);
  assertEpochs(options.epochs);
  if (methodOf(model.settings) === 'rprop' && model.settings.activation === 'step') {
    throw new RangeError('rprop needs a gradient, and the step activation has none');
  }
  const problem = createProblem(model, rows, options.stop);
  const method = createMethodRun(model, problem, {
    kernel: options.kernel ?? getDefaultKernel(),
    scorer: options.scorer ?? getDefaultScorer(),
  });
  try {
    const run = runEpochs(method, model, problem, options);
    const loss = run.epochsRun > 0 ? run.point.loss : computeLoss(model, rows);
    options.onProgress?.({ epoch: run.epochsRun, epochs: options.epochs, loss });
    const trained = {
      ...toModel(model, run.point, run.epochsRun, run.history),
      ...recordRun(model, run, rows.length),
    };
    const { epochsRun, stopped, diverged } = run;
    // A kernel checks its rule before each update, so weights meeting it after the very last one are seen here.
    const reachedTarget = run.reachedTarget || (!stopped && meetsStopRule(trained, rows, problem.stop));
    return { model: trained, epochsRun, stopped, diverged, reachedTarget, loss };
  } finally {
    method.dispose();
  }
}

interface Run {
  epochsRun: number;
  stopped: boolean;
  diverged: boolean;
  reachedTarget: boolean;
  /** Where the run stands after epochsRun epochs. */
  point: RunPoint;
  history: LossPoint[];
  /** Weights sampled on the way, for a replay: at the start, then on planSnapshots' epochs. */
  snapshots: WeightSnapshot[];
}

function runEpochs(method: MethodRun, model: ModelState, problem: KernelProblem, options: TrainOptions): Run {
  const { epochs, signal, onProgress, poll } = options;
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const start = model.epochsTrained;
  const stride = historyStride(start + epochs);
  const chunk = Math.max(1, Math.floor(CHUNK_WORK / (epochWork(model) * problem.rows * problem.cols)));
  const history = model.lossHistory.map((point) => ({ ...point }));
  const weights = Float64Array.from(problem.weights);
  const genetic = model.methodState?.method === 'genetic' ? model.methodState : undefined;
  const point: RunPoint = {
    weights,
    loss: Number.NaN,
    ...(problem.rprop ? { rprop: problem.rprop } : {}),
    ...(genetic ? { genetic } : {}),
  };
  const planned = planSnapshots(epochs);
  const snapshots = [takeSnapshot(start, weights, model.inputs, model.lossHistory.at(-1)?.loss)];
  const run: Run = {
    epochsRun: 0,
    stopped: false,
    diverged: false,
    reachedTarget: false,
    point,
    history,
    snapshots,
  };
  let reportedAt = performance.now();
  while (run.epochsRun < epochs) {
    poll?.();
    const done = start + run.epochsRun;
    const nextSample = done === 0 ? 1 : (Math.floor(done / stride) + 1) * stride;
    const nextSnapshot = planned[snapshots.length] ?? epochs;
    const count = Math.min(chunk, epochs - run.epochsRun, nextSample - done, nextSnapshot - run.epochsRun);
    if (signal?.aborted) {
      run.stopped = true;
      break;
    }
    const chunkRun = method.runChunk(run.point, count);
    run.epochsRun += chunkRun.epochs;
    run.point = chunkRun.point;
    if (chunkRun.diverged) {
      run.stopped = run.diverged = true;
      break;
    }
    if (chunkRun.reached) {
      run.reachedTarget = true;
      break;
    }
    if (done + count === nextSample) history.push({ epoch: nextSample, loss: run.point.loss });
    if (run.epochsRun === nextSnapshot)
      snapshots.push(takeSnapshot(done + count, run.point.weights, model.inputs, run.point.loss));
    if (onProgress && run.epochsRun < epochs && performance.now() - reportedAt >= interval) {
      onProgress({ epoch: run.epochsRun, epochs, loss: run.point.loss });
      reportedAt = performance.now();
    }
  }
  const latest = start + run.epochsRun;
  if (run.epochsRun > 0 && history.at(-1)?.epoch !== latest)
    history.push({ epoch: latest, loss: run.point.loss });
  if (snapshots.at(-1)?.epoch !== latest)
    snapshots.push(takeSnapshot(latest, run.point.weights, model.inputs, run.point.loss));
  return run;
}

function toModel(model: ModelState, point: RunPoint, epochsRun: number, history: LossPoint[]): ModelState {
  const { weights } = point;
  const state = stateOf(point);
  const { methodState: _previous, ...rest } = model;
  const trained: ModelState = {
    ...rest,
    ...(state ? { methodState: state } : {}),
    settings: { ...model.settings },
    weights: Array.from(weights.subarray(0, model.inputs)),
    initialWeights: [...model.initialWeights],
    epochsTrained: model.epochsTrained + epochsRun,
    lossHistory: thinHistory(history, model.epochsTrained + epochsRun),
  };
  if (model.settings.bias) trained.bias = weights[model.inputs] as number;
  return trained;
}

/** The smallest power of two that samples `epochs` epochs in at most LOSS_HISTORY_LIMIT - 2 points. */
function historyStride(epochs: number): number {
  let stride = 1;
  while (Math.floor(epochs / stride) > LOSS_HISTORY_LIMIT - 2) stride *= 2;
  return stride;
}

/** Keeps the first point, the points on the stride for `epochs` and the latest point. */
function thinHistory(history: readonly LossPoint[], epochs: number): LossPoint[] {
  const stride = historyStride(epochs);
  return history.filter((point, i) => i === 0 || i === history.length - 1 || point.epoch % stride === 0);
}
