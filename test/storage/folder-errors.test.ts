import { describe, expect, it } from 'vitest';
import { describeFolderError } from '../../src/storage/folder-errors.js';

const DIR = '/srv/bot data';
const systemError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('the message of an unusable data folder', () => {
  it.each([
    ['EEXIST', 'is a file, not a folder: remove or rename that file'],
    ['ENOTDIR', 'is not a folder (a file is in its path): remove that file'],
    ['ENOENT', 'has disappeared: create it again with mode 700'],
    ['EACCES', 'is not writable: give this user write access to it (chmod 700)'],
    ['EPERM', 'is not writable: give this user write access to it (chmod 700)'],
    ['EROFS', 'is on a read-only file system: mount it writable'],
    ['ENOSPC', 'is on a full disk: free some space'],
  ])(
    'for %s names the folder, what is wrong and the fix, keeping the system error as its cause',
    (code, fix) => {
      const error = systemError(code);
      const described = describeFolderError(DIR, error);
      expect(described.message).toBe(
        `The data folder "/srv/bot data" ${fix} or set DATA_DIR to another folder.`,
      );
      expect(described.cause).toBe(error);
    },
  );

  it('for any other code names the code and asks for a writable folder', () => {
    expect(describeFolderError(DIR, systemError('EIO')).message).toBe(
      'The data folder "/srv/bot data" cannot be used (EIO): check that it is a writable folder or set DATA_DIR to another folder.',
    );
  });

  it('for an error without a code says the error is unknown', () => {
    const error = new Error('odd');
    const described = describeFolderError(DIR, error);
    expect(described.message).toContain('cannot be used (unknown error)');
    expect(described.cause).toBe(error);
    expect(describeFolderError(DIR, undefined).message).toContain('(unknown error)');
  });
});
