import { createKeyedQueue } from './keyed-queue.js';
import { assertStoreKey } from './store-keys.js';

/** How every DocumentStore runs its calls on a key; see createKeyCalls. */
export interface KeyCalls {
  /** Refuses a malformed key, then runs `call` after the key's earlier calls, once the store is ready. */
  run<R>(key: string, call: () => Promise<R>): Promise<R>;
  /** Resolves when every call started before it has settled. */
  drain(): Promise<void>;
}

/**
 * The order every DocumentStore keeps: the calls on one key run one at a time, in the order they came,
 * and none before `ready` settles; calls on different keys run side by side.
 */
export function createKeyCalls(ready: Promise<void>): KeyCalls {
  const queue = createKeyedQueue();
  return {
    async run(key, call) {
      assertStoreKey(key);
      return queue.run(key, async () => {
        await ready;
        return call();
      });
    },
    drain: () => queue.drain(),
  };
}

/** What a store throws when an update's function returns something that is not a valid document. */
export const invalidUpdateError = (key: string): TypeError =>
  new TypeError(`The update of "${key}" returned a value that is not a valid document (invalid-document)`);
