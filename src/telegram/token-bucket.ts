/** A token bucket over an injectable clock: `perSecond` tokens a second, bursts of at most `perSecond`. */
export interface TokenBucket {
  tryTake(): boolean;
  /** Milliseconds until the next token, at least 1. */
  msUntilToken(): number;
}

export function createTokenBucket(perSecond: number, now: () => number): TokenBucket {
  if (!(perSecond > 0)) throw new RangeError(`a rate must be positive, got ${perSecond}`);
  let tokens = perSecond;
  let updatedAt = now();
  const refill = (): void => {
    const time = now();
    tokens = Math.min(perSecond, tokens + ((time - updatedAt) * perSecond) / 1000);
    updatedAt = time;
  };
  return {
    tryTake() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    msUntilToken() {
      refill();
      return Math.max(1, Math.ceil(((1 - tokens) * 1000) / perSecond));
    },
  };
}
