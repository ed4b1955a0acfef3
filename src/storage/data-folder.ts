import { accessSync, chmodSync, constants, mkdirSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_FILE_PATTERN } from './atomic-file.js';
import { describeFolderError } from './folder-errors.js';
import type { StoreLogger } from './store-types.js';

/** Creates the folder with mode 0700 when missing and checks that it is a writable folder. */
export function prepareDataFolderSync(dir: string): void {
  try {
    if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw describeFolderError(dir, error);
  }
}

/** Removes temp files left by writes that were interrupted; the documents they would have replaced stay. */
export async function removeStaleTempFiles(dir: string, logger: StoreLogger): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    logger.warn({ dir, err: error }, 'Could not list the data folder to remove stale temp files');
    return;
  }
  for (const name of names.filter((n) => TEMP_FILE_PATTERN.test(n))) {
    const file = join(dir, name);
    try {
      await rm(file, { force: true });
      logger.info({ file }, 'Removed a temp file left by an interrupted write');
    } catch (error) {
      logger.warn({ file, err: error }, 'Could not remove a stale temp file');
    }
  }
}
