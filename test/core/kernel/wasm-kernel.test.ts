import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { KernelProblem } from '../../../src/core/kernel/kernel-types.js';
import { createReferenceKernel } from '../../../src/core/kernel/reference-kernel.js';
import { computeWasmSigmoid, createWasmKernel } from '../../../src/core/kernel/wasm-kernel.js';
import { isWasmKernelAvailable } from '../../../src/core/kernel/wasm-memory.js';
import type { Activation } from '../../../src/core/types.js';

/** mulberry32: a small seeded generator, so every run sees the same data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface ProblemSpec {
  rows: number;
  cols: number;
  activation: Activation;
  learningRate: number;
  /** Inputs and weights are drawn from [-scale, scale]; integers when `integers` is set. */
  scale: number;
  integers?: boolean;
  seed: number;
}

function makeProblem(spec: ProblemSpec): KernelProblem {
  const random = createRandom(spec.seed);
  const draw = () =>
    spec.integers ? Math.round((random() * 2 - 1) * spec.scale) : (random() * 2 - 1) * spec.scale;
  const x = Float64Array.from({ length: spec.rows * spec.cols }, draw);
  const y = Float64Array.from({ length: spec.rows }, () => (random() < 0.5 ? 0 : 1));
  const weights = Float64Array.from({ length: spec.cols }, draw);
  return { ...spec, x, y, weights };
}

/** Largest difference relative to the largest expected magnitude. */
function relativeDifference(actual: Float64Array, expected: Float64Array): number {
  const scale = Math.max(...expected.map(Math.abs), Number.MIN_VALUE);
  return Math.max(0, ...actual.map((value, i) => Math.abs(value - (expected[i] as number)) / scale));
}

function expectSameTraining(problem: KernelProblem, epochs: number, tolerance = 1e-9): void {
  const reference = createReferenceKernel(problem);
  const wasm = createWasmKernel(problem);
  const expectedLoss = reference.run(epochs);
  const loss = wasm.run(epochs);
  expect(Math.abs(loss - expectedLoss)).toBeLessThanOrEqual(tolerance * Math.abs(expectedLoss));
  expect(relativeDifference(wasm.readWeights(), reference.readWeights())).toBeLessThanOrEqual(tolerance);
  wasm.dispose();
}

const LESSON: KernelProblem = {
  rows: 4,
  cols: 3,
  x: Float64Array.of(0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1),
  y: Float64Array.of(0, 1, 1, 0),
  weights: Float64Array.of(-0.165955990594852, 0.4406489868843162, -0.9997712503653102),
  learningRate: 1,
  activation: 'sigmoid',
};

describe('the wasm kernel', () => {
  it('is available in this runtime', () => {
    expect(isWasmKernelAvailable()).toBe(true);
  });

  it('trains the lesson to the reference weights and prediction', () => {
    expectSameTraining(LESSON, 20_000);
    const kernel = createWasmKernel(LESSON);
    kernel.run(20_000);
    const [a, b] = kernel.readWeights() as unknown as [number, number];
    expect(1 / (1 + Math.exp(-(a + b)))).toBeCloseTo(0.99996, 5);
  });

  it('matches the reference kernel with the sigmoid on every shape from 1 to 33 columns', () => {
    const rowCounts = [1, 2, 3, 4, 5, 7, 13, 64, 333, 1000];
    const rates = [0.1, 0.5, 1, 3];
    for (let cols = 1; cols <= 33; cols++) {
      rowCounts.forEach((rows, i) => {
        const learningRate = rates[(cols + i) % rates.length] as number;
        const problem = makeProblem({
          rows,
          cols,
          activation: 'sigmoid',
          learningRate,
          scale: 1,
          seed: cols * 97 + i,
        });
        expectSameTraining(problem, 4);
      });
    }
  });

  it('matches the reference kernel when large weights saturate the sigmoid to exactly 0 and 1', () => {
    for (const [rows, cols] of [
      [10, 3],
      [200, 17],
      [1000, 32],
    ] as const) {
      const problem = makeProblem({
        rows,
        cols,
        activation: 'sigmoid',
        learningRate: 2,
        scale: 400,
        seed: rows + cols,
      });
      expectSameTraining(problem, 20);
      expect(Number.isNaN(createWasmKernel(problem).run(3))).toBe(false);
    }
  });

  it('matches the step activation exactly on integer data, ties at z = 0 included', () => {
    for (const [rows, cols, learningRate] of [
      [4, 3, 1],
      [9, 5, 2],
      [100, 16, 3],
      [1000, 33, 1],
    ] as const) {
      const problem = makeProblem({
        rows,
        cols,
        activation: 'step',
        learningRate,
        scale: 2,
        integers: true,
        seed: rows,
      });
      expectSameTraining(problem, 50, 0);
    }
  });

  it('matches the step activation on real-valued data', () => {
    const problem = makeProblem({
      rows: 300,
      cols: 7,
      activation: 'step',
      learningRate: 0.1,
      scale: 1,
      seed: 5,
    });
    expectSameTraining(problem, 30);
  });

  it('gives the same result for run(a) then run(b) as for run(a + b), across call chunks', () => {
    const problem = makeProblem({
      rows: 13,
      cols: 5,
      activation: 'sigmoid',
      learningRate: 0.5,
      scale: 1,
      seed: 3,
    });
    const whole = createWasmKernel(problem);
    const split = createWasmKernel(problem);
    const loss = whole.run(2500);
    split.run(1000);
    expect(split.run(1500)).toBe(loss);
    expect(split.readWeights()).toEqual(whole.readWeights());
  });

  it('returns NaN for zero epochs and keeps its weights', () => {
    const kernel = createWasmKernel(LESSON);
    expect(kernel.run(0)).toBeNaN();
    expect(kernel.readWeights()).toEqual(LESSON.weights);
  });

  it('hands out copies of its weights and keeps its own copy of the problem', () => {
    const problem = makeProblem({
      rows: 5,
      cols: 4,
      activation: 'sigmoid',
      learningRate: 1,
      scale: 1,
      seed: 9,
    });
    const kernel = createWasmKernel(problem);
    const before = kernel.readWeights();
    before.fill(42);
    problem.weights.fill(7);
    problem.x.fill(7);
    expect(kernel.readWeights()).not.toContain(42);
    expect(kernel.readWeights()).not.toContain(7);
  });

  it('refuses to run after dispose', () => {
    const kernel = createWasmKernel(LESSON);
    kernel.dispose();
    expect(() => kernel.run(1)).toThrow(/disposed/);
    expect(() => kernel.readWeights()).toThrow(/disposed/);
  });

  it('rejects sizes that do not fit', () => {
    expect(() => createWasmKernel({ ...LESSON, rows: 3 })).toThrow(RangeError);
    expect(() =>
      createWasmKernel({ ...LESSON, rows: 0, x: new Float64Array(), y: new Float64Array() }),
    ).toThrow(RangeError);
    const wide = makeProblem({
      rows: 1,
      cols: 65,
      activation: 'sigmoid',
      learningRate: 1,
      scale: 1,
      seed: 1,
    });
    expect(() => createWasmKernel(wide)).toThrow(RangeError);
    expect(() => createWasmKernel(LESSON).run(-1)).toThrow(RangeError);
    expect(() => createWasmKernel(LESSON).run(1.5)).toThrow(RangeError);
  });
});

describe('the wasm kernel at the edges of its sizes', () => {
  it('trains 64 columns, its widest, and a single row, as the reference kernel does', () => {
    expectSameTraining(
      makeProblem({ rows: 3, cols: 64, activation: 'sigmoid', learningRate: 0.1, scale: 1, seed: 11 }),
      20,
    );
    expectSameTraining(
      makeProblem({ rows: 1, cols: 1, activation: 'sigmoid', learningRate: 1, scale: 1, seed: 12 }),
      20,
    );
  });

  it('says which size does not fit', () => {
    const wide = makeProblem({
      rows: 1,
      cols: 65,
      activation: 'sigmoid',
      learningRate: 1,
      scale: 1,
      seed: 1,
    });
    expect(() => createWasmKernel(wide)).toThrow(new RangeError('at most 64 columns'));
    const sizes = new RangeError('x, y and weights must hold rows * cols, rows and cols values');
    expect(() => createWasmKernel({ ...LESSON, y: Float64Array.of(0, 1, 1) })).toThrow(sizes);
    expect(() => createWasmKernel({ ...LESSON, weights: Float64Array.of(1, 2) })).toThrow(sizes);
    expect(() => createWasmKernel({ ...LESSON, x: LESSON.x.subarray(1) })).toThrow(sizes);
    const positive = (rows: number, cols: number) =>
      new RangeError(`rows and cols must be positive integers, got ${rows} x ${cols}`);
    expect(() =>
      createWasmKernel({ ...LESSON, rows: 0, x: new Float64Array(), y: new Float64Array() }),
    ).toThrow(positive(0, 3));
    expect(() => createWasmKernel({ ...LESSON, rows: 3.5 })).toThrow(positive(3.5, 3));
    expect(() =>
      createWasmKernel({ ...LESSON, cols: 0, x: new Float64Array(), weights: new Float64Array() }),
    ).toThrow(positive(4, 0));
    expect(() => createWasmKernel({ ...LESSON, cols: 2.5 })).toThrow(positive(4, 2.5));
  });

  it('grows its memory for a problem larger than the first page', () => {
    // 1000 rows of 32 columns: about 300 KB of rows, several pages.
    expectSameTraining(
      makeProblem({ rows: 1000, cols: 32, activation: 'sigmoid', learningRate: 0.01, scale: 1, seed: 13 }),
      3,
    );
  });
});

describe('the wasm sigmoid', () => {
  it('agrees with 1 / (1 + Math.exp(-z)) to 1e-15 from -800 to 800', () => {
    const z = Float64Array.from({ length: 160_001 }, (_, i) => -800 + i / 100 + (i % 7) * 1e-9);
    const actual = computeWasmSigmoid(z);
    let worst = 0;
    z.forEach((value, i) => {
      const expected = 1 / (1 + Math.exp(-value));
      const error =
        expected === 0 ? (actual[i] as number) : Math.abs((actual[i] as number) - expected) / expected;
      worst = Math.max(worst, error);
    });
    expect(worst).toBeLessThanOrEqual(1e-15);
  });

  it('saturates to exactly 0 and 1 without NaN', () => {
    const actual = computeWasmSigmoid(Float64Array.of(-800, 800, -1e6, 1e6, -Infinity, Infinity, 0, -745.2));
    expect([...actual]).toEqual([0, 1, 0, 1, 0, 1, 0.5, 0]);
    expect(computeWasmSigmoid(Float64Array.of(Number.NaN))[0]).toBeNaN();
  });
});

describe('the wasm kernel in a worker thread', () => {
  it('trains there to the same weights as here', async () => {
    const kernelModule = new URL('../../../src/core/kernel/wasm-kernel.ts', import.meta.url).href;
    // The worker loads the TypeScript source through tsx, resolved from the repository root.
    const source = `
      import { parentPort, workerData } from 'node:worker_threads';
      const { register } = await import('tsx/esm/api');
      register();
      const { createWasmKernel } = await import(workerData.kernelModule);
      const kernel = createWasmKernel(workerData.problem);
      kernel.run(5000);
      parentPort.postMessage(kernel.readWeights());`;
    const worker = new Worker(source, { eval: true, workerData: { kernelModule, problem: LESSON } });
    const weights = await new Promise<Float64Array>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const here = createWasmKernel(LESSON);
    here.run(5000);
    expect(weights).toEqual(here.readWeights());
  });
});
