import type { KernelFactory } from './kernel-types.js';
import { createReferenceKernel } from './reference-kernel.js';
import { createWasmKernel, isWasmKernelAvailable } from './wasm-kernel.js';

/** The kernel `trainModel` uses when its options name none: WebAssembly SIMD where the runtime has it. */
export function getDefaultKernel(): KernelFactory {
  return isWasmKernelAvailable() ? createWasmKernel : createReferenceKernel;
}
