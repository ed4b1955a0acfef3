import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_KINDS, type StoreKind } from '../document-stores.js';
import { createLowdbStore } from '../storage/index.js';
import type { PostgresDatabase } from '../storage/postgres/postgres-database.js';
import type { RecoveryEvent, StoreLogger } from '../storage/store-types.js';

/** What moving one data folder came to, store by store. */
export interface MoveReport {
  stores: Array<{ name: string; moved: number; alreadyThere: number }>;
  /** Keys PostgreSQL already held with another document: its version was kept, the file's not moved. */
  conflicts: Array<{ store: string; key: string }>;
  /** Files the lowdb store could not read (moved aside in the folder, as the bot would): nothing to move. */
  unreadable: RecoveryEvent[];
}

/**
 * Copies every document of a lowdb data folder into PostgreSQL, read the way the bot reads them (a
 * corrupt file is moved aside and reported). Run again, it moves what is missing and changes nothing
 * already moved; a key PostgreSQL holds with another document is kept as it is there and reported.
 */
export async function moveDocuments(
  dataDir: string,
  database: PostgresDatabase,
  logger: StoreLogger,
): Promise<MoveReport> {
  await database.ready;
  const report: MoveReport = { stores: [], conflicts: [], unreadable: [] };
  for (const kind of Object.values(STORE_KINDS) as StoreKind<unknown>[]) {
    const dir = join(dataDir, kind.name);
    // The lowdb store makes a missing folder: the data folder being moved is left as it is.
    if (!existsSync(dir)) continue;
    const files = createLowdbStore({
      dir,
      validate: kind.validate,
      ...(kind.rowsField === undefined ? {} : { rowsField: kind.rowsField }),
      logger,
      onRecovered: (event) => report.unreadable.push(event),
    });
    const rows = database.store(kind.name, kind.validate);
    const counts = { name: kind.name, moved: 0, alreadyThere: 0 };
    for (const key of (await files.keys('')).sort()) {
      const doc = await files.read(key);
      if (doc === undefined) continue;
      const text = JSON.stringify(doc);
      await rows.update(key, (current) => {
        if (current === undefined) {
          counts.moved += 1;
          return doc;
        }
        if (JSON.stringify(current) === text) counts.alreadyThere += 1;
        else report.conflicts.push({ store: kind.name, key });
        return current;
      });
    }
    report.stores.push(counts);
  }
  return report;
}
