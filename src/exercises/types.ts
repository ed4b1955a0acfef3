import { z } from 'zod';
import { rowSchema } from '../core/model-schema.js';

/** A task as a running exercise keeps it: the hidden rows are copied in, so deleting the task changes nothing. */
export const exerciseTaskSchema = z.object({
  /** A built-in task's name (`and`) or an own task's code (`EX-7F3KQ2AB`). */
  id: z.string(),
  kind: z.enum(['builtin', 'custom']),
  inputs: z.number().int().positive(),
  /** Rows the students never see. */
  hidden: z.array(rowSchema).min(1),
  /** An own task's title and statement, as the teacher typed them; built-in ones come from the locales. */
  title: z.string().optional(),
  statement: z.string().optional(),
});

/** One scored submission: how the perceptron did on the hidden rows, and what it took. */
export const attemptSchema = z.object({
  accuracy: z.number(),
  loss: z.number(),
  /** Hidden rows classified wrongly: a count, never which. */
  wrong: z.number().int().nonnegative(),
  /** Rows the student's perceptron was trained on (not the rows left when submitting). */
  rows: z.number().int().nonnegative(),
  epochs: z.number().int().nonnegative(),
  /** Milliseconds since the epoch. */
  at: z.number(),
});

/** A student's standing in one exercise: their best attempt and how many they made. */
export const entrySchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  username: z.string().optional(),
  submissions: z.number().int().positive(),
  firstAt: z.number(),
  best: attemptSchema,
});

export type ExerciseTask = z.infer<typeof exerciseTaskSchema>;
export type Attempt = z.infer<typeof attemptSchema>;
export type Entry = z.infer<typeof entrySchema>;
