// A store with a rows field keeps a document's rows one JSON text a line in `<key>.<n>.rows`, beside its
// JSON file, which says which generation of the rows file holds them and how many bytes of it count.
import { appendFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import type { RecoveryEvent } from '../../src/storage/store-types.js';
import { isTableDoc, type TableDoc, type TableRow } from './document-store.contract.js';
import { makeTempDir } from './store-test-kit.js';

const OLD_TIME = new Date('2000-01-01T00:00:00Z');
const row = (inputs: number[], output = 1): TableRow => ({ inputs, output });
const rowsOf = (count: number, from = 0) => Array.from({ length: count }, (_, i) => row([from + i, 0.5]));
const lines = (rows: TableRow[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
/** The line an append ends with: the document without its rows, which commits the rows before it. */
const headLine = (head: object) => `[${JSON.stringify({ ...head, rows: null })}]\n`;

function openTables(dir: string) {
  const recovered: RecoveryEvent[] = [];
  const store = createLowdbStore({
    dir,
    validate: isTableDoc,
    rowsField: 'rows',
    onRecovered: (event) => recovered.push(event),
  });
  return { store, recovered };
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('a rows file', () => {
  it('holds the rows one JSON text a line, and the JSON file says where they are', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, note: 'three', rows: rowsOf(3) }));
    expect((await readdir(dir)).sort()).toEqual(['user-1.1.rows', 'user-1.json']);
    expect(await readFile(join(dir, 'user-1.1.rows'), 'utf8')).toBe(lines(rowsOf(3)));
    expect(await readJson(join(dir, 'user-1.json'))).toEqual({
      version: 1,
      note: 'three',
      rows: { generation: 1, bytes: Buffer.byteLength(lines(rowsOf(3))), count: 3 },
    });
    expect((await stat(join(dir, 'user-1.1.rows'))).mode & 0o777).toBe(0o600);
  });

  it('grows by the added rows only: the same file, its earlier bytes kept', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(100) }));
    const before = await stat(join(dir, 'user-1.1.rows'));
    await store.update('user-1', (doc) => ({
      ...(doc as TableDoc),
      rows: [...(doc as TableDoc).rows, row([7])],
    }));
    const after = await stat(join(dir, 'user-1.1.rows'));
    expect(after.ino).toBe(before.ino);
    expect(await readFile(join(dir, 'user-1.1.rows'), 'utf8')).toBe(
      lines([...rowsOf(100), row([7])]) + headLine({ version: 1 }),
    );
    // The JSON file is left as it was: the head line commits the row.
    expect((await readJson(join(dir, 'user-1.json'))).rows).toMatchObject({ generation: 1, count: 100 });
    expect(await openTables(dir).store.read('user-1')).toEqual({
      version: 1,
      rows: [...rowsOf(100), row([7])],
    });
  });

  it('is written anew as the next generation when a row is deleted, and the old one removed', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(5) }));
    await store.update('user-1', (doc) => ({ ...(doc as TableDoc), rows: (doc as TableDoc).rows.slice(1) }));
    expect((await readdir(dir)).sort()).toEqual(['user-1.2.rows', 'user-1.json']);
    expect(await readFile(join(dir, 'user-1.2.rows'), 'utf8')).toBe(lines(rowsOf(4, 1)));
    expect(await openTables(dir).store.read('user-1')).toEqual({ version: 1, rows: rowsOf(4, 1) });
  });

  it('removes, at the next new generation, one that a process stopped before removing', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(5) }));
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(4) }));
    // As if the process had stopped after the JSON file pointed to generation 2, before removing 1.
    await writeFile(join(dir, 'user-1.1.rows'), lines(rowsOf(5)));
    const reopened = openTables(dir).store;
    expect(await reopened.read('user-1')).toEqual({ version: 1, rows: rowsOf(4) });
    await reopened.update('user-1', () => ({ version: 1, rows: rowsOf(3) }));
    expect((await readdir(dir)).sort()).toEqual(['user-1.3.rows', 'user-1.json']);
  });

  it('is in place before the JSON file points to it: a new generation that cannot be written changes nothing', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(3) }));
    // A folder where the next generation would go: writing it fails.
    await mkdir(join(dir, 'user-1.2.rows'));
    await expect(store.update('user-1', () => ({ version: 1, rows: rowsOf(2) }))).rejects.toThrow();
    const { store: reopened, recovered } = openTables(dir);
    expect(await reopened.read('user-1')).toEqual({ version: 1, rows: rowsOf(3) });
    expect(recovered).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('is left untouched when only the rest of the document changes', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(50) }));
    const rowsFile = join(dir, 'user-1.1.rows');
    await utimes(rowsFile, OLD_TIME, OLD_TIME);
    const before = await stat(rowsFile);
    await store.update('user-1', (doc) => ({ ...(doc as TableDoc), note: 'trained' }));
    const after = await stat(rowsFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await openTables(dir).store.read('user-1')).toEqual({
      version: 1,
      rows: rowsOf(50),
      note: 'trained',
    });
  });

  it('takes over the rows of a JSON file that holds them inline, as older versions wrote it, at the next change', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-1.json'), `${JSON.stringify({ version: 1, rows: rowsOf(3) })}\n`);
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toEqual({ version: 1, rows: rowsOf(3) });
    expect(await store.update('user-1', (doc) => doc as TableDoc)).toEqual({ version: 1, rows: rowsOf(3) });
    expect(await readdir(dir)).toEqual(['user-1.json']);
    await store.update('user-1', (doc) => ({
      ...(doc as TableDoc),
      rows: [...(doc as TableDoc).rows, row([9])],
    }));
    expect((await readdir(dir)).sort()).toEqual(['user-1.1.rows', 'user-1.json']);
    expect(await openTables(dir).store.read('user-1')).toEqual({
      version: 1,
      rows: [...rowsOf(3), row([9])],
    });
    expect(recovered).toEqual([]);
  });

  it('ignores bytes past those its JSON file counts (an append never acknowledged) and writes over them', async () => {
    const dir = await makeTempDir();
    await openTables(dir).store.update('user-1', () => ({ version: 1, rows: rowsOf(2) }));
    await appendFile(join(dir, 'user-1.1.rows'), '{"inputs":[99],"output":1}\n{"inpu');
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toEqual({ version: 1, rows: rowsOf(2) });
    await store.update('user-1', (doc) => ({
      ...(doc as TableDoc),
      rows: [...(doc as TableDoc).rows, row([3])],
    }));
    const head = headLine({ version: 1 });
    expect(await readFile(join(dir, 'user-1.1.rows'), 'utf8')).toBe(lines([...rowsOf(2), row([3])]) + head);
    await store.append('user-1', (view) => ({ head: view?.head ?? { version: 1 }, rows: [row([4])] }));
    expect(await readFile(join(dir, 'user-1.1.rows'), 'utf8')).toBe(
      lines([...rowsOf(2), row([3])]) + head + lines([row([4])]) + head,
    );
    // Reopened: the tail an append never acknowledged is cut off before the next append, by append too.
    await appendFile(join(dir, 'user-1.1.rows'), '{"inputs":[98],"output":1}\n{"inpu');
    await openTables(dir).store.append('user-1', (view) => ({
      head: view?.head ?? { version: 1 },
      rows: [row([5])],
    }));
    expect(await readFile(join(dir, 'user-1.1.rows'), 'utf8')).toBe(
      lines(rowsOf(2)) + [3, 4, 5].map((n) => lines([row([n])]) + head).join(''),
    );
    expect(recovered).toEqual([]);
  });

  it('writes over a next generation that nothing points to (a rewrite cut short)', async () => {
    const dir = await makeTempDir();
    await openTables(dir).store.update('user-1', () => ({ version: 1, rows: rowsOf(3) }));
    await writeFile(join(dir, 'user-1.2.rows'), 'half a rewrite');
    const { store } = openTables(dir);
    expect(await store.read('user-1')).toEqual({ version: 1, rows: rowsOf(3) });
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(2, 10) }));
    expect((await readdir(dir)).sort()).toEqual(['user-1.2.rows', 'user-1.json']);
    expect(await openTables(dir).store.read('user-1')).toEqual({ version: 1, rows: rowsOf(2, 10) });
  });

  it.each([
    ['missing', null, 'missing-rows'],
    ['shorter than its JSON file says', 'x', 'missing-rows'],
    ['not JSON on one line', 'garbage', 'malformed-json'],
    ['full of NUL bytes', '\0', 'zero-filled'],
  ] as const)('sets the document aside when its rows file is %s, and reports %s', async (_, fill, reason) => {
    const dir = await makeTempDir();
    await openTables(dir).store.update('user-1', () => ({ version: 1, rows: rowsOf(2) }));
    const rowsFile = join(dir, 'user-1.1.rows');
    const size = (await stat(rowsFile)).size;
    if (fill === null) await rm(rowsFile);
    else await writeFile(rowsFile, fill.repeat(fill === 'x' ? 5 : size));
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toBeUndefined();
    expect(recovered).toMatchObject([{ key: 'user-1', reason, file: join(dir, 'user-1.json') }]);
    const names = await readdir(dir);
    expect(names.filter((name) => name.startsWith('user-1.json.corrupt-'))).toHaveLength(1);
    expect(names).not.toContain('user-1.json');
    expect(await store.update('user-1', () => ({ version: 1, rows: rowsOf(1) }))).toEqual({
      version: 1,
      rows: rowsOf(1),
    });
  });

  it('refuses with a TypeError rows that are not flat objects, and keeps what was stored', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(2) }));
    const nested = { inputs: [[1]], output: 1 } as unknown as TableRow;
    const withNull = { inputs: [1, Number.NaN], output: 1 };
    for (const bad of [nested, withNull, 5 as unknown as TableRow]) {
      await expect(
        store.update('user-1', (doc) => ({ ...(doc as TableDoc), rows: [...(doc as TableDoc).rows, bad] })),
      ).rejects.toThrow(TypeError);
    }
    await expect(store.update('user-1', () => ({ version: 1, rows: 'many' }) as never)).rejects.toThrow(
      TypeError,
    );
    expect(await openTables(dir).store.read('user-1')).toEqual({ version: 1, rows: rowsOf(2) });
  });

  it('is never listed as a key', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: rowsOf(2) }));
    await store.update('user-2', () => ({ version: 1, rows: [] }));
    expect((await store.keys('')).sort()).toEqual(['user-1', 'user-2']);
  });
});
