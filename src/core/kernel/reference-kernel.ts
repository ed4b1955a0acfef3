import type {
  KernelFactory,
  KernelProblem,
  RpropMemory,
  ScorerFactory,
  TrainingKernel,
} from './kernel-types.js';
import { meetsRule, RPROP } from './kernel-types.js';

/**
 * The lesson's update in plain TypeScript, written to mirror numpy step by step:
 * out = f(X @ w); g = X.T @ delta, with delta = (y - out) * out * (1 - out) for sigmoid
 * and delta = y - out for step (the perceptron rule); then w += lr * g, or iRprop-'s step on the sign of
 * g. Other kernels are tested against this one.
 */
export const createReferenceKernel: KernelFactory = (problem: KernelProblem): TrainingKernel => {
  const { rows, cols, x, y, learningRate, activation, stop } = problem;
  const weights = Float64Array.from(problem.weights);
  const rprop = problem.rprop && copyMemory(problem.rprop);
  const gradient = new Float64Array(cols);
  const delta = new Float64Array(rows);
  const sigmoid = activation === 'sigmoid';
  let lastEpochs = 0;

  /** Outputs and deltas of the current weights; returns the squared error and the rows of the wrong class. */
  const forward = (): { squaredError: number; wrong: number } => {
    let squaredError = 0;
    let wrong = 0;
    for (let r = 0; r < rows; r++) {
      let z = 0;
      for (let c = 0; c < cols; c++) z += (x[r * cols + c] as number) * (weights[c] as number);
      const o = sigmoid ? 1 / (1 + Math.exp(-z)) : z > 0 ? 1 : 0;
      const target = y[r] as number;
      const error = target - o;
      delta[r] = sigmoid ? error * o * (1 - o) : error;
      squaredError += error * error;
      if (o >= 0.5 !== target >= 0.5) wrong += 1;
    }
    return { squaredError, wrong };
  };

  const update = (): void => {
    for (let c = 0; c < cols; c++) {
      let g = 0;
      for (let r = 0; r < rows; r++) g += (x[r * cols + c] as number) * (delta[r] as number);
      gradient[c] = g;
    }
    if (rprop) stepRprop(weights, gradient, rprop);
    else
      for (let c = 0; c < cols; c++)
        weights[c] = (weights[c] as number) + learningRate * (gradient[c] as number);
  };

  return {
    run(epochs) {
      let loss = Number.NaN;
      lastEpochs = 0;
      while (lastEpochs < epochs) {
        const { squaredError, wrong } = forward();
        loss = squaredError / rows;
        if (meetsRule(stop, loss, wrong)) break;
        update();
        lastEpochs += 1;
      }
      return loss;
    },
    lastEpochs: () => lastEpochs,
    readWeights: () => Float64Array.from(weights),
    readRprop: () => rprop && copyMemory(rprop),
    dispose: () => {},
  };
};

/**
 * One iRprop- update on the ascent direction g (the lesson adds g): a step grows 1.2x while g keeps its
 * sign and halves when it flips, and then that weight waits an epoch (its stored gradient becomes 0).
 */
function stepRprop(weights: Float64Array, gradient: Float64Array, memory: RpropMemory): void {
  const { steps, previousGradient } = memory;
  for (let c = 0; c < weights.length; c++) {
    let g = gradient[c] as number;
    const product = g * (previousGradient[c] as number);
    if (product > 0) steps[c] = Math.min((steps[c] as number) * RPROP.grow, RPROP.maxStep);
    else if (product < 0) {
      steps[c] = Math.max((steps[c] as number) * RPROP.shrink, RPROP.minStep);
      g = 0;
    }
    const sign = g > 0 ? 1 : g < 0 ? -1 : 0;
    weights[c] = (weights[c] as number) + sign * (steps[c] as number);
    previousGradient[c] = g;
  }
}

function copyMemory(memory: RpropMemory): RpropMemory {
  return {
    steps: Float64Array.from(memory.steps),
    previousGradient: Float64Array.from(memory.previousGradient),
  };
}

/** The genetic algorithm's fitness in plain TypeScript, summing as the reference kernel does. */
export const createReferenceScorer: ScorerFactory = ({ rows, cols, x, y, activation }) => ({
  score(weights) {
    let squaredError = 0;
    let wrong = 0;
    for (let r = 0; r < rows; r++) {
      let z = 0;
      for (let c = 0; c < cols; c++) z += (x[r * cols + c] as number) * (weights[c] as number);
      const o = activation === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z > 0 ? 1 : 0;
      const target = y[r] as number;
      squaredError += (target - o) * (target - o);
      if (o >= 0.5 !== target >= 0.5) wrong += 1;
    }
    return { squaredError, wrong };
  },
  dispose: () => {},
});
