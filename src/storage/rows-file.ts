import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder, toFolderError } from './atomic-file.js';
import type { CorruptionReason } from './store-types.js';

/**
 * Where a document's rows are, as its JSON file says in place of the array: the rows file of this
 * generation (`<key>.<generation>.rows`), whose first `bytes` bytes are `count` lines, one JSON text a row.
 * Bytes past them are the start of an append that was never acknowledged, and are ignored.
 */
export interface RowsFileRef {
  generation: number;
  bytes: number;
  count: number;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function isRowsFileRef(value: unknown): value is RowsFileRef {
  const ref = value as Partial<RowsFileRef> | null;
  return (
    typeof ref === 'object' &&
    ref !== null &&
    !Array.isArray(ref) &&
    isCount(ref.generation) &&
    isCount(ref.bytes) &&
    isCount(ref.count)
  );
}

/** `dir/chat-1-user-2.json`, generation 3: `dir/chat-1-user-2.3.rows`. */
export function rowsFilePath(documentFile: string, generation: number): string {
  return `${documentFile.replace(/\.json$/, '')}.${generation}.rows`;
}

/** Rows encoded between two turns of the event loop: about half a millisecond for 32 inputs. */
const ROWS_PER_SLICE = 128;

/**
 * Encodes rows one JSON text a line, with `pause` between slices so that a file's thousand rows hold no
 * one up. With `readBack`, each row is also read back from its own line into it: what the store keeps is
 * then what a restart reads.
 */
export async function encodeRows(
  rows: readonly unknown[],
  pause: () => Promise<void>,
  readBack?: unknown[],
): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_PER_SLICE === 0) await pause();
    // As in an array, what JSON cannot write (undefined, a function) is written null.
    const line = JSON.stringify(rows[i]) ?? 'null';
    lines.push(line);
    readBack?.push(JSON.parse(line));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The rows a document's JSON file points to, or why they cannot be read. */
export async function readRows(
  file: string,
  ref: RowsFileRef,
): Promise<{ ok: true; rows: unknown[] } | { ok: false; reason: CorruptionReason }> {
  if (ref.count === 0)
    return ref.bytes === 0 ? { ok: true, rows: [] } : { ok: false, reason: 'missing-rows' };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing-rows' };
    throw toFolderError(dirname(file), error);
  }
  if (bytes.length < ref.bytes) return { ok: false, reason: 'missing-rows' };
  const ours = bytes.subarray(0, ref.bytes);
  if (ours.every((b) => b === 0)) return { ok: false, reason: 'zero-filled' };
  try {
    const text = utf8.decode(ours);
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : [];
    if (lines.length !== ref.count) return { ok: false, reason: 'malformed-json' };
    return { ok: true, rows: lines.map((line) => JSON.parse(line) as unknown) };
  } catch {
    return { ok: false, reason: 'malformed-json' };
  }
}

/**
 * Writes `text` at byte `at` of a rows file and fsyncs it; with `cut`, first cuts off whatever an
 * unacknowledged append left past `at`. The file is made (mode 0600, the folder fsynced) when missing.
 */
export async function appendRows(file: string, at: number, text: string, cut: boolean): Promise<void> {
  const dir = dirname(file);
  try {
    let created = false;
    const handle = await open(file, 'r+').catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || at !== 0) throw error;
      created = true;
      return open(file, 'wx', 0o600);
    });
    try {
      if (created) await handle.chmod(0o600);
      if (cut) await handle.truncate(at);
      await handle.write(text, at, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncFolder(dir);
  } catch (error) {
    throw toFolderError(dir, error);
  }
}

/**
 * Writes a whole rows file of a new generation (mode 0600), fsyncs it and the folder. Nothing points to
 * it until the document's JSON file is written, so a write cut short leaves the old rows in force.
 */
export async function writeRows(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  try {
    const handle = await open(file, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncFolder(dir);
  } catch (error) {
    throw toFolderError(dir, error);
  }
}
