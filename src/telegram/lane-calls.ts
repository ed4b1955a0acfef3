import {
  ApiTimeoutError,
  type CallerSignal,
  type CallLabel,
  type InFlightCalls,
  NotSentError,
} from './call-deadline.js';
import { canSpareToken, type LaneState } from './chat-lanes.js';
import type { DroppedCall, LimiterClock, LimiterStats, OutgoingLimiterOptions } from './limiter-types.js';
import { isEditMethod } from './outgoing-policy.js';
import type { SharedBudget } from './shared-budget.js';
import { isNotModified, readApiFailure } from './telegram-errors.js';
import type { TokenBucket } from './token-bucket.js';

/** What every lane shares: the clock, the bot-wide bucket, counters, settings and the calls in flight. */
export interface LimiterContext {
  clock: LimiterClock;
  global: TokenBucket;
  stats: LimiterStats;
  maxRetryAfterMs: number;
  maxRetries: number;
  callTimeoutMs: number;
  inFlight: InFlightCalls;
  onEvent: OutgoingLimiterOptions['onEvent'];
  /** Shutdown: droppable calls are dropped; once abandoned, nothing more is sent. */
  phase: 'open' | 'dropping' | 'abandoned';
  /** The budget shared with the bot's other processes, if any, and whether it answered last time. */
  shared: SharedBudget | undefined;
  sharedAnswers: boolean;
}

/**
 * Asks the shared budget for the lane's turn: 0 when taken, the ms to wait otherwise, undefined when there
 * is no shared budget or it failed (the caller then paces with the local buckets; the change is reported).
 */
export async function takeShared(
  context: LimiterContext,
  lane: LaneState,
  method: string,
  reserve: number,
): Promise<number | undefined> {
  if (!context.shared) return undefined;
  try {
    const wait = await context.shared.take(lane, reserve);
    if (!context.sharedAnswers) {
      context.sharedAnswers = true;
      context.onEvent?.({ type: 'shared-budget', available: true });
    }
    return wait;
  } catch (error) {
    if (context.sharedAnswers) {
      context.sharedAnswers = false;
      context.onEvent?.({ type: 'shared-budget', available: false, error });
    }
    context.onEvent?.({ type: 'local-pacing', method, lane: lane.key });
    return undefined;
  }
}

/** One call in a lane: what it is, how to send it, and the caller's own abort signal, if any. */
export interface Call<T> {
  label: CallLabel;
  send: (signal: AbortSignal) => Promise<T>;
  droppable: boolean;
  caller: CallerSignal | undefined;
}

/** Counts and reports a call not sent, and gives what it resolves with instead. */
export function drop(
  context: LimiterContext,
  method: string,
  lane: LaneState,
  reason: DroppedCall['reason'],
) {
  context.stats.dropped += 1;
  context.onEvent?.({ type: 'dropped', method, lane: lane.key, reason });
  return { dropped: true, reason } as const;
}

/**
 * Waits for a token of the chat and one of the bot as a whole, then takes both: from the shared budget
 * when there is one and it answers (the local buckets follow along), else from the local buckets.
 */
async function waitTurn(context: LimiterContext, lane: LaneState, label: CallLabel): Promise<void> {
  for (;;) {
    if (context.phase === 'abandoned') throw new NotSentError(label);
    // Without a shared budget, not even a tick is spent here: the local path is the one of old.
    const shared = context.shared ? await takeShared(context, lane, label.method, 0) : undefined;
    if (shared === 0) {
      lane.bucket.tryTake();
      context.global.tryTake();
      return;
    }
    if (shared !== undefined) {
      await context.clock.sleep(shared);
      continue;
    }
    const wait = Math.max(lane.bucket.msUntilToken(), context.global.msUntilToken());
    if (wait <= 0 && lane.bucket.tryTake()) {
      context.global.tryTake();
      return;
    }
    await context.clock.sleep(Math.max(wait, 1));
  }
}

/** A droppable call goes only at once, from a lane with nothing else to do and tokens to spare. */
export function admitDroppable(context: LimiterContext, lane: LaneState): boolean {
  const free = !lane.current && lane.queue.length === 0 && canSpareToken(lane);
  if (context.phase !== 'open' || !free || context.global.msUntilToken() > 0) return false;
  lane.bucket.tryTake();
  context.global.tryTake();
  return true;
}

/** Sends when the lane allows, retrying after 429 with the whole lane paused. */
export async function runCall<T>(context: LimiterContext, lane: LaneState, call: Call<T>) {
  const { stats } = context;
  for (let retry = 0; ; retry += 1) {
    // A droppable call took its tokens when it was admitted.
    if (retry > 0 || !call.droppable) await waitTurn(context, lane, call.label);
    stats.calls += 1;
    try {
      return await context.inFlight.run(call.label, context.callTimeoutMs, call.caller, call.send);
    } catch (error) {
      if (error instanceof ApiTimeoutError) stats.timedOut += 1;
      const failure = readApiFailure(error);
      if (isEditMethod(call.label.method) && isNotModified(failure)) {
        stats.notModified += 1;
        return true as const;
      }
      if (failure.code !== 429) throw error;
      const asked = failure.retryAfter === undefined ? 1000 : failure.retryAfter * 1000;
      const waitMs = Math.max(Math.min(asked, context.maxRetryAfterMs), lane.intervalMs, 50);
      lane.bucket.pauseUntil(context.clock.now() + waitMs);
      context.onEvent?.({ type: 'too-many-requests', method: call.label.method, lane: lane.key, waitMs });
      // Every process holds back from the chat; without Redis, this one alone does.
      await context.shared?.pause(lane, waitMs).catch(() => undefined);
      if (call.droppable) return drop(context, call.label.method, lane, 'too-many-requests');
      if (retry >= context.maxRetries) throw error;
      stats.retried += 1;
      const event = { method: call.label.method, lane: lane.key, waitMs, attempt: retry + 1 };
      context.onEvent?.({ type: 'retry', ...event });
    }
  }
}
