import type { Pool, PoolClient } from 'pg';
import { createKeyCalls, invalidUpdateError } from '../key-calls.js';
import { appendThroughUpdate } from '../rows-view.js';
import { assertStoreKey } from '../store-keys.js';
import type { DocumentStore } from '../store-types.js';
import { documentLockKey } from './lock-key.js';
import { inTransaction } from './transaction.js';

export interface PostgresStoreOptions<T> {
  /** The store's name in the `documents` table (the lowdb folder's name, e.g. `perceptrons`). */
  name: string;
  validate: (value: unknown) => value is T;
  /** Short queries: reads and key listings. */
  reads: Pool;
  /**
   * The connections an update holds from its lock to its commit, while fn runs: a pool of this store's
   * own, so that an update whose fn updates another store never waits for a connection its own kind holds.
   */
  updates: Pool;
  /** Settles when the schema is ready (the migrations ran); every call waits for it. */
  ready: Promise<void>;
}

const SELECT_DOC = 'SELECT doc::text AS text FROM documents WHERE store = $1 AND key = $2';
const UPSERT_DOC = `INSERT INTO documents (store, key, doc) VALUES ($1, $2, $3::json)
  ON CONFLICT (store, key) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()`;

/**
 * A DocumentStore in PostgreSQL, for any number of instances of the bot on one database. An update is one
 * transaction: it takes the document's advisory lock (so the updates of one key run one at a time across
 * every instance, in the order they asked for it), reads the document, applies fn, checks the result and
 * writes it; the lock ends with the transaction. Within one instance a queue per key keeps call order
 * without waiting on the database. Documents are handed out as fresh copies parsed from what is stored.
 */
export function createPostgresStore<T>(options: PostgresStoreOptions<T>): DocumentStore<T> {
  const { name, validate, reads, updates, ready } = options;
  const calls = createKeyCalls(ready);

  const parseStored = (key: string, text: string): T => {
    const doc: unknown = JSON.parse(text);
    if (!validate(doc))
      throw new TypeError(`The stored document "${key}" of ${name} is not a valid document`);
    return doc;
  };

  const applyUpdate = async (
    client: PoolClient,
    key: string,
    fn: (current: T | undefined) => T | Promise<T>,
  ) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [documentLockKey(name, key)]);
    const found = await client.query<{ text: string }>(SELECT_DOC, [name, key]);
    const currentText = found.rows[0]?.text;
    const next = await fn(currentText === undefined ? undefined : parseStored(key, currentText));
    // What JSON keeps of the result is what is stored, and what the caller gets back.
    const nextText = JSON.stringify(next);
    const stored: unknown = nextText === undefined ? undefined : JSON.parse(nextText);
    if (!validate(stored)) throw invalidUpdateError(key);
    if (nextText !== currentText) await client.query(UPSERT_DOC, [name, key, nextText]);
    return stored;
  };

  const update: DocumentStore<T>['update'] = (key, fn) =>
    calls.run(key, () => inTransaction(updates, (client) => applyUpdate(client, key, fn)));

  return {
    read: (key) =>
      calls.run(key, async () => {
        const found = await reads.query<{ text: string }>(SELECT_DOC, [name, key]);
        const text = found.rows[0]?.text;
        return text === undefined ? undefined : parseStored(key, text);
      }),
    async load(key) {
      // A row in PostgreSQL is never set aside: there is nothing to open ahead of a read.
      assertStoreKey(key);
      await ready;
    },
    update,
    // A document is one JSON value here: adding rows rewrites it, as any update does.
    append: (key, fn) => appendThroughUpdate({ update }, key, fn),
    flush: () => calls.drain(),
    async keys(prefix) {
      await ready;
      const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
      const found = await reads.query<{ key: string }>(
        'SELECT key FROM documents WHERE store = $1 AND key LIKE $2 ORDER BY key',
        [name, pattern],
      );
      return found.rows.map((row) => row.key);
    },
  };
}
