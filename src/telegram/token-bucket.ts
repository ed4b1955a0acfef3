/**
 * A token bucket over an injectable clock: `perSecond` tokens a second, at most `burst` saved up (by
 * default a second's worth). An infinite rate never runs out, except while paused.
 */
export interface TokenBucket {
  /** Takes a token if one is there now. */
  tryTake(): boolean;
  /** Tokens there now, fractions included; 0 while paused. */
  tokens(): number;
  /** Milliseconds until a token is there; 0 when one is. */
  msUntilToken(): number;
  /** No token before `time`, then one, refilling from there: no burst right after Telegram's 429. */
  pauseUntil(time: number): void;
}

export interface BucketRate {
  perSecond: number;
  burst?: number;
}

/** Whole milliseconds up, ignoring the float noise that would make 1.0000000001 ms into 2. */
const wholeMs = (ms: number): number => Math.max(0, Math.ceil(ms - 1e-6));

export function createTokenBucket(
  { perSecond, burst = perSecond }: BucketRate,
  now: () => number,
): TokenBucket {
  if (!(perSecond > 0)) throw new RangeError(`a rate must be positive, got ${perSecond}`);
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError(`a burst must be >= 1, got ${burst}`);
  const msPerToken = 1000 / perSecond;
  // `level` tokens at time `at`; before `at` there are none (a pause).
  let level = burst;
  let at = now();
  const current = (time: number): number => {
    if (time < at) return 0;
    const gained = msPerToken === 0 ? Number.POSITIVE_INFINITY : (time - at) / msPerToken;
    return Math.min(burst, level + gained);
  };
  const settle = (time: number): void => {
    if (time <= at) return;
    level = current(time);
    at = time;
  };
  const msUntilTokenAt = (time: number): number => {
    if (time < at) return at - time + wholeMs((1 - level) * msPerToken);
    return wholeMs((1 - current(time)) * msPerToken);
  };
  return {
    tryTake() {
      const time = now();
      // msUntilToken's own test, so that "a token is there" never reads otherwise here (nor, at an
      // infinite rate, while paused).
      if (msUntilTokenAt(time) > 0) return false;
      settle(time);
      level -= 1;
      return true;
    },
    tokens: () => current(now()),
    msUntilToken: () => msUntilTokenAt(now()),
    pauseUntil(time) {
      if (time <= now()) return;
      level = 1;
      at = time;
    },
  };
}
