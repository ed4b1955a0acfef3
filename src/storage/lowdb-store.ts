import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Low } from 'lowdb';
import { AtomicFile } from './atomic-file.js';
import { prepareDataFolderSync, removeStaleTempFiles } from './data-folder.js';
import { DocumentFile } from './document-file.js';
import { createKeyedQueue } from './keyed-queue.js';
import { createLruCache } from './lru-cache.js';
import { encodeSettled, settleDocumentInSlices, settleParsed } from './settle-document.js';
import { assertStoreKey, isStoreKey, toDocumentFileName } from './store-keys.js';
import type { CorruptionReason, DocumentStore, LowdbStoreOptions, StoreLogger } from './store-types.js';

const silentLogger: StoreLogger = { info() {}, warn() {}, error() {} };
/**
 * A document of 1,000 rows x 32 decimals is 300 KB on disk and about half a megabyte in memory; with
 * hundreds of them, full garbage collections grow long enough to hold up replies, so the cache keeps at
 * most this much of encoded documents.
 */
const DEFAULT_CACHED_BYTES = 32 * 1024 * 1024;

/**
 * The default DocumentStore: one lowdb file per key in `dir`, so an update rewrites only its own file.
 * Checks the folder before returning (throws an Error naming it when unusable) and removes temp files
 * left by interrupted writes. One process at a time may own the folder.
 */
export function createLowdbStore<T>(options: LowdbStoreOptions<T>): DocumentStore<T> {
  const { dir, validate, logger = silentLogger, onRecovered } = options;
  const cache = createLruCache<Low<T | null>>(options.maxCachedDocuments ?? 1000, {
    max: options.maxCachedBytes ?? DEFAULT_CACHED_BYTES,
    weigh: (db) => (db.adapter as DocumentFile<T>).size,
  });
  prepareDataFolderSync(dir);
  const ready = removeStaleTempFiles(dir, logger);
  const queue = createKeyedQueue();

  const reportCorrupt = (key: string, file: string) => (reason: CorruptionReason, backupPath: string) => {
    logger.warn({ key, file, backupPath, reason }, 'Moved a corrupt document aside; its key starts fresh');
    try {
      onRecovered?.({ key, reason, file, backupPath });
    } catch (error) {
      logger.error({ key, err: error }, 'The onRecovered callback threw');
    }
  };

  const openDocument = async (key: string): Promise<Low<T | null>> => {
    const cached = cache.get(key);
    if (cached) return cached;
    const file = join(dir, toDocumentFileName(key));
    const db = new Low<T | null>(
      new DocumentFile(new AtomicFile(file), validate, reportCorrupt(key, file), encodeSettled),
      null,
    );
    await db.read();
    if (db.data !== null) settleParsed(db.data);
    cache.set(key, db);
    return db;
  };

  const applyUpdate = async (key: string, fn: (current: T | undefined) => T | Promise<T>): Promise<T> => {
    const db = await openDocument(key);
    const current = db.data ?? undefined;
    const next = await fn(current);
    if (current !== undefined && next === current) return current;
    db.data = await toStoredDocument(key, next, validate);
    try {
      await db.write();
    } catch (error) {
      // The disk may hold either version now; the next call reads it again.
      cache.delete(key);
      throw error;
    }
    // Weighed again: the document grew or shrank.
    cache.set(key, db);
    return db.data;
  };

  return {
    async read(key) {
      assertStoreKey(key);
      return queue.run(key, async () => {
        await ready;
        return (await openDocument(key)).data ?? undefined;
      });
    },
    async update(key, fn) {
      assertStoreKey(key);
      return queue.run(key, async () => {
        await ready;
        return applyUpdate(key, fn);
      });
    },
    async flush() {
      await ready;
      await queue.drain();
    },
    async keys(prefix) {
      await ready;
      return (await readdir(dir))
        .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .filter(isStoreKey);
    },
  };
}

/**
 * What will be read back from disk, checked and frozen, so memory never differs from the file; the parts
 * kept from the previous version are neither copied nor (when the file is written) encoded again.
 */
async function toStoredDocument<T>(
  key: string,
  next: T,
  validate: (value: unknown) => value is T,
): Promise<T> {
  const stored = await settleDocumentInSlices(next, nextTurn);
  if (!validate(stored)) {
    throw new TypeError(
      `The update of "${key}" returned a value that is not a valid document (invalid-document)`,
    );
  }
  return stored;
}
