import type { KernelProblem, ScorerFactory } from './kernel-types.js';
import { instantiate, planLayout, writeProblem } from './wasm-memory.js';

/** The genetic algorithm's fitness in WebAssembly SIMD: each weight vector is copied in and scored. */
export const createWasmScorer: ScorerFactory = (problem) => {
  const full: KernelProblem = { ...problem, weights: new Float64Array(problem.cols), learningRate: 0 };
  const layout = planLayout(full);
  const kernel = instantiate(layout);
  writeProblem(kernel.memory.buffer, layout, full);
  const step = problem.activation === 'step' ? 1 : 0;
  const { x, y, m, z, d, rowBytes, colBytes } = layout;
  return {
    score(weights) {
      new Float64Array(kernel.memory.buffer, 0, problem.cols).set(weights);
      const squaredError = kernel.score(x, y, m, z, d, rowBytes, colBytes, step);
      return { squaredError, wrong: kernel.wrongRows.value };
    },
    dispose: () => {},
  };
};
