import { z } from 'zod';
import { LANGUAGES } from '../../config/config.js';
import {
  DEFAULT_SETTINGS,
  MIN_POPULATION,
  type ModelSettings,
  type ModelState,
  type Row,
  TRAINING_METHODS,
} from '../../core/types.js';
import type { ColumnNames } from '../../files/column-names.js';
import { methodStateSchema } from '../../files/perceptron-file-schema.js';

/** One member's perceptron in one chat, as stored. */
export interface PerceptronDoc {
  version: 1;
  rows: Row[];
  settings: ModelSettings;
  model?: ModelState;
  /** Column names from a file's header; they apply while they fit the rows' width (see columnNamesFor). */
  columns?: ColumnNames;
  /** Ids of the last updates applied, so that an update delivered twice changes nothing. */
  recentUpdateIds: number[];
  /** A confirmation the user was asked for; a button with another nonce is stale. */
  pending?: PendingConfirmation;
  /** False after `/set pictures off`: no picture follows a training in a private chat. Absent means on. */
  pictures?: boolean;
}

export interface PendingConfirmation {
  nonce: string;
  action: 'clear' | 'example' | 'restore';
  example?: string;
  /** For 'restore': the perceptron file to fetch again once confirmed, and its name. */
  fileId?: string;
  fileName?: string;
  /** Rows when the question was asked; a confirmation for another count is stale. */
  rows?: number;
}

/** A user's choices that hold in every chat. */
export interface ProfileDoc {
  version: 1;
  language?: (typeof LANGUAGES)[number];
}

const finite = z.number().refine(Number.isFinite);
// Up to 32,000 numbers per dataset: a plain loop checks them far faster than a schema per number, and
// than every(), which is four times slower on the frozen arrays the store keeps.
const isRow = (row: unknown): boolean => {
  const { inputs, output } = (row ?? {}) as Partial<Row>;
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (let i = 0; i < inputs.length; i++) if (!Number.isFinite(inputs[i])) return false;
  return Number.isFinite(output);
};
const rowsSchema = z.custom<Row[]>((value) => Array.isArray(value) && value.every(isRow));
// The methods came later: their fields are optional, so files from before them still load.
const settingsSchema = z.object({
  activation: z.enum(['sigmoid', 'step']),
  bias: z.boolean(),
  learningRate: finite,
  epochs: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  method: z.enum(TRAINING_METHODS).optional(),
  population: z.number().int().min(MIN_POPULATION).optional(),
  target: finite.positive().optional(),
});
const modelSchema = z.object({
  version: z.literal(1),
  settings: settingsSchema,
  inputs: z.number().int().positive(),
  weights: z.array(finite),
  bias: finite.optional(),
  initialWeights: z.array(finite),
  initialBias: finite.optional(),
  epochsTrained: z.number().int().nonnegative(),
  lossHistory: z.array(z.object({ epoch: z.number(), loss: z.number() })),
  methodState: methodStateSchema.optional(),
  continuedAt: z.array(z.number().int().nonnegative()).optional(),
  lastRun: z
    .array(
      z.object({
        epoch: z.number().int().nonnegative(),
        weights: z.array(finite),
        bias: finite.optional(),
        loss: finite.optional(),
      }),
    )
    .optional(),
  rowsTrained: z.number().int().nonnegative().optional(),
});
/** What a perceptron is made of, without the chat's bookkeeping: what a share link keeps a copy of. */
export const perceptronContentSchema = z.object({
  rows: rowsSchema,
  settings: settingsSchema,
  model: modelSchema.optional(),
  columns: z.object({ inputs: z.array(z.string()), output: z.string() }).optional(),
});
const perceptronSchema = perceptronContentSchema.extend({
  version: z.literal(1),
  recentUpdateIds: z.array(z.number().int()),
  pictures: z.boolean().optional(),
  pending: z
    .object({
      nonce: z.string(),
      action: z.enum(['clear', 'example', 'restore']),
      example: z.string().optional(),
      fileId: z.string().optional(),
      fileName: z.string().optional(),
      rows: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
const profileSchema = z.object({ version: z.literal(1), language: z.enum(LANGUAGES).optional() });

/** Shape check used by the store before it trusts a file. */
export const isPerceptronDoc = (value: unknown): value is PerceptronDoc =>
  perceptronSchema.safeParse(value).success;
export const isProfileDoc = (value: unknown): value is ProfileDoc => profileSchema.safeParse(value).success;

export function createPerceptronDoc(): PerceptronDoc {
  return { version: 1, rows: [], settings: { ...DEFAULT_SETTINGS }, recentUpdateIds: [] };
}

/** Store keys: one perceptron per member of each chat, one profile per user. */
export { formatChatUserKey as perceptronKey, formatUserKey as profileKey } from '../../storage/index.js';
