// The rows file's own functions, without a store: what a reference must hold, the lines written, and
// what reading gives for each way the file can be wrong.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendRows,
  encodeRows,
  isRowsFileRef,
  readRows,
  rowsFilePath,
  writeRows,
} from '../../src/storage/rows-file.js';
import { makeTempDir } from './store-test-kit.js';

const noPause = async () => {};

describe('a reference to a rows file', () => {
  it('holds a generation, a byte count and a row count, each a whole number from 0', () => {
    expect(isRowsFileRef({ generation: 0, bytes: 0, count: 0 })).toBe(true);
    expect(isRowsFileRef({ generation: 3, bytes: 120, count: 4 })).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', [1, 2, 3]],
    ['a number', 3],
    ['a negative count', { generation: 1, bytes: 10, count: -1 }],
    ['a fractional generation', { generation: 1.5, bytes: 10, count: 1 }],
    ['missing bytes', { generation: 1, count: 1 }],
    ['a count as text', { generation: 1, bytes: 10, count: '1' }],
  ])('is not %s', (_name, value) => {
    expect(isRowsFileRef(value)).toBe(false);
  });

  it("names the file beside the document's, by generation", () => {
    expect(rowsFilePath('/data/chat-1-user-2.json', 3)).toBe('/data/chat-1-user-2.3.rows');
    expect(rowsFilePath('/data.json/user-1.json', 1)).toBe('/data.json/user-1.1.rows');
  });
});

describe('encoding rows', () => {
  it('writes one JSON text a line, what JSON cannot write as null, and nothing for no rows', async () => {
    expect(await encodeRows([{ a: [1, 2] }, undefined, 3], noPause)).toBe('{"a":[1,2]}\nnull\n3\n');
    expect(await encodeRows([], noPause)).toBe('');
  });

  it('pauses after every 128 rows, never before the first', async () => {
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    await encodeRows(Array(128).fill(1), pause);
    expect(pauses).toBe(0);
    await encodeRows(Array(129).fill(1), pause);
    expect(pauses).toBe(1);
    pauses = 0;
    await encodeRows(Array(385).fill(1), pause);
    expect(pauses).toBe(3);
  });

  it('reads each row back from its line when asked', async () => {
    const readBack: unknown[] = [];
    await encodeRows([{ x: -0 }, undefined], noPause, readBack);
    expect(readBack).toEqual([{ x: 0 }, null]);
  });
});

describe('reading rows', () => {
  it('gives no rows for an empty reference without a file, and missing rows when it counts bytes', async () => {
    const file = join(await makeTempDir(), 'none.1.rows');
    expect(await readRows(file, { generation: 1, bytes: 0, count: 0 })).toEqual({
      ok: true,
      rows: [],
      head: undefined,
      end: 0,
      headBytes: 0,
    });
    expect(await readRows(file, { generation: 1, bytes: 5, count: 0 })).toEqual({
      ok: false,
      reason: 'missing-rows',
    });
  });

  it('gives missing rows for a missing file or one shorter than its reference', async () => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    const ref = { generation: 1, bytes: 6, count: 2 };
    expect(await readRows(file, ref)).toEqual({ ok: false, reason: 'missing-rows' });
    expect(await readRows(file, { generation: 1, bytes: 0, count: 2 })).toEqual({
      ok: false,
      reason: 'missing-rows',
    });
    await writeFile(file, '1\n2');
    expect(await readRows(file, ref)).toEqual({ ok: false, reason: 'missing-rows' });
  });

  it('reads the counted lines only, ignoring bytes past them', async () => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    await writeFile(file, '1\n{"a":[2]}\n{"half');
    expect(await readRows(file, { generation: 1, bytes: 12, count: 2 })).toEqual({
      ok: true,
      rows: [1, { a: [2] }],
      head: undefined,
      end: 12,
      headBytes: 0,
    });
  });

  it.each([
    ['zero-filled', Buffer.alloc(4), 1],
    ['malformed-json', Buffer.from('1\n2\n'), 3],
    ['malformed-json', Buffer.from('1\n{\n'), 2],
    ['malformed-json', Buffer.from('1\n22'), 2],
    ['malformed-json', Buffer.from([0x31, 0x0a, 0xff, 0x0a]), 2],
  ])('gives %s for bytes that are not the counted rows (%#)', async (reason, bytes, count) => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    await writeFile(file, bytes);
    expect(await readRows(file, { generation: 1, bytes: bytes.length, count })).toEqual({
      ok: false,
      reason,
    });
  });

  it('skips head lines among the counted bytes, and reads the log past them up to its last head line', async () => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    const counted = '{"a":1}\n["old head"]\n{"a":2}\n';
    const log = '{"a":3}\n[{"n":"é"}]\n{"a":4}\n[{"n":"new"}]\n{"a":5}\n';
    await writeFile(file, counted + log);
    const bytes = Buffer.byteLength(counted);
    expect(await readRows(file, { generation: 1, bytes, count: 2 })).toEqual({
      ok: true,
      rows: [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }],
      head: { n: 'new' },
      end: Buffer.byteLength(counted + log) - '{"a":5}\n'.length,
      headBytes: Buffer.byteLength('["old head"]\n[{"n":"é"}]\n[{"n":"new"}]\n'),
    });
  });

  it.each([
    ['a broken head line among the counted bytes', '{"a":1}\n[\n', 1],
    ['counted bytes that are not UTF-8, counting no rows', '\u00ff\n', 0],
    ['counted bytes that do not end a line', '{"a":1}\n{"a":2}', 1],
  ])('gives malformed-json for %s', async (_, text, count) => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    const bytes = text === '\u00ff\n' ? Buffer.from([0xff, 0x0a]) : Buffer.from(text);
    await writeFile(file, bytes);
    expect(await readRows(file, { generation: 1, bytes: bytes.length, count })).toEqual({
      ok: false,
      reason: 'malformed-json',
    });
  });

  it('throws what is not a missing file, such as a folder in its place', async () => {
    const dir = await makeTempDir();
    await expect(readRows(dir, { generation: 1, bytes: 0, count: 0 })).rejects.toMatchObject({
      code: 'EISDIR',
    });
    await expect(appendRows(dir, 0, '{}\n', false)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('gives zero-filled only when all counted bytes are zero', async () => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    await writeFile(file, Buffer.from([0x31, 0x0a, 0, 0]));
    expect(await readRows(file, { generation: 1, bytes: 4, count: 2 })).toEqual({
      ok: false,
      reason: 'malformed-json',
    });
  });
});

describe('writing rows', () => {
  it('makes a missing file (mode 0600) for an append at byte 0, and refuses one at a later byte', async () => {
    const dir = await makeTempDir();
    const file = join(dir, 'user-1.1.rows');
    await expect(appendRows(file, 4, '1\n', false)).rejects.toMatchObject({ cause: { code: 'ENOENT' } });
    await expect(stat(file)).rejects.toThrow();
    await appendRows(file, 0, '1\n', false);
    expect(await readFile(file, 'utf8')).toBe('1\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('appends at the byte given, cutting off what lay past it when asked to', async () => {
    const file = join(await makeTempDir(), 'user-1.1.rows');
    await writeFile(file, '1\n2\n{"ha', { mode: 0o644 });
    await appendRows(file, 4, '3\n', true);
    expect(await readFile(file, 'utf8')).toBe('1\n2\n3\n');
    // A file that was there keeps its mode: only a file made here is set to 0600.
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    // Without the cut, only the bytes written change (the store cuts once, on its first append after a read).
    await writeFile(file, '1\n2\n{"ha');
    await appendRows(file, 4, '3\n', false);
    expect(await readFile(file, 'utf8')).toBe('1\n2\n3\nha');
  });

  it('writes a whole file, mode 0600, replacing one there', async () => {
    const file = join(await makeTempDir(), 'user-1.2.rows');
    await writeFile(file, 'old old old\n', { mode: 0o644 });
    await writeRows(file, '[1]\n');
    expect(await readFile(file, 'utf8')).toBe('[1]\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('names the folder in one sentence when it is gone', async () => {
    const file = join(await makeTempDir(), 'gone', 'user-1.1.rows');
    await expect(writeRows(file, '1\n')).rejects.toThrow(/^The data folder ".*gone" has disappeared/);
    await expect(appendRows(file, 0, '1\n', false)).rejects.toThrow(
      /^The data folder ".*gone" has disappeared/,
    );
  });
});
