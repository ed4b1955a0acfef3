import { describe, expect, it } from 'vitest';
import { findFiniteEpochs, isFiniteStep } from '../../src/core/find-finite-epochs.js';
import type { KernelFactory, KernelProblem } from '../../src/core/kernel/kernel-types.js';

/** A kernel whose one weight counts the epochs run and turns NaN after epoch `last`. */
function createCountingFactory(last: number) {
  const usage = { kernels: 0, epochs: 0, disposed: 0 };
  const factory: KernelFactory = (problem) => {
    usage.kernels += 1;
    let weight = problem.weights[0] as number;
    return {
      run(epochs) {
        usage.epochs += epochs;
        weight = weight + epochs > last ? Number.NaN : weight + epochs;
        return weight;
      },
      lastEpochs: () => 0,
      readWeights: () => Float64Array.of(weight),
      readRprop: () => undefined,
      dispose: () => {
        usage.disposed += 1;
      },
    };
  };
  return { factory, usage };
}

const problem: KernelProblem = {
  rows: 1,
  cols: 1,
  x: Float64Array.of(1),
  y: Float64Array.of(1),
  weights: Float64Array.of(0),
  learningRate: 1,
  activation: 'step',
};

describe('findFiniteEpochs', () => {
  it.each([0, 1, 637, 998])('finds that %i of 999 epochs stay finite', (last) => {
    const { factory, usage } = createCountingFactory(last);
    const found = findFiniteEpochs(factory, problem, 999);
    expect(found.epochs).toBe(last);
    expect(Array.from(found.weights)).toEqual([last]);
    expect(found.loss).toBe(last === 0 ? Number.NaN : last);
    expect(usage.epochs).toBeLessThanOrEqual(999);
    expect(usage.kernels).toBeLessThanOrEqual(10);
    expect(usage.disposed).toBe(usage.kernels);
  });

  it('runs nothing when the only epoch is the one that broke', () => {
    const { factory, usage } = createCountingFactory(0);
    expect(findFiniteEpochs(factory, problem, 1).epochs).toBe(0);
    expect(usage.kernels).toBe(0);
  });
});

describe('isFiniteStep', () => {
  it('is false when a weight or the loss is Infinity or NaN', () => {
    expect(isFiniteStep(Float64Array.of(1, -2), 0.5)).toBe(true);
    expect(isFiniteStep(Float64Array.of(1, Number.POSITIVE_INFINITY), 0.5)).toBe(false);
    expect(isFiniteStep(Float64Array.of(Number.NaN, 1), 0.5)).toBe(false);
    expect(isFiniteStep(Float64Array.of(1, 1), Number.NaN)).toBe(false);
  });
});
