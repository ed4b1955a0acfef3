import type { KernelFactory, KernelProblem, TrainingKernel } from './kernel-types.js';

/**
 * The lesson's update in plain TypeScript, written to mirror numpy step by step:
 * out = f(X @ w); w += lr * X.T @ delta, with delta = (y - out) * out * (1 - out) for sigmoid
 * and delta = y - out for step (the perceptron rule). Other kernels are tested against this one.
 */
export const createReferenceKernel: KernelFactory = (problem: KernelProblem): TrainingKernel => {
  const { rows, cols, x, y, learningRate, activation } = problem;
  const weights = Float64Array.from(problem.weights);
  const out = new Float64Array(rows);
  const delta = new Float64Array(rows);
  const sigmoid = activation === 'sigmoid';

  const runEpoch = (): number => {
    let squaredError = 0;
    for (let r = 0; r < rows; r++) {
      let z = 0;
      for (let c = 0; c < cols; c++) z += (x[r * cols + c] as number) * (weights[c] as number);
      const o = sigmoid ? 1 / (1 + Math.exp(-z)) : z > 0 ? 1 : 0;
      const error = (y[r] as number) - o;
      out[r] = o;
      delta[r] = sigmoid ? error * o * (1 - o) : error;
      squaredError += error * error;
    }
    for (let c = 0; c < cols; c++) {
      let g = 0;
      for (let r = 0; r < rows; r++) g += (x[r * cols + c] as number) * (delta[r] as number);
      weights[c] = (weights[c] as number) + learningRate * g;
    }
    return squaredError / rows;
  };

  return {
    run(epochs) {
      let loss = Number.NaN;
      for (let e = 0; e < epochs; e++) loss = runEpoch();
      return loss;
    },
    readWeights: () => Float64Array.from(weights),
    dispose: () => {},
  };
};
