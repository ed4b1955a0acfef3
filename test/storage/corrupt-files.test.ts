import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import {
  appendValue,
  createRecordingLogger,
  isNumbersDoc,
  makeTempDir,
  openNumbersStore,
} from './store-test-kit.js';

const cases = [
  { name: 'an empty file', bytes: Buffer.alloc(0), reason: 'empty' },
  { name: 'truncated JSON', bytes: Buffer.from('{"version":1,"values":[1,2'), reason: 'malformed-json' },
  { name: 'a file full of NUL bytes', bytes: Buffer.alloc(64), reason: 'zero-filled' },
  {
    name: 'valid JSON of the wrong shape',
    bytes: Buffer.from('{"version":1,"values":"x"}'),
    reason: 'invalid-document',
  },
] as const;

describe.each(cases)('a stored document that is $name', ({ bytes, reason }) => {
  it('is moved aside with its bytes, logged, reported, and its key starts fresh', async () => {
    const dir = await makeTempDir();
    const first = openNumbersStore(dir).store;
    await first.update('user-bad', appendValue(1));
    await first.update('user-good', appendValue(2));
    const file = join(dir, 'user-bad.json');
    await writeFile(file, bytes, { mode: 0o644 });

    const { store, logger, recovered } = openNumbersStore(dir);
    expect(await store.read('user-bad')).toBeUndefined();
    expect(await store.read('user-good')).toEqual({ version: 1, values: [2] });

    expect(recovered).toHaveLength(1);
    const event = recovered[0];
    expect(event).toMatchObject({ key: 'user-bad', reason, file });
    const backupPath = event?.backupPath ?? '';
    expect(backupPath.startsWith(`${file}.corrupt-`)).toBe(true);
    expect(await readFile(backupPath)).toEqual(bytes);
    expect((await stat(backupPath)).mode & 0o777).toBe(0o600);
    const warning = logger.lines.find((line) => line.level === 'warn');
    expect(warning?.obj).toMatchObject({ file, backupPath, reason });
  });

  it('is reported once: after the move, a reopened store finds nothing corrupt', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-bad.json'), bytes);
    const first = openNumbersStore(dir);
    await first.store.read('user-bad');
    const second = openNumbersStore(dir);
    expect(await second.store.read('user-bad')).toBeUndefined();
    expect([first.recovered.length, second.recovered.length]).toEqual([1, 0]);
  });
});

describe('recovery from a corrupt document', () => {
  it('is found by load, which opens the document without handing it out', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-1.json'), 'not json');
    const { store, recovered } = openNumbersStore(dir);
    await store.load('user-1');
    expect(recovered.map((event) => event.key)).toEqual(['user-1']);
    expect(await store.read('user-1')).toBeUndefined();
  });

  it('lets the user start fresh: the next update writes a new document and keeps the backup', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-1.json'), 'not json');
    const { store, recovered } = openNumbersStore(dir);
    expect(await store.update('user-1', appendValue(5))).toEqual({ version: 1, values: [5] });
    expect(recovered.map((event) => event.key)).toEqual(['user-1']);
    expect(await readFile(recovered[0]?.backupPath ?? '', 'utf8')).toBe('not json');
    expect((await readdir(dir)).sort()).toEqual([
      'user-1.json',
      expect.stringMatching(/^user-1\.json\.corrupt-/),
    ]);
  });

  it('never overwrites an earlier backup of the same key', async () => {
    const dir = await makeTempDir();
    const backups: string[] = [];
    for (const text of ['first', 'second']) {
      await writeFile(join(dir, 'user-1.json'), text);
      const { store, recovered } = openNumbersStore(dir);
      await store.read('user-1');
      backups.push(recovered[0]?.backupPath ?? '');
    }
    expect(new Set(backups).size).toBe(2);
    expect(await Promise.all(backups.map((path) => readFile(path, 'utf8')))).toEqual(['first', 'second']);
  });

  it('logs an error and carries on when onRecovered throws', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-1.json'), '');
    const logger = createRecordingLogger();
    const store = createLowdbStore({
      dir,
      validate: isNumbersDoc,
      logger,
      onRecovered: () => {
        throw new Error('listener failed');
      },
    });
    expect(await store.read('user-1')).toBeUndefined();
    expect(logger.lines.map((line) => line.level)).toEqual(['warn', 'error']);
  });
});
