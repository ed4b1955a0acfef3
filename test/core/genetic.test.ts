import { describe, expect, it } from 'vitest';
import { createGeneticRun, type GeneticProblem } from '../../src/core/genetic.js';
import type { Scorer } from '../../src/core/kernel/kernel-types.js';
import { createReferenceScorer } from '../../src/core/kernel/reference-kernel.js';

// The lesson's rows: 4 rows of 3 inputs.
const x = Float64Array.from([0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1]);
const y = Float64Array.from([0, 1, 1, 0]);
const start = Float64Array.from([-0.16595599, 0.44064899, -0.99977125]);

function problem(change: Partial<GeneticProblem> = {}): GeneticProblem {
  const base = { rows: 4, cols: 3, x, y, activation: 'sigmoid' as const, weights: start, seed: 1, size: 6 };
  return { ...base, scorer: createReferenceScorer(base), ...change };
}

/** A fitness that gives every individual `score(weights)` and counts every row as wrong. */
const scoring = (score: (weights: Float64Array) => number): Scorer => ({
  score: (weights) => ({ squaredError: score(weights), wrong: 4 }),
  dispose: () => {},
});

const isStart = (weights: Float64Array) => weights.every((w, i) => w === start[i]);

describe('createGeneticRun', () => {
  it('needs more individuals than the 2 that go on unchanged', () => {
    for (const size of [2, 0, 3.5])
      expect(() => createGeneticRun(problem({ size })), String(size)).toThrow(RangeError);
    expect(() => createGeneticRun(problem({ size: 2 }))).toThrow(
      new RangeError('population must be above 2'),
    );
    expect(createGeneticRun(problem({ size: 3 })).run(2)).toBeGreaterThan(0);
  });

  it('keeps the current weights the best while every individual scores the same: ties go by rank', () => {
    const run = createGeneticRun(problem({ scorer: scoring(() => 1) }));
    expect(run.run(3)).toBe(0.25);
    expect(Array.from(run.readWeights())).toEqual(Array.from(start));
  });

  it('ranks an individual whose fitness is not a number last', () => {
    const run = createGeneticRun(problem({ scorer: scoring((w) => (isStart(w) ? Number.NaN : 1)) }));
    expect(run.run(1)).toBe(0.25);
    expect(isStart(run.readWeights())).toBe(false);
    const [, second] = run.readState().population;
    expect(second).not.toEqual(Array.from(start));
  });

  it('ranks individuals whose fitness is not a number among themselves by index', () => {
    const run = createGeneticRun(problem({ scorer: scoring(() => Number.NaN) }));
    expect(run.run(2)).toBeNaN();
    expect(Array.from(run.readWeights())).toEqual(Array.from(start));
  });

  it('ranks ties by index in a population sorted in runs, as numpy’s stable argsort', () => {
    // 64 individuals are sorted in two runs of 32 and then merged; ties sit on both sides of the merge.
    // Breaking each tie by index by hand must change nothing, and neither must a fitness that is not a
    // number, which ranks last, as the highest finite one would.
    const size = 64;
    const population = createGeneticRun(problem({ size })).readState().population;
    const indexOf = (w: Float64Array) => population.findIndex((p) => p.every((v, i) => v === w[i]));
    const group = (i: number) => (i < 30 ? 1 : i < 32 ? 2 : i < 40 ? 0 : 2);
    const nextPopulation = (score: (i: number) => number) => {
      const run = createGeneticRun(problem({ size, scorer: scoring((w) => score(indexOf(w))) }));
      run.run(1);
      return run.readState().population;
    };
    const byIndex = nextPopulation((i) => group(i) + i * 1e-6);
    expect(nextPopulation(group)).toEqual(byIndex);
    expect(nextPopulation((i) => (group(i) === 2 ? Number.NaN : group(i)))).toEqual(byIndex);
  });

  it('has reached nothing before it runs', () => {
    const run = createGeneticRun(problem({ stop: { loss: 1 } }));
    expect(run.reached()).toBe(false);
    expect(run.lastEpochs()).toBe(0);
    run.run(3);
    expect(run.reached()).toBe(true);
    expect(run.lastEpochs()).toBe(1);
  });

  it('ranks by fitness, the lowest first', () => {
    // The further the first weight from 0.3, the worse: after a few generations the best is nearer.
    const distance = (w: Float64Array) => Math.abs((w[0] as number) - 0.3);
    const run = createGeneticRun(problem({ scorer: scoring(distance), size: 8 }));
    const first = run.run(1);
    const later = run.run(5);
    expect(later).toBeLessThanOrEqual(first);
    expect(later * 4).toBe(distance(run.readWeights()));
    expect(first * 4).toBeLessThan(distance(start));
  });

  it('stops at the first generation whose best meets the rule, and says so', () => {
    const run = createGeneticRun(problem({ stop: { loss: 0.2 } }));
    const loss = run.run(50);
    expect(run.reached()).toBe(true);
    expect(run.lastEpochs()).toBeLessThan(50);
    expect(loss).toBeLessThanOrEqual(0.2);
    const fresh = createGeneticRun(problem());
    const losses = Array.from({ length: run.lastEpochs() }, () => fresh.run(1));
    expect(losses.at(-1)).toBe(loss);
    expect(losses.slice(0, -1).every((value) => value > 0.2)).toBe(true);
    run.run(0);
    expect(run.reached()).toBe(false);
  });

  it('continues a saved run, and starts anew from a state of another size or width', () => {
    const whole = createGeneticRun(problem());
    whole.run(5);
    const first = createGeneticRun(problem());
    first.run(2);
    const state = first.readState();
    const continued = createGeneticRun(problem({ state }));
    continued.run(3);
    expect(continued.readState()).toEqual(whole.readState());

    const fresh = createGeneticRun(problem({ size: 7 }));
    fresh.run(2);
    const resized = createGeneticRun(problem({ size: 7, state }));
    resized.run(2);
    expect(resized.readState()).toEqual(fresh.readState());

    const narrow = {
      rows: 4,
      cols: 2,
      x: x.filter((_, i) => i % 3 !== 2),
      y,
      activation: 'sigmoid' as const,
    };
    const twoColumns = { ...narrow, weights: start.subarray(0, 2), seed: 1, size: 6 };
    const plain = createGeneticRun({ ...twoColumns, scorer: createReferenceScorer(narrow) });
    plain.run(2);
    const narrowed = createGeneticRun({ ...twoColumns, scorer: createReferenceScorer(narrow), state });
    narrowed.run(2);
    expect(narrowed.readState()).toEqual(plain.readState());
  });

  it('hands out copies of the best weights', () => {
    const run = createGeneticRun(problem());
    run.run(2);
    const weights = run.readWeights();
    weights.fill(9);
    expect(run.readWeights()).not.toEqual(weights);
    expect(run.readState().population[0]).toEqual(Array.from(run.readWeights()));
  });
});
