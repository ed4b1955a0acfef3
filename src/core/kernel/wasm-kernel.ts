import type {
  KernelFactory,
  KernelProblem,
  RpropMemory,
  ScorerFactory,
  TrainingKernel,
} from './kernel-types.js';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.generated.js';

// The project's lib settings leave WebAssembly undeclared; these are the parts used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface KernelExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** Updates made by the last train call. */
  epochsDone: { value: number };
  /** Rows of the wrong class found by the last score call. */
  wrongRows: { value: number };
  score(
    ...args: [
      ...offsets: [x: number, y: number, m: number, z: number, d: number],
      rowBytes: number,
      colBytes: number,
      step: number,
    ]
  ): number;
  /** Runs epochs; returns the last epoch's sum of squared errors. Offsets and sizes are in bytes. */
  train(...args: TrainArguments): number;
}

type TrainArguments = [
  ...offsets: [x: number, y: number, m: number, z: number, d: number],
  ...sizes: [rowBytes: number, colBytes: number],
  ...settings: [lr: number, epochs: number, step: number, rprop: number, stop: number, stopSse: number],
];

/** Byte offsets of the problem in the kernel's memory (see perceptron-kernel.wat). */
interface Layout {
  rows: number;
  rowBytes: number;
  colBytes: number;
  y: number;
  m: number;
  z: number;
  d: number;
  x: number;
  bytes: number;
}

/** Columns the wasm kernel has room for (its weight and gradient areas hold 64 values each). */
export const WASM_KERNEL_MAX_COLUMNS = 64;

const PAGE_BYTES = 65_536;
// Byte offsets of iRprop-'s step sizes and previous gradient, and of the caller's areas.
const STEPS = 1024;
const PREVIOUS_GRADIENT = 1536;
const DATA_START = 2048;
// One call into wasm runs at most this many epochs, so V8 can switch to optimized code between calls.
const EPOCHS_PER_CALL = 1024;

let compiled: object | undefined;
let available: boolean | undefined;

function loadModule(): object {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
  return compiled;
}

/** True when this runtime compiles the kernel (WebAssembly with SIMD). */
export function isWasmKernelAvailable(): boolean {
  if (available === undefined) {
    try {
      loadModule();
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

function planLayout(problem: KernelProblem): Layout {
  const { rows, cols, x, y, weights } = problem;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`rows and cols must be positive integers, got ${rows} x ${cols}`);
  }
  if (cols > WASM_KERNEL_MAX_COLUMNS) throw new RangeError(`at most ${WASM_KERNEL_MAX_COLUMNS} columns`);
  if (x.length !== rows * cols || y.length !== rows || weights.length !== cols) {
    throw new RangeError('x, y and weights must hold rows * cols, rows and cols values');
  }
  const rowBytes = Math.ceil(rows / 4) * 32;
  const colBytes = Math.ceil(cols / 4) * 32;
  const start = (area: number): number => DATA_START + area * rowBytes;
  const bytes = start(4) + (rowBytes / 8) * colBytes;
  return { rows, rowBytes, colBytes, y: start(0), m: start(1), z: start(2), d: start(3), x: start(4), bytes };
}

function instantiate(layout: Layout): KernelExports {
  const exports = new WebAssembly.Instance(loadModule()).exports as KernelExports;
  const pages = Math.ceil(layout.bytes / PAGE_BYTES) - exports.memory.buffer.byteLength / PAGE_BYTES;
  if (pages > 0) exports.memory.grow(pages);
  return exports;
}

function writeProblem(buffer: ArrayBuffer, layout: Layout, problem: KernelProblem): void {
  const { rows, cols, x, y, weights } = problem;
  const memory = new Float64Array(buffer);
  memory.set(weights, 0);
  memory.set(y, layout.y / 8);
  memory.fill(1, layout.m / 8, layout.m / 8 + rows);
  if (problem.rprop) {
    memory.set(problem.rprop.steps, STEPS / 8);
    memory.set(problem.rprop.previousGradient, PREVIOUS_GRADIENT / 8);
  }
  const groupLength = layout.colBytes / 2;
  for (let r = 0; r < rows; r++) {
    const rowStart = layout.x / 8 + (r >> 2) * groupLength + (r & 3) * 2;
    for (let c = 0; c < cols; c++) memory[rowStart + (c >> 1) * 8 + (c & 1)] = x[r * cols + c] as number;
  }
}

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

/** The genetic algorithm's fitness in WebAssembly SIMD: each weight vector is copied in and scored. */
export const createWasmScorer: ScorerFactory = (problem) => {
  const full: KernelProblem = { ...problem, weights: new Float64Array(problem.cols), learningRate: 0 };
  const layout = planLayout(full);
  const kernel = instantiate(layout);
  writeProblem(kernel.memory.buffer, layout, full);
  const step = problem.activation === 'step' ? 1 : 0;
  const { x, y, m, z, d, rowBytes, colBytes } = layout;
  return {
    score(weights) {
      new Float64Array(kernel.memory.buffer, 0, problem.cols).set(weights);
      const squaredError = kernel.score(x, y, m, z, d, rowBytes, colBytes, step);
      return { squaredError, wrong: kernel.wrongRows.value };
    },
    dispose: () => {},
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
