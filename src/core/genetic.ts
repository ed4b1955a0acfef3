/**
 * The genetic algorithm, one generation per epoch. Every random number comes from numpy's legacy
 * MT19937 (numpy-random.ts) seeded with the perceptron's seed, drawn in exactly this order, so that
 * scripts/make-method-reference.py makes the same selections and weights:
 *
 * A new run: `rng = np.random.RandomState(seed)`; `rng.random_sample(cols)` (the starting weights'
 * draws, discarded); individual 0 is the current weights, individuals 1..P-1 are
 * `2 * rng.random_sample((P - 1, cols)) - 1`, row by row.
 *
 * A generation: each individual's fitness is its mean squared error on the rows (no draws). The ranking
 * is `np.argsort(fitness, kind='stable')` (ties by index, NaN last). The 2 best go on unchanged. Then for
 * each child 2..P-1 in turn: parent a is the best-ranked of three ranks `int(rng.random_sample() * P)`,
 * then parent b the same way; `take = rng.random_sample(cols) < 0.5` picks a's weight where true, else
 * b's; `mutate = rng.random_sample(cols) < 0.1`; the mutated weights, in column order, each get
 * `0.5 * rng.standard_normal()` added (legacy polar Box-Muller, its second value cached across calls).
 * The model's weights are then the best individual, whose loss is the generation's loss.
 */
import { meetsRule, type Scorer, type StopRule } from './kernel/kernel-types.js';
import { NumpyRandom } from './numpy-random.js';
import type { Activation, GeneticState } from './types.js';

/**
 * The algorithm's fixed numbers, as described above: the best that go on unchanged, the ranks a parent
 * is picked from, the chance a child takes parent a's weight, and how often and how far a weight mutates.
 */
const GA = { elites: 2, tournament: 3, crossover: 0.5, mutationRate: 0.1, mutationSigma: 0.5 } as const;

export interface GeneticProblem {
  rows: number;
  cols: number;
  x: Float64Array;
  y: Float64Array;
  activation: Activation;
  /** The weights the run starts from: individual 0 of a new population. */
  weights: Float64Array;
  seed: number;
  size: number;
  /** Continue this run; a state for another size or width is ignored and a new run starts. */
  state?: GeneticState;
  stop?: StopRule;
  /** Computes the fitness. */
  scorer: Scorer;
}

/** A genetic run between generations, with the interface of a training kernel. */
export interface GeneticRun {
  /** Runs up to `generations` generations, fewer when the best meets the stop rule; returns its loss. */
  run(generations: number): number;
  lastEpochs(): number;
  /** True when the last run() ended because the best met the stop rule. */
  reached(): boolean;
  readWeights(): Float64Array;
  readState(): GeneticState;
}

/** Starts or continues a genetic run on the problem. */
export function createGeneticRun(problem: GeneticProblem): GeneticRun {
  const { rows, cols, size, stop } = problem;
  if (!Number.isInteger(size) || size <= GA.elites)
    throw new RangeError(`population must be above ${GA.elites}`);
  const continued = fitsState(problem) ? problem.state : undefined;
  const random = continued ? NumpyRandom.restore(continued.random) : new NumpyRandom(problem.seed);
  let population: Float64Array[] = continued
    ? continued.population.map((weights) => Float64Array.from(weights))
    : drawPopulation(random, problem.weights, size);
  let best: Float64Array = continued
    ? Float64Array.from(continued.population[0] as number[])
    : Float64Array.from(problem.weights);
  let lastEpochs = 0;
  let reached = false;
  const scores = new Float64Array(size);
  const wrong = new Int32Array(size);

  const generation = (): number => {
    population.forEach((weights, i) => {
      const score = problem.scorer.score(weights);
      scores[i] = score.squaredError;
      wrong[i] = score.wrong;
    });
    const order = rankStable(scores);
    const ranked = order.map((i) => population[i] as Float64Array);
    const next: Float64Array[] = ranked.slice(0, GA.elites).map((weights) => Float64Array.from(weights));
    while (next.length < size) next.push(breed(random, ranked, cols));
    population = next;
    best = population[0] as Float64Array;
    return order[0] as number;
  };

  return {
    run(generations) {
      let loss = Number.NaN;
      reached = false;
      for (lastEpochs = 0; lastEpochs < generations && !reached; lastEpochs++) {
        const top = generation();
        loss = (scores[top] as number) / rows;
        reached = meetsRule(stop, loss, wrong[top] as number);
      }
      return loss;
    },
    lastEpochs: () => lastEpochs,
    reached: () => reached,
    readWeights: () => Float64Array.from(best),
    readState: () => ({
      method: 'genetic',
      population: population.map((weights) => Array.from(weights)),
      random: random.save(),
    }),
  };
}

function fitsState({ state, size, cols }: GeneticProblem): boolean {
  return state !== undefined && state.population.length === size && state.population[0]?.length === cols;
}

function drawPopulation(random: NumpyRandom, start: Float64Array, size: number): Float64Array[] {
  for (let c = 0; c < start.length; c++) random.random();
  const drawn = Array.from({ length: size - 1 }, () => start.map(() => 2 * random.random() - 1));
  return [Float64Array.from(start), ...drawn];
}

/** Indices by ascending score, ties by index and NaN last: numpy's argsort(kind='stable'). */
function rankStable(scores: Float64Array): number[] {
  return Array.from(scores.keys()).sort((a, b) => {
    const nanA = Number.isNaN(scores[a]);
    if (nanA || Number.isNaN(scores[b])) return nanA === Number.isNaN(scores[b]) ? a - b : nanA ? 1 : -1;
    return (scores[a] as number) - (scores[b] as number) || a - b;
  });
}

function breed(random: NumpyRandom, ranked: Float64Array[], cols: number): Float64Array {
  const a = ranked[pickParent(random, ranked.length)] as Float64Array;
  const b = ranked[pickParent(random, ranked.length)] as Float64Array;
  const child = new Float64Array(cols);
  for (let c = 0; c < cols; c++)
    child[c] = random.random() < GA.crossover ? (a[c] as number) : (b[c] as number);
  const mutate = new Uint8Array(cols);
  for (let c = 0; c < cols; c++) mutate[c] = random.random() < GA.mutationRate ? 1 : 0;
  for (let c = 0; c < cols; c++) {
    if (mutate[c]) child[c] = (child[c] as number) + GA.mutationSigma * random.standardNormal();
  }
  return child;
}

/** Tournament selection: the best rank of three drawn with replacement. */
function pickParent(random: NumpyRandom, size: number): number {
  let best = size;
  for (let i = 0; i < GA.tournament; i++) best = Math.min(best, Math.floor(random.random() * size));
  return best;
}
