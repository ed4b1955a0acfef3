import { setTimeout as sleep } from 'node:timers/promises';

/** How long a queue's connections get to close cleanly while the process stops. */
export const CLOSE_WAIT_MS = 1_000;

/**
 * Waits for `closing` at most `ms`: true when it settled in time. BullMQ's close waits for its blocking
 * connection, which can hang for good after Redis went away and came back; a stopping process then goes
 * on without it (its delayed jobs stay in Redis for the next instance).
 */
export async function settlesWithin(closing: Promise<unknown>, ms = CLOSE_WAIT_MS): Promise<boolean> {
  const timer = new AbortController();
  const settled = await Promise.race([
    closing.then(
      () => true,
      () => true,
    ),
    sleep(ms, false, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  return settled;
}
