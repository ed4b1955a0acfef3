import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A worker cannot be started with --expose-gc (Node refuses V8 flags in a worker's execArgv); set now, the
// flag gives gc() to the next context made, and that gc() collects the whole thread's heap.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let collected: Promise<void> = Promise.resolve();

/**
 * Collects this thread's garbage once the current task has handed over its result. resvg keeps each
 * rendered image's pixels in native memory that V8 does not count, so V8 sees no reason to collect the
 * small objects that own them, and hundreds of MB stay taken. Node frees the native objects a collection
 * found dead on the event loop's next turn.
 */
export function collectGarbageAfterTask(): void {
  collected = new Promise((resolve) =>
    setImmediate(() => {
      collectGarbage();
      setImmediate(resolve);
    }),
  );
}

/**
 * Resolves once the last task's garbage is collected and freed. Usually at once; but when tasks queue up,
 * the next one can arrive before the thread has had a turn of its event loop, and without this wait a
 * run of replays would pile up all their garbage.
 */
export function waitForLastCollection(): Promise<void> {
  return collected;
}
