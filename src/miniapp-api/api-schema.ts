/**
 * The Mini App's API as zod schemas: what the page sends under /app/api/ and what the server answers. Pure
 * (zod and core/ only), so that the page and the server read the same shapes. Numbers in requests are
 * checked for shape here; the bot's own limits (rows, inputs, epochs, learning rate) are checked by the
 * server with the chat's rules, so both sides refuse the same things.
 */
import { z } from 'zod';
import { ACTIVATIONS, TRAINING_METHODS } from '../core/types.js';

/** Where the API lives, below the page's own path. */
export const APP_PATH = '/app/';
export const API_PATH = '/app/api/';

/** Largest request body the API reads, in bytes; a larger one is answered 413. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** How the page polls a running training (EventSource cannot send the Authorization header). */
export const TRAINING_POLL_MS = 400;

// ---------- requests ----------

/** POST /app/api/rows: rows typed as in the chat (`0 0 1 -> 0`, one per line), or one row as numbers. */
export const addRowsRequestSchema = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ inputs: z.array(z.number()).min(1), output: z.number() }),
]);
export type AddRowsRequest = z.infer<typeof addRowsRequestSchema>;

/** POST /app/api/rows/delete: the row's number as /data shows it, counting from 1 (as /del does). */
export const deleteRowRequestSchema = z.strictObject({ index: z.number().int().positive() });
export type DeleteRowRequest = z.infer<typeof deleteRowRequestSchema>;

/** POST /app/api/weights: "Keep these weights", the new starting point (bias only when it is on). */
export const keepWeightsRequestSchema = z.strictObject({
  weights: z.array(z.number()).min(1),
  bias: z.number().optional(),
});
export type KeepWeightsRequest = z.infer<typeof keepWeightsRequestSchema>;

/** POST /app/api/settings: any of the three settings the page changes. */
export const changeSettingsRequestSchema = z.strictObject({
  epochs: z.number().int().positive().optional(),
  learningRate: z.number().positive().optional(),
  method: z.enum(TRAINING_METHODS).optional(),
});
export type ChangeSettingsRequest = z.infer<typeof changeSettingsRequestSchema>;

/** POST /app/api/train: epochs for this training; absent, the member's settings' epochs. */
export const trainRequestSchema = z.strictObject({ epochs: z.number().int().positive().optional() });
export type TrainRequest = z.infer<typeof trainRequestSchema>;

/** POST /app/api/train/stop. */
export const stopRequestSchema = z.strictObject({});
export type StopRequest = z.infer<typeof stopRequestSchema>;

// ---------- answers ----------

/** Every refusal: one localized sentence saying what was wrong and how to fix it. */
export const errorAnswerSchema = z.object({ error: z.string() });
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

export const trainingProgressSchema = z.object({
  running: z.boolean(),
  /** Epochs of this training done so far. */
  epoch: z.number(),
  /** Epochs this training was asked for. */
  epochs: z.number(),
  /** The loss curve of this training so far. */
  losses: z.array(z.object({ epoch: z.number(), loss: z.number() })),
  /** Present once it ended (finished or stopped): the weights it reached. */
  result: z
    .object({
      weights: z.array(z.number()),
      bias: z.number().optional(),
      loss: z.number(),
      /** From 0 to 1. */
      accuracy: z.number(),
    })
    .optional(),
});
export type TrainingProgress = z.infer<typeof trainingProgressSchema>;

export const exerciseViewSchema = z.object({
  title: z.string(),
  statement: z.string(),
  /** ISO time the exercise ends; null without a time limit. */
  endsAt: z.string().nullable(),
  /** The member's best submission; null before the first. */
  best: z.object({ accuracy: z.number(), loss: z.number() }).nullable(),
  standings: z.array(
    z.object({ place: z.number(), name: z.string(), accuracy: z.number(), loss: z.number() }),
  ),
});
export type ExerciseView = z.infer<typeof exerciseViewSchema>;

export const appStateSchema = z.object({
  language: z.enum(['en', 'ru']),
  scope: z.object({ kind: z.enum(['private', 'group']), title: z.string().optional() }),
  user: z.object({ firstName: z.string() }),
  settings: z.object({
    activation: z.enum(ACTIVATIONS),
    bias: z.boolean(),
    learningRate: z.number(),
    epochs: z.number(),
    method: z.enum(TRAINING_METHODS),
    seed: z.number(),
  }),
  limits: z.object({ maxRows: z.number(), maxInputs: z.number(), maxEpochs: z.number() }),
  model: z.object({
    inputs: z.number(),
    weights: z.array(z.number()),
    bias: z.number().optional(),
    epochsTrained: z.number(),
  }),
  rows: z.array(z.object({ inputs: z.array(z.number()), output: z.number() })),
  training: trainingProgressSchema.nullable(),
  exercise: exerciseViewSchema.nullable(),
});
export type AppState = z.infer<typeof appStateSchema>;

/**
 * start_param of a group's perceptron: `g` and the chat id, a minus written `m` (`gm1001234567890` for
 * -1001234567890; Telegram allows only letters, digits, `_` and `-` there, at most 64 characters).
 */
export function formatGroupStartParam(chatId: number): string {
  return `g${String(chatId).replace('-', 'm')}`;
}

/** The group's chat id of a start_param, or undefined when it names none. */
export function readGroupStartParam(param: string): number | undefined {
  const match = /^g(m?)([1-9]\d{0,15})$/.exec(param);
  if (!match) return undefined;
  const id = Number(`${match[1] ? '-' : ''}${match[2]}`);
  return Number.isSafeInteger(id) ? id : undefined;
}
