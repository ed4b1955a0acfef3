import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeDocument, moveAside, parseDocument } from '../../src/storage/document-file.js';
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
  });
});
