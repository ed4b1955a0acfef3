import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ExerciseRun,
  type GroupExerciseDoc,
  isEntryDoc,
  isExerciseUserDoc,
  isGroupExerciseDoc,
  isTaskDoc,
} from '../../src/bot/exercises/exercise-documents.js';
import {
  type ExerciseStores,
  exercisePerceptronKey,
  groupKey,
  readGroup,
  updateGroup,
} from '../../src/bot/exercises/exercise-state.js';
import { formatChatKeyPrefix } from '../../src/storage/index.js';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import type { RecoveryEvent } from '../../src/storage/store-types.js';
import { makeTempDir } from './store-test-kit.js';

function openStores(dir: string, recovered: RecoveryEvent[] = []): ExerciseStores {
  const onRecovered = (event: RecoveryEvent) => recovered.push(event);
  return {
    groups: createLowdbStore({ dir: join(dir, 'groups'), validate: isGroupExerciseDoc, onRecovered }),
    users: createLowdbStore({ dir: join(dir, 'users'), validate: isExerciseUserDoc, onRecovered }),
    tasks: createLowdbStore({ dir: join(dir, 'tasks'), validate: isTaskDoc, onRecovered }),
    entries: createLowdbStore({ dir: join(dir, 'entries'), validate: isEntryDoc, onRecovered }),
  };
}

const run: ExerciseRun = {
  runId: 'ABCDEFGH',
  task: { id: 'and', kind: 'builtin', inputs: 3, hidden: [{ inputs: [0, 0, 1], output: 0 }] },
  teacherId: 1,
  teacherName: 'T',
  language: 'en',
  groupTitle: 'G',
  startedAt: 1000,
  deadline: 61_000,
  entries: [],
};

describe('exercise state on disk', () => {
  it('is plain JSON with a version, read back by a new store as it was written', async () => {
    const dir = await makeTempDir();
    await updateGroup(openStores(dir), -100, (doc) => ({ ...doc, current: run }));
    const file = JSON.parse(await readFile(join(dir, 'groups', `${groupKey(-100)}.json`), 'utf8'));
    expect(file).toMatchObject({ version: 1, quiet: false, current: { runId: 'ABCDEFGH' } });
    expect((await readGroup(openStores(dir), -100)).current).toEqual(run);
  });

  it('applies an update delivered twice once', async () => {
    const dir = await makeTempDir();
    const stores = openStores(dir);
    const toggle = (doc: GroupExerciseDoc): GroupExerciseDoc => ({ ...doc, quiet: !doc.quiet });
    const first = await updateGroup(stores, -5, toggle, 77);
    const again = await updateGroup(stores, -5, toggle, 77);
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(again.doc.quiet).toBe(true);
  });

  it('sets a file of another shape aside instead of trusting it', async () => {
    const dir = await makeTempDir();
    const recovered: RecoveryEvent[] = [];
    const stores = openStores(dir, recovered);
    await updateGroup(stores, -7, (doc) => ({ ...doc, current: run }));
    const path = join(dir, 'groups', `${groupKey(-7)}.json`);
    const broken = JSON.parse(await readFile(path, 'utf8'));
    broken.current.entries = [{ userId: 'x' }];
    await writeFile(path, JSON.stringify(broken));
    const fresh = openStores(dir, recovered);
    expect((await readGroup(fresh, -7)).current).toBeUndefined();
    expect(recovered.map((e) => [e.key, e.reason])).toEqual([[groupKey(-7), 'invalid-document']]);
  });

  it('keeps a student’s exercise perceptron under a key no chat listing includes', () => {
    const key = exercisePerceptronKey(-1001234567890, 'ABCDEFGH', 42);
    expect(key).toBe('exercise-ABCDEFGH--1001234567890-user-42');
    expect(key.startsWith(formatChatKeyPrefix(42))).toBe(false);
    expect(key.startsWith(formatChatKeyPrefix(-1001234567890))).toBe(false);
  });
});
