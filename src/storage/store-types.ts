/** One JSON document per key, changed only through update(). */
export interface DocumentStore<T> {
  /** The stored document, or undefined. Waits for updates of that key that were called before it. */
  read(key: string): Promise<T | undefined>;
  /**
   * Applies fn to the current document (or undefined) and stores the result. Calls for one key run in
   * arrival order, one at a time; the promise resolves after the result is durably on disk. fn may return
   * the current object to mean "no change" (then nothing is written). Stored documents are frozen.
   */
  update(key: string, fn: (current: T | undefined) => T | Promise<T>): Promise<T>;
  /** Waits for every update called before it. */
  flush(): Promise<void>;
  /** The keys of stored documents that start with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

/** The part of a pino logger the store uses: `logger.warn({ file }, 'message')`. */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Why a stored file could not be read back as a document. */
export type CorruptionReason = 'empty' | 'zero-filled' | 'malformed-json' | 'invalid-document';

/** A corrupt file was moved aside and its key starts fresh. */
export interface RecoveryEvent {
  key: string;
  reason: CorruptionReason;
  /** Where the document lived (and will live again after the next update). */
  file: string;
  /** The corrupt bytes, unchanged, mode 0600. */
  backupPath: string;
}

export interface LowdbStoreOptions<T> {
  /** The data folder (DATA_DIR); created with mode 0700 when missing. */
  dir: string;
  /** Accepts exactly the documents the bot can use; anything else on disk counts as corrupt. */
  validate: (value: unknown) => value is T;
  logger?: StoreLogger;
  onRecovered?: (event: RecoveryEvent) => void;
  /** Documents kept in memory; the least recently used beyond this are read again from disk. */
  maxCachedDocuments?: number;
  /** Bytes of encoded documents kept in memory (32 MiB by default), the same way. */
  maxCachedBytes?: number;
}
