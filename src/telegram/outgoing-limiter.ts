import { createLaneRegistry, isLaneFree, type LaneState, pumpLane, readyAt } from './chat-lanes.js';
import type {
  DroppedCall,
  LimiterClock,
  LimiterStats,
  OutgoingLimiter,
  OutgoingLimiterOptions,
} from './limiter-types.js';
import { isEditMethod, laneOf } from './outgoing-policy.js';
import { isNotModified, readApiFailure } from './telegram-errors.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

interface LimiterContext {
  clock: LimiterClock;
  bucket: TokenBucket;
  stats: LimiterStats;
  maxRetryAfterMs: number;
  maxRetries: number;
  onEvent: OutgoingLimiterOptions['onEvent'];
}

interface Call<T> {
  method: string;
  send: () => Promise<T>;
  droppable: boolean;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function drop(
  context: LimiterContext,
  method: string,
  lane: LaneState,
  reason: DroppedCall['reason'],
): DroppedCall {
  context.stats.dropped += 1;
  context.onEvent?.({ type: 'dropped', method, lane: lane.key, reason });
  return { dropped: true, reason };
}

async function waitTurn({ clock, bucket }: LimiterContext, lane: LaneState): Promise<void> {
  for (;;) {
    const wait = readyAt(lane) - clock.now();
    if (wait > 0) await clock.sleep(wait);
    else if (bucket.tryTake()) return;
    else await clock.sleep(bucket.msUntilToken());
  }
}

/** Sends when the lane allows, retrying after 429 with the whole lane paused. */
async function runCall<T>(
  context: LimiterContext,
  lane: LaneState,
  call: Call<T>,
): Promise<T | true | DroppedCall> {
  const { clock, stats } = context;
  for (let retry = 0; ; retry += 1) {
    // A droppable call took its token when it was admitted.
    if (retry > 0 || !call.droppable) await waitTurn(context, lane);
    lane.nextFreeAt = clock.now() + lane.intervalMs;
    stats.calls += 1;
    try {
      return await call.send();
    } catch (error) {
      const failure = readApiFailure(error);
      if (isEditMethod(call.method) && isNotModified(failure)) {
        stats.notModified += 1;
        return true;
      }
      if (failure.code !== 429) throw error;
      const asked = failure.retryAfter === undefined ? 1000 : failure.retryAfter * 1000;
      const waitMs = Math.max(Math.min(asked, context.maxRetryAfterMs), lane.intervalMs, 50);
      lane.pausedUntil = Math.max(lane.pausedUntil, clock.now() + waitMs);
      if (call.droppable) return drop(context, call.method, lane, 'too-many-requests');
      if (retry >= context.maxRetries) throw error;
      stats.retried += 1;
      context.onEvent?.({ type: 'retry', method: call.method, lane: lane.key, waitMs, attempt: retry + 1 });
    }
  }
}

/** Creates a limiter with Telegram's documented limits as defaults. */
export function createOutgoingLimiter(options: OutgoingLimiterOptions = {}): OutgoingLimiter {
  const clock = options.clock ?? realClock;
  const context: LimiterContext = {
    clock,
    bucket: createTokenBucket(options.globalPerSecond ?? 30, () => clock.now()),
    stats: { calls: 0, retried: 0, dropped: 0, notModified: 0 },
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
    onEvent: options.onEvent,
  };
  const intervals = {
    privateIntervalMs: options.privateIntervalMs ?? 1000,
    groupIntervalMs: options.groupIntervalMs ?? 3000,
  };
  const laneState = createLaneRegistry(() => clock.now());

  return {
    schedule(method, payload, send, { droppable = false } = {}) {
      const lane = laneOf(method, payload, intervals);
      if (!lane) return send();
      const state = laneState(lane);
      if (droppable && !(isLaneFree(state, clock.now()) && context.bucket.tryTake())) {
        return Promise.resolve(drop(context, method, state, 'busy'));
      }
      return new Promise((resolve, reject) => {
        state.queue.push(() => runCall(context, state, { method, send, droppable }).then(resolve, reject));
        void pumpLane(state);
      });
    },
    stats: () => ({ ...context.stats }),
  };
}
