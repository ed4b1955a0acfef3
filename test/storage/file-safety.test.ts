import { readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import { appendValue, isNumbersDoc, makeTempDir, openNumbersStore } from './store-test-kit.js';

const OLD_TIME = new Date('2000-01-01T00:00:00Z');

/** The message names the folder and is one sentence: no sentence end before its last character. */
function expectOneSentenceNaming(error: unknown, dir: string): void {
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toContain(dir);
  expect(message.replace(dir, '')).toMatch(/^[A-Z][^.!?]*\.$/);
}

async function catchError(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to fail');
}

describe('files of the lowdb store', () => {
  it('are created 0600 in folders created 0700, whatever the umask', async () => {
    const dir = join(await makeTempDir(), 'data', 'nested');
    // A worker thread (the mutation run's test pool) cannot set the umask: there the default one is kept.
    const previous = isMainThread ? process.umask(0) : undefined;
    try {
      const { store } = openNumbersStore(dir);
      await store.update('user-1', appendValue(1));
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'user-1.json'))).mode & 0o777).toBe(0o600);
  });

  it('are replaced with mode 0600 even when the old file was readable by others', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-1.json'), JSON.stringify({ version: 1, values: [] }), { mode: 0o644 });
    await openNumbersStore(dir).store.update('user-1', appendValue(1));
    expect((await stat(join(dir, 'user-1.json'))).mode & 0o777).toBe(0o600);
  });

  it('ignore a stale temp file of an interrupted write and remove it when the store opens', async () => {
    const dir = await makeTempDir();
    await openNumbersStore(dir).store.update('user-1', appendValue(1));
    await writeFile(join(dir, '.user-1.json.0123abcd.tmp'), '{"version":1,"valu');
    await writeFile(join(dir, '.user-2.json.ffff.tmp'), '');
    await writeFile(join(dir, '.keep-me'), 'not ours');
    const { store, logger, recovered } = openNumbersStore(dir);
    expect(await store.read('user-1')).toEqual({ version: 1, values: [1] });
    expect(await store.read('user-2')).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual(['.keep-me', 'user-1.json']);
    expect(recovered).toEqual([]);
    expect(logger.lines.filter((line) => line.level === 'info')).toHaveLength(2);
  });

  it.each([
    '',
    '.',
    '..',
    '../escape',
    'a/b',
    'a\\b',
    'user-1.json',
    'has space',
    'nul\0byte',
    'ключ',
    '/etc/passwd',
  ])('reject the key %j with a TypeError and touch no file', async (key) => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    await expect(store.update(key, appendValue(1))).rejects.toThrow(TypeError);
    await expect(store.read(key)).rejects.toThrow(TypeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reject a key that is not a string with a TypeError and a 201-character key with a RangeError', async () => {
    const { store } = openNumbersStore(await makeTempDir());
    await expect(store.read(42 as unknown as string)).rejects.toThrow(TypeError);
    await expect(store.read('k'.repeat(201))).rejects.toThrow(RangeError);
    await expect(store.update('k'.repeat(200), appendValue(1))).resolves.toEqual({ version: 1, values: [1] });
  });

  it('are touched one at a time: with 1,000 keys stored, one update replaces exactly its own file', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    const keys = Array.from({ length: 1000 }, (_, i) => `chat-${i}-user-${i}`);
    await Promise.all(keys.map((key, i) => store.update(key, appendValue(i))));
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(1000);
    await Promise.all(names.map((name) => utimes(join(dir, name), OLD_TIME, OLD_TIME)));
    const snapshot = async () =>
      Promise.all(names.map(async (name) => ({ name, ...(await stat(join(dir, name))) })));
    const before = await snapshot();

    await store.update('chat-500-user-500', appendValue(-1));

    const after = await snapshot();
    const changed = after.filter(
      (file, i) => file.ino !== before[i]?.ino || file.mtimeMs !== before[i]?.mtimeMs,
    );
    expect(changed.map((file) => file.name)).toEqual(['chat-500-user-500.json']);
    expect(changed[0]?.size).toBe(
      Buffer.byteLength(`${JSON.stringify({ version: 1, values: [500, -1] })}\n`),
    );
    expect((await readdir(dir)).sort()).toEqual(names);
  });
});

describe('an unusable data folder', () => {
  it('stops createLowdbStore with one sentence naming the path when the path is a file', async () => {
    const dir = join(await makeTempDir(), 'data');
    await writeFile(dir, '');
    const error = await catchError(() => createLowdbStore({ dir, validate: isNumbersDoc }));
    expectOneSentenceNaming(error, dir);
  });

  it('stops createLowdbStore with one sentence naming the path when a parent is a file', async () => {
    const parent = join(await makeTempDir(), 'file');
    await writeFile(parent, '');
    const dir = join(parent, 'data');
    const error = await catchError(() => createLowdbStore({ dir, validate: isNumbersDoc }));
    expectOneSentenceNaming(error, dir);
  });

  it('fails the first write with one sentence naming the path when the folder became a file', async () => {
    const dir = join(await makeTempDir(), 'data');
    const { store } = openNumbersStore(dir);
    await store.flush();
    await rm(dir, { recursive: true });
    await writeFile(dir, '');
    const error = await catchError(() => store.update('user-1', appendValue(1)));
    expectOneSentenceNaming(error, dir);
  });

  it('stops with one sentence naming the path when the folder is not writable', async () => {
    // sysfs refuses new files even to root, so this holds however the tests are run.
    const dir = '/sys';
    const error = await catchError(async () => {
      const store = createLowdbStore({ dir, validate: isNumbersDoc });
      await store.update('user-1', appendValue(1));
    });
    expectOneSentenceNaming(error, dir);
  });
});
