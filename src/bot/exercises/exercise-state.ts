import type { DocumentStore } from '../../storage/index.js';
import { formatChatUserKey, formatUserKey } from '../../storage/index.js';
import { readOrCreate, updateOrCreate } from '../kit/state/created-on-first-use.js';
import { type UpdatedOnce, updateOnce } from '../kit/state/update-once.js';
import {
  createExerciseUserDoc,
  createGroupExerciseDoc,
  type EntryDoc,
  type ExerciseUserDoc,
  type GroupExerciseDoc,
  type TaskDoc,
} from './exercise-documents.js';

declare module '../kit/bot-dependencies.js' {
  interface BotDependencies {
    /** Class exercises: groups' runs and standings, users' current tasks, own tasks. */
    exercises: ExerciseStores;
  }
}

/** Where exercises live: one document per group, per user and per own task. */
export interface ExerciseStores {
  groups: DocumentStore<GroupExerciseDoc>;
  users: DocumentStore<ExerciseUserDoc>;
  tasks: DocumentStore<TaskDoc>;
  entries: DocumentStore<EntryDoc>;
}

export const groupKey = (chatId: number): string => `group${chatId}`;
export const taskKey = (code: string): string => `task-${code}`;
/** What every entry key of one run starts with. */
export const entryKeyPrefix = (runId: string): string => `entry-${runId}-`;
export const entryKey = (runId: string, userId: number): string => `${entryKeyPrefix(runId)}${userId}`;

/**
 * A student's own perceptron for a group's exercise, worked on in private: a key of its own, so their
 * other perceptrons stay as they were. `exercise-<run>-<chat>-user-<id>` never starts like a chat key.
 */
export function exercisePerceptronKey(chatId: number, runId: string, userId: number): string {
  return `exercise-${runId}${formatChatUserKey(chatId, userId).slice('chat'.length)}`;
}

export const readGroup = (stores: ExerciseStores, chatId: number): Promise<GroupExerciseDoc> =>
  readOrCreate(stores.groups, groupKey(chatId), createGroupExerciseDoc);

/** Where a group's exercises are now: the supergroup it became, if it did (links and tasks name the old id). */
export async function findGroup(
  stores: ExerciseStores,
  chatId: number,
): Promise<{ chatId: number; doc: GroupExerciseDoc }> {
  const doc = await readGroup(stores, chatId);
  if (doc.movedTo === undefined) return { chatId, doc };
  return { chatId: doc.movedTo, doc: await readGroup(stores, doc.movedTo) };
}

/**
 * The one way a group's exercise state changes. With an update id, an update delivered twice is applied
 * once: `change` is not called again.
 */
export async function updateGroup(
  stores: ExerciseStores,
  chatId: number,
  change: (doc: GroupExerciseDoc) => GroupExerciseDoc | Promise<GroupExerciseDoc>,
  updateId?: number,
): Promise<UpdatedOnce<GroupExerciseDoc>> {
  const key = groupKey(chatId);
  if (updateId !== undefined)
    return updateOnce(stores.groups, key, { id: updateId, create: createGroupExerciseDoc }, change);
  const doc = await updateOrCreate(stores.groups, key, createGroupExerciseDoc, change);
  return { doc, duplicate: false };
}

export const readExerciseUser = (stores: ExerciseStores, userId: number): Promise<ExerciseUserDoc> =>
  readOrCreate(stores.users, formatUserKey(userId), createExerciseUserDoc);

/** The one way a user's exercise state changes. */
export function updateExerciseUser(
  stores: ExerciseStores,
  userId: number,
  change: (doc: ExerciseUserDoc) => ExerciseUserDoc,
): Promise<ExerciseUserDoc> {
  return updateOrCreate(stores.users, formatUserKey(userId), createExerciseUserDoc, change);
}

/**
 * Passes `counts` the submissions a user made to an own task in all its runs, and adds one when it says
 * the new one counts: read and added in one update of the user's document, so that two runs at once
 * cannot both take the last one. It is written before the run's entry: a crash in between costs the
 * student one try, and never gives one.
 */
export async function countTaskSubmission(
  stores: ExerciseStores,
  userId: number,
  code: string,
  counts: (earlier: number) => boolean,
): Promise<void> {
  await updateExerciseUser(stores, userId, (doc) => {
    const earlier = doc.taskSubmissions?.[code] ?? 0;
    if (!counts(earlier)) return doc;
    return { ...doc, taskSubmissions: { ...doc.taskSubmissions, [code]: earlier + 1 } };
  });
}
