import { type CallLabel, createInFlightCalls, NotSentError } from './call-deadline.js';
import { createLaneRegistry, enqueue, type LaneCall, pumpLane } from './chat-lanes.js';
import { admitDroppable, drop, type LimiterContext, runCall } from './lane-calls.js';
import type { LimiterClock, OutgoingLimiter, OutgoingLimiterOptions } from './limiter-types.js';
import { laneOf } from './outgoing-policy.js';
import { createTokenBucket } from './token-bucket.js';

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

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
  const notSent: CallLabel[] = [];

  return {
    schedule(method, payload, send, { droppable = false, background = false, signal } = {}) {
      const lane = laneOf(method, payload, pacing);
      const label = { method, lane: lane?.key };
      if (context.phase === 'abandoned' && !droppable) {
        notSent.push(label);
        return Promise.reject(new NotSentError(label));
      }
      const bound = boundOf(method, payload, context.callTimeoutMs);
      if (!lane) return context.inFlight.run(label, bound, signal, send);
      const state = lanes.get(lane);
      if (droppable && !admitDroppable(context, state))
        return Promise.resolve(drop(context, method, state, 'busy'));
      return new Promise((resolve, reject) => {
        const call = { label, send, droppable, caller: signal };
        // The lane is free again before the caller hears the result, so its next call finds it so.
        const entry: LaneCall = {
          method,
          background,
          overtaken: 0,
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
        enqueue(state, entry);
        void pumpLane(state);
      });
    },
    stats: () => ({ ...context.stats }),
    dropDroppable() {
      if (context.phase === 'open') context.phase = 'dropping';
    },
    abandon() {
      context.phase = 'abandoned';
      for (const lane of lanes.all()) {
        for (const call of [...(lane.current ? [lane.current] : []), ...lane.queue.splice(0)]) {
          notSent.push({ method: call.method, lane: lane.key });
          call.fail(new NotSentError({ method: call.method, lane: lane.key }));
        }
      }
      notSent.push(...context.inFlight.abandon().filter((label) => label.lane === undefined));
    },
    notSent: () => [...notSent],
  };
}
