import { z } from 'zod';
import { LANGUAGES } from '../../config/config.js';
import { rowSchema } from '../../core/model-schema.js';
import { entrySchema, exerciseTaskSchema } from '../../exercises/types.js';

/** One run of an exercise in a group: the task (hidden rows copied in), the teacher and the standings. */
const runSchema = z.object({
  runId: z.string(),
  task: exerciseTaskSchema,
  teacherId: z.number().int(),
  teacherName: z.string(),
  /** The teacher's language: the announcement, the final table and the results file speak it. */
  language: z.enum(LANGUAGES),
  groupTitle: z.string(),
  startedAt: z.number(),
  deadline: z.number().optional(),
  endedAt: z.number().optional(),
  announcementId: z.number().int().optional(),
  /** Empty while the run is on (each student's entry is a document of its own); filled when it ends. */
  entries: z.array(entrySchema),
});
export type ExerciseRun = z.infer<typeof runSchema>;

/** Every exercise document is at version 1: a change of shape that needs a migration raises it here. */
const exerciseDocument = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ version: z.literal(1), ...shape });

/** Updates already applied, so that one delivered twice changes nothing more (see updateOnce). */
const recentUpdateIds = z.array(z.number().int());

/** A group's exercise state: the running exercise, the last one that ended, quiet mode and its clock. */
const groupSchema = exerciseDocument({
  quiet: z.boolean(),
  /** The class's time zone as /timezone stored it (`Europe/Moscow`, `UTC+03:00`); UTC when absent. */
  timeZone: z.string().optional(),
  current: runSchema.optional(),
  last: runSchema.optional(),
  recentUpdateIds,
  /** The group became this supergroup; its exercises went along. */
  movedTo: z.number().int().optional(),
});
export type GroupExerciseDoc = z.infer<typeof groupSchema>;

/**
 * One student's standing in one run, a document of its own: thirty students submitting at once write
 * thirty files side by side instead of queueing on the group's one.
 */
const entryDocSchema = exerciseDocument({ entry: entrySchema.optional(), recentUpdateIds });
export type EntryDoc = z.infer<typeof entryDocSchema>;

/** A new own task being typed in private, step by step. */
const draftSchema = z.object({
  step: z.enum(['title', 'statement', 'rows']),
  title: z.string().optional(),
  statement: z.string().optional(),
  rows: z.array(rowSchema),
});
export type TaskDraft = z.infer<typeof draftSchema>;

/** A user's exercise state: the group exercise they work on in private, their own tasks, a draft. */
const userSchema = exerciseDocument({
  current: z.object({ chatId: z.number().int(), runId: z.string(), title: z.string() }).optional(),
  ownTasks: z.array(z.string()),
  /** Submissions to own tasks (by code) in all their runs: a task's cap holds across its runs. */
  taskSubmissions: z.record(z.string(), z.number().int().nonnegative()).optional(),
  draft: draftSchema.optional(),
});
export type ExerciseUserDoc = z.infer<typeof userSchema>;

/** An own task made with /newexercise; deleting it keeps the code so that it is refused as deleted. */
const taskSchema = exerciseDocument({
  code: z.string(),
  ownerId: z.number().int(),
  title: z.string(),
  statement: z.string(),
  inputs: z.number().int().nonnegative(),
  hidden: z.array(rowSchema),
  createdAt: z.number(),
  deleted: z.literal(true).optional(),
});
export type TaskDoc = z.infer<typeof taskSchema>;

/** Shape checks the stores run before they trust a file. */
export const isGroupExerciseDoc = (value: unknown): value is GroupExerciseDoc =>
  groupSchema.safeParse(value).success;
export const isExerciseUserDoc = (value: unknown): value is ExerciseUserDoc =>
  userSchema.safeParse(value).success;
export const isTaskDoc = (value: unknown): value is TaskDoc => taskSchema.safeParse(value).success;
export const isEntryDoc = (value: unknown): value is EntryDoc => entryDocSchema.safeParse(value).success;

export const createGroupExerciseDoc = (): GroupExerciseDoc => ({
  version: 1,
  quiet: false,
  recentUpdateIds: [],
});
export const createEntryDoc = (): EntryDoc => ({ version: 1, recentUpdateIds: [] });
export const createExerciseUserDoc = (): ExerciseUserDoc => ({ version: 1, ownTasks: [] });
