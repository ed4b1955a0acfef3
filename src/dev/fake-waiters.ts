/** Promises that settle when a condition over the fake's state holds, re-checked after every change. */
export interface Waiters {
  /** Resolves with the first defined value of check(); rejects with describeTimeout() after timeoutMs. */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, describeTimeout: () => string): Promise<T>;
  notify(): void;
  rejectAll(reason: string): void;
}

interface Waiter {
  /** True once settled. */
  settle: () => boolean;
  fail: (error: Error) => void;
}

export function createWaiters(): Waiters {
  const waiters = new Set<Waiter>();

  return {
    waitFor(check, timeoutMs, describeTimeout) {
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          settle: () => {
            const value = check();
            if (value === undefined) return false;
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(value);
            return true;
          },
          fail: (error) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            reject(error);
          },
        };
        const timer = setTimeout(() => waiter.fail(new Error(describeTimeout())), timeoutMs);
        if (!waiter.settle()) waiters.add(waiter);
      });
    },
    notify() {
      for (const waiter of [...waiters]) waiter.settle();
    },
    rejectAll(reason) {
      for (const waiter of [...waiters]) waiter.fail(new Error(reason));
    },
  };
}
