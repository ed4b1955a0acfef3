import { ApiTimeoutError, type CallLabel, createInFlightCalls, NotSentError } from './call-deadline.js';
import { createLaneRegistry, enqueue, type LaneCall, type LaneState, pumpLane } from './chat-lanes.js';
import { admitDroppable, drop, type LimiterContext, runCall, takeShared } from './lane-calls.js';
import {
  type CallOutcome,
  type DroppedCall,
  isDropped,
  type LimiterClock,
  type OutgoingLimiter,
  type OutgoingLimiterOptions,
} from './limiter-types.js';
import { laneOf } from './outgoing-policy.js';
import { readApiFailure } from './telegram-errors.js';
import { createTokenBucket } from './token-bucket.js';

type ScheduleOptions = NonNullable<Parameters<OutgoingLimiter['schedule']>[3]>;

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
    shared: options.shared,
    sharedAnswers: true,
  };
  const pacing = {
    privateIntervalMs: options.privateIntervalMs ?? 1000,
    groupIntervalMs: options.groupIntervalMs ?? 3000,
    privateBurst: options.privateBurst ?? 3,
    groupBurst: options.groupBurst ?? 20,
  };
  const lanes = createLaneRegistry(() => clock.now());
  const notSent: CallLabel[] = [];

  const report = <T>(method: string, settled: Promise<T>): Promise<T> => {
    if (!context.onEvent) return settled;
    const tell = (outcome: CallOutcome) => context.onEvent?.({ type: 'call', method, outcome });
    return settled.then(
      (value) => {
        tell(isDropped(value) ? 'dropped' : 'ok');
        return value;
      },
      (error: unknown) => {
        tell(outcomeOf(error));
        throw error;
      },
    );
  };
  /** A droppable call the local lane admitted goes when the shared budget, if any, spares a token too. */
  const admitShared = async (state: LaneState, method: string): Promise<boolean> => {
    const wait = await takeShared(context, state, method, Math.floor(state.burst / 2));
    return wait === undefined || wait === 0;
  };

  return {
    schedule<T>(
      method: string,
      payload: Record<string, unknown>,
      send: (signal: AbortSignal) => Promise<T>,
      { droppable = false, background = false, signal }: ScheduleOptions = {},
    ): Promise<T | true | DroppedCall> {
      const lane = laneOf(method, payload, pacing);
      const label = { method, lane: lane?.key };
      if (context.phase === 'abandoned' && !droppable) {
        notSent.push(label);
        return report(method, Promise.reject(new NotSentError(label)));
      }
      const bound = boundOf(method, payload, context.callTimeoutMs);
      if (!lane) return report(method, context.inFlight.run(label, bound, signal, send));
      const state = lanes.get(lane);
      if (droppable && !admitDroppable(context, state))
        return report(method, Promise.resolve(drop(context, method, state, 'busy')));
      const queued = () =>
        new Promise<T | true | DroppedCall>((resolve, reject) => {
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
      if (!droppable || !context.shared) return report(method, queued());
      return report(
        method,
        admitShared(state, method).then((admitted) =>
          admitted ? queued() : drop(context, method, state, 'busy'),
        ),
      );
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

/** What a failed call came to, for the metrics: a timeout, a 429, the shutdown, or another error. */
function outcomeOf(error: unknown): CallOutcome {
  if (error instanceof NotSentError) return 'not_sent';
  if (error instanceof ApiTimeoutError) return 'timeout';
  return readApiFailure(error).code === 429 ? 'too_many_requests' : 'error';
}
