// The WebAssembly kernel's module, memory layout and the problem's place in it (perceptron-kernel.wat).
import type { KernelProblem } from './kernel-types.js';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.generated.js';

// The project's lib settings leave WebAssembly undeclared; these are the parts used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

export interface KernelExports {
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
export interface Layout {
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

// Columns the wasm kernel has room for (its weight and gradient areas hold 64 values each).
const WASM_KERNEL_MAX_COLUMNS = 64;

const PAGE_BYTES = 65_536;
// Byte offsets of iRprop-'s step sizes and previous gradient, and of the caller's areas.
export const STEPS = 1024;
export const PREVIOUS_GRADIENT = 1536;
const DATA_START = 2048;

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

/** Where each part of the problem goes in the kernel's memory. */
export function planLayout(problem: KernelProblem): Layout {
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

/** A new instance of the kernel with memory enough for the layout. */
export function instantiate(layout: Layout): KernelExports {
  const exports = new WebAssembly.Instance(loadModule()).exports as KernelExports;
  const pages = Math.ceil(layout.bytes / PAGE_BYTES) - exports.memory.buffer.byteLength / PAGE_BYTES;
  if (pages > 0) exports.memory.grow(pages);
  return exports;
}

/** Puts the problem (and iRprop-'s memory, if any) where the layout says. */
export function writeProblem(buffer: ArrayBuffer, layout: Layout, problem: KernelProblem): void {
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
