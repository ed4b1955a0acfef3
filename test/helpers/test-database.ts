import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeDatabaseUrl } from '../../src/storage/postgres/database-errors.js';

/** The server the tests make their databases on: TEST_DATABASE_URL, or the local one with trust auth. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** A database of the test's own, dropped by drop(). */
export interface TestDatabase {
  /** A URL of the new database, for DATABASE_URL. */
  url: string;
  name: string;
  /** Runs one statement on the new database (a connection of its own, closed after). */
  query(sql: string): Promise<pg.QueryResult>;
  /** Runs one statement on the server's maintenance database (for ALTER DATABASE and the like). */
  admin(sql: string): Promise<pg.QueryResult>;
  /** Drops the database, closing whatever connections to it are still open. */
  drop(): Promise<void>;
}

async function runOnce(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates `perceptron_test_<random>` on the test server. Without a server there, it throws an Error of one
 * sentence saying how to start one.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `perceptron_test_${randomBytes(6).toString('hex')}`;
  try {
    await runOnce(TEST_DATABASE_URL, `CREATE DATABASE ${name}`);
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at TEST_DATABASE_URL (${describeDatabaseUrl(TEST_DATABASE_URL)}: ${(error as Error).message}): start it with \`${START_POSTGRES}\`, or set TEST_DATABASE_URL to a server where the tests may create databases.`,
    );
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    query: (sql) => runOnce(url.toString(), sql),
    admin: (sql) => runOnce(TEST_DATABASE_URL, sql),
    async drop() {
      await runOnce(TEST_DATABASE_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
