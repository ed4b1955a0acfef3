import {
  ApiTimeoutError,
  type CallerSignal,
  type CallLabel,
  createInFlightCalls,
  type InFlightCalls,
  NotSentError,
} from './call-deadline.js';
import { canSpareToken, createLaneRegistry, type LaneCall, type LaneState, pumpLane } from './chat-lanes.js';
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
  global: TokenBucket;
  stats: LimiterStats;
  maxRetryAfterMs: number;
  maxRetries: number;
  callTimeoutMs: number;
  inFlight: InFlightCalls;
  onEvent: OutgoingLimiterOptions['onEvent'];
  /** Shutdown: droppable calls are dropped; once abandoned, nothing more is sent. */
  phase: 'open' | 'dropping' | 'abandoned';
}

interface Call<T> {
  label: CallLabel;
  send: (signal: AbortSignal) => Promise<T>;
  droppable: boolean;
  caller: CallerSignal | undefined;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function drop(context: LimiterContext, method: string, lane: LaneState, reason: DroppedCall['reason']) {
  context.stats.dropped += 1;
  context.onEvent?.({ type: 'dropped', method, lane: lane.key, reason });
  return { dropped: true, reason } as const;
}

/** Waits for a token of the chat and one of the bot as a whole, then takes both. */
async function waitTurn(context: LimiterContext, lane: LaneState, label: CallLabel): Promise<void> {
  for (;;) {
    if (context.phase === 'abandoned') throw new NotSentError(label);
    const wait = Math.max(lane.bucket.msUntilToken(), context.global.msUntilToken());
    if (wait <= 0) break;
    await context.clock.sleep(wait);
  }
  lane.bucket.tryTake();
  context.global.tryTake();
}

/** A droppable call goes only at once, from a lane with nothing else to do and tokens to spare. */
function admitDroppable(context: LimiterContext, lane: LaneState): boolean {
  const free = !lane.current && lane.queue.length === 0 && canSpareToken(lane);
  if (context.phase !== 'open' || !free || context.global.msUntilToken() > 0) return false;
  lane.bucket.tryTake();
  context.global.tryTake();
  return true;
}

/** Sends when the lane allows, retrying after 429 with the whole lane paused. */
async function runCall<T>(context: LimiterContext, lane: LaneState, call: Call<T>) {
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
      if (call.droppable) return drop(context, call.label.method, lane, 'too-many-requests');
      if (retry >= context.maxRetries) throw error;
      stats.retried += 1;
      const event = { method: call.label.method, lane: lane.key, waitMs, attempt: retry + 1 };
      context.onEvent?.({ type: 'retry', ...event });
    }
  }
}

/** getUpdates holds the connection for its long-poll timeout before it answers. */
function boundOf(method: string, payload: Record<string, unknown>, timeoutMs: number): number {
  const poll = method === 'getUpdates' && typeof payload.timeout === 'number' ? payload.timeout * 1000 : 0;
  return poll + timeoutMs;
}

/** Creates a limiter with Telegram's documented limits as defaults. */
export function createOutgoingLimiter(options: OutgoingLimiterOptions = {}): OutgoingLimiter {
  const clock = options.clock ?? realClock;
  const context: LimiterContext = {
    clock,
    global: createTokenBucket({ perSecond: options.globalPerSecond ?? 30 }, () => clock.now()),
    stats: { calls: 0, retried: 0, dropped: 0, notModified: 0, timedOut: 0 },
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
    callTimeoutMs: options.callTimeoutMs ?? 15_000,
    inFlight: createInFlightCalls(),
    onEvent: options.onEvent,
    phase: 'open',
  };
  const pacing = {
    privateIntervalMs: options.privateIntervalMs ?? 1000,
    groupIntervalMs: options.groupIntervalMs ?? 3000,
    privateBurst: options.privateBurst ?? 3,
    groupBurst: options.groupBurst ?? 20,
  };
  const lanes = createLaneRegistry(() => clock.now());

  return {
    schedule(method, payload, send, { droppable = false, signal } = {}) {
      const lane = laneOf(method, payload, pacing);
      const bound = boundOf(method, payload, context.callTimeoutMs);
      if (!lane) return context.inFlight.run({ method, lane: undefined }, bound, signal, send);
      const state = lanes.get(lane);
      if (droppable && !admitDroppable(context, state))
        return Promise.resolve(drop(context, method, state, 'busy'));
      const label = { method, lane: lane.key };
      if (context.phase === 'abandoned') return Promise.reject(new NotSentError(label));
      return new Promise((resolve, reject) => {
        const call = { label, send, droppable, caller: signal };
        // The lane is free again before the caller hears the result, so its next call finds it so.
        const entry: LaneCall = {
          method,
          run: () =>
            runCall(context, state, call).then(
              (value) => settle(entry, () => resolve(value)),
              (error: unknown) => settle(entry, () => reject(error)),
            ),
          fail: reject,
        };
        const settle = (done: LaneCall, finish: () => void): void => {
          if (state.current === done) state.current = undefined;
          finish();
        };
        state.queue.push(entry);
        void pumpLane(state);
      });
    },
    stats: () => ({ ...context.stats }),
    dropDroppable() {
      if (context.phase === 'open') context.phase = 'dropping';
    },
    abandon() {
      context.phase = 'abandoned';
      const notSent: CallLabel[] = [];
      for (const lane of lanes.all()) {
        for (const call of [...(lane.current ? [lane.current] : []), ...lane.queue.splice(0)]) {
          notSent.push({ method: call.method, lane: lane.key });
          call.fail(new NotSentError({ method: call.method, lane: lane.key }));
        }
      }
      const unlimited = context.inFlight.abandon().filter((label) => label.lane === undefined);
      return [...notSent, ...unlimited];
    },
  };
}
