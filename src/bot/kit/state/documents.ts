import { z } from 'zod';
import { LANGUAGES } from '../../../config/config.js';
import { DEFAULT_SETTINGS, type Row } from '../../../core/types.js';
import { perceptronContentSchema } from '../../../files/perceptron-file-schema.js';

// Up to 32,000 numbers per dataset: a plain loop checks them far faster than a schema per number.
const isRow = (row: unknown): boolean => {
  const { inputs, output } = (row ?? {}) as Partial<Row>;
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (let i = 0; i < inputs.length; i++) if (!Number.isFinite(inputs[i])) return false;
  return Number.isFinite(output);
};
const rowsSchema = z.custom<Row[]>((value) => Array.isArray(value) && value.every(isRow));

/**
 * What a perceptron is made of, without the chat's bookkeeping: what a share link keeps a copy of. The
 * content of a perceptron file, whose rows the loop above checks.
 */
export const storedContentSchema = perceptronContentSchema.extend({ rows: rowsSchema });

const pendingSchema = z.object({
  nonce: z.string(),
  action: z.enum(['clear', 'example', 'restore']),
  example: z.string().optional(),
  /** For 'restore': the perceptron file to fetch again once confirmed, and its name. */
  fileId: z.string().optional(),
  fileName: z.string().optional(),
  /** Rows when the question was asked; a confirmation for another count is stale. */
  rows: z.number().int().nonnegative().optional(),
});

const perceptronSchema = storedContentSchema.extend({
  version: z.literal(1),
  /** Ids of the last updates applied, so that an update delivered twice changes nothing (see updateOnce). */
  recentUpdateIds: z.array(z.number().int()),
  /** False after `/set pictures off`: no picture follows a training in a private chat. Absent means on. */
  pictures: z.boolean().optional(),
  /** A confirmation the user was asked for; a button with another nonce is stale. */
  pending: pendingSchema.optional(),
});

const profileSchema = z.object({ version: z.literal(1), language: z.enum(LANGUAGES).optional() });

/**
 * One member's perceptron in one chat, as stored. Its column names apply while they fit the rows' width
 * (see columnNamesFor).
 */
export type PerceptronDoc = z.infer<typeof perceptronSchema>;
export type PendingConfirmation = z.infer<typeof pendingSchema>;
/** A user's choices that hold in every chat. */
export type ProfileDoc = z.infer<typeof profileSchema>;

/** Shape check used by the store before it trusts a file. */
export const isPerceptronDoc = (value: unknown): value is PerceptronDoc =>
  perceptronSchema.safeParse(value).success;
export const isProfileDoc = (value: unknown): value is ProfileDoc => profileSchema.safeParse(value).success;

export function createPerceptronDoc(): PerceptronDoc {
  return { version: 1, rows: [], settings: { ...DEFAULT_SETTINGS }, recentUpdateIds: [] };
}

/** Store keys: one perceptron per member of each chat, one profile per user. */
export { formatChatUserKey as perceptronKey } from '../../../storage/index.js';
