/** A Map that keeps at most `limit` entries, dropping the least recently used. */
export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  readonly size: number;
}

/** Creates an empty cache; limit must be a positive integer. */
export function createLruCache<V>(limit: number): LruCache<V> {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`Cache limit must be a positive integer, got ${limit}`);
  }
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      for (const oldest of entries.keys()) {
        if (entries.size <= limit) break;
        entries.delete(oldest);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
