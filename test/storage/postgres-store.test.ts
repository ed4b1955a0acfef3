// The PostgreSQL store keeps every promise of DocumentStore (the same as the lowdb store's tests ask),
// on a database of this file's own on TEST_DATABASE_URL.
import { describe, expect, it } from 'vitest';
import { usePostgres } from './postgres-test-kit.js';
import { appendValue, isNumbersDoc, type NumbersDoc } from './store-test-kit.js';

const pg = usePostgres();
const numbers = (values: number[]): NumbersDoc => ({ version: 1, values });

describe('createPostgresStore: the DocumentStore promises', () => {
  it('reads undefined for a key never written, and what an update stored for one that was', async () => {
    const { store, reopen } = pg.openPlace(isNumbersDoc);
    expect(await store.read('chat-1-user-2')).toBeUndefined();
    expect(await store.update('chat-1-user-2', appendValue(7))).toEqual(numbers([7]));
    expect(await store.read('chat-1-user-2')).toEqual(numbers([7]));
    expect(await reopen().read('chat-1-user-2')).toEqual(numbers([7]));
    expect(await store.read('chat-1-user-3')).toBeUndefined();
  });

  it('runs the updates of one key one at a time, in call order, each on the result of the one before', async () => {
    const { store, reopen } = pg.openPlace(isNumbersDoc);
    const values = Array.from({ length: 100 }, (_, i) => i);
    await Promise.all(values.map((n) => store.update('chat--100123-user-456', appendValue(n))));
    expect(await store.read('chat--100123-user-456')).toEqual(numbers(values));
    expect(await reopen().read('chat--100123-user-456')).toEqual(numbers(values));
  });

  it("lets another key's update finish while a slow update of one key waits", async () => {
    const { store } = pg.openPlace(isNumbersDoc);
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
    expect(await store.read('user-2')).toEqual(numbers([2]));
    expect(slowDone).toBe(false);
    release();
    await slow;
    expect(await store.read('user-1')).toEqual(numbers([1]));
  });

  it('writes nothing when fn returns the current document, or one equal to it', async () => {
    const { name, store } = pg.openPlace(isNumbersDoc);
    await store.update('user-1', appendValue(1));
    const writtenAt = async () =>
      (await pg.database.query(`SELECT xmin::text AS x FROM documents WHERE store = '${name}'`)).rows;
    const before = await writtenAt();
    expect(await store.update('user-1', (doc) => doc as NumbersDoc)).toEqual(numbers([1]));
    expect(await store.update('user-1', (doc) => ({ ...(doc as NumbersDoc) }))).toEqual(numbers([1]));
    expect(await writtenAt()).toEqual(before);
  });

  it('rejects the update whose fn throws, and runs the next one on the last stored document', async () => {
    const { store } = pg.openPlace(isNumbersDoc);
    await store.update('user-1', appendValue(1));
    const failing = store.update('user-1', () => {
      throw new Error('boom');
    });
    const next = store.update('user-1', appendValue(2));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toEqual(numbers([1, 2]));
  });

  it('refuses with a TypeError what the validator refuses, and keeps the stored document', async () => {
    const { store, reopen } = pg.openPlace(isNumbersDoc);
    await store.update('user-1', appendValue(1));
    await expect(store.update('user-1', () => ({ version: 2 }) as unknown as NumbersDoc)).rejects.toThrow(
      TypeError,
    );
    // NaN is stored as JSON keeps it, null, which is no number.
    await expect(store.update('user-1', () => numbers([Number.NaN]))).rejects.toThrow(TypeError);
    expect(await store.read('user-1')).toEqual(numbers([1]));
    expect(await reopen().read('user-1')).toEqual(numbers([1]));
  });

  it('stores what JSON keeps: undefined fields left out, -0 as 0, a Date as text', async () => {
    const { store, reopen } = pg.openPlace(
      (value): value is Record<string, unknown> => typeof value === 'object',
    );
    const given = { gone: undefined, zero: -0, list: [-0, 1.5], when: new Date('2026-01-02T03:04:05Z') };
    const expected = { zero: 0, list: [0, 1.5], when: '2026-01-02T03:04:05.000Z' };
    expect(await store.update('user-1', () => given)).toStrictEqual(expected);
    expect(await store.read('user-1')).toStrictEqual(expected);
    expect(await reopen().read('user-1')).toStrictEqual(expected);
  });

  it('lists the keys that start with a prefix, "_" and "-" taken as themselves', async () => {
    const { store } = pg.openPlace(isNumbersDoc);
    for (const key of ['chat--5-user-1', 'chat--5-user-22', 'chat--55-user-1', 'user-1', 'a_b', 'axb']) {
      await store.update(key, appendValue(1));
    }
    await store.read('chat--5-user-3');
    expect((await store.keys('chat--5-user-')).sort()).toEqual(['chat--5-user-1', 'chat--5-user-22']);
    expect(await store.keys('a_')).toEqual(['a_b']);
    expect(await store.keys('nobody-')).toEqual([]);
  });

  it('resolves flush after every update called before it has settled', async () => {
    const { store } = pg.openPlace(isNumbersDoc);
    const settled: string[] = [];
    const updates = ['user-1', 'user-2', 'user-1'].map((key, i) =>
      store.update(key, appendValue(i)).then(() => settled.push(key)),
    );
    await store.flush();
    expect(settled).toHaveLength(3);
    await Promise.all(updates);
  });

  it('is not changed by a caller changing a document it got, or one it gave', async () => {
    const { store } = pg.openPlace(isNumbersDoc);
    const given = numbers([1, 2]);
    const stored = await store.update('user-1', () => given);
    const read = (await store.read('user-1')) as NumbersDoc;
    for (const doc of [given, stored, read]) doc.values.push(9);
    await expect(
      store.update('user-1', (doc) => {
        doc?.values.push(10);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.read('user-1')).toEqual(numbers([1, 2]));
    expect(stored).not.toBe(read);
  });

  it('stores what fn returns when fn changed the document it got in place', async () => {
    const { store, reopen } = pg.openPlace(isNumbersDoc);
    await store.update('user-1', appendValue(1));
    await store.update('user-1', (doc) => {
      doc?.values.push(2);
      return doc as NumbersDoc;
    });
    expect(await reopen().read('user-1')).toEqual(numbers([1, 2]));
  });

  it('rejects a key that could leave its place with a TypeError', async () => {
    const { store } = pg.openPlace(isNumbersDoc);
    for (const key of ['', '../escape', 'a/b', "user-1'; --", 'ключ']) {
      await expect(store.update(key, appendValue(1))).rejects.toThrow(TypeError);
      await expect(store.read(key)).rejects.toThrow(TypeError);
    }
  });
});

describe('createPostgresStore: stores of one instance', () => {
  it('finish twenty updates at once whose change updates another store (more than either has connections)', async () => {
    const instance = pg.openInstance();
    const entries = instance.store('entries', isNumbersDoc);
    const users = instance.store('users', isNumbersDoc);
    const keys = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    await Promise.all(
      keys.map((key, i) =>
        entries.update(key, async (doc) => {
          const counted = await users.update(key, appendValue(i));
          return appendValue(counted.values.length)(doc);
        }),
      ),
    );
    for (const [i, key] of keys.entries()) {
      expect(await users.read(key)).toEqual(numbers([i]));
      expect(await entries.read(key)).toEqual(numbers([1]));
    }
  });
});

describe('createPostgresStore: numbers and storage', () => {
  it('gives back every double exactly as it was given, and update returns what a later read returns', async () => {
    const { name, store, reopen } = pg.openPlace(isNumbersDoc);
    const doubles = [
      0.1 + 0.2,
      1e-300,
      5e-324,
      -1.7976931348623157e308,
      2 ** 53 + 2,
      -0.000001234,
      1 / 3,
      123456789.12345679,
      0,
    ];
    const stored = await store.update('user-1', () => numbers(doubles));
    const again = await reopen().read('user-1');
    expect(again).toStrictEqual(stored);
    for (const [i, value] of doubles.entries()) expect(Object.is(again?.values[i], value)).toBe(true);
    // json keeps the text as written: no numeric re-spelling of 1e-300 into hundreds of digits.
    const { rows } = await pg.database.query(
      `SELECT doc::text AS text FROM documents WHERE store = '${name}'`,
    );
    expect(rows[0].text).toBe(JSON.stringify(numbers(doubles)));
  });

  it('rejects with a TypeError a stored document that its validator refuses (a bug, not a member to reset)', async () => {
    const { name, store } = pg.openPlace(isNumbersDoc);
    await store.update('user-1', appendValue(1));
    await pg.database.query(
      `UPDATE documents SET doc = '{"version":1,"values":["x"]}' WHERE store = '${name}'`,
    );
    await expect(store.read('user-1')).rejects.toThrow(TypeError);
    await expect(store.update('user-1', appendValue(2))).rejects.toThrow(TypeError);
  });
});
