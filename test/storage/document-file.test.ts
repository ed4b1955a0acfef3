import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentFile, encodeDocument, moveAside, parseDocument } from '../../src/storage/document-file.js';
import { isNumbersDoc } from './numbers-doc.js';
import { makeTempDir } from './store-test-kit.js';

describe('parseDocument', () => {
  it('reads back what encodeDocument wrote', () => {
    const doc = { version: 1, values: [0.5, -2] };
    expect(parseDocument(encodeDocument(doc), isNumbersDoc)).toEqual({ ok: true, value: doc });
  });

  it.each([
    ['nothing', '', 'empty'],
    ['only whitespace', ' \n', 'empty'],
    ['NUL bytes', '\0\0\0\0', 'zero-filled'],
    ['truncated JSON', '{"version":1,"val', 'malformed-json'],
    ['JSON with trailing NUL bytes', '{"version":1,"values":[]}\0\0', 'malformed-json'],
    ['null', 'null', 'invalid-document'],
    ['an object of the wrong shape', '{"version":2,"values":[]}', 'invalid-document'],
  ])('names %s as %s', (_, text, reason) => {
    expect(parseDocument(Buffer.from(text), isNumbersDoc)).toEqual({ ok: false, reason });
  });

  it('names bytes that are not UTF-8 as malformed-json', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"version":1,"values":[],"x":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    expect(parseDocument(bytes, isNumbersDoc)).toEqual({ ok: false, reason: 'malformed-json' });
  });
});

describe('moveAside', () => {
  it('gives two files moved aside at the same instant two different names', async () => {
    const dir = await makeTempDir();
    const file = join(dir, 'user-1.json');
    const now = new Date('2024-05-01T12:34:56.789Z');
    await writeFile(file, 'first');
    const first = await moveAside(file, now);
    await writeFile(file, 'second');
    const second = await moveAside(file, now);
    expect(first).toBe(`${file}.corrupt-2024-05-01T12-34-56.789Z`);
    expect(second).toBe(`${first}-1`);
    expect([await readFile(first, 'utf8'), await readFile(second, 'utf8')]).toEqual(['first', 'second']);
    expect((await readdir(dir)).sort()).toHaveLength(2);
    await writeFile(file, 'third');
    expect(await moveAside(file, now)).toBe(`${first}-2`);
  });
});

describe('a DocumentFile with a rows file', () => {
  const isAnything = (_value: unknown): _value is unknown => true;

  async function openFile(validate: (value: unknown) => value is unknown = isAnything) {
    const file = join(await makeTempDir(), 'user-1.json');
    const corrupt: string[] = [];
    const documentFile = new DocumentFile<unknown>({
      file,
      validate,
      onCorrupt: (reason) => corrupt.push(reason),
      rowsField: 'rows',
      pause: async () => {},
    });
    return { file, documentFile, corrupt };
  }

  async function reopen(file: string) {
    const documentFile = new DocumentFile<unknown>({
      file,
      validate: isAnything,
      onCorrupt: () => {},
      rowsField: 'rows',
      pause: async () => {},
    });
    return { documentFile };
  }

  it('refuses null, a value JSON cannot hold, and a rows field that is not an array', async () => {
    const { documentFile } = await openFile();
    await expect(documentFile.write(null)).rejects.toThrow(new TypeError('A stored document cannot be null'));
    await expect(documentFile.prepare(undefined)).rejects.toThrow(
      new TypeError('A document must be a JSON value'),
    );
    await expect(documentFile.prepare({ rows: { a: 1 } })).rejects.toThrow(
      new TypeError('The field "rows" of a stored document must hold an array'),
    );
  });

  it('weighs a document read back by the bytes of both its files', async () => {
    const { file, documentFile } = await openFile();
    await documentFile.write({ note: 'n', rows: [{ inputs: [1, 2] }, { inputs: [3] }] });
    const written = documentFile.size;
    const again = new DocumentFile<unknown>({
      file,
      validate: isAnything,
      onCorrupt: () => {},
      rowsField: 'rows',
      pause: async () => {},
    });
    expect(again.size).toBe(0);
    expect(await again.read()).toEqual({ note: 'n', rows: [{ inputs: [1, 2] }, { inputs: [3] }] });
    const jsonBytes = (await readFile(file)).length;
    const rowsBytes = (await readFile(join(file, '..', 'user-1.1.rows'))).length;
    expect(again.size).toBe(jsonBytes + rowsBytes);
    expect(written).toBe(jsonBytes + rowsBytes);
  });

  it('copies a document deeply, its rows too, so that changing the copy changes nothing stored', async () => {
    const { documentFile } = await openFile();
    const doc = { note: { text: 'a' }, rows: [{ inputs: [1, 2] }] };
    const copy = documentFile.copy(doc);
    expect(copy).toEqual(doc);
    copy.rows[0]?.inputs.push(3);
    copy.note.text = 'b';
    expect(doc).toEqual({ note: { text: 'a' }, rows: [{ inputs: [1, 2] }] });
    const plain = documentFile.copy({ rows: 'not rows', list: [[1]] });
    expect(plain).toEqual({ rows: 'not rows', list: [[1]] });
  });

  it('reads a rows field of rows that are not flat objects as an invalid document, and moves it aside', async () => {
    const { file, documentFile, corrupt } = await openFile();
    await writeFile(file, JSON.stringify({ rows: [{ inputs: [[1]] }] }));
    expect(await documentFile.read()).toBeNull();
    expect(corrupt).toEqual(['invalid-document']);
    await writeFile(file, JSON.stringify({ rows: 'text' }));
    expect(await documentFile.read()).toBeNull();
    expect(corrupt).toEqual(['invalid-document', 'invalid-document']);
    await writeFile(file, JSON.stringify({ note: 'no rows' }));
    expect(await documentFile.read()).toEqual({ note: 'no rows' });
  });

  it('moves the rows file aside with a JSON file that its check refuses', async () => {
    const { file, documentFile } = await openFile();
    await documentFile.write({ version: 1, rows: [{ inputs: [1] }] });
    const refusing = new DocumentFile<unknown>({
      file,
      validate: (_value: unknown): _value is unknown => false,
      onCorrupt: () => {},
      rowsField: 'rows',
      pause: async () => {},
    });
    expect(await refusing.read()).toBeNull();
    const names = await readdir(join(file, '..'));
    expect(
      names.filter((name) => name.includes('.corrupt-')).map((name) => name.split('.corrupt-')[0]),
    ).toEqual(expect.arrayContaining(['user-1.json', 'user-1.1.rows']));
    expect(names).not.toContain('user-1.1.rows');
  });

  it('says whether a prepared document differs from the one stored', async () => {
    const { documentFile } = await openFile();
    const doc = { note: 'n', rows: [{ inputs: [1] }] };
    expect((await documentFile.prepare(doc)).changed).toBe(true);
    await documentFile.write(doc);
    expect((await documentFile.prepare({ note: 'n', rows: [{ inputs: [1] }] })).changed).toBe(false);
    expect(
      (await documentFile.prepare({ note: 'n', rows: [{ inputs: [1] }, { inputs: [2] }] })).changed,
    ).toBe(true);
    expect((await documentFile.prepare({ note: 'n', rows: [] })).changed).toBe(true);
    expect((await documentFile.prepare({ note: 'n' })).changed).toBe(true);
    expect((await documentFile.prepare({ note: 'm', rows: [{ inputs: [1] }] })).changed).toBe(true);
  });

  it('weighs a document by its files after an append too', async () => {
    const { file, documentFile } = await openFile();
    await documentFile.write({ note: 'n', rows: [{ inputs: [1] }] });
    const { doc } = await documentFile.prepareAppend({ note: 'm' }, [{ inputs: [2] }]);
    await documentFile.write(doc);
    const jsonBytes = (await readFile(file)).length;
    const rowsBytes = (await readFile(join(file, '..', 'user-1.1.rows'))).length;
    expect(documentFile.size).toBe(jsonBytes + rowsBytes);
  });

  it('refuses to append to a head that is not a plain object, rows that are not an array or not flat', async () => {
    const { documentFile } = await openFile();
    await documentFile.write({ note: 'n', rows: [] });
    const notPlain = new (class Head {
      note = 'n';
    })();
    for (const head of [null, 5, [1], notPlain]) {
      await expect(documentFile.prepareAppend(head, [])).rejects.toThrow(
        new TypeError('A stored document must be an object to have rows'),
      );
    }
    await expect(documentFile.prepareAppend({ note: 'n' }, 'rows' as never)).rejects.toThrow(
      new TypeError('The rows to add must be an array'),
    );
    await expect(documentFile.prepareAppend({ note: 'n' }, [{ inputs: [[1]] }])).rejects.toThrow(TypeError);
    // An object without a prototype is as plain as JSON.parse makes them.
    const bare = Object.assign(Object.create(null) as object, { note: 'bare' });
    expect((await documentFile.prepareAppend(bare, [])).doc).toEqual({ note: 'bare', rows: [] });
  });

  it('says an append that adds nothing and keeps the head changes nothing, and writes nothing for it', async () => {
    const { file, documentFile } = await openFile();
    await documentFile.write({ note: 'n', rows: [{ inputs: [1] }] });
    expect((await documentFile.prepareAppend({ note: 'n' }, [])).changed).toBe(false);
    expect((await documentFile.prepareAppend({ note: 'm' }, [])).changed).toBe(true);
    expect((await documentFile.prepareAppend({ note: 'n' }, [{ inputs: [2] }])).changed).toBe(true);
    const fresh = await openFile();
    expect((await fresh.documentFile.prepareAppend({ note: 'n' }, [])).changed).toBe(true);
    expect(file).toBeTruthy();
  });

  it('says a document without rows differs from the one stored without rows when its rest does', async () => {
    const { documentFile } = await openFile();
    await documentFile.write({ note: 'a' });
    expect((await documentFile.prepare({ note: 'a' })).changed).toBe(false);
    expect((await documentFile.prepare({ note: 'b' })).changed).toBe(true);
  });

  it('drops the rows file when a document loses its rows field', async () => {
    const { file, documentFile } = await openFile();
    await documentFile.write({ note: 'n', rows: [] });
    await documentFile.write({ note: 'n', rows: [{ inputs: [1] }] });
    await documentFile.write({ note: 'without' });
    expect(await readdir(join(file, '..'))).toEqual(['user-1.json']);
    const { documentFile: again } = await reopen(file);
    expect(await again.read()).toEqual({ note: 'without' });
    // From no rows too: nothing to append, the JSON file alone is written.
    await again.write({ note: 'none', rows: [] });
    await again.write({ note: 'without again' });
    expect(await readdir(join(file, '..'))).toEqual(['user-1.json']);
    expect(await (await reopen(file)).documentFile.read()).toEqual({ note: 'without again' });
  });

  it('hands a JSON file that is not an object to the check as it is', async () => {
    const { file, documentFile, corrupt } = await openFile();
    await writeFile(file, '[1,2]');
    expect(await documentFile.read()).toEqual([1, 2]);
    await writeFile(file, 'null');
    expect(await documentFile.read()).toBeNull();
    expect(corrupt).toEqual([]);
  });

  it('copies what is not an object with rows as plain JSON', async () => {
    const { documentFile } = await openFile();
    expect(documentFile.copy(5)).toBe(5);
    expect(documentFile.copy(null)).toBeNull();
    const list = [{ inputs: [1] }, [2]];
    const copy = documentFile.copy(list);
    expect(copy).toEqual(list);
    expect(copy[1]).not.toBe(list[1]);
  });

  it('prepares null as a document, for the check to refuse', async () => {
    const { documentFile } = await openFile();
    expect(await documentFile.prepare(null)).toEqual({ doc: null, changed: true });
  });
});

describe('a DocumentFile without a rows field', () => {
  it('keeps any JSON value whole in its JSON file, a field named "undefined" too', async () => {
    const file = join(await makeTempDir(), 'user-1.json');
    const open = () =>
      new DocumentFile<unknown>({
        file,
        validate: (_value: unknown): _value is unknown => true,
        onCorrupt: () => {},
        pause: async () => {},
      });
    const ref = { generation: 1, bytes: 0, count: 0 };
    for (const doc of [[1, 2], { undefined: ref, rows: ref }]) {
      await open().write(doc);
      expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify(doc)}\n`);
      expect(await open().read()).toEqual(doc);
    }
  });
});
