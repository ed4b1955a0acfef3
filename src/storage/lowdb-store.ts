import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Low } from 'lowdb';
import { prepareDataFolderSync, removeStaleTempFiles } from './data-folder.js';
import { DocumentFile } from './document-file.js';
import { createKeyCalls, invalidUpdateError } from './key-calls.js';
import { createLruCache } from './lru-cache.js';
import { appendThroughUpdate, viewOf } from './rows-view.js';
import { isStoreKey, toDocumentFileName } from './store-keys.js';
import type {
  CorruptionReason,
  DocumentStore,
  LowdbStoreOptions,
  RowsAppend,
  RowsView,
  StoreLogger,
} from './store-types.js';

const silentLogger: StoreLogger = { info() {}, warn() {}, error() {} };
/**
 * A document of 1,000 rows x 32 decimals is 300 KB on disk and about 0.4 MB in memory; with hundreds of
 * them, full garbage collections grow long enough to hold up replies, so the cache keeps at most this
 * many bytes of documents (as their files weigh).
 */
const DEFAULT_CACHED_BYTES = 32 * 1024 * 1024;
/** The field append adds to: where it is kept in a rows file, an append writes only the rows it adds. */
const ROWS = 'rows';

/**
 * The default DocumentStore: lowdb files in `dir`, one document per key, so an update rewrites only its
 * own files. The store keeps each document it holds in memory to itself and hands out copies. Checks the
 * folder before returning (throws an Error naming it when unusable) and removes temp files left by
 * interrupted writes. One process at a time may own the folder.
 */
export function createLowdbStore<T>(options: LowdbStoreOptions<T>): DocumentStore<T> {
  const { dir, validate, logger = silentLogger, onRecovered, rowsField } = options;
  const cache = createLruCache<Low<T | null>>(options.maxCachedDocuments ?? 1000, {
    max: options.maxCachedBytes ?? DEFAULT_CACHED_BYTES,
    weigh: (db) => (db.adapter as DocumentFile<T>).size,
  });
  prepareDataFolderSync(dir);
  const ready = removeStaleTempFiles(dir, logger);
  const calls = createKeyCalls(ready);

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
    const adapter = new DocumentFile({
      file,
      validate,
      onCorrupt: reportCorrupt(key, file),
      pause: () => nextTurn(),
      ...(rowsField === undefined ? {} : { rowsField }),
    });
    const db = new Low<T | null>(adapter, null);
    await db.read();
    cache.set(key, db);
    return db;
  };

  /** Stores a document prepare() or prepareAppend() made, when it changed. */
  const writeIfChanged = async (
    key: string,
    db: Low<T | null>,
    doc: unknown,
    changed: boolean,
  ): Promise<void> => {
    if (!changed) return;
    db.data = doc as T;
    try {
      await db.write();
    } catch (error) {
      // The disk may hold either version now; the next call reads it again.
      cache.delete(key);
      throw error;
    }
    // Weighed again: the document grew or shrank.
    cache.set(key, db);
  };

  const applyUpdate = async (key: string, fn: (current: T | undefined) => T | Promise<T>): Promise<T> => {
    const db = await openDocument(key);
    const file = db.adapter as DocumentFile<T>;
    const next = await fn(db.data === null ? undefined : file.copy(db.data));
    const { doc, changed } = await file.prepare(next);
    // The caller's copy is what is checked: the store's own document is never handed out.
    const result = file.copy(doc);
    if (!validate(result)) throw invalidUpdateError(key);
    await writeIfChanged(key, db, doc, changed);
    return result;
  };

  const applyAppend = async (
    key: string,
    fn: (current: RowsView<T> | undefined) => RowsAppend<T> | Promise<RowsAppend<T>>,
  ): Promise<RowsView<T>> => {
    const db = await openDocument(key);
    const file = db.adapter as DocumentFile<T>;
    // Copies of the head and the first row only: the stored rows stay where they are.
    const next = await fn(db.data === null ? undefined : file.copy(viewOf(db.data)));
    const { doc, added, changed } = await file.prepareAppend(next.head, next.rows);
    // As in update, the caller's copy is what is checked: here with the added rows alone.
    const result = file.copy(viewOf(doc as T));
    if (!validate({ ...result.head, [ROWS]: file.copy(added) })) throw invalidUpdateError(key);
    await writeIfChanged(key, db, doc, changed);
    return result;
  };

  const update: DocumentStore<T>['update'] = (key, fn) => calls.run(key, () => applyUpdate(key, fn));

  return {
    read: (key) =>
      calls.run(key, async () => {
        const db = await openDocument(key);
        return db.data === null ? undefined : (db.adapter as DocumentFile<T>).copy(db.data);
      }),
    load: (key) =>
      calls.run(key, async () => {
        await openDocument(key);
      }),
    update,
    append: (key, fn) =>
      rowsField === ROWS
        ? calls.run(key, () => applyAppend(key, fn))
        : appendThroughUpdate({ update }, key, fn),
    async flush() {
      await ready;
      await calls.drain();
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
