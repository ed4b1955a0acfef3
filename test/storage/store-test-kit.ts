import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import type { DocumentStore, RecoveryEvent, StoreLogger } from '../../src/storage/store-types.js';
import { isNumbersDoc, type NumbersDoc } from './numbers-doc.js';

export { appendValue, isNumbersDoc, type NumbersDoc } from './numbers-doc.js';

/** A fresh folder under the system temp folder, removed when the test ends. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perceptron-store-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}

/** A logger that keeps what it was told, in order. */
export function createRecordingLogger(): StoreLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine['level']) => (obj: object, msg: string) => {
    lines.push({ level, obj: obj as Record<string, unknown>, msg });
  };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

/** A store of NumbersDoc in dir with a recording logger and a list of recovery events. */
export function openNumbersStore(dir: string, maxCachedDocuments?: number, maxCachedBytes?: number) {
  const logger = createRecordingLogger();
  const recovered: RecoveryEvent[] = [];
  const store: DocumentStore<NumbersDoc> = createLowdbStore({
    dir,
    validate: isNumbersDoc,
    logger,
    onRecovered: (event) => recovered.push(event),
    ...(maxCachedDocuments === undefined ? {} : { maxCachedDocuments }),
    ...(maxCachedBytes === undefined ? {} : { maxCachedBytes }),
  });
  return { store, logger, recovered };
}
