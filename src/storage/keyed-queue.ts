/** Runs tasks one at a time per key, in call order; tasks of different keys run side by side. */
export interface KeyedQueue {
  run<R>(key: string, task: () => Promise<R>): Promise<R>;
  /** Resolves when every task started before the call has settled. */
  drain(): Promise<void>;
}

/** Creates an empty queue; a key's entry is dropped as soon as its last task settles. */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  const settle = (): void => {};
  return {
    run(key, task) {
      const result = (tails.get(key) ?? Promise.resolve()).then(task);
      const tail = result.then(settle, settle);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async drain() {
      await Promise.all(tails.values());
    },
  };
}
