import type { BotDependencies } from './bot/kit/bot-dependencies.js';
import type { Logger } from './config/logger.js';
import type { CallLabel } from './telegram/rate-limit.js';

export interface StoppableParts {
  deps: BotDependencies;
  /** Ends long polling; no new update arrives after it. */
  stopPolling(): void;
  /** Settles once polling has ended. */
  polling: Promise<void> | undefined;
  closeExecutor(): Promise<void>;
  /** Waits until every store has written what it was given. */
  flushStores(): Promise<unknown>;
}

/**
 * The last second of the budget (at most half of it): its first half for the handlers to end once their
 * calls were given up, its second for ending the workers and flushing storage.
 */
const RESERVE_MS = 1000;
/** Calls named one by one in the log; beyond that, only counted. */
const LISTED_CALLS = 50;

/**
 * Stops within budgetMs: no new update, every training stopped at once (new ones stop before they start)
 * and its weights saved, progress edits dropped, replies sent while there is time, then whatever is still
 * queued or in flight given up and named in the log, and storage flushed.
 */
export async function shutDown(parts: StoppableParts, logger: Logger, budgetMs: number): Promise<void> {
  const { deps } = parts;
  const reserve = Math.min(RESERVE_MS, budgetMs / 2);
  const sendingEnds = AbortSignal.timeout(budgetMs - reserve);
  const handlingEnds = AbortSignal.timeout(budgetMs - reserve / 2);
  deps.outgoing.dropDroppable();
  parts.stopPolling();
  const stopped = deps.trainer.stopAll();
  if (!(await deps.background.idle(sendingEnds))) deps.outgoing.abandon();
  if (!(await deps.background.idle(handlingEnds)))
    logger.warn('shutting down: the time is up while some updates were still being handled');
  reportNotSent(logger, deps.outgoing.notSent());
  await Promise.race([Promise.all([stopped, parts.polling?.catch(() => undefined)]), aborted(handlingEnds)]);
  await parts.closeExecutor();
  await parts.flushStores();
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function reportNotSent(logger: Logger, calls: CallLabel[]): void {
  if (calls.length === 0) return;
  const listed = calls
    .slice(0, LISTED_CALLS)
    .map(({ method, lane }) => (lane ? `${method} ${lane}` : method));
  logger.warn(
    { count: calls.length, calls: listed },
    'shutting down: the time is up; these Bot API calls were not sent, or their answer never came',
  );
}
