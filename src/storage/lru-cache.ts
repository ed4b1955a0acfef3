/** A Map that keeps at most `limit` entries, and at most `budget.max` of their weight, dropping the least recently used. */
export interface LruCache<V> {
  get(key: string): V | undefined;
  /** Adds or refreshes an entry; set it again after its value grew or shrank, to weigh it again. */
  set(key: string, value: V): void;
  delete(key: string): void;
  readonly size: number;
  /** The weight of the entries held. */
  readonly weight: number;
}

/** Weights of entries (bytes, say), and the most the cache holds; the newest entry stays whatever it weighs. */
export interface CacheBudget<V> {
  max: number;
  weigh(value: V): number;
}

/** Creates an empty cache; limit must be a positive integer. */
export function createLruCache<V>(limit: number, budget?: CacheBudget<V>): LruCache<V> {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`Cache limit must be a positive integer, got ${limit}`);
  }
  const entries = new Map<string, { value: V; weight: number }>();
  let total = 0;
  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    total -= entry.weight;
    entries.delete(key);
  };
  const overBudget = () => entries.size > limit || (budget !== undefined && total > budget.max);
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry !== undefined) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry?.value;
    },
    set(key, value) {
      remove(key);
      const weight = budget ? budget.weigh(value) : 0;
      entries.set(key, { value, weight });
      total += weight;
      for (const oldest of entries.keys()) {
        if (!overBudget() || oldest === key) break;
        remove(oldest);
      }
    },
    delete: remove,
    get size() {
      return entries.size;
    },
    get weight() {
      return total;
    },
  };
}
