import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { describeFolderError } from './folder-errors.js';

/** Temp files are `.<key>.json.<random hex>.tmp`; keys never start with a dot, so no document matches. */
export const TEMP_FILE_PATTERN = /^\.[A-Za-z0-9_-]+\.json\.[0-9a-f]+\.tmp$/;

const FOLDER_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOENT', 'ENOTDIR']);

/**
 * A lowdb adapter for raw bytes that never leaves a half-written file: it writes a uniquely named temp
 * file (mode 0600) in the same folder, fsyncs it, renames it over the target and fsyncs the folder.
 * Writes to one file must not overlap; the store runs them one at a time.
 */
export class AtomicFile implements Adapter<Uint8Array> {
  readonly file: string;
  readonly #dir: string;

  constructor(file: string) {
    this.file = file;
    this.#dir = dirname(file);
  }

  async read(): Promise<Uint8Array | null> {
    try {
      return await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw toFolderError(this.#dir, error);
    }
  }

  /**
   * Replaces the file with `data`. With `before`, the rename waits for it too (it runs while the temp file
   * is written and fsynced): what the new file points to is on disk before the file is.
   */
  async write(data: Uint8Array, before?: Promise<unknown>): Promise<void> {
    const temp = join(this.#dir, `.${basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const [written, other] = await Promise.allSettled([writeDurably(temp, data), before]);
      if (written.status === 'rejected') throw written.reason;
      if (other.status === 'rejected') throw other.reason;
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw toFolderError(this.#dir, error);
    }
    await syncFolder(this.#dir);
  }
}

/** A folder's system error (not writable, full, gone) as one sentence naming the folder; others as they are. */
export function toFolderError(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  return code && FOLDER_ERRORS.has(code) ? describeFolderError(dir, error) : error;
}

async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    // The mode given to open is narrowed by the umask; set it exactly.
    await handle.chmod(0o600);
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename in the folder durable; skipped where folders cannot be opened (Windows). */
export async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
