import pg from 'pg';
import type { DocumentStore, StoreLogger } from '../store-types.js';
import { describeDatabaseError } from './database-errors.js';
import { readMigrations, runMigrations } from './migrations.js';
import {
  createPostgresJournal,
  type PostgresJournal,
  type PostgresJournalOptions,
} from './postgres-journal.js';
import { createPostgresStore } from './postgres-store.js';

/** The bot's documents in one PostgreSQL database, shared by every instance of the bot. */
export interface PostgresDatabase {
  /**
   * Settles once the database answers and its schema is up to date (the migrations ran); rejects with an
   * Error of one sentence when it cannot be used. Every store's calls wait for it.
   */
  ready: Promise<void>;
  store<T>(name: string, validate: (value: unknown) => value is T): DocumentStore<T>;
  /** The journal of updates not yet handled, shared by every instance, on connections of its own. */
  journal(options: Omit<PostgresJournalOptions, 'pool' | 'ready' | 'logger'>): PostgresJournal;
  /** Closes every connection; call it after the stores were flushed. */
  close(): Promise<void>;
}

export interface PostgresDatabaseOptions {
  url: string;
  logger: StoreLogger;
  /** Connections for reads, shared by the stores; 6 by default. */
  readConnections?: number;
  /** Connections each store's updates may hold at once; 3 by default. */
  updateConnectionsPerStore?: number;
}

/** Connections of the journal: an update is recorded before it is answered, never behind a store's update. */
const JOURNAL_CONNECTIONS = 4;

const POOL_SETTINGS = {
  application_name: 'perceptron-bot',
  idleTimeoutMillis: 10_000,
  connectionTimeoutMillis: 10_000,
  // An instance that stopped mid-update (frozen, cut off) lets the member's other updates go on.
  idle_in_transaction_session_timeout: 60_000,
};

/** Opens the pools (connections are made on first use) and starts the migrations. */
export function openPostgresDatabase(options: PostgresDatabaseOptions): PostgresDatabase {
  const { url, logger } = options;
  const pools: pg.Pool[] = [];
  const openPool = (max: number) => {
    const pool = new pg.Pool({ connectionString: url, max, ...POOL_SETTINGS });
    // Without a listener, a connection the server closes while idle would end the process.
    pool.on('error', (error) =>
      logger.warn({ err: error }, 'A PostgreSQL connection closed while idle; the next call opens another'),
    );
    pools.push(pool);
    return pool;
  };
  const reads = openPool(options.readConnections ?? 6);
  const ready = prepare(reads, url, logger);
  // Each caller hears of a failure from its own call; this keeps the promise itself from going unhandled.
  ready.catch(() => undefined);
  return {
    ready,
    store: (name, validate) =>
      createPostgresStore({
        name,
        validate,
        reads,
        updates: openPool(options.updateConnectionsPerStore ?? 3),
        ready,
      }),
    journal: (journalOptions) =>
      createPostgresJournal({ ...journalOptions, pool: openPool(JOURNAL_CONNECTIONS), ready, logger }),
    async close() {
      await Promise.all(pools.map((pool) => pool.end()));
    },
  };
}

async function prepare(pool: pg.Pool, url: string, logger: StoreLogger): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    throw new Error(describeDatabaseError(url, error), { cause: error });
  }
  const applied = await runMigrations(pool, await readMigrations());
  if (applied.length > 0) logger.info({ versions: applied }, 'Applied database migrations');
}
