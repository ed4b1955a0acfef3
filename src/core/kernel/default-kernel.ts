import type { KernelFactory } from './kernel-types.js';
import { createReferenceKernel } from './reference-kernel.js';

/** The kernel `trainModel` uses when its options name none. */
export function getDefaultKernel(): KernelFactory {
  return createReferenceKernel;
}
