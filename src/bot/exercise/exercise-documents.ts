import { z } from 'zod';
import type { Row } from '../../core/types.js';
import type { Entry, ExerciseTask } from '../../exercises/types.js';

/** One run of an exercise in a group: the task (hidden rows copied in), the teacher and the standings. */
export interface ExerciseRun {
  runId: string;
  task: ExerciseTask;
  teacherId: number;
  teacherName: string;
  /** The teacher's language: the announcement, the final table and the results file speak it. */
  language: 'en' | 'ru';
  groupTitle: string;
  startedAt: number;
  deadline?: number;
  endedAt?: number;
  announcementId?: number;
  /** Empty while the run is on (each student's entry is a document of its own); filled when it ends. */
  entries: Entry[];
}

/**
 * One student's standing in one run, a document of its own: thirty students submitting at once write
 * thirty files side by side instead of queueing on the group's one.
 */
export interface EntryDoc {
  version: 1;
  entry?: Entry;
  /** Submissions already applied, so one delivered twice counts once. */
  recentUpdateIds: number[];
}

/** A group's exercise state: the running exercise, the last one that ended, quiet mode and its clock. */
export interface GroupExerciseDoc {
  version: 1;
  quiet: boolean;
  /** The class's time zone as /timezone stored it (`Europe/Moscow`, `UTC+03:00`); UTC when absent. */
  timeZone?: string;
  current?: ExerciseRun;
  last?: ExerciseRun;
  /** Updates already applied, so one delivered twice changes nothing more. */
  recentUpdateIds: number[];
  /** The group became this supergroup; its exercises went along. */
  movedTo?: number;
}

/** A new own task being typed in private, step by step. */
export interface TaskDraft {
  step: 'title' | 'statement' | 'rows';
  title?: string;
  statement?: string;
  rows: Row[];
}

/** A user's exercise state: the group exercise they work on in private, their own tasks, a draft. */
export interface ExerciseUserDoc {
  version: 1;
  current?: { chatId: number; runId: string; title: string };
  ownTasks: string[];
  /** Submissions to own tasks (by code) in all their runs: a task's cap holds across its runs. */
  taskSubmissions?: Record<string, number>;
  draft?: TaskDraft;
}

/** An own task made with /newexercise; deleting it keeps the code so that it is refused as deleted. */
export interface TaskDoc {
  version: 1;
  code: string;
  ownerId: number;
  title: string;
  statement: string;
  inputs: number;
  hidden: Row[];
  createdAt: number;
  deleted?: true;
}

const finite = z.number().refine(Number.isFinite);
const row = z.object({ inputs: z.array(finite).min(1), output: finite });
const attempt = z.object({
  accuracy: finite,
  loss: finite,
  wrong: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  epochs: z.number().int().nonnegative(),
  at: finite,
});
const entry = z.object({
  userId: z.number().int(),
  name: z.string(),
  username: z.string().optional(),
  submissions: z.number().int().positive(),
  firstAt: finite,
  best: attempt,
});
const task = z.object({
  id: z.string(),
  kind: z.enum(['builtin', 'custom']),
  inputs: z.number().int().positive(),
  hidden: z.array(row).min(1),
  title: z.string().optional(),
  statement: z.string().optional(),
});
const run = z.object({
  runId: z.string(),
  task,
  teacherId: z.number().int(),
  teacherName: z.string(),
  language: z.enum(['en', 'ru']),
  groupTitle: z.string(),
  startedAt: finite,
  deadline: finite.optional(),
  endedAt: finite.optional(),
  announcementId: z.number().int().optional(),
  entries: z.array(entry),
});
const groupSchema = z.object({
  version: z.literal(1),
  quiet: z.boolean(),
  timeZone: z.string().optional(),
  current: run.optional(),
  last: run.optional(),
  recentUpdateIds: z.array(z.number().int()),
  movedTo: z.number().int().optional(),
});
const userSchema = z.object({
  version: z.literal(1),
  current: z.object({ chatId: z.number().int(), runId: z.string(), title: z.string() }).optional(),
  ownTasks: z.array(z.string()),
  taskSubmissions: z.record(z.string(), z.number().int().nonnegative()).optional(),
  draft: z
    .object({
      step: z.enum(['title', 'statement', 'rows']),
      title: z.string().optional(),
      statement: z.string().optional(),
      rows: z.array(row),
    })
    .optional(),
});
const taskSchema = z.object({
  version: z.literal(1),
  code: z.string(),
  ownerId: z.number().int(),
  title: z.string(),
  statement: z.string(),
  inputs: z.number().int().nonnegative(),
  hidden: z.array(row),
  createdAt: finite,
  deleted: z.literal(true).optional(),
});

const entrySchema = z.object({
  version: z.literal(1),
  entry: entry.optional(),
  recentUpdateIds: z.array(z.number().int()),
});

/** Shape checks the stores run before they trust a file. */
export const isGroupExerciseDoc = (value: unknown): value is GroupExerciseDoc =>
  groupSchema.safeParse(value).success;
export const isExerciseUserDoc = (value: unknown): value is ExerciseUserDoc =>
  userSchema.safeParse(value).success;
export const isTaskDoc = (value: unknown): value is TaskDoc => taskSchema.safeParse(value).success;
export const isEntryDoc = (value: unknown): value is EntryDoc => entrySchema.safeParse(value).success;

export const createGroupExerciseDoc = (): GroupExerciseDoc => ({
  version: 1,
  quiet: false,
  recentUpdateIds: [],
});
export const createEntryDoc = (): EntryDoc => ({ version: 1, recentUpdateIds: [] });
export const createExerciseUserDoc = (): ExerciseUserDoc => ({ version: 1, ownTasks: [] });
