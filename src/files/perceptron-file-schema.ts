import { z } from 'zod';
import { MAX_SEED } from '../core/numpy-random.js';
import {
  CONTINUED_LIMIT,
  LOSS_HISTORY_LIMIT,
  MIN_POPULATION,
  SNAPSHOT_LIMIT,
  TRAINING_METHODS,
} from '../core/types.js';
import { PERCEPTRON_FILE_FORMAT, PERCEPTRON_FILE_VERSION } from './perceptron-file.js';

const finite = z.number().refine(Number.isFinite);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const word = z.number().int().min(0).max(MAX_SEED);
/** RProp's steps or the genetic population with its generator: stored files and perceptron files alike. */
export const methodStateSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('rprop'), steps: z.array(finite), previousGradient: z.array(finite) }),
  z.object({
    method: z.literal('genetic'),
    population: z.array(z.array(finite)),
    random: z.object({
      key: z.array(word).length(624),
      index: z.number().int().min(0).max(624),
      gauss: finite.optional(),
    }),
  }),
]);
/** Types and ranges of every field; how the fields fit together is checked by readPerceptronFile. */
export const fileSchema = z.object({
  format: z.literal(PERCEPTRON_FILE_FORMAT),
  version: z.literal(PERCEPTRON_FILE_VERSION),
  settings: z.object({
    activation: z.enum(['sigmoid', 'step']),
    bias: z.boolean(),
    learningRate: finite.positive(),
    epochs: z.number().int().positive(),
    seed: z.number().int().nonnegative().max(MAX_SEED),
    method: z.enum(TRAINING_METHODS).optional(),
    population: z.number().int().min(MIN_POPULATION).optional(),
    target: finite.positive().lt(1).optional(),
  }),
  columns: z.object({ inputs: z.array(z.string()), output: z.string() }).optional(),
  model: z
    .object({
      inputs: z.number().int().positive(),
      weights: z.array(finite),
      bias: finite.optional(),
      initialWeights: z.array(finite),
      initialBias: finite.optional(),
      epochsTrained: count,
      lossHistory: z.array(z.object({ epoch: count, loss: finite })).max(LOSS_HISTORY_LIMIT),
      methodState: methodStateSchema.optional(),
      continuedAt: z.array(count).max(CONTINUED_LIMIT).optional(),
      lastRun: z
        .array(
          z.object({
            epoch: count,
            weights: z.array(finite),
            bias: finite.optional(),
            loss: finite.optional(),
          }),
        )
        .max(SNAPSHOT_LIMIT)
        .optional(),
      rowsTrained: count.optional(),
    })
    .optional(),
  rows: z.array(z.object({ inputs: z.array(finite).min(1), output: finite.min(0).max(1) })),
});

export type FileContent = z.infer<typeof fileSchema>;
