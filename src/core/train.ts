import { computeLoss } from './evaluate.js';
import { findFiniteEpochs, isFiniteStep } from './find-finite-epochs.js';
import { getDefaultKernel } from './kernel/default-kernel.js';
import type { KernelFactory, KernelProblem, TrainingKernel } from './kernel/kernel-types.js';
import { assertEpochs, assertRows } from './model.js';
import type { TrainOptions, TrainResult } from './train-types.js';
import type { LossPoint, ModelState, Row } from './types.js';
import { LOSS_HISTORY_LIMIT } from './types.js';

/** Multiply-adds in one chunk of epochs: a few milliseconds of work between polls and abort checks. */
const CHUNK_WORK = 1_000_000;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/** Lays the rows out for a kernel, with a constant-1 column when the model has a bias. */
export function createProblem(model: ModelState, rows: readonly Row[]): KernelProblem {
  const cols = model.inputs + (model.settings.bias ? 1 : 0);
  const x = new Float64Array(rows.length * cols);
  rows.forEach((row, r) => {
    x.set(row.inputs, r * cols);
    if (model.settings.bias) x[r * cols + model.inputs] = 1;
  });
  const weights = Float64Array.from(
    model.bias === undefined ? model.weights : [...model.weights, model.bias],
  );
  const y = Float64Array.from(rows, (row) => row.output);
  const { learningRate, activation } = model.settings;
  return { rows: rows.length, cols, x, y, weights, learningRate, activation };
}

/**
 * Trains for `options.epochs` more epochs from the model's current weights and returns a new model; the
 * input is left as it was. Stops early, keeping the weights reached, when `options.signal` aborts, and
 * when the weights or the loss stop being finite numbers: the model then keeps the last finite weights
 * (found by re-running the broken chunk on fresh kernels) and the result says `diverged`.
 * RangeError when there are no rows, a row does not fit the model, or epochs is not a whole number >= 1.
 */
export function trainModel(model: ModelState, rows: readonly Row[], options: TrainOptions): TrainResult {
  assertRows(model, rows);
  assertEpochs(options.epochs);
  const problem = createProblem(model, rows);
  const factory = options.kernel ?? getDefaultKernel();
  const kernel = factory(problem);
  try {
    const run = runEpochs(kernel, factory, model, problem, options);
    const loss = run.epochsRun > 0 ? run.loss : computeLoss(model, rows);
    options.onProgress?.({ epoch: run.epochsRun, epochs: options.epochs, loss });
    const trained = toModel(model, run.weights, run.epochsRun, run.history);
    const { epochsRun, stopped, diverged } = run;
    return { model: trained, epochsRun, stopped, diverged, loss };
  } finally {
    kernel.dispose();
  }
}

interface Run {
  epochsRun: number;
  stopped: boolean;
  diverged: boolean;
  loss: number;
  /** The weights after epochsRun epochs. */
  weights: Float64Array;
  history: LossPoint[];
}

function runEpochs(
  kernel: TrainingKernel,
  factory: KernelFactory,
  model: ModelState,
  problem: KernelProblem,
  options: TrainOptions,
): Run {
  const { epochs, signal, onProgress, poll } = options;
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const start = model.epochsTrained;
  const stride = historyStride(start + epochs);
  const chunk = Math.max(1, Math.floor(CHUNK_WORK / (problem.rows * problem.cols)));
  const history = model.lossHistory.map((point) => ({ ...point }));
  const weights = Float64Array.from(problem.weights);
  const run: Run = { epochsRun: 0, stopped: false, diverged: false, loss: Number.NaN, weights, history };
  let reportedAt = performance.now();
  while (run.epochsRun < epochs) {
    poll?.();
    const done = start + run.epochsRun;
    const nextSample = done === 0 ? 1 : (Math.floor(done / stride) + 1) * stride;
    const count = Math.min(chunk, epochs - run.epochsRun, nextSample - done);
    if (signal?.aborted || !runChunk(kernel, factory, problem, run, count)) {
      run.stopped = true;
      break;
    }
    if (done + count === nextSample) history.push({ epoch: nextSample, loss: run.loss });
    if (onProgress && run.epochsRun < epochs && performance.now() - reportedAt >= interval) {
      onProgress({ epoch: run.epochsRun, epochs, loss: run.loss });
      reportedAt = performance.now();
    }
  }
  const latest = start + run.epochsRun;
  if (run.epochsRun > 0 && history.at(-1)?.epoch !== latest) history.push({ epoch: latest, loss: run.loss });
  return run;
}

/**
 * Runs `count` epochs and adds them to the run. When they end in Infinity or NaN, adds only the epochs
 * whose weights are finite, marks the run diverged and returns false.
 */
function runChunk(
  kernel: TrainingKernel,
  factory: KernelFactory,
  problem: KernelProblem,
  run: Run,
  count: number,
): boolean {
  const loss = kernel.run(count);
  const weights = kernel.readWeights();
  const kept = isFiniteStep(weights, loss)
    ? { epochs: count, weights, loss }
    : findFiniteEpochs(factory, { ...problem, weights: run.weights }, count);
  if (kept.epochs > 0) {
    run.epochsRun += kept.epochs;
    run.loss = kept.loss;
    run.weights = kept.weights;
  }
  run.diverged = kept.epochs < count;
  return !run.diverged;
}

function toModel(
  model: ModelState,
  weights: Float64Array,
  epochsRun: number,
  history: LossPoint[],
): ModelState {
  const trained: ModelState = {
    ...model,
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
