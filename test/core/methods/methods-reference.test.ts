import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KernelFactory, ScorerFactory } from '../../../src/core/kernel/kernel-types.js';
import { createReferenceKernel, createReferenceScorer } from '../../../src/core/kernel/reference-kernel.js';
import { createWasmKernel } from '../../../src/core/kernel/wasm-kernel.js';
import { createWasmScorer } from '../../../src/core/kernel/wasm-scorer.js';
import { createModel } from '../../../src/core/model.js';
import { NumpyRandom } from '../../../src/core/numpy-random.js';
import { trainModel } from '../../../src/core/train.js';
import { type Activation, DEFAULT_SETTINGS, type ModelState, type Row } from '../../../src/core/types.js';

interface RpropCase {
  data: string;
  seed: number;
  epochs: number;
  target: number | null;
  weights: number[];
  steps: number[];
  previousGradient: number[];
  losses: number[];
  epochsRun: number;
}

interface GeneticCase {
  data: string;
  seed: number;
  generations: number;
  population: number;
  activation: Activation;
  weights: number[];
  finalPopulation: number[][];
  bestLosses: number[];
  nextRandom: number;
}

const reference: {
  data: Record<string, { x: number[][]; y: number[] }>;
  rprop: RpropCase[];
  genetic: GeneticCase[];
  normals: { seed: number; values: number[] };
} = JSON.parse(readFileSync(new URL('../../fixtures/methods-reference.json', import.meta.url), 'utf8'));

const rowsOf = (name: string): Row[] => {
  const { x, y } = reference.data[name] as { x: number[][]; y: number[] };
  return x.map((inputs, i) => ({ inputs, output: y[i] as number }));
};

/** |a - b| <= 1e-9 |b|: relative, also for tiny numbers. */
function expectRelative(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    const want = expected[i] as number;
    expect(Math.abs(value - want), `index ${i}: ${value} vs ${want}`).toBeLessThanOrEqual(
      1e-9 * Math.abs(want),
    );
  });
}

function modelFor(rows: Row[], settings: Partial<ModelState['settings']>): ModelState {
  return createModel({ ...DEFAULT_SETTINGS, ...settings }, (rows[0] as Row).inputs.length);
}

const kernels: [string, KernelFactory][] = [
  ['TypeScript reference', createReferenceKernel],
  ['WebAssembly', createWasmKernel],
];

describe.each(kernels)('iRprop- on the %s kernel against numpy', (_name, kernel) => {
  it.each(reference.rprop.map((c) => [`${c.data}, seed ${c.seed}, target ${c.target}`, c] as const))(
    '%s',
    (_label, c) => {
      const rows = rowsOf(c.data);
      const target = c.target === null ? {} : { target: c.target };
      const model = modelFor(rows, { seed: c.seed, method: 'rprop', ...target });
      const result = trainModel(model, rows, { epochs: c.epochs, kernel });
      expect(result.epochsRun).toBe(c.epochsRun);
      expect(result.reachedTarget).toBe(c.target !== null);
      expectRelative(result.model.weights, c.weights);
      const state = result.model.methodState;
      expect(state?.method).toBe('rprop');
      if (state?.method !== 'rprop') return;
      expectRelative(state.steps, c.steps);
      expectRelative(state.previousGradient, c.previousGradient);
      if (c.target === null) expectRelative([result.loss], [c.losses.at(-1) as number]);
    },
  );
});

const scorers: [string, ScorerFactory][] = [
  ['TypeScript', createReferenceScorer],
  ['WebAssembly', createWasmScorer],
];

describe.each(scorers)('the genetic algorithm with the %s fitness against numpy', (_name, scorer) => {
  it.each(
    reference.genetic.map(
      (c) => [`${c.data}, seed ${c.seed}, ${c.population} individuals, ${c.activation}`, c] as const,
    ),
  )('%s: the same selections, so the same population', (_label, c) => {
    const rows = rowsOf(c.data);
    const model = modelFor(rows, {
      seed: c.seed,
      method: 'genetic',
      population: c.population,
      activation: c.activation,
    });
    const result = trainModel(model, rows, { epochs: c.generations, scorer });
    expect(result.epochsRun).toBe(c.generations);
    expectRelative(result.model.weights, c.weights);
    const state = result.model.methodState;
    if (state?.method !== 'genetic') throw new Error('no genetic state kept');
    for (const [i, individual] of state.population.entries()) {
      expectRelative(individual, c.finalPopulation[i] as number[]);
    }
    expect(NumpyRandom.restore(state.random).random()).toBe(c.nextRandom);
    expectRelative([result.loss], [c.bestLosses.at(-1) as number]);
    expectRelative(
      result.model.lossHistory.map((point) => point.loss),
      c.bestLosses,
    );
  });
});

describe("numpy's legacy standard_normal", () => {
  it('gives the same values, the cached second of each pair included', () => {
    const random = new NumpyRandom(reference.normals.seed);
    expectRelative(
      Array.from(reference.normals.values, () => random.standardNormal()),
      reference.normals.values,
    );
  });
});
