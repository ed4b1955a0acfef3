/** Work that outlives the update that started it (a training's result); shutdown waits for it. */
export interface BackgroundTasks {
  track(task: Promise<unknown>): void;
  /**
   * Resolves when every tracked task has settled, including ones tracked while waiting: true then, or
   * false when `signal` aborted first (a shutdown's time is up).
   */
  idle(signal?: AbortSignal): Promise<boolean>;
}

export function createBackgroundTasks(onError: (error: unknown) => void): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();
  return {
    track(task) {
      const settled = task.catch(onError).finally(() => pending.delete(settled));
      pending.add(settled);
    },
    async idle(signal) {
      const timeUp = new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        else signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      while (pending.size > 0) {
        if (signal?.aborted) return false;
        await Promise.race([Promise.allSettled([...pending]), timeUp]);
      }
      return true;
    },
  };
}
