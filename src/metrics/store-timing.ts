import type { Metrics } from './metrics.js';

/** The calls of a document store that take time (storage/'s DocumentStore has this shape). */
export interface TimedStore<T> {
  read(key: string): Promise<T | undefined>;
  load(key: string): Promise<void>;
  update(key: string, fn: (current: T | undefined) => T | Promise<T>): Promise<T>;
  flush(): Promise<void>;
  keys(prefix: string): Promise<string[]>;
}

/**
 * The same store, each read, update and keys call timed into `perceptron_store_seconds{store,operation}`,
 * failed ones included. An update's time includes waiting for the calls before it on the same key.
 */
export function timeStore<T>(store: TimedStore<T>, name: string, metrics: Metrics): TimedStore<T> {
  const timed = <R>(operation: string, run: () => Promise<R>): Promise<R> => {
    const end = metrics.storeSeconds.startTimer({ store: name, operation });
    return run().finally(() => end());
  };
  return {
    read: (key) => timed('read', () => store.read(key)),
    load: (key) => timed('load', () => store.load(key)),
    update: (key, fn) => timed('update', () => store.update(key, fn)),
    flush: () => store.flush(),
    keys: (prefix) => timed('keys', () => store.keys(prefix)),
  };
}
