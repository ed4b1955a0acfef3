import type { TokenBucket } from './token-bucket.js';

/**
 * At most `limit` calls in any `windowMs`, at once if need be: a group's "20 messages a minute". A token
 * bucket of the same rate would allow its burst plus a minute's refill, 40 in the first minute; this
 * counts the calls of the last window instead. Same interface as the bucket, over an injectable clock.
 */
export function createSendWindow(limit: number, windowMs: number, now: () => number): TokenBucket {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a limit must be >= 1, got ${limit}`);
  if (!(windowMs > 0)) throw new RangeError(`a window must be positive, got ${windowMs}`);
  // When each call of the last window was made, oldest first; none may be made before pausedUntil.
  let sent: number[] = [];
  let pausedUntil = Number.NEGATIVE_INFINITY;
  const forgetOld = (time: number): void => {
    while (sent.length > 0 && (sent[0] ?? 0) <= time - windowMs) sent.shift();
  };
  const available = (time: number): number => {
    forgetOld(time);
    return time < pausedUntil ? 0 : limit - sent.length;
  };
  return {
    tryTake() {
      const time = now();
      if (available(time) < 1) return false;
      sent.push(time);
      return true;
    },
    tokens: () => available(now()),
    msUntilToken() {
      const time = now();
      if (available(time) >= 1) return 0;
      const freed = sent.length >= limit ? (sent[sent.length - limit] ?? time) + windowMs : time;
      return Math.max(pausedUntil, freed) - time;
    },
    pauseUntil(time) {
      if (time <= now()) return;
      pausedUntil = time;
      // No burst right after Telegram's 429: one call at `time`, then one more every windowMs / limit.
      const step = windowMs / limit;
      sent = Array.from({ length: limit - 1 }, (_, i) => time - windowMs + (i + 1) * step);
    },
  };
}
