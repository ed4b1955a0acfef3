import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import { appendValue, makeTempDir, type NumbersDoc, openNumbersStore } from './store-test-kit.js';

const OLD_TIME = new Date('2000-01-01T00:00:00Z');

describe('createLowdbStore', () => {
  it('reads back what an update stored, and undefined for a key never written', async () => {
    const { store } = openNumbersStore(await makeTempDir());
    const stored = await store.update('chat-1-user-2', appendValue(7));
    expect(stored).toEqual({ version: 1, values: [7] });
    expect(await store.read('chat-1-user-2')).toEqual({ version: 1, values: [7] });
    expect(await store.read('chat-1-user-3')).toBeUndefined();
  });

  it('keeps all 200 concurrent appends to one key, in call order', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    const numbers = Array.from({ length: 200 }, (_, i) => i);
    await Promise.all(numbers.map((n) => store.update('chat--100123-user-456', appendValue(n))));
    expect((await store.read('chat--100123-user-456'))?.values).toEqual(numbers);
    const onDisk = JSON.parse(await readFile(join(dir, 'chat--100123-user-456.json'), 'utf8'));
    expect(onDisk.values).toEqual(numbers);
  });

  it('lets an update of another key finish while a slow update of one key waits', async () => {
    const { store } = openNumbersStore(await makeTempDir());
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slowDone = false;
    const slow = store
      .update('user-1', async (doc) => {
        await gate;
        return appendValue(1)(doc);
      })
      .then(() => {
        slowDone = true;
      });
    await store.update('user-2', appendValue(2));
    expect(await store.read('user-2')).toEqual({ version: 1, values: [2] });
    expect(slowDone).toBe(false);
    release();
    await slow;
    expect(await store.read('user-1')).toEqual({ version: 1, values: [1] });
  });

  it('shows a new store on the same folder everything the first one stored', async () => {
    const dir = await makeTempDir();
    const first = openNumbersStore(dir).store;
    await first.update('user-1', appendValue(1));
    await first.update('user-2', appendValue(2));
    await first.update('user-1', appendValue(3));
    const second = openNumbersStore(dir).store;
    expect(await second.read('user-1')).toEqual({ version: 1, values: [1, 3] });
    expect(await second.read('user-2')).toEqual({ version: 1, values: [2] });
  });

  it('writes nothing when fn returns the current document', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    await store.update('user-1', appendValue(1));
    const file = join(dir, 'user-1.json');
    await utimes(file, OLD_TIME, OLD_TIME);
    const before = await stat(file);
    const result = await store.update('user-1', (doc) => doc as NumbersDoc);
    const after = await stat(file);
    expect(result).toEqual({ version: 1, values: [1] });
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('rejects the update whose fn throws and runs the next one on the last stored document', async () => {
    const { store } = openNumbersStore(await makeTempDir());
    await store.update('user-1', appendValue(1));
    const failing = store.update('user-1', () => {
      throw new Error('boom');
    });
    const next = store.update('user-1', appendValue(2));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toEqual({ version: 1, values: [1, 2] });
  });

  it('refuses with a TypeError to store a value that would not read back as a valid document', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    await store.update('user-1', appendValue(1));
    const withNaN = store.update('user-1', () => ({ version: 1, values: [Number.NaN] }));
    await expect(withNaN).rejects.toThrow(TypeError);
    const wrongShape = store.update('user-1', () => ({ version: 2 }) as unknown as NumbersDoc);
    await expect(wrongShape).rejects.toThrow(TypeError);
    expect(await store.read('user-1')).toEqual({ version: 1, values: [1] });
    expect(JSON.parse(await readFile(join(dir, 'user-1.json'), 'utf8'))).toEqual({ version: 1, values: [1] });
  });

  it('hands out copies, so that a change made in place reaches the disk only through an update', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    await store.update('user-1', appendValue(1));
    const doc = (await store.read('user-1')) as NumbersDoc;
    doc.values.push(2);
    expect(await store.read('user-1')).toEqual({ version: 1, values: [1] });
    await expect(store.update('user-1', () => doc)).resolves.toEqual({ version: 1, values: [1, 2] });
    expect(JSON.parse(await readFile(join(dir, 'user-1.json'), 'utf8'))).toEqual({
      version: 1,
      values: [1, 2],
    });
  });

  it('keeps at most maxCachedDocuments in memory and reads the others again from disk', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir, 2);
    for (const key of ['user-a', 'user-b', 'user-c']) await store.update(key, appendValue(1));
    const changedOnDisk = `${JSON.stringify({ version: 1, values: [99] })}\n`;
    await writeFile(join(dir, 'user-a.json'), changedOnDisk);
    await writeFile(join(dir, 'user-c.json'), changedOnDisk);
    expect(await store.read('user-a')).toEqual({ version: 1, values: [99] });
    expect(await store.read('user-c')).toEqual({ version: 1, values: [1] });
  });

  it('keeps at most maxCachedBytes of documents in memory, weighed again as they grow', async () => {
    const dir = await makeTempDir();
    // {"version":1,"values":[1]} and a newline: 27 bytes. Three fit in 90; one grown to 37 pushes out the oldest.
    const { store } = openNumbersStore(dir, undefined, 90);
    for (const key of ['user-a', 'user-b', 'user-c']) await store.update(key, appendValue(1));
    const changedOnDisk = `${JSON.stringify({ version: 1, values: [99] })}\n`;
    await writeFile(join(dir, 'user-a.json'), changedOnDisk);
    expect(await store.read('user-a')).toEqual({ version: 1, values: [1] });
    await store.update('user-c', appendValue(123_456_789));
    await writeFile(join(dir, 'user-b.json'), changedOnDisk);
    await writeFile(join(dir, 'user-c.json'), changedOnDisk);
    expect(await store.read('user-b')).toEqual({ version: 1, values: [99] });
    expect(await store.read('user-c')).toEqual({ version: 1, values: [1, 123_456_789] });
  });

  it('resolves flush only after every update called before it has settled', async () => {
    const { store } = openNumbersStore(await makeTempDir());
    const settled: string[] = [];
    const updates = ['user-1', 'user-2', 'user-1'].map((key, i) =>
      store.update(key, appendValue(i)).then(() => settled.push(key)),
    );
    await store.flush();
    expect(settled).toHaveLength(3);
    await Promise.all(updates);
  });

  it('holds in memory what a restart reads back: NaN and ±Infinity as null, -0 as 0, or refuses', async () => {
    interface LooseDoc {
      version: 1;
      values: (number | null)[];
      zeros?: number[];
      rows: { inputs: (number | null)[]; output: number | null }[];
    }
    const isLooseDoc = (value: unknown): value is LooseDoc =>
      typeof value === 'object' && value !== null && (value as LooseDoc).version === 1;
    const odd = [1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
    const dir = await makeTempDir();
    const first = createLowdbStore({ dir, validate: isLooseDoc });
    await first.update('user-1', () => ({ version: 1, values: odd, rows: [] }));
    const inMemory = await first.update('user-1', (current) => ({
      version: 1,
      values: current?.values ?? [],
      zeros: [2, -0],
      rows: [{ inputs: odd, output: Number.NaN }],
    }));
    const read = [1, null, null, null, 0];
    expect(inMemory).toStrictEqual({
      version: 1,
      values: read,
      zeros: [2, 0],
      rows: [{ inputs: read, output: null }],
    });
    const restarted = createLowdbStore({ dir, validate: isLooseDoc });
    const fromDisk = await restarted.read('user-1');
    // toStrictEqual tells -0 from 0, as it tells NaN from null.
    expect(fromDisk).toStrictEqual(inMemory);
    // A document of numbers only: what would read back as null is not a valid document, so it is refused.
    const { store } = openNumbersStore(dir);
    for (const value of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      await expect(store.update('user-2', () => ({ version: 1, values: [1, value] }))).rejects.toThrow(
        TypeError,
      );
    }
    expect(await store.read('user-2')).toBeUndefined();
  });
});
