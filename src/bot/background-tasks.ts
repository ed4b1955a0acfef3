/** Work that outlives the update that started it (a training's result); shutdown waits for it. */
export interface BackgroundTasks {
  track(task: Promise<unknown>): void;
  /** Resolves when every tracked task has settled, including ones tracked while waiting. */
  idle(): Promise<void>;
}

export function createBackgroundTasks(onError: (error: unknown) => void): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();
  return {
    track(task) {
      const settled = task.catch(onError).finally(() => pending.delete(settled));
      pending.add(settled);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
