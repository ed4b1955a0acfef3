import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readMigrations } from '../../src/storage/postgres/migrations.js';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { createRecordingLogger } from './store-test-kit.js';

/** A database of the test's own, dropped when it ends. */
async function freshDatabase() {
  const database = await createTestDatabase();
  onTestFinished(() => database.drop());
  return database;
}

function openInstance(url: string) {
  const logger = createRecordingLogger();
  const instance = openPostgresDatabase({ url, logger });
  onTestFinished(() => instance.close());
  return { instance, logger };
}

const appliedLines = (logger: ReturnType<typeof createRecordingLogger>) =>
  logger.lines.filter((line) => line.msg === 'Applied database migrations');

describe('the migrations at start', () => {
  it('make the schema on an empty database, once, however many instances start together', async () => {
    const database = await freshDatabase();
    const starts = [openInstance(database.url), openInstance(database.url), openInstance(database.url)];
    await Promise.all(starts.map(({ instance }) => instance.ready));
    expect(starts.flatMap(({ logger }) => appliedLines(logger))).toHaveLength(1);
    const { rows } = await database.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([
      { version: 1, name: 'documents' },
      { version: 2, name: 'update_journal' },
    ]);
  });

  it('apply nothing on the next start, and keep every document', async () => {
    const database = await freshDatabase();
    const first = openInstance(database.url);
    await first.instance
      .store('profiles', (v): v is object => typeof v === 'object')
      .update('user-1', () => ({ a: 1 }));
    const again = openInstance(database.url);
    await again.instance.ready;
    expect(appliedLines(again.logger)).toEqual([]);
    expect(
      await again.instance.store('profiles', (v): v is object => typeof v === 'object').read('user-1'),
    ).toEqual({ a: 1 });
  });

  it('refuse, in one sentence, a database with a migration this version does not know', async () => {
    const database = await freshDatabase();
    await openInstance(database.url).instance.ready;
    await database.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (3, 'later', 'x')");
    await expect(openInstance(database.url).instance.ready).rejects.toThrow(
      'The database has migration 0003_later, which this version of the bot does not know: run the version that applied it, or point DATABASE_URL at another database.',
    );
  });

  it('refuse a migration file changed after it was applied', async () => {
    const database = await freshDatabase();
    await openInstance(database.url).instance.ready;
    await database.query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    await expect(openInstance(database.url).instance.ready).rejects.toThrow(
      'Migration 0001_documents was changed after the database applied it',
    );
  });

  it('say in one sentence, without the password, that PostgreSQL cannot be reached', async () => {
    const { instance } = openInstance('postgres://bot:hunter2@127.0.0.1:1/perceptron');
    const failure = await instance.ready.then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toBe(
      'Could not reach PostgreSQL at postgres://bot@127.0.0.1:1/perceptron (ECONNREFUSED): start PostgreSQL, or fix DATABASE_URL in .env.',
    );
    await expect(
      instance.store('profiles', (_value): _value is object => true).read('user-1'),
    ).rejects.toThrow(failure);
  });
});

describe('readMigrations', () => {
  it('reads the SQL files numbered from 1 in turn, and refuses a gap or a stray name', async () => {
    expect((await readMigrations()).map(({ version, name }) => ({ version, name }))).toEqual([
      { version: 1, name: 'documents' },
      { version: 2, name: 'update_journal' },
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'perceptron-migrations-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const folder = pathToFileURL(`${dir}/`);
    await writeFile(join(dir, '0001_first.sql'), 'SELECT 1;');
    await writeFile(join(dir, '0003_third.sql'), 'SELECT 3;');
    await expect(readMigrations(folder)).rejects.toThrow('found 0003_third.sql');
    await rm(join(dir, '0003_third.sql'));
    await writeFile(join(dir, '0002_Second Try.sql'), 'SELECT 2;');
    await expect(readMigrations(folder)).rejects.toThrow('found 0002_Second Try.sql');
  });
});
