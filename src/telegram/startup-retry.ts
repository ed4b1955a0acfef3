import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreLogger } from '../storage/index.js';
import { isTransientFailure } from './telegram-errors.js';

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 5000;

/**
 * Runs a call the bot needs before it can start (getMe, deleteWebhook), trying again after transient
 * failures (5xx, 429, no connection) with a doubling wait, for up to `forMs`; then the last error is thrown.
 */
export async function retryAtStart<T>(
  what: string,
  call: () => Promise<T>,
  { forMs, logger }: { forMs: number; logger: StoreLogger },
): Promise<T> {
  const deadline = Date.now() + forMs;
  let waitMs = FIRST_WAIT_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const left = deadline - Date.now();
      if (!isTransientFailure(error) || left <= 0) throw error;
      logger.warn(
        { err: error, call: what, retryInMs: Math.min(waitMs, left) },
        'a call at start failed; trying again',
      );
      await sleep(Math.min(waitMs, left));
      waitMs = Math.min(waitMs * 2, LONGEST_WAIT_MS);
    }
  }
}
