import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreLogger } from '../storage/index.js';
import { isTransientFailure, readApiFailure } from './telegram-errors.js';

/** Telegram.prototype.callApi's shape, the one way the poller talks to the Bot API. */
export type CallApi = (
  method: string,
  payload: object,
  options?: { signal?: AbortSignal },
) => Promise<unknown>;

/** What became of one polled batch. */
export interface BatchOutcome {
  /** Where the next getUpdates starts: Telegram drops every update below it. Undefined keeps the offset. */
  nextOffset: number | undefined;
  /**
   * Before the next getUpdates: 'backoff' when an update could not be saved (a wait that doubles while
   * that goes on), 'brief' when the batch held nothing usable, 'none' otherwise.
   */
  wait: 'none' | 'brief' | 'backoff';
}

export interface UpdatePollerOptions {
  callApi: CallApi;
  allowedUpdates: readonly string[];
  /** Takes a batch as the server sent it; resolves once what it accepted is safe (journaled). */
  receive(batch: unknown[]): Promise<BatchOutcome>;
  logger: StoreLogger;
  /** The 'brief' wait, and the first wait of a backoff (after 'backoff', or a failed getUpdates), which doubles up to 30 s. Default 1000. */
  retryMs?: number;
}

/** Long polling whose offset moves only past updates the bot has taken, unlike telegraf's (see telegraf-patches.ts). */
export interface UpdatePoller {
  /** Polls until stop(); rejects when Telegram refuses polling (401: token revoked, 409: another instance). */
  run(): Promise<void>;
  stop(): void;
}

const POLL_SECONDS = 50;
const MAX_RETRY_MS = 30_000;

export function createUpdatePoller(options: UpdatePollerOptions): UpdatePoller {
  const { callApi, logger } = options;
  const firstRetryMs = options.retryMs ?? 1000;
  const abort = new AbortController();
  const { signal } = abort;
  const pause = (ms: number) =>
    sleep(ms, undefined, { signal }).then(
      () => true,
      () => false,
    );

  /** The next batch, or undefined once stopped; waits out server errors and lost connections. */
  const fetchBatch = async (offset: number | undefined): Promise<unknown[] | undefined> => {
    let waitMs = firstRetryMs;
    while (!signal.aborted) {
      try {
        const payload = { timeout: POLL_SECONDS, allowed_updates: options.allowedUpdates, offset };
        const batch = await callApi('getUpdates', payload, { signal });
        return Array.isArray(batch) ? batch : [];
      } catch (error) {
        if (signal.aborted) return undefined;
        if (!isTransientFailure(error)) throw error;
        const { retryAfter } = readApiFailure(error);
        logger.warn({ err: error }, 'getUpdates failed; asking again shortly');
        await pause(retryAfter === undefined ? waitMs : retryAfter * 1000);
        waitMs = Math.min(waitMs * 2, MAX_RETRY_MS);
      }
    }
    return undefined;
  };

  return {
    async run() {
      let offset: number | undefined;
      let told = offset;
      let retryMs = firstRetryMs;
      for (;;) {
        const batch = await fetchBatch(offset);
        if (!batch) break;
        told = offset;
        const outcome = await options.receive(batch);
        offset = outcome.nextOffset ?? offset;
        if (outcome.wait === 'backoff' && (await pause(retryMs)))
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        if (outcome.wait === 'brief') await pause(firstRetryMs);
        if (outcome.wait === 'none') retryMs = firstRetryMs;
      }
      // Tell Telegram what was taken, so that a restart is not handed it again.
      if (offset !== told)
        await callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
    stop: () => abort.abort(),
  };
}
