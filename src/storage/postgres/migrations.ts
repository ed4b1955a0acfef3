import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Pool } from 'pg';
import { documentLockKey } from './lock-key.js';
import { inTransaction } from './transaction.js';

/** One versioned SQL file of migrations/, `0001_documents.sql`: version 1, name `documents`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file, so that a file changed after it was applied is noticed. */
  checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** The SQL files beside this module (copied next to the compiled one by scripts/build.mjs). */
export const MIGRATIONS_FOLDER = new URL('./migrations/', import.meta.url);
/** Instances that start together apply the migrations one after the other. */
const MIGRATIONS_LOCK = documentLockKey('schema_migrations', 'apply');

/** The migrations of a folder, in version order; throws unless they are numbered 1, 2, 3, ... */
export async function readMigrations(folder: URL = MIGRATIONS_FOLDER): Promise<Migration[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const [i, name] of names.entries()) {
    const match = FILE_NAME.exec(name);
    if (!match || Number(match[1]) !== i + 1) {
      throw new Error(
        `Migration files must be named 0001_name.sql, 0002_name.sql, ... in turn; found ${name}`,
      );
    }
    const sql = await readFile(new URL(name, folder), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ version: i + 1, name: match[2] as string, sql, checksum });
  }
  return migrations;
}

/**
 * Brings the database's schema up to the last migration, in one transaction under an advisory lock, and
 * records each in `schema_migrations`; returns the versions it applied (none when already up to date).
 * Throws an Error of one sentence when the database has a migration this version of the bot does not
 * know, or one whose file changed since it was applied.
 */
export async function runMigrations(pool: Pool, migrations: readonly Migration[]): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATIONS_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    for (const row of rows) checkApplied(row, migrations[row.version - 1]);
    const pending = migrations.slice(rows.length);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}

function checkApplied(applied: { version: number; name: string; checksum: string }, known?: Migration): void {
  const label = `${String(applied.version).padStart(4, '0')}_${applied.name}`;
  if (!known || known.name !== applied.name) {
    throw new Error(
      `The database has migration ${label}, which this version of the bot does not know: run the version that applied it, or point DATABASE_URL at another database.`,
    );
  }
  if (known.checksum !== applied.checksum) {
    throw new Error(
      `Migration ${label} was changed after the database applied it: restore the file, and put changes in a new migration.`,
    );
  }
}
