/** One JSON document per key, changed only through update(). */
export interface DocumentStore<T> {
  /**
   * The stored document, or undefined. Waits for updates of that key that were called before it. The
   * document is the caller's own copy: changing it changes nothing stored.
   */
  read(key: string): Promise<T | undefined>;
  /**
   * Opens the document as read does, without making a copy for the caller: a file that cannot be read
   * back is set aside (and reported) now, before a handler reads it.
   */
  load(key: string): Promise<void>;
  /**
   * Applies fn to a copy of the current document (or undefined) and stores fn's result as JSON writes
   * it (NaN and ±Infinity become null, -0 becomes 0, undefined fields are left out); a result that
   * would not read back as a valid document is refused with a TypeError and nothing changes. Calls for
   * one key run in arrival order, one at a time; the promise resolves, with a copy of what is stored,
   * after it is durably stored. A result equal to what is stored (fn may return the copy it was given)
   * writes nothing.
   */
  update(key: string, fn: (current: T | undefined) => T | Promise<T>): Promise<T>;
  /**
   * An update that adds rows at the end of the document's `rows` field, and may change the rest of it,
   * at a cost that grows with the rows added rather than the rows stored (where the store keeps rows
   * apart; others go through update). fn sees a copy of the document without its rows, how many rows it
   * has and a copy of the first; it returns the document without its rows and the rows to add. Only
   * those are checked: validate must judge a document's rows one by one. Otherwise as update: the same
   * order, the same JSON form, nothing written for no rows and an equal head; the promise resolves, with
   * what the document then is, once it is durably stored.
   */
  append(
    key: string,
    fn: (current: RowsView<T> | undefined) => RowsAppend<T> | Promise<RowsAppend<T>>,
  ): Promise<RowsView<T>>;
  /** Waits for every update called before it. */
  flush(): Promise<void>;
  /** The keys of stored documents that start with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

/** A document without its rows: what append shows and takes. */
export type DocumentHead<T> = Omit<T, 'rows'>;

/** The type of one row of a document's `rows` field. */
export type RowOf<T> = T extends { rows: readonly (infer R)[] } ? R : never;

/** What append shows of a document: all of it but its rows, how many rows it has, and the first of them. */
export interface RowsView<T> {
  head: DocumentHead<T>;
  count: number;
  first: RowOf<T> | undefined;
}

/** What an append's fn returns: the document without its rows, and the rows to add after the stored ones. */
export interface RowsAppend<T> {
  head: DocumentHead<T>;
  rows: readonly RowOf<T>[];
}

/** The part of a pino logger the store uses: `logger.warn({ file }, 'message')`. */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Why a stored file could not be read back as a document ('missing-rows': its rows file is gone or short). */
export type CorruptionReason =
  | 'empty'
  | 'zero-filled'
  | 'malformed-json'
  | 'invalid-document'
  | 'missing-rows';

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
  /** Bytes of documents (as their files weigh) kept in memory (32 MiB by default), the same way. */
  maxCachedBytes?: number;
  /**
   * A field holding an array of rows, kept one JSON text a line in a rows file beside the document's
   * JSON file (`<key>.<n>.rows`), so that an update adding rows at the end appends only those. The JSON
   * file holds `{ generation, bytes, count }` in its place. Every store opened on a folder must agree.
   * With `rows`, the field append adds to, an append too writes only the rows it adds.
   */
  rowsField?: string;
}
