import { statSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { parseConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { describeDatabaseUrl } from '../storage/postgres/database-errors.js';
import { openPostgresDatabase } from '../storage/postgres/postgres-database.js';
import { moveDocuments } from './move-documents.js';

// `npm run migrate-data -- DATA_DIR`: every document of a lowdb data folder into DATABASE_URL.
loadDotenv({ quiet: true });
const dataDir = process.argv[2];
try {
  if (!dataDir) throw new Error('Name the data folder to move: npm run migrate-data -- ./data');
  if (!statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(
      `${dataDir} is not a folder: name the bot's DATA_DIR, as in npm run migrate-data -- ./data`,
    );
  }
  const config = parseConfig(process.env, { requireToken: false });
  const url = config.databaseUrl;
  if (!url) {
    throw new Error('DATABASE_URL is not set: put the PostgreSQL URL to move the documents into in .env.');
  }
  const logger = createLogger({ level: config.logLevel, destination: process.stderr, readable: true });
  const database = openPostgresDatabase({ url, logger });
  try {
    const report = await moveDocuments(dataDir, database, logger);
    for (const { name, moved, alreadyThere } of report.stores) {
      console.log(`${name}: ${moved} moved, ${alreadyThere} already there`);
    }
    for (const { file, reason } of report.unreadable) {
      console.log(`${file} could not be read (${reason}); the bot would have started it afresh: not moved`);
    }
    for (const { store, key } of report.conflicts) {
      console.log(`${store}/${key}: PostgreSQL already holds another version of it, which was kept`);
    }
    const where = describeDatabaseUrl(url);
    if (report.conflicts.length > 0) {
      throw new Error(
        `${report.conflicts.length} document(s) differ between ${dataDir} and ${where}, listed above: the database's were kept.`,
      );
    }
    console.log(`Every document of ${dataDir} is in ${where}.`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
