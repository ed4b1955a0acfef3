import type { KernelFactory, ScorerFactory } from './kernel-types.js';
import { createReferenceKernel, createReferenceScorer } from './reference-kernel.js';
import { createWasmKernel } from './wasm-kernel.js';
import { isWasmKernelAvailable } from './wasm-memory.js';
import { createWasmScorer } from './wasm-scorer.js';

/** The kernel `trainModel` uses when its options name none: WebAssembly SIMD where the runtime has it. */
export function getDefaultKernel(): KernelFactory {
  return isWasmKernelAvailable() ? createWasmKernel : createReferenceKernel;
}

/** The genetic algorithm's default fitness: WebAssembly SIMD where the runtime has it. */
export function getDefaultScorer(): ScorerFactory {
  return isWasmKernelAvailable() ? createWasmScorer : createReferenceScorer;
}
