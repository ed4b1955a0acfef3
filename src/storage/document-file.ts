import { chmod, lstat, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { AtomicFile, syncFolder } from './atomic-file.js';
import { copyRow, type FlatRow, isFlatRow, sameRow } from './flat-rows.js';
import { copyJson, setOwn } from './json-values.js';
import {
  appendRows,
  encodeRows,
  isRowsFileRef,
  type RowsFileRef,
  readRows,
  rowsFilePath,
  writeRows,
} from './rows-file.js';
import type { CorruptionReason } from './store-types.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: CorruptionReason };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads stored bytes as a document; anything the bot could not use is a corruption reason. */
export function parseDocument<T>(
  bytes: Uint8Array,
  validate: (value: unknown) => value is T,
): ParseResult<T> {
  if (bytes.length > 0 && bytes.every((b) => b === 0)) return { ok: false, reason: 'zero-filled' };
  let value: unknown;
  try {
    const text = utf8.decode(bytes);
    if (text.trim() === '') return { ok: false, reason: 'empty' };
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed-json' };
  }
  return validate(value) ? { ok: true, value } : { ok: false, reason: 'invalid-document' };
}

/** The bytes a document is stored as: compact JSON (two thirds the size of indented) and a final newline. */
export function encodeDocument(document: unknown): Uint8Array {
  return Buffer.from(`${JSON.stringify(document)}\n`);
}

/** Renames a file to `<file>.corrupt-<time>` (mode 0600), never over an existing file; returns the new path. */
export async function moveAside(file: string, now: Date): Promise<string> {
  const stem = `${file}.corrupt-${now.toISOString().replaceAll(':', '-')}`;
  let backup = stem;
  for (let n = 1; await exists(backup); n++) backup = `${stem}-${n}`;
  await rename(file, backup);
  await chmod(backup, 0o600);
  await syncFolder(dirname(file));
  return backup;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** What a document's files hold: its JSON with the rows left out, its rows, and where the rows are. */
interface Written {
  /** The document's JSON text, its rows field (if any) written null: tells a change of anything else. */
  headText: string;
  /** The rows, or undefined when the store keeps no rows file or the document has no rows field. */
  rows: readonly FlatRow[] | undefined;
  /**
   * The rows file, with the bytes and rows up to its last head line (past the JSON file's when appends
   * followed it); undefined while the rows are inside the JSON file, as older versions wrote them.
   */
  ref: RowsFileRef | undefined;
}

/** A document in the form it reads back in, ready to be written. */
interface Prepared {
  doc: Record<string, unknown> | unknown;
  headText: string;
  rows: readonly FlatRow[] | undefined;
  /** How many leading rows are the stored ones, unchanged. */
  kept: number;
  /** The lines of the rows after those. */
  newText: string;
}

/**
 * An append folds the rows file's log once its head lines take more bytes than its rows and more than
 * this: it writes the rows to a new generation, without head lines, and the head to the JSON file. A fold
 * encodes every row again (a few ms for 1,000 x 32, in slices), so it waits until the heads weigh as much
 * as the rows: each append then bears about what encoding its own head's bytes of rows would cost, and a
 * rows file stays within about twice its rows, which is what a restart reads. The minimum spares a small
 * document a fold every few appends (a perceptron's head is about 2 KB: its 200 remembered update ids).
 */
export const FOLD_AFTER_HEAD_BYTES = 64 * 1024;

const NOTHING: Written = { headText: '', rows: undefined, ref: undefined };
const NOT_FLAT =
  'The rows of a stored document must be objects of null, booleans, numbers, strings and arrays of numbers';

/** A plain object, as JSON.parse makes them. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A head line's head, as a document still to be given its rows. */
function parseHead(head: unknown): ParseResult<unknown> {
  return isRecord(head) ? { ok: true, value: head } : { ok: false, reason: 'invalid-document' };
}

const isAnything = (_value: unknown): _value is unknown => true;

export interface DocumentFileOptions<T> {
  /** The document's JSON file, `<dir>/<key>.json`. */
  file: string;
  validate: (value: unknown) => value is T;
  onCorrupt: (reason: CorruptionReason, backupPath: string) => void;
  /** The field whose array is kept in a rows file beside the JSON file (see LowdbStoreOptions). */
  rowsField?: string;
  /** Between slices of rows being encoded. */
  pause: () => Promise<void>;
}

/**
 * A lowdb adapter for one document: a JSON file written atomically and, when the store names a rows
 * field, a rows file beside it, the document's log, that an update adding rows at the end only appends
 * to (its rows and its head line, see rows-file.ts). A document that
 * cannot be read is moved aside (never overwritten) and reported, and reading then gives null so the key
 * starts fresh. It remembers what its files hold, to write only what changed.
 */
export class DocumentFile<T> implements Adapter<T | null> {
  readonly #path: string;
  readonly #json: AtomicFile;
  readonly #options: DocumentFileOptions<T>;
  #written: Written = NOTHING;
  /**
   * True after this adapter wrote the rows file: it then ends after its last head line, and an append
   * need not cut off what an append never acknowledged left past that (one call less per /add).
   */
  #rowsEndKnown = false;
  /** The bytes of the head lines in the rows file, for when to fold (FOLD_AFTER_HEAD_BYTES). */
  #headBytes = 0;
  #prepared: Prepared | undefined;
  /** Bytes of the document's files: what the store's cache weighs it by. */
  size = 0;

  constructor(options: DocumentFileOptions<T>) {
    this.#path = options.file;
    this.#json = new AtomicFile(options.file);
    this.#options = options;
  }

  async read(): Promise<T | null> {
    this.#written = NOTHING;
    this.#rowsEndKnown = false;
    this.#headBytes = 0;
    this.size = 0;
    const bytes = await this.#json.read();
    if (bytes === null) return null;
    const field = this.#options.rowsField;
    let parsed: ParseResult<unknown> = parseDocument(bytes, isAnything);
    let ref: RowsFileRef | undefined;
    let end: RowsFileRef | undefined;
    if (parsed.ok && field !== undefined && isRecord(parsed.value) && isRowsFileRef(parsed.value[field])) {
      ref = parsed.value[field] as RowsFileRef;
      const log = await readRows(rowsFilePath(this.#path, ref.generation), ref);
      if (!log.ok) parsed = log;
      else {
        // The log's newest head, when it has one past the JSON file's, is the document's.
        if (log.head !== undefined) parsed = parseHead(log.head);
        if (parsed.ok) {
          setOwn(parsed.value as Record<string, unknown>, field, log.rows);
          end = { generation: ref.generation, bytes: log.end, count: log.rows.length };
          this.#headBytes = log.headBytes;
        }
      }
    }
    // The check is given a copy: the store's own document is never handed out.
    if (parsed.ok && !(this.#hasFlatRows(parsed.value) && this.#options.validate(this.copy(parsed.value)))) {
      parsed = { ok: false, reason: 'invalid-document' };
    }
    if (!parsed.ok) {
      const backupPath = await moveAside(this.#path, new Date());
      if (ref !== undefined)
        await moveAside(rowsFilePath(this.#path, ref.generation), new Date()).catch(() => {});
      this.#options.onCorrupt(parsed.reason, backupPath);
      return null;
    }
    this.#written = { ...this.#split(parsed.value), ref: end };
    this.size = bytes.length + (end?.bytes ?? 0);
    return parsed.value as T;
  }

  /** A deep copy of a document this adapter read or prepared, for a caller to change freely. */
  copy<D>(doc: D): D {
    const field = this.#options.rowsField;
    if (field === undefined || !isRecord(doc) || !Array.isArray(doc[field])) return copyJson(doc);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(doc)) {
      setOwn(copy, key, key === field ? (doc[key] as FlatRow[]).map(copyRow) : copyJson(doc[key]));
    }
    return copy as D;
  }

  /**
   * The JSON form of `next` (what a restart would read), reusing the stored rows it begins with, and
   * whether it differs from what is stored. Throws a TypeError for a value JSON cannot hold.
   */
  async prepare(next: unknown): Promise<{ doc: unknown; changed: boolean }> {
    const { headText, rows } = this.#split(next);
    const doc: unknown = JSON.parse(headText);
    const written = this.#written;
    if (rows === undefined) {
      this.#prepared = { doc, headText, rows, kept: 0, newText: '' };
      // A head text holds a rows field as null: one of a document with rows differs from this one.
      return { doc, changed: headText !== written.headText };
    }
    const stored = written.rows ?? [];
    let kept = 0;
    while (kept < stored.length && kept < rows.length && sameRow(rows[kept], stored[kept] as FlatRow))
      kept += 1;
    const added: FlatRow[] = [];
    const newText = await encodeRows(rows.slice(kept), this.#options.pause, added);
    if (!added.every(isFlatRow)) throw new TypeError(NOT_FLAT);
    const docRows = stored.slice(0, kept).concat(added);
    setOwn(doc as Record<string, unknown>, this.#options.rowsField as string, docRows);
    this.#prepared = { doc, headText, rows: docRows, kept, newText };
    const changed = headText !== written.headText || kept !== stored.length || added.length > 0;
    return { doc, changed };
  }

  /**
   * What prepare() gives for the stored document with `head` in place of all but its rows and `added`
   * after its rows, at the cost of the added rows alone: they are the only rows encoded and read back.
   * Also gives those rows as read back, which the store keeps: not to be handed out. The store must
   * keep a rows field.
   */
  async prepareAppend(
    head: unknown,
    added: readonly unknown[],
  ): Promise<{ doc: unknown; added: readonly FlatRow[]; changed: boolean }> {
    const field = this.#options.rowsField as string;
    if (!isRecord(head)) throw new TypeError('A stored document must be an object to have rows');
    if (!Array.isArray(added)) throw new TypeError('The rows to add must be an array');
    const { headText } = this.#split({ ...head, [field]: [] });
    const doc = JSON.parse(headText) as Record<string, unknown>;
    const fresh: FlatRow[] = [];
    const newText = await encodeRows(added, this.#options.pause, fresh);
    if (!fresh.every(isFlatRow)) throw new TypeError(NOT_FLAT);
    const written = this.#written;
    const stored = written.rows ?? [];
    const rows = stored.concat(fresh);
    setOwn(doc, field, rows);
    this.#prepared = { doc, headText, rows, kept: stored.length, newText };
    const changed = headText !== written.headText || fresh.length > 0;
    return { doc, added: fresh, changed };
  }

  /**
   * Writes a document prepare() made: its added rows and head appended to the rows file's log, or its JSON
   * file, whose rename waits until the rows it points to (a new generation of them) are on disk.
   */
  async write(doc: T | null): Promise<void> {
    if (doc === null) throw new TypeError('A stored document cannot be null');
    if (this.#prepared?.doc !== doc) await this.prepare(doc);
    const plan = this.#prepared as Prepared;
    this.#prepared = undefined;
    const ref = this.#written.ref;
    if (ref !== undefined && plan.kept === ref.count && plan.newText !== '' && !this.#foldDue(ref)) {
      await this.#log(plan, ref);
    } else await this.#rewrite(plan);
  }

  /** Appends the added rows and the head that commits them to the rows file, and nothing else. */
  async #log(plan: Prepared, ref: RowsFileRef): Promise<void> {
    const headLine = `[${plan.headText}]\n`;
    const text = plan.newText + headLine;
    const added = Buffer.byteLength(text);
    // Once: past the end lies what an append never acknowledged, or nothing.
    const cut = !this.#rowsEndKnown;
    this.#rowsEndKnown = false;
    await appendRows(rowsFilePath(this.#path, ref.generation), ref.bytes, text, cut);
    this.#rowsEndKnown = true;
    this.#headBytes += Buffer.byteLength(headLine);
    const count = (plan.rows as readonly FlatRow[]).length;
    const end = { generation: ref.generation, bytes: ref.bytes + added, count };
    this.#written = { headText: plan.headText, rows: plan.rows, ref: end };
    this.size += added;
  }

  /** True once the log's head lines outweigh its rows (see FOLD_AFTER_HEAD_BYTES). */
  #foldDue(ref: RowsFileRef): boolean {
    return this.#headBytes > Math.max(ref.bytes - this.#headBytes, FOLD_AFTER_HEAD_BYTES);
  }

  /** Writes the JSON file, pointing to the whole log as it is or to a new generation of the rows. */
  async #rewrite(plan: Prepared): Promise<void> {
    const old = this.#written;
    const rows = plan.rows === undefined ? undefined : await this.#planRows(plan, old);
    const ref = rows?.ref;
    const headBytes =
      ref === undefined
        ? Buffer.from(`${plan.headText}\n`)
        : encodeDocument({ ...(plan.doc as object), [this.#options.rowsField as string]: ref });
    // A new ref: the rows file is written now, and will end where the JSON file says once both are.
    const endKnown = ref === old.ref ? this.#rowsEndKnown : ref !== undefined;
    this.#rowsEndKnown = false;
    await this.#json.write(headBytes, rows?.write());
    this.#rowsEndKnown = endKnown;
    if (ref !== old.ref) this.#headBytes = 0;
    if (old.ref !== undefined && old.ref.generation !== ref?.generation) {
      // The one before it too: left behind when a process stopped between a switch and the removal.
      for (const generation of [old.ref.generation, old.ref.generation - 1]) {
        await rm(rowsFilePath(this.#path, generation), { force: true });
      }
    }
    this.#written = { headText: plan.headText, rows: plan.rows, ref };
    this.size = headBytes.length + (ref?.bytes ?? 0);
  }

  /** Where the rows will be, and the write that puts them there: none, or a new generation. */
  async #planRows(plan: Prepared, old: Written): Promise<{ ref: RowsFileRef; write(): Promise<void> }> {
    const rows = plan.rows as readonly unknown[];
    if (old.ref !== undefined && plan.kept === old.ref.count && plan.newText === '') {
      return { ref: old.ref, write: async () => {} };
    }
    const text = (await encodeRows(rows.slice(0, plan.kept), this.#options.pause)) + plan.newText;
    const ref = {
      generation: (old.ref?.generation ?? 0) + 1,
      bytes: Buffer.byteLength(text),
      count: rows.length,
    };
    return { ref, write: () => writeRows(rowsFilePath(this.#path, ref.generation), text) };
  }

  /** False when the rows field of a document read holds rows that are not flat. */
  #hasFlatRows(doc: unknown): boolean {
    const field = this.#options.rowsField;
    if (field === undefined || !isRecord(doc) || doc[field] === undefined) return true;
    const rows = doc[field];
    return Array.isArray(rows) && rows.every(isFlatRow);
  }

  /** A document's JSON text with its rows written null, and its rows (when the store keeps a rows file). */
  #split(doc: unknown): { headText: string; rows: readonly FlatRow[] | undefined } {
    const field = this.#options.rowsField;
    const rows = field !== undefined && isRecord(doc) ? doc[field] : undefined;
    if (rows !== undefined && !Array.isArray(rows)) {
      throw new TypeError(`The field "${field}" of a stored document must hold an array`);
    }
    const headText = JSON.stringify(
      rows === undefined ? doc : { ...(doc as object), [field as string]: null },
    );
    if (headText === undefined) throw new TypeError('A document must be a JSON value');
    return { headText, rows: rows as FlatRow[] | undefined };
  }
}
