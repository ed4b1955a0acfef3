/**
 * Promises that settle when a condition over the fake's state holds, re-checked after every change. A
 * waiter may name a chat: then only changes to that chat, or changes to no chat in particular, re-check it.
 */
export interface Waiters {
  /** Resolves with the first defined value of check(); rejects with describeTimeout() after timeoutMs. */
  waitFor<T>(
    check: () => T | undefined,
    timeoutMs: number,
    describeTimeout: () => string,
    chatId?: number,
  ): Promise<T>;
  /** Re-checks the waiters of this chat and those of none; without a chat, every waiter. */
  notify(chatId?: number): void;
  rejectAll(reason: string): void;
}

interface Waiter {
  chatId: number | undefined;
  /** True once settled. */
  settle: () => boolean;
  fail: (error: Error) => void;
}

export function createWaiters(): Waiters {
  const waiters = new Set<Waiter>();

  return {
    waitFor(check, timeoutMs, describeTimeout, chatId) {
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          chatId,
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
    notify(chatId) {
      for (const waiter of [...waiters]) {
        if (chatId === undefined || waiter.chatId === undefined || waiter.chatId === chatId) waiter.settle();
      }
    },
    rejectAll(reason) {
      for (const waiter of [...waiters]) waiter.fail(new Error(reason));
    },
  };
}
