import { chmod, lstat, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { type AtomicFile, syncFolder } from './atomic-file.js';
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

/**
 * The bytes a document is stored as: compact JSON (two thirds the size of indented) and a final newline.
 * `encode` writes the JSON text: the store's own encoder reuses what settled documents remember.
 */
export function encodeDocument(
  document: unknown,
  encode: (document: unknown) => string = JSON.stringify,
): Uint8Array {
  return Buffer.from(`${encode(document)}\n`);
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

/**
 * A lowdb adapter for one JSON document. A file that does not hold a valid document is moved aside
 * (never overwritten) and reported, and reading then gives null so the key starts fresh.
 */
export class DocumentFile<T> implements Adapter<T | null> {
  readonly #file: AtomicFile;
  readonly #validate: (value: unknown) => value is T;
  readonly #onCorrupt: (reason: CorruptionReason, backupPath: string) => void;
  readonly #encode: ((document: unknown) => string) | undefined;
  /** Bytes of the document last read or written: what the store's cache weighs it by. */
  size = 0;

  constructor(
    file: AtomicFile,
    validate: (value: unknown) => value is T,
    onCorrupt: (reason: CorruptionReason, backupPath: string) => void,
    encode?: (document: unknown) => string,
  ) {
    this.#file = file;
    this.#validate = validate;
    this.#onCorrupt = onCorrupt;
    this.#encode = encode;
  }

  async read(): Promise<T | null> {
    const bytes = await this.#file.read();
    if (bytes === null) return null;
    const parsed = parseDocument(bytes, this.#validate);
    if (parsed.ok) {
      this.size = bytes.length;
      return parsed.value;
    }
    const backupPath = await moveAside(this.#file.file, new Date());
    this.#onCorrupt(parsed.reason, backupPath);
    return null;
  }

  write(document: T | null): Promise<void> {
    if (document === null) throw new TypeError('A stored document cannot be null');
    const bytes = encodeDocument(document, this.#encode);
    this.size = bytes.length;
    return this.#file.write(bytes);
  }
}
