import type { KernelFactory, KernelProblem, RpropMemory, TrainingKernel } from './kernel-types.js';
import {
  instantiate,
  type KernelExports,
  type Layout,
  PREVIOUS_GRADIENT,
  planLayout,
  STEPS,
  writeProblem,
} from './wasm-memory.js';

// One call into wasm runs at most this many epochs, so V8 can switch to optimized code between calls.
const EPOCHS_PER_CALL = 1024;

/** Runs up to `epochs` epochs; returns the last loss and the updates made. */
function runEpochs(
  kernel: KernelExports,
  layout: Layout,
  problem: KernelProblem,
  epochs: number,
): { loss: number; epochs: number } {
  const { x, y, m, z, d, rowBytes, colBytes } = layout;
  const { stop } = problem;
  const step = problem.activation === 'step' ? 1 : 0;
  const rprop = problem.rprop ? 1 : 0;
  const stopMode = (stop?.loss === undefined ? 0 : 1) | (stop?.allRight ? 2 : 0);
  const stopSse = (stop?.loss ?? 0) * layout.rows;
  let sse = Number.NaN;
  let done = 0;
  while (done < epochs) {
    const count = Math.min(EPOCHS_PER_CALL, epochs - done);
    sse = kernel.train(
      x,
      y,
      m,
      z,
      d,
      rowBytes,
      colBytes,
      problem.learningRate,
      count,
      step,
      rprop,
      stopMode,
      stopSse,
    );
    done += kernel.epochsDone.value;
    if (kernel.epochsDone.value < count) break;
  }
  return { loss: sse / layout.rows, epochs: done };
}

function readMemory(kernel: KernelExports, cols: number): RpropMemory {
  const memory = new Float64Array(kernel.memory.buffer);
  return {
    steps: memory.slice(STEPS / 8, STEPS / 8 + cols),
    previousGradient: memory.slice(PREVIOUS_GRADIENT / 8, PREVIOUS_GRADIENT / 8 + cols),
  };
}

/** The lesson's update in WebAssembly SIMD; results equal the reference kernel's up to summation order. */
export const createWasmKernel: KernelFactory = (problem: KernelProblem): TrainingKernel => {
  const settings = { ...problem };
  const layout = planLayout(settings);
  let kernel: KernelExports | undefined = instantiate(layout);
  writeProblem(kernel.memory.buffer, layout, settings);
  const use = (): KernelExports => {
    if (kernel === undefined) throw new Error('the kernel was disposed');
    return kernel;
  };
  let lastEpochs = 0;
  return {
    run(epochs) {
      if (!Number.isInteger(epochs) || epochs < 0)
        throw new RangeError(`epochs must be a whole number, got ${epochs}`);
      const run = runEpochs(use(), layout, settings, epochs);
      lastEpochs = run.epochs;
      return run.loss;
    },
    lastEpochs: () => lastEpochs,
    readWeights: () => new Float64Array(use().memory.buffer, 0, settings.cols).slice(),
    readRprop: () => (settings.rprop ? readMemory(use(), settings.cols) : undefined),
    dispose: () => {
      kernel = undefined;
    },
  };
};

/** The sigmoid 1 / (1 + e^-z) of each value as the wasm kernel computes it, for checking its accuracy. */
export function computeWasmSigmoid(values: Float64Array): Float64Array {
  const rows = values.length;
  const weights = Float64Array.of(1);
  const problem: KernelProblem = {
    rows,
    cols: 1,
    x: values,
    y: new Float64Array(rows),
    weights,
    learningRate: 0,
    activation: 'sigmoid',
  };
  const layout = planLayout(problem);
  const kernel = instantiate(layout);
  writeProblem(kernel.memory.buffer, layout, problem);
  runEpochs(kernel, layout, problem, 1);
  // After an epoch the z area holds the outputs: with one column and w = 1, z is the value itself.
  return new Float64Array(kernel.memory.buffer, layout.z, rows).slice();
}
