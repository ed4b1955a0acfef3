/**
 * Shared plain-data types of the perceptron core, each from its schema in model-schema.ts, and the
 * core's constants. Nothing here knows about Telegram or storage.
 */
import type { z } from 'zod';
import type {
  lossPointSchema,
  methodStateSchema,
  modelSchema,
  randomStateSchema,
  rowSchema,
  settingsSchema,
  weightSnapshotSchema,
} from './model-schema.js';

export const ACTIVATIONS = ['sigmoid', 'step'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** How the weights learn: the lesson's gradient descent, iRprop-, or a genetic algorithm. */
export const TRAINING_METHODS = ['gd', 'rprop', 'genetic'] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

export type Row = z.infer<typeof rowSchema>;
/** What a user may change; everything the lesson fixed. */
export type ModelSettings = z.infer<typeof settingsSchema>;
export type RandomState = z.infer<typeof randomStateSchema>;
export type MethodState = z.infer<typeof methodStateSchema>;
export type RpropState = Extract<MethodState, { method: 'rprop' }>;
export type GeneticState = Extract<MethodState, { method: 'genetic' }>;
export type LossPoint = z.infer<typeof lossPointSchema>;
export type WeightSnapshot = z.infer<typeof weightSnapshotSchema>;
export type ModelState = z.infer<typeof modelSchema>;

export const DEFAULT_SETTINGS: ModelSettings = {
  activation: 'sigmoid',
  bias: false,
  learningRate: 1,
  epochs: 20_000,
  seed: 1,
};

export const MAX_INPUTS = 32;
export const DEFAULT_POPULATION = 50;
/** The genetic algorithm needs its 2 elites and at least one child. */
export const MIN_POPULATION = 3;
/** The largest learning rate /set and a perceptron file accept: beyond it the sigmoid saturates at once. */
export const MAX_LEARNING_RATE = 100;
export const LOSS_HISTORY_LIMIT = 200;
/** Weight samples kept of the last training: enough frames for a short replay, a few kilobytes stored. */
export const SNAPSHOT_LIMIT = 30;
/** "Train more" marks kept; older ones are dropped. */
export const CONTINUED_LIMIT = 50;
