import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { openPostgresDatabase, type PostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import type { DocumentStore } from '../../src/storage/store-types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { createRecordingLogger } from './store-test-kit.js';

export interface PostgresKit {
  /** The test file's own database (created before its first test, dropped after its last). */
  readonly database: TestDatabase;
  /**
   * What one instance of the bot opens on the database: pools of its own, closed when the test ends.
   * Two of them are two instances.
   */
  openInstance(): PostgresDatabase;
  /** A store under a name no other test of the file uses, and a way to open it again from another instance. */
  openPlace<T>(validate: (value: unknown) => value is T): {
    name: string;
    store: DocumentStore<T>;
    reopen(): DocumentStore<T>;
  };
}

/** Gives the test file a database of its own on TEST_DATABASE_URL. */
export function usePostgres(): PostgresKit {
  let database: TestDatabase | undefined;
  let places = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  const openInstance = () => {
    if (!database) throw new Error('usePostgres: the database is made in beforeAll');
    const instance = openPostgresDatabase({ url: database.url, logger: createRecordingLogger() });
    onTestFinished(() => instance.close());
    return instance;
  };
  return {
    get database() {
      if (!database) throw new Error('usePostgres: the database is made in beforeAll');
      return database;
    },
    openInstance,
    openPlace(validate) {
      places += 1;
      const name = `place-${places}`;
      let other: PostgresDatabase | undefined;
      return {
        name,
        store: openInstance().store(name, validate),
        reopen: () => {
          other ??= openInstance();
          return other.store(name, validate);
        },
      };
    },
  };
}
