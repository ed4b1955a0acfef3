import { z } from 'zod';
import { modelSchema, rowSchema, settingsSchema, weightSnapshotSchema } from '../core/model-schema.js';
import { MAX_SEED } from '../core/numpy-random.js';
import { CONTINUED_LIMIT, LOSS_HISTORY_LIMIT, SNAPSHOT_LIMIT } from '../core/types.js';
import { columnNamesSchema } from './column-names.js';
import { PERCEPTRON_FILE_FORMAT, PERCEPTRON_FILE_VERSION } from './perceptron-file.js';

/** A whole perceptron as the bot keeps it: what a file restores and a share link copies. */
export const perceptronContentSchema = z.object({
  rows: z.array(rowSchema),
  settings: settingsSchema,
  model: modelSchema.optional(),
  columns: columnNamesSchema.optional(),
});

/*
 * A file comes from outside: where the bot's own documents are taken as it ever wrote them, a file is
 * held to what /set and a training make today. These are all the differences.
 */
const fileSettingsSchema = settingsSchema.extend({
  learningRate: z.number().positive(),
  seed: settingsSchema.shape.seed.max(MAX_SEED),
  target: z.number().positive().lt(1).optional(),
});
const fileModelSchema = modelSchema.omit({ version: true, settings: true }).extend({
  lossHistory: z
    .array(z.object({ epoch: z.number().int().nonnegative(), loss: z.number() }))
    .max(LOSS_HISTORY_LIMIT),
  continuedAt: modelSchema.shape.continuedAt.unwrap().max(CONTINUED_LIMIT).optional(),
  lastRun: z.array(weightSnapshotSchema).max(SNAPSHOT_LIMIT).optional(),
});
const fileRowSchema = rowSchema.extend({ output: z.number().min(0).max(1) });

/** Types and ranges of every field; how the fields fit together is checked by readPerceptronFile. */
export const fileSchema = z.object({
  format: z.literal(PERCEPTRON_FILE_FORMAT),
  version: z.literal(PERCEPTRON_FILE_VERSION),
  settings: fileSettingsSchema,
  columns: columnNamesSchema.optional(),
  model: fileModelSchema.optional(),
  rows: z.array(fileRowSchema),
});

export type FileContent = z.infer<typeof fileSchema>;
