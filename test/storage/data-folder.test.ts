// The data folder's own functions, without a store: preparing it, clearing temp files, and which system
// errors become one sentence naming the folder.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, syncFolder, toFolderError } from '../../src/storage/atomic-file.js';
import { prepareDataFolderSync, removeStaleTempFiles } from '../../src/storage/data-folder.js';
import { createRecordingLogger, makeTempDir } from './store-test-kit.js';

describe('preparing the data folder', () => {
  it('creates a missing one with mode 0700 and leaves an existing one as it is', async () => {
    const dir = join(await makeTempDir(), 'a', 'b');
    prepareDataFolderSync(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const existing = join(await makeTempDir(), 'shared');
    await mkdir(existing, { mode: 0o750 });
    prepareDataFolderSync(existing);
    expect((await stat(existing)).mode & 0o777).toBe(0o750);
  });

  it('refuses a file in its place with the sentence for a file, the system error as its cause', async () => {
    const dir = join(await makeTempDir(), 'data');
    await writeFile(dir, '');
    expect(() => prepareDataFolderSync(dir)).toThrow(/is a file, not a folder/);
  });
});

describe('stale temp files', () => {
  it('are removed, each logged with its file; other files stay', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, '.user-1.json.0123abcd.tmp'), '{');
    await writeFile(join(dir, '.user-1.json'), 'not a temp file');
    await writeFile(join(dir, 'user-1.json.0123.tmp'), 'no leading dot');
    const logger = createRecordingLogger();
    await removeStaleTempFiles(dir, logger);
    expect((await readdir(dir)).sort()).toEqual(['.user-1.json', 'user-1.json.0123.tmp']);
    expect(logger.lines).toEqual([
      {
        level: 'info',
        obj: { file: join(dir, '.user-1.json.0123abcd.tmp') },
        msg: 'Removed a temp file left by an interrupted write',
      },
    ]);
  });

  it('are left, with a warning naming the folder, when it cannot be listed', async () => {
    const dir = join(await makeTempDir(), 'missing');
    const logger = createRecordingLogger();
    await removeStaleTempFiles(dir, logger);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        obj: { dir, err: expect.objectContaining({ code: 'ENOENT' }) },
        msg: 'Could not list the data folder to remove stale temp files',
      },
    ]);
  });

  it('that cannot be removed are reported with a warning, and the others still removed', async () => {
    const dir = await makeTempDir();
    // A folder with a temp file's name: rm without `recursive` refuses it.
    await mkdir(join(dir, '.user-1.json.aa.tmp'));
    await writeFile(join(dir, '.user-2.json.bb.tmp'), '');
    const logger = createRecordingLogger();
    await removeStaleTempFiles(dir, logger);
    expect(logger.lines.map((line) => [line.level, line.msg, line.obj.file])).toEqual([
      ['warn', 'Could not remove a stale temp file', join(dir, '.user-1.json.aa.tmp')],
      ['info', 'Removed a temp file left by an interrupted write', join(dir, '.user-2.json.bb.tmp')],
    ]);
  });
});

describe('system errors of the folder', () => {
  it('become one sentence naming it when the folder is to blame, and stay as they are otherwise', () => {
    const error = (code?: string) => Object.assign(new Error('system'), code ? { code } : {});
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOENT', 'ENOTDIR']) {
      const described = toFolderError('/data', error(code)) as Error;
      expect(described.message).toMatch(/^The data folder "\/data" /);
    }
    for (const other of [error('EIO'), error(), error('EEXIST')])
      expect(toFolderError('/data', other)).toBe(other);
  });

  it('stop a folder sync only when the folder cannot be opened for a reason other than the platform', async () => {
    const dir = await makeTempDir();
    await expect(syncFolder(dir)).resolves.toBeUndefined();
    await expect(syncFolder(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    // procfs cannot fsync a folder (EINVAL), as some platforms cannot: the rename stands without it.
    await expect(syncFolder('/proc')).resolves.toBeUndefined();
  });

  it('make a read fail unless the file is simply missing', async () => {
    const dir = await makeTempDir();
    expect(await new AtomicFile(join(dir, 'user-1.json')).read()).toBeNull();
    await mkdir(join(dir, 'user-2.json'));
    await expect(new AtomicFile(join(dir, 'user-2.json')).read()).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
