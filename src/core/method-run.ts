import { findFiniteEpochs, isFiniteStep } from './find-finite-epochs.js';
import { createGeneticRun } from './genetic.js';
import type { KernelFactory, KernelProblem, RpropMemory, ScorerFactory } from './kernel/kernel-types.js';
import { createRpropMemory } from './kernel/kernel-types.js';
import { methodOf, populationOf } from './model.js';
import type { GeneticState, MethodState, ModelState } from './types.js';

/**
 * Where a run stands after some epochs: the weights, the method's memory and the last loss. iRprop-'s
 * memory stays in typed arrays between chunks; stateOf() makes it plain JSON once, at the end.
 */
export interface RunPoint {
  weights: Float64Array;
  rprop?: RpropMemory;
  genetic?: GeneticState;
  loss: number;
}

/** The method state to store for a point. */
export function stateOf(point: RunPoint): MethodState | undefined {
  if (point.genetic) return point.genetic;
  if (!point.rprop) return undefined;
  const { steps, previousGradient } = point.rprop;
  return { method: 'rprop', steps: Array.from(steps), previousGradient: Array.from(previousGradient) };
}

export interface ChunkRun {
  epochs: number;
  point: RunPoint;
  diverged: boolean;
  /** The stop rule ended the chunk: the weights at `point` meet it. */
  reached: boolean;
}

/** One training of any method, run chunk by chunk. */
export interface MethodRun {
  /**
   * Runs up to `count` epochs from `from` (where the last chunk ended) and returns where they end, or
   * when they end beyond finite numbers, the most epochs that did not (then `diverged` is true).
   */
  runChunk(from: RunPoint, count: number): ChunkRun;
  dispose(): void;
}

/** The memory a method continues from: stored with the model, or a new run's. */
export function startState(model: ModelState, cols: number): MethodState | undefined {
  const stored = model.methodState;
  const method = methodOf(model.settings);
  if (method === 'gd') return undefined;
  if (stored?.method === method) return stored;
  if (method === 'genetic') return undefined;
  const memory = createRpropMemory(cols);
  return {
    method: 'rprop',
    steps: Array.from(memory.steps),
    previousGradient: Array.from(memory.previousGradient),
  };
}

/** What runs the epochs: a kernel for gd and rprop, a scorer for the genetic algorithm's fitness. */
export interface MethodEngines {
  kernel: KernelFactory;
  scorer: ScorerFactory;
}

/** A run of the model's method on the laid-out problem, from its current weights and method state. */
export function createMethodRun(
  model: ModelState,
  problem: KernelProblem,
  engines: MethodEngines,
): MethodRun {
  if (methodOf(model.settings) !== 'genetic') return createKernelRun(problem, engines.kernel);
  const scorer = engines.scorer(problem);
  const genetic = createGeneticRun({
    ...problem,
    scorer,
    seed: model.settings.seed,
    size: populationOf(model.settings),
    ...(model.methodState?.method === 'genetic' ? { state: model.methodState } : {}),
  });
  return {
    runChunk(from, count) {
      const loss = genetic.run(count);
      const weights = genetic.readWeights();
      if (!isFiniteStep(weights, loss)) return { epochs: 0, point: from, diverged: true, reached: false };
      const point = { weights, genetic: genetic.readState(), loss };
      return { epochs: genetic.lastEpochs(), point, diverged: false, reached: genetic.reached() };
    },
    dispose: () => scorer.dispose(),
  };
}

function createKernelRun(problem: KernelProblem, factory: KernelFactory): MethodRun {
  const kernel = factory(problem);
  return {
    runChunk(from, count) {
      const loss = kernel.run(count);
      const weights = kernel.readWeights();
      if (isFiniteStep(weights, loss)) {
        const rprop = kernel.readRprop();
        const point = { weights, loss, ...(rprop ? { rprop } : {}) };
        const epochs = kernel.lastEpochs();
        return { epochs, point, diverged: false, reached: epochs < count };
      }
      const start = { ...problem, weights: from.weights, rprop: from.rprop };
      const found = findFiniteEpochs(factory, start, count);
      const point = found.epochs > 0 ? found : from;
      return { epochs: found.epochs, point, diverged: true, reached: false };
    },
    dispose: () => kernel.dispose(),
  };
}

/** iRprop-'s stored memory laid out for a kernel; undefined for other methods. */
export function toMemory(state: MethodState | undefined): RpropMemory | undefined {
  if (state?.method !== 'rprop') return undefined;
  return {
    steps: Float64Array.from(state.steps),
    previousGradient: Float64Array.from(state.previousGradient),
  };
}
