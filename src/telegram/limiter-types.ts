/** Time as the limiter sees it; sleep(ms) must let ms pass on now(). */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface OutgoingLimiterOptions {
  /** Spacing of calls to one private chat; default 1000 (about one message a second). */
  privateIntervalMs?: number;
  /** Spacing of calls to one group; default 3000 (about twenty a minute). */
  groupIntervalMs?: number;
  /** Limited calls a second over all chats; default 30. */
  globalPerSecond?: number;
  /** Longest wait after a 429, whatever retry_after says; default 30 000. */
  maxRetryAfterMs?: number;
  /** Retries of one call after 429 before its error is thrown; default 3. */
  maxRetries?: number;
  clock?: LimiterClock;
  onEvent?: (event: LimiterEvent) => void;
}

export type LimiterEvent =
  | { type: 'retry'; method: string; lane: string; waitMs: number; attempt: number }
  | { type: 'dropped'; method: string; lane: string; reason: DroppedCall['reason'] };

/** What a dropped call resolves with, instead of the Bot API's result. */
export interface DroppedCall {
  readonly dropped: true;
  readonly reason: 'busy' | 'too-many-requests';
}

export interface LimiterStats {
  /** Requests sent to the Bot API through limited lanes, retries included. */
  calls: number;
  retried: number;
  dropped: number;
  /** Edits answered 'message is not modified' and turned into success. */
  notModified: number;
}

/** Schedules outgoing Bot API calls per chat; see installRateLimiter for how the bot uses it. */
export interface OutgoingLimiter {
  /**
   * Runs send() when the policy allows. Droppable calls are dropped instead of waiting, and on 429.
   * Edits answered 'message is not modified' resolve with true. Other errors reject unchanged.
   */
  schedule<T>(
    method: string,
    payload: Record<string, unknown>,
    send: () => Promise<T>,
    options?: { droppable?: boolean },
  ): Promise<T | true | DroppedCall>;
  stats(): LimiterStats;
}

/** True for what a dropped call resolves with. */
export function isDropped(value: unknown): value is DroppedCall {
  return typeof value === 'object' && value !== null && (value as { dropped?: unknown }).dropped === true;
}
