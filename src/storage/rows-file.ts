import { close, fchmod, fsync, ftruncate, open as openFile, write } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { syncFolder, toFolderError } from './atomic-file.js';
import type { CorruptionReason } from './store-types.js';

/**
 * Where a document's rows are, as its JSON file says in place of the array: the rows file of this
 * generation (`<key>.<generation>.rows`), whose first `bytes` bytes hold `count` rows.
 *
 * A rows file is the document's log: each line is a row (a JSON object) or a head line, a JSON array
 * `[head]` holding the document without its rows (the rows field written null). An append writes its rows'
 * lines and then the document's new head line in one write, which commits them: past the JSON file's
 * `bytes`, the rows before the last complete head line are the document's and that head replaces the JSON
 * file's. Whatever follows the last head line is an append never acknowledged, and is ignored (the next
 * append cuts it off). Head lines within the first `bytes` bytes are older than the JSON file and skipped.
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

// An append (each /add) goes through fs's callbacks: a call costs the main thread about a third less
// than the same call on a FileHandle of fs/promises.
const openFd = promisify(openFile);
const chmodFd = promisify(fchmod);
const truncateFd = promisify(ftruncate);
const writeFd = promisify(write);
const syncFd = promisify(fsync);
const closeFd = promisify(close);

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
const NEWLINE = 0x0a;

/** What a rows file holds up to its last head line. */
export interface RowsLog {
  rows: unknown[];
  /** The newest head past the JSON file's `bytes` (what its last head line holds), or undefined. */
  head: unknown;
  /** The byte after the last head line (or the JSON file's `bytes`): where the next append goes. */
  end: number;
  /** The bytes of the head lines up to `end`, which a fold would drop. */
  headBytes: number;
}

type ReadResult = ({ ok: true } & RowsLog) | { ok: false; reason: CorruptionReason };

const MISSING: ReadResult = { ok: false, reason: 'missing-rows' };
const MALFORMED: ReadResult = { ok: false, reason: 'malformed-json' };

/** The rows a document's JSON file points to and those its log adds past them, or why they cannot be read. */
export async function readRows(file: string, ref: RowsFileRef): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toFolderError(dirname(file), error);
    // A document of no rows may have no rows file (older versions wrote none).
    return ref.bytes === 0 && ref.count === 0
      ? { ok: true, rows: [], head: undefined, end: 0, headBytes: 0 }
      : MISSING;
  }
  if (bytes.length < ref.bytes) return MISSING;
  const committed = bytes.subarray(0, ref.bytes);
  if (committed.length > 0 && committed.every((b) => b === 0)) return { ok: false, reason: 'zero-filled' };
  const rows: unknown[] = [];
  let headBytes = 0;
  try {
    const lines = utf8.decode(committed).split('\n');
    // The committed bytes end with a newline: the last "line" is the nothing after it.
    if (lines.pop() !== '') return MALFORMED;
    for (const line of lines) {
      const value: unknown = JSON.parse(line);
      if (Array.isArray(value)) headBytes += Buffer.byteLength(line) + 1;
      else rows.push(value);
    }
  } catch {
    return MALFORMED;
  }
  if (rows.length !== ref.count) return MALFORMED;
  return readLog(bytes, ref.bytes, { rows, head: undefined, end: ref.bytes, headBytes });
}

/**
 * Adds to `log` the rows and heads of the log past byte `from`, each head line committing the rows before
 * it. A line that is not JSON counts as damage only when a head line follows it: after the last head line,
 * it is what an unacknowledged append left.
 */
function readLog(bytes: Uint8Array, from: number, log: RowsLog): ReadResult {
  let pending: unknown[] = [];
  let broken = false;
  let start = from;
  for (
    let stop = bytes.indexOf(NEWLINE, start);
    stop !== -1;
    start = stop + 1, stop = bytes.indexOf(NEWLINE, start)
  ) {
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(bytes.subarray(start, stop)));
    } catch {
      broken = true;
    }
    if (!Array.isArray(value)) {
      pending.push(value);
      continue;
    }
    if (broken) return MALFORMED;
    if (value.length !== 1) return { ok: false, reason: 'invalid-document' };
    for (const row of pending) log.rows.push(row);
    pending = [];
    log.head = value[0];
    log.headBytes += stop + 1 - start;
    log.end = stop + 1;
  }
  return { ok: true, ...log };
}

/**
 * Writes `text` at byte `at` of a rows file and fsyncs it; with `cut`, first cuts off whatever an
 * unacknowledged append left past `at`. The file is made (mode 0600, the folder fsynced) when missing.
 */
export async function appendRows(file: string, at: number, text: string, cut: boolean): Promise<void> {
  const dir = dirname(file);
  const bytes = Buffer.from(text);
  try {
    let created = false;
    const fd = await openFd(file, 'r+').catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || at !== 0) throw error;
      created = true;
      return openFd(file, 'wx', 0o600);
    });
    try {
      if (created) await chmodFd(fd, 0o600);
      if (cut) await truncateFd(fd, at);
      // A write may take fewer bytes than given; what is acknowledged must all be there.
      for (let done = 0; done < bytes.length; ) {
        done += (await writeFd(fd, bytes, done, bytes.length - done, at + done)).bytesWritten;
      }
      await syncFd(fd);
    } finally {
      await closeFd(fd);
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
