/** Users whose buckets are kept; a full bucket carries nothing and is the first to go past it. */
const KEPT_USERS = 50_000;

export interface RequestLimit {
  /** 0 when the request may go; else the whole seconds to wait before the next one may. */
  take(userId: number, now?: number): number;
}

/**
 * Per user, a bucket of `perMinute` requests refilled evenly over a minute: a burst as large as the
 * minute's allowance, then one request every 60/perMinute seconds.
 */
export function createRequestLimit(perMinute: number): RequestLimit {
  const buckets = new Map<number, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    take(userId, now = Date.now()) {
      const bucket = buckets.get(userId) ?? { tokens: perMinute, at: now };
      const tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
      buckets.delete(userId);
      if (tokens < 1) {
        buckets.set(userId, { tokens, at: now });
        return Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000));
      }
      buckets.set(userId, { tokens: tokens - 1, at: now });
      if (buckets.size > KEPT_USERS) buckets.delete(buckets.keys().next().value as number);
      return 0;
    },
  };
}
