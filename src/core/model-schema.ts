/**
 * The perceptron's shapes as zod schemas, the one source of the types in types.ts. These are the bounds
 * of stored documents, kept as wide as the bot ever wrote them (a stored document that fails is moved
 * aside); a perceptron file, which comes from outside, is held to narrower ones (see
 * src/files/perceptron-file-schema.ts). zod checks data and does nothing else: the core stays free of
 * Telegram, storage and the environment.
 */
import { z } from 'zod';
import { MAX_SEED } from './numpy-random.js';
import { ACTIVATIONS, MIN_POPULATION, TRAINING_METHODS } from './types.js';

const whole = z.number().int().nonnegative();

/** One training example: inputs and the wanted output. Stored rows are never changed in place. */
export const rowSchema = z.object({ inputs: z.array(z.number()).min(1).readonly(), output: z.number() });

// The methods came later: their fields are optional, so files from before them still load.
export const settingsSchema = z.object({
  activation: z.enum(ACTIVATIONS),
  /** An extra weight on a constant input of 1 (off in the lesson, whose third column plays that role). */
  bias: z.boolean(),
  learningRate: z.number(),
  /** Epochs for one /train without an explicit count. */
  epochs: z.number().int().positive(),
  /** Seed of numpy's legacy MT19937 generator for the initial weights (and the genetic algorithm). */
  seed: whole,
  /** Absent: 'gd', the lesson's rule (files from before the methods have none). */
  method: z.enum(TRAINING_METHODS).optional(),
  /** Individuals of the genetic algorithm; absent: DEFAULT_POPULATION. */
  population: z.number().int().min(MIN_POPULATION).optional(),
  /** Stop as soon as the loss is at or below this (step activation: accuracy 100%); absent: off. */
  target: z.number().positive().optional(),
});

/** A generator's whole state, like numpy's `get_state()`: key, position and cached normal. */
export const randomStateSchema = z.object({
  key: z.array(z.number().int().min(0).max(MAX_SEED)).length(624),
  index: z.number().int().min(0).max(624),
  /** The second value of the last polar Box-Muller pair, not yet handed out. */
  gauss: z.number().optional(),
});

/** What RProp or the genetic algorithm needs to go on with the same run. */
export const methodStateSchema = z.discriminatedUnion('method', [
  /** iRprop-'s memory: each weight's step size and the gradient of the last epoch (zeroed after a flip). */
  z.object({ method: z.literal('rprop'), steps: z.array(z.number()), previousGradient: z.array(z.number()) }),
  /** The genetic algorithm's memory: the next generation to evaluate and the generator's state. */
  z.object({
    method: z.literal('genetic'),
    population: z.array(z.array(z.number())),
    random: randomStateSchema,
  }),
]);

export const lossPointSchema = z.object({ epoch: z.number(), loss: z.number() });

/** The weights after `epoch` epochs in all (0: the starting weights). */
export const weightSnapshotSchema = z.object({
  epoch: whole,
  weights: z.array(z.number()),
  bias: z.number().optional(),
  /** The loss training reported at this epoch; absent before any epoch ran. */
  loss: z.number().optional(),
});

/** A perceptron as plain JSON: what is stored, sent to a worker and restored. */
export const modelSchema = z.object({
  version: z.literal(1),
  settings: settingsSchema,
  /** Number of inputs the weights were made for. */
  inputs: z.number().int().positive(),
  weights: z.array(z.number()),
  /** Present only when settings.bias is on. */
  bias: z.number().optional(),
  initialWeights: z.array(z.number()),
  initialBias: z.number().optional(),
  epochsTrained: whole,
  /** Sampled loss curve over all epochs trained, at most LOSS_HISTORY_LIMIT points. */
  lossHistory: z.array(lossPointSchema),
  /** Absent for gd or a new run. */
  methodState: methodStateSchema.optional(),
  /** Epochs trained when each later training went on from the earlier ones ("train more"), oldest first. */
  continuedAt: z.array(whole).optional(),
  /** Weights sampled across the last training, at most SNAPSHOT_LIMIT of them, for its replay. */
  lastRun: z.array(weightSnapshotSchema).optional(),
  /**
   * The most rows one training of these weights ran on since they were made: what a class exercise
   * counts, whatever rows are left afterwards. Absent before the first training, and in models stored
   * before the count was kept (see rowsTrainedOf).
   */
  rowsTrained: whole.optional(),
});
