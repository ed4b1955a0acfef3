// A rows file is its document's log: an append writes its rows and then a head line, `[head]`, the
// document without its rows, which commits them; the JSON file is left as it was. Whatever follows the
// last head line was never acknowledged and is ignored, and the log is folded into a new generation once
// its head lines outweigh its rows.
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLD_AFTER_HEAD_BYTES } from '../../src/storage/document-file.js';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import type { RecoveryEvent } from '../../src/storage/store-types.js';
import { isTableDoc, type TableDoc, type TableRow } from './document-store.contract.js';
import { makeTempDir } from './store-test-kit.js';

const row = (inputs: number[], output = 1): TableRow => ({ inputs, output });
const lines = (rows: TableRow[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
const headLine = (head: object) => `[${JSON.stringify({ ...head, rows: null })}]\n`;
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

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

/** An append that sets the note and adds `rows`. */
const appendWith = (note: string, rows: TableRow[]) => () => ({ head: { version: 1 as const, note }, rows });

/** A folder whose user-1 holds two rows, then three appends of one row each. */
async function appendedThrice() {
  const dir = await makeTempDir();
  const { store } = openTables(dir);
  await store.update('user-1', () => ({ version: 1, note: 'start', rows: [row([1]), row([2])] }));
  for (const n of [3, 4, 5]) await store.append('user-1', appendWith(`after ${n}`, [row([n])]));
  const rowsFile = join(dir, 'user-1.1.rows');
  const acknowledged = await readFile(rowsFile, 'utf8');
  const doc: TableDoc = { version: 1, note: 'after 5', rows: [1, 2, 3, 4, 5].map((n) => row([n])) };
  return { dir, rowsFile, acknowledged, doc };
}

describe('the log of a rows file', () => {
  it('takes each append as its rows and a head line, leaves the JSON file, and reads back after a restart', async () => {
    const { dir, rowsFile, acknowledged, doc } = await appendedThrice();
    expect(acknowledged).toBe(
      lines([row([1]), row([2])]) +
        [3, 4, 5].map((n) => lines([row([n])]) + headLine({ version: 1, note: `after ${n}` })).join(''),
    );
    const json = await readJson(join(dir, 'user-1.json'));
    expect(json).toEqual({
      version: 1,
      note: 'start',
      rows: { generation: 1, bytes: Buffer.byteLength(lines([row([1]), row([2])])), count: 2 },
    });
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toEqual(doc);
    // An append of several rows at once, and one of none that changes the head.
    await store.append('user-1', appendWith('six, seven', [row([6]), row([7])]));
    await store.append('user-1', appendWith('no rows', []));
    const later = { ...doc, note: 'no rows', rows: [...doc.rows, row([6]), row([7])] };
    expect(await openTables(dir).store.read('user-1')).toEqual(later);
    expect(await readFile(rowsFile, 'utf8')).toBe(
      acknowledged + lines([row([6]), row([7])]) + headLine({ version: 1, note: 'six, seven' }),
    );
    expect(recovered).toEqual([]);
  });

  it('is covered whole by the JSON file after a change of the head alone, and logs on after it', async () => {
    const { dir, rowsFile, acknowledged, doc } = await appendedThrice();
    const { store } = openTables(dir);
    await store.update('user-1', (current) => ({ ...(current as TableDoc), note: 'renamed' }));
    expect((await readJson(join(dir, 'user-1.json'))).rows).toEqual({
      generation: 1,
      bytes: Buffer.byteLength(acknowledged),
      count: 5,
    });
    expect(await readFile(rowsFile, 'utf8')).toBe(acknowledged);
    expect(await openTables(dir).store.read('user-1')).toEqual({ ...doc, note: 'renamed' });
    await openTables(dir).store.append('user-1', appendWith('six', [row([6])]));
    expect(await openTables(dir).store.read('user-1')).toEqual({
      ...doc,
      note: 'six',
      rows: [...doc.rows, row([6])],
    });
  });

  it.each([
    ['half a row line', '{"inputs":[9'],
    ['rows without a head line', lines([row([8]), row([9])])],
    ['a half head line', `${lines([row([9])])}[{"version":1,"note":"nev`],
    ['bytes that are not UTF-8 nor JSON', '\u00ff\n{]\n\0\0'],
  ])('ignores %s at its end, and the next append cuts it off', async (_, tail) => {
    const { dir, rowsFile, acknowledged, doc } = await appendedThrice();
    await appendFile(rowsFile, tail);
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toEqual(doc);
    await store.append('user-1', appendWith('six', [row([6])]));
    expect(await readFile(rowsFile, 'utf8')).toBe(
      acknowledged + lines([row([6])]) + headLine({ version: 1, note: 'six' }),
    );
    expect(await openTables(dir).store.read('user-1')).toEqual({
      ...doc,
      note: 'six',
      rows: [...doc.rows, row([6])],
    });
    expect(recovered).toEqual([]);
  });

  it('cuts off a tail longer than the next append, after a change of the head alone too', async () => {
    const { dir, rowsFile, acknowledged, doc } = await appendedThrice();
    await appendFile(rowsFile, lines(Array.from({ length: 20 }, (_, i) => row([100 + i]))));
    const { store } = openTables(dir);
    await store.update('user-1', (current) => ({ ...(current as TableDoc), note: 'renamed' }));
    await store.append('user-1', appendWith('six', [row([6])]));
    expect(await readFile(rowsFile, 'utf8')).toBe(
      acknowledged + lines([row([6])]) + headLine({ version: 1, note: 'six' }),
    );
    expect(await openTables(dir).store.read('user-1')).toEqual({
      ...doc,
      note: 'six',
      rows: [...doc.rows, row([6])],
    });
  });

  it('reads a document that main wrote: rows without head lines, and an append it never acknowledged', async () => {
    const dir = await makeTempDir();
    const rows = lines([row([1]), row([2])]);
    const ref = { generation: 4, bytes: Buffer.byteLength(rows), count: 2 };
    await writeFile(join(dir, 'user-1.json'), `${JSON.stringify({ version: 1, note: 'old', rows: ref })}\n`);
    await writeFile(join(dir, 'user-1.4.rows'), `${rows}${lines([row([3])])}`);
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toEqual({ version: 1, note: 'old', rows: [row([1]), row([2])] });
    await store.append('user-1', appendWith('new', [row([4])]));
    expect(await readFile(join(dir, 'user-1.4.rows'), 'utf8')).toBe(
      rows + lines([row([4])]) + headLine({ version: 1, note: 'new' }),
    );
    expect(await openTables(dir).store.read('user-1')).toEqual({
      version: 1,
      note: 'new',
      rows: [row([1]), row([2]), row([4])],
    });
    expect(recovered).toEqual([]);
  });
});

describe('damage to a log', () => {
  /** Replaces the first occurrence of `from` in the rows file with `to`. */
  async function damage(rowsFile: string, from: string, to: string) {
    const text = await readFile(rowsFile, 'utf8');
    expect(text).toContain(from);
    await writeFile(rowsFile, text.replace(from, to));
  }

  it.each([
    ['a row the JSON file counts', '{"inputs":[1],', '{"inputs":[1]]', 'malformed-json'],
    ['a row a later head line commits', '{"inputs":[4],', '{"inputs":[4]]', 'malformed-json'],
    [
      'a head line the next one follows',
      '[{"version":1,"note":"after 3"',
      '[{"version":1,"note":"after 3"]]',
      'malformed-json',
    ],
    [
      'the last head line, made two values',
      '[{"version":1,"note":"after 5","rows":null}]',
      '[{"version":1,"note":"after 5","rows":null},1]',
      'invalid-document',
    ],
    [
      'the last head line, made no object',
      '[{"version":1,"note":"after 5","rows":null}]',
      '["after 5"]',
      'invalid-document',
    ],
    ['the last head line, made one the check refuses', '"note":"after 5"', '"note":5', 'invalid-document'],
    [
      'a row a later head line commits, made no object',
      '{"inputs":[4],"output":1}',
      '"not a row"',
      'invalid-document',
    ],
  ])('is reported when it hits %s', async (_, from, to, reason) => {
    const { dir, rowsFile } = await appendedThrice();
    await damage(rowsFile, from, to);
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toBeUndefined();
    expect(recovered).toMatchObject([{ key: 'user-1', reason }]);
    const names = await readdir(dir);
    expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
  });

  it('is reported as zero-filled when the bytes the JSON file counts are all zero', async () => {
    const { dir, rowsFile, acknowledged } = await appendedThrice();
    const counted = Buffer.byteLength(lines([row([1]), row([2])]));
    await writeFile(
      rowsFile,
      Buffer.concat([Buffer.alloc(counted), Buffer.from(acknowledged).subarray(counted)]),
    );
    const { store, recovered } = openTables(dir);
    expect(await store.read('user-1')).toBeUndefined();
    expect(recovered).toMatchObject([{ reason: 'zero-filled' }]);
  });
});

describe('folding a log', () => {
  /** A note that makes each head line about 20 KB: the fourth append's heads outweigh 64 KiB. */
  const bigNote = (n: number) => `${n}`.padEnd(20_000, '.');
  const headBytes = Buffer.byteLength(headLine({ version: 1, note: bigNote(0) }));

  it('comes once the head lines take more bytes than the limit, and reads back', async () => {
    expect(3 * headBytes).toBeLessThan(FOLD_AFTER_HEAD_BYTES);
    expect(4 * headBytes).toBeGreaterThan(FOLD_AFTER_HEAD_BYTES);
    const dir = await makeTempDir();
    const rows = [1, 2, 3, 4, 5, 6].map((n) => row([n]));
    await openTables(dir).store.update('user-1', () => ({ version: 1, rows: [] }));
    for (const n of [1, 2, 3, 4]) {
      // A restart between appends: the heads already logged count as well.
      await openTables(dir).store.append('user-1', appendWith(bigNote(n), [row([n])]));
    }
    expect((await readdir(dir)).sort()).toEqual(['user-1.1.rows', 'user-1.json']);
    const { store } = openTables(dir);
    await store.append('user-1', appendWith(bigNote(5), [row([5])]));
    expect((await readdir(dir)).sort()).toEqual(['user-1.2.rows', 'user-1.json']);
    expect(await readFile(join(dir, 'user-1.2.rows'), 'utf8')).toBe(lines(rows.slice(0, 5)));
    expect(await readJson(join(dir, 'user-1.json'))).toEqual({
      version: 1,
      note: bigNote(5),
      rows: { generation: 2, bytes: Buffer.byteLength(lines(rows.slice(0, 5))), count: 5 },
    });
    // After the fold, appends log again.
    await store.append('user-1', appendWith('six', [row([6])]));
    expect(await readFile(join(dir, 'user-1.2.rows'), 'utf8')).toBe(
      lines(rows) + headLine({ version: 1, note: 'six' }),
    );
    expect(await openTables(dir).store.read('user-1')).toEqual({ version: 1, note: 'six', rows });
  });

  it('comes at the same append for a store that made every append itself', async () => {
    const dir = await makeTempDir();
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: [] }));
    for (const n of [1, 2, 3, 4]) await store.append('user-1', appendWith(bigNote(n), [row([n])]));
    expect((await readdir(dir)).sort()).toEqual(['user-1.1.rows', 'user-1.json']);
    // A change of the head alone leaves the head lines where they are: they still count.
    await store.update('user-1', (doc) => ({ ...(doc as TableDoc), note: 'short' }));
    await store.append('user-1', appendWith('five', [row([5])]));
    expect((await readdir(dir)).sort()).toEqual(['user-1.2.rows', 'user-1.json']);
  });

  it('counts the head lines the JSON file covers too', async () => {
    const dir = await makeTempDir();
    await openTables(dir).store.update('user-1', () => ({ version: 1, rows: [] }));
    for (const n of [1, 2, 3, 4])
      await openTables(dir).store.append('user-1', appendWith(bigNote(n), [row([n])]));
    // A change of the head alone: the JSON file now covers the four head lines.
    await openTables(dir).store.update('user-1', (doc) => ({ ...(doc as TableDoc), note: 'short' }));
    expect((await readdir(dir)).sort()).toEqual(['user-1.1.rows', 'user-1.json']);
    await openTables(dir).store.append('user-1', appendWith('five', [row([5])]));
    expect((await readdir(dir)).sort()).toEqual(['user-1.2.rows', 'user-1.json']);
    expect(await openTables(dir).store.read('user-1')).toEqual({
      version: 1,
      note: 'five',
      rows: [1, 2, 3, 4, 5].map((n) => row([n])),
    });
  });

  it('waits while the rows outweigh the head lines', async () => {
    const dir = await makeTempDir();
    // Rows of about 20 KB each: five of them outweigh five heads.
    const wide = (n: number) => row(Array.from({ length: 2_000 }, (_, i) => n + i / 1_000));
    const { store } = openTables(dir);
    await store.update('user-1', () => ({ version: 1, rows: [wide(0), wide(1)] }));
    for (const n of [2, 3, 4, 5, 6]) await store.append('user-1', appendWith(bigNote(n), [wide(n)]));
    expect((await readdir(dir)).sort()).toEqual(['user-1.1.rows', 'user-1.json']);
    expect(await openTables(dir).store.read('user-1')).toEqual({
      version: 1,
      note: bigNote(6),
      rows: [0, 1, 2, 3, 4, 5, 6].map(wide),
    });
  });
});
