import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../config/logger.js';
import { describeCallFailure, isTransientFailure } from './telegram-errors.js';

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 5000;

export interface RetryAtStartOptions {
  forMs: number;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** Told at the first failure that will be tried again, so that a person hears at once that it waits. */
  onRetrying?: (error: unknown) => void;
}

/**
 * Runs a call the bot needs before it can start (getMe, deleteWebhook), trying again after transient
 * failures (5xx, 429, no connection) with a doubling wait, for up to `forMs`; then the last error is thrown.
 * The first failure is logged as a warning, the ones after it at debug level: they say nothing new.
 */
export async function retryAtStart<T>(
  what: string,
  call: () => Promise<T>,
  { forMs, logger, onRetrying }: RetryAtStartOptions,
): Promise<T> {
  const deadline = Date.now() + forMs;
  let waitMs = FIRST_WAIT_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const left = deadline - Date.now();
      if (!isTransientFailure(error) || left <= 0) throw error;
      const retryInMs = Math.min(waitMs, left);
      const fields = { call: what, attempt, retryInMs, reason: describeCallFailure(error) };
      if (attempt === 1) {
        logger.warn(fields, 'a call at start failed; trying again');
        onRetrying?.(error);
      } else logger.debug(fields, 'a call at start failed again; trying again');
      await sleep(retryInMs);
      waitMs = Math.min(waitMs * 2, LONGEST_WAIT_MS);
    }
  }
}
