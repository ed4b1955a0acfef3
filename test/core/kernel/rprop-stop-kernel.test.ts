import { describe, expect, it } from 'vitest';
import type { KernelProblem, StopRule } from '../../../src/core/kernel/kernel-types.js';
import { createRpropMemory } from '../../../src/core/kernel/kernel-types.js';
import { createReferenceKernel, createReferenceScorer } from '../../../src/core/kernel/reference-kernel.js';
import { createWasmKernel } from '../../../src/core/kernel/wasm-kernel.js';
import { createWasmScorer } from '../../../src/core/kernel/wasm-scorer.js';
import { NumpyRandom } from '../../../src/core/numpy-random.js';
import type { Activation } from '../../../src/core/types.js';

/** Inputs from [-1, 1], targets from a random plane, so that the rows can be learned. */
function makeProblem(
  rows: number,
  cols: number,
  seed: number,
  activation: Activation = 'sigmoid',
): KernelProblem {
  const random = new NumpyRandom(seed);
  const draw = () => 2 * random.random() - 1;
  const x = Float64Array.from({ length: rows * cols }, draw);
  const plane = Float64Array.from({ length: cols }, draw);
  const y = Float64Array.from({ length: rows }, (_, r) => {
    let z = 0;
    for (let c = 0; c < cols; c++) z += (x[r * cols + c] as number) * (plane[c] as number);
    return z > 0 ? 1 : 0;
  });
  const weights = Float64Array.from({ length: cols }, draw);
  return { rows, cols, x, y, weights, learningRate: 1, activation };
}

function expectRelative(actual: Float64Array, expected: Float64Array, tolerance = 1e-9): void {
  actual.forEach((value, i) => {
    const want = expected[i] as number;
    expect(Math.abs(value - want), `index ${i}: ${value} vs ${want}`).toBeLessThanOrEqual(
      tolerance * Math.abs(want),
    );
  });
}

describe('iRprop- in the WebAssembly kernel', () => {
  it.each([
    [4, 3, 1, 500],
    [37, 5, 2, 2000],
    [200, 32, 3, 1000],
    [1000, 33, 4, 200],
  ])(
    'matches the TypeScript reference on %i rows x %i columns (seed %i, %i epochs) to 1e-9',
    (rows, cols, seed, epochs) => {
      const problem = { ...makeProblem(rows, cols, seed), rprop: createRpropMemory(cols) };
      const reference = createReferenceKernel(problem);
      const wasm = createWasmKernel(problem);
      const loss = wasm.run(epochs);
      const expectedLoss = reference.run(epochs);
      expect(Math.abs(loss - expectedLoss)).toBeLessThanOrEqual(1e-9 * expectedLoss);
      expectRelative(wasm.readWeights(), reference.readWeights());
      const memory = wasm.readRprop();
      const expected = reference.readRprop();
      if (!memory || !expected) throw new Error('no iRprop- memory');
      expectRelative(memory.steps, expected.steps);
      expectRelative(memory.previousGradient, expected.previousGradient);
    },
  );

  it('goes on from its memory as if it had never stopped', () => {
    const problem = { ...makeProblem(50, 7, 5), rprop: createRpropMemory(7) };
    const whole = createWasmKernel(problem);
    whole.run(700);
    const first = createWasmKernel(problem);
    first.run(300);
    const memory = first.readRprop();
    if (!memory) throw new Error('no iRprop- memory');
    const second = createWasmKernel({ ...problem, weights: first.readWeights(), rprop: memory });
    second.run(400);
    expect(second.readWeights()).toEqual(whole.readWeights());
    expect(second.readRprop()).toEqual(whole.readRprop());
  });

  it('does not use the learning rate', () => {
    const problem = { ...makeProblem(20, 4, 6), rprop: createRpropMemory(4) };
    const a = createWasmKernel(problem);
    const b = createWasmKernel({ ...problem, learningRate: 0.001 });
    a.run(100);
    b.run(100);
    expect(b.readWeights()).toEqual(a.readWeights());
  });
});

describe.each([
  ['the TypeScript reference', createReferenceKernel],
  ['the WebAssembly kernel', createWasmKernel],
])('the stop rule in %s', (_name, factory) => {
  it.each([
    ['gd', undefined],
    ['rprop', createRpropMemory(6)],
  ])(
    '%s stops before the first update whose outputs have a loss at or below the target',
    (_method, rprop) => {
      const problem = { ...makeProblem(60, 6, 7), ...(rprop ? { rprop } : {}) };
      const free = factory(problem);
      const losses = Array.from({ length: 3000 }, () => free.run(1));
      const target = 0.01;
      const first = losses.findIndex((loss) => loss <= target);
      expect(first).toBeGreaterThan(0);
      const stopped = factory({ ...problem, stop: { loss: target } });
      const loss = stopped.run(3000);
      expect(stopped.lastEpochs()).toBe(first);
      expect(loss).toBe(losses[first]);
      // Going on stops at once: the weights meet the rule already.
      stopped.run(10);
      expect(stopped.lastEpochs()).toBe(0);
    },
  );

  it.each<[Activation, StopRule]>([
    ['sigmoid', { allRight: true }],
    ['step', { allRight: true }],
  ])('with %s activation, allRight stops once every row has the right class', (activation, stop) => {
    const problem = makeProblem(40, 5, 8, activation);
    const kernel = factory({ ...problem, stop });
    kernel.run(5000);
    const epochs = kernel.lastEpochs();
    expect(epochs).toBeGreaterThan(0);
    expect(epochs).toBeLessThan(5000);
    const check = (weights: Float64Array) =>
      Array.from(problem.y).every((target, r) => {
        let z = 0;
        for (let c = 0; c < problem.cols; c++)
          z += (problem.x[r * problem.cols + c] as number) * (weights[c] as number);
        const output = activation === 'step' ? (z > 0 ? 1 : 0) : 1 / (1 + Math.exp(-z));
        return output >= 0.5 === target >= 0.5;
      });
    expect(check(kernel.readWeights())).toBe(true);
    const before = factory(problem);
    before.run(epochs - 1);
    expect(check(before.readWeights())).toBe(false);
  });
});

describe('the genetic fitness in the WebAssembly kernel', () => {
  it.each<[number, number, Activation]>([
    [4, 3, 'sigmoid'],
    [37, 5, 'step'],
    [1000, 32, 'sigmoid'],
    [1000, 33, 'step'],
  ])(
    'scores %i rows x %i columns (%s) as the TypeScript reference does, to 1e-9',
    (rows, cols, activation) => {
      const problem = makeProblem(rows, cols, rows + cols, activation);
      const wasm = createWasmScorer(problem);
      const reference = createReferenceScorer(problem);
      const random = new NumpyRandom(9);
      for (let i = 0; i < 20; i++) {
        const weights = Float64Array.from({ length: cols }, () => 4 * random.random() - 2);
        const got = wasm.score(weights);
        const want = reference.score(weights);
        expect(Math.abs(got.squaredError - want.squaredError)).toBeLessThanOrEqual(1e-9 * want.squaredError);
        expect(got.wrong).toBe(want.wrong);
      }
    },
  );
});
