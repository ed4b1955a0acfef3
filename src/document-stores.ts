import { join } from 'node:path';
import {
  isEntryDoc,
  isExerciseUserDoc,
  isGroupExerciseDoc,
  isTaskDoc,
} from './bot/exercises/exercise-documents.js';
import type { ExerciseStores } from './bot/exercises/exercise-state.js';
import { isShareRecord, type ShareRecord } from './bot/files/shares.js';
import {
  isPerceptronDoc,
  isProfileDoc,
  type PerceptronDoc,
  type ProfileDoc,
} from './bot/kit/state/documents.js';
import { isTrainingMessagesDoc, type TrainingMessagesDoc } from './bot/training/training-messages.js';
import type { Config } from './config/config.js';
import type { Metrics } from './metrics/metrics.js';
import { createLowdbStore } from './storage/index.js';
import { openPostgresDatabase, type PostgresDatabase } from './storage/postgres/postgres-database.js';
import type { DocumentStore, StoreLogger } from './storage/store-types.js';

/**
 * One kind of document: its store's name (a folder of DATA_DIR, or PostgreSQL's `store`), its check, and
 * the field whose rows lowdb keeps in a rows file of their own.
 */
export interface StoreKind<T> {
  name: string;
  validate: (value: unknown) => value is T;
  rowsField?: string;
}

const kind = <T>(
  name: string,
  validate: (value: unknown) => value is T,
  rowsField?: string,
): StoreKind<T> => ({
  name,
  validate,
  ...(rowsField === undefined ? {} : { rowsField }),
});

/** Every store of the bot. */
export const STORE_KINDS = {
  perceptrons: kind('perceptrons', isPerceptronDoc, 'rows'),
  profiles: kind('profiles', isProfileDoc),
  shares: kind('shares', isShareRecord),
  trainingMessages: kind('trainings', isTrainingMessagesDoc),
  exerciseGroups: kind('exercise-groups', isGroupExerciseDoc),
  exerciseUsers: kind('exercise-users', isExerciseUserDoc),
  exerciseTasks: kind('exercise-tasks', isTaskDoc),
  exerciseEntries: kind('exercise-entries', isEntryDoc),
} as const;

export interface DocumentStores {
  perceptrons: DocumentStore<PerceptronDoc>;
  profiles: DocumentStore<ProfileDoc>;
  shares: DocumentStore<ShareRecord>;
  trainingMessages: DocumentStore<TrainingMessagesDoc>;
  exercises: ExerciseStores;
  /** Settles when the stores can be used; rejects with one sentence when they cannot (PostgreSQL). */
  ready: Promise<void>;
  /** Waits for every update called before it, in every store. */
  flush(): Promise<void>;
  /** Closes the database connections, after a flush; nothing to close for lowdb. */
  close(): Promise<void>;
  /** The PostgreSQL database the stores are in, with DATABASE_URL. */
  database?: PostgresDatabase;
}

/** A lowdb file whose document was corrupt started afresh: its owner is told once. */
export type RecoveredKeys = { perceptrons: Set<string>; profiles: Set<string> };

/**
 * Opens the bot's stores: in PostgreSQL when DATABASE_URL is set (connecting and migrating at once), else
 * as lowdb files in DATA_DIR. Corrupt lowdb files' keys are added to `recovered`. With `metrics`, each
 * store call is timed.
 */
export function openDocumentStores(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  logger: StoreLogger,
  recovered: RecoveredKeys,
  metrics?: Metrics,
): DocumentStores {
  const database = config.databaseUrl ? openPostgresDatabase({ url: config.databaseUrl, logger }) : undefined;
  const open = <T>(kind: StoreKind<T>, onRecovered?: Set<string>): DocumentStore<T> => {
    const store = openOne(kind, onRecovered);
    return metrics ? timeStore(store, kind.name, metrics) : store;
  };
  const openOne = <T>(
    { name, validate, rowsField }: StoreKind<T>,
    onRecovered?: Set<string>,
  ): DocumentStore<T> =>
    database
      ? database.store(name, validate)
      : createLowdbStore({
          dir: join(config.dataDir, name),
          validate,
          ...(rowsField === undefined ? {} : { rowsField }),
          logger,
          ...(onRecovered ? { onRecovered: ({ key }: { key: string }) => onRecovered.add(key) } : {}),
        });
  const stores = {
    perceptrons: open(STORE_KINDS.perceptrons, recovered.perceptrons),
    profiles: open(STORE_KINDS.profiles, recovered.profiles),
    shares: open(STORE_KINDS.shares),
    trainingMessages: open(STORE_KINDS.trainingMessages),
    exercises: {
      groups: open(STORE_KINDS.exerciseGroups),
      users: open(STORE_KINDS.exerciseUsers),
      tasks: open(STORE_KINDS.exerciseTasks),
      entries: open(STORE_KINDS.exerciseEntries),
    },
  };
  const all = [
    stores.perceptrons,
    stores.profiles,
    stores.shares,
    stores.trainingMessages,
    ...Object.values(stores.exercises),
  ];
  return {
    ...stores,
    ...(database ? { database } : {}),
    ready: database?.ready ?? Promise.resolve(),
    async flush() {
      await Promise.all(all.map((store) => store.flush()));
    },
    async close() {
      await database?.close();
    },
  };
}

/**
 * The same store, each read, load, update, append and keys call timed into
 * `perceptron_store_seconds{store,operation}`, failed ones included. An update's time includes waiting
 * for the calls before it on the same key.
 */
function timeStore<T>(store: DocumentStore<T>, name: string, metrics: Metrics): DocumentStore<T> {
  const timed = <R>(operation: string, run: () => Promise<R>): Promise<R> => {
    const end = metrics.storeSeconds.startTimer({ store: name, operation });
    return run().finally(() => end());
  };
  return {
    read: (key) => timed('read', () => store.read(key)),
    load: (key) => timed('load', () => store.load(key)),
    update: (key, fn) => timed('update', () => store.update(key, fn)),
    append: (key, fn) => timed('append', () => store.append(key, fn)),
    flush: () => store.flush(),
    keys: (prefix) => timed('keys', () => store.keys(prefix)),
  };
}
