import type { DocumentStore } from '../../../storage/index.js';

/** The document stored under `key`, or the one a key without a document starts as. */
export async function readOrCreate<T>(store: DocumentStore<T>, key: string, create: () => T): Promise<T> {
  return (await store.read(key)) ?? create();
}

/** Changes the document stored under `key`; a key without one starts as `create()`. */
export function updateOrCreate<T>(
  store: DocumentStore<T>,
  key: string,
  create: () => T,
  change: (doc: T) => T | Promise<T>,
): Promise<T> {
  return store.update(key, (stored) => change(stored ?? create()));
}
