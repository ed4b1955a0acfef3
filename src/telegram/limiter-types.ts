import type { CallerSignal, CallLabel } from './call-deadline.js';
import type { SharedBudget } from './shared-budget.js';

/** Time as the limiter sees it; sleep(ms) must let ms pass on now(). */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface OutgoingLimiterOptions {
  /** One more call to a private chat every this many ms; default 1000 (about one message a second). */
  privateIntervalMs?: number;
  /** One more call to a group every this many ms; default 3000 (twenty a minute). */
  groupIntervalMs?: number;
  /** Calls a quiet private chat takes at once; default 3 (Telegram allows short bursts). */
  privateBurst?: number;
  /** Calls a quiet group takes at once; default 20 (the group's budget for a minute). */
  groupBurst?: number;
  /** Longest wait for the Bot API's answer to one call; getUpdates adds its long-poll time. Default 15 000. */
  callTimeoutMs?: number;
  /** Limited calls a second over all chats; default 30. */
  globalPerSecond?: number;
  /** Longest wait after a 429, whatever retry_after says; default 30 000. */
  maxRetryAfterMs?: number;
  /** Retries of one call after 429 before its error is thrown; default 3. */
  maxRetries?: number;
  clock?: LimiterClock;
  onEvent?: (event: LimiterEvent) => void;
  /**
   * The budget all processes of the bot share (REDIS_URL): chats' pacing, the bot's calls a second and
   * 429 pauses. When it fails, this limiter's own buckets pace the calls until it answers again.
   */
  shared?: SharedBudget;
}

/** What one scheduled call came to, once settled. */
export type CallOutcome = 'ok' | 'error' | 'too_many_requests' | 'timeout' | 'dropped' | 'not_sent';

export type LimiterEvent =
  | { type: 'retry'; method: string; lane: string; waitMs: number; attempt: number }
  | { type: 'dropped'; method: string; lane: string; reason: DroppedCall['reason'] }
  /** Telegram answered 429; the lane is paused for waitMs (everywhere, with a shared budget). */
  | { type: 'too-many-requests'; method: string; lane: string; waitMs: number }
  /** A scheduled call settled (once per call, retries inside it). */
  | { type: 'call'; method: string; outcome: CallOutcome }
  /** The shared budget stopped answering (this limiter paces alone) or answers again. */
  | { type: 'shared-budget'; available: boolean; error?: unknown }
  /** A call paced by this limiter alone because the shared budget failed. */
  | { type: 'local-pacing'; method: string; lane: string };

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
  /** Calls the Bot API did not answer within callTimeoutMs; each failed. */
  timedOut: number;
}

/** Schedules outgoing Bot API calls per chat; see installRateLimiter for how the bot uses it. */
export interface OutgoingLimiter {
  /**
   * Runs send() when the policy allows. Droppable calls are dropped instead of waiting, and on 429.
   * Background calls (what the bot sends on its own, like a training's picture) let the answers queued
   * after them in their chat go first, up to three, so that the answer to what a member just sent does
   * not wait behind them.
   * Edits answered 'message is not modified' resolve with true. Other errors reject unchanged.
   */
  schedule<T>(
    method: string,
    payload: Record<string, unknown>,
    send: (signal: AbortSignal) => Promise<T>,
    options?: { droppable?: boolean; background?: boolean; signal?: CallerSignal },
  ): Promise<T | true | DroppedCall>;
  stats(): LimiterStats;
  /** From now on droppable calls are dropped at once: at shutdown a progress edit is not worth sending. */
  dropDroppable(): void;
  /**
   * Gives up on every call queued or in flight (each rejects with NotSentError) and refuses later ones,
   * droppable ones aside: the end of a shutdown's time.
   */
  abandon(): void;
  /** The calls given up on or refused since abandon(): not sent, or not known to have arrived. */
  notSent(): CallLabel[];
}

/** True for what a dropped call resolves with. */
export function isDropped(value: unknown): value is DroppedCall {
  return typeof value === 'object' && value !== null && (value as { dropped?: unknown }).dropped === true;
}
