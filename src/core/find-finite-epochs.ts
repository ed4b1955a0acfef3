import type { KernelFactory, KernelProblem, RpropMemory } from './kernel/kernel-types.js';

/** Where training stood after some epochs: the weights reached and the loss of the last epoch. */
export interface FiniteEpochs {
  epochs: number;
  weights: Float64Array;
  /** iRprop-'s memory with those weights, when the problem trains with it. */
  rprop?: RpropMemory;
  /** NaN when epochs is 0. */
  loss: number;
}

/** True when every weight and the loss are finite numbers, so training has not diverged. */
export function isFiniteStep(weights: Float64Array, loss: number): boolean {
  return Number.isFinite(loss) && weights.every(Number.isFinite);
}

/**
 * The most of `epochs` epochs from `problem.weights` after which the weights and the loss are still
 * finite, when running all of them is known to end in Infinity or NaN. Halves the range on fresh kernels
 * from the last finite weights: at most `epochs` epochs re-run in all, on about log2(epochs) kernels.
 * Relies on non-finite weights staying non-finite, which holds for the update rule. The stop rule is left
 * out: a run that met it stopped with finite weights, so it never needs this.
 */
export function findFiniteEpochs(
  factory: KernelFactory,
  problem: KernelProblem,
  epochs: number,
): FiniteEpochs {
  let found: FiniteEpochs = {
    epochs: 0,
    weights: Float64Array.from(problem.weights),
    ...(problem.rprop ? { rprop: problem.rprop } : {}),
    loss: Number.NaN,
  };
  let broken = epochs;
  while (broken - found.epochs > 1) {
    const count = Math.floor((broken - found.epochs) / 2);
    const kernel = factory({ ...problem, weights: found.weights, rprop: found.rprop, stop: undefined });
    try {
      const loss = kernel.run(count);
      const weights = kernel.readWeights();
      const rprop = kernel.readRprop();
      if (isFiniteStep(weights, loss))
        found = { epochs: found.epochs + count, weights, ...(rprop ? { rprop } : {}), loss };
      else broken = found.epochs + count;
    } finally {
      kernel.dispose();
    }
  }
  return found;
}
