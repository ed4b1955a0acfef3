import type { Lane } from './outgoing-policy.js';
import { createSendWindow } from './send-window.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/** A call waiting in a lane (or being run by it); fail() settles it at once, e.g. at shutdown. */
export interface LaneCall {
  readonly method: string;
  /** Sent on the bot's own account: queued calls that answer a member go before it. */
  readonly background: boolean;
  run(): Promise<void>;
  fail(error: unknown): void;
}

/**
 * Queues a call in its lane: a background call at the end, any other before the first background call
 * waiting, so that answers keep their order among themselves and so do background calls.
 */
export function enqueue(lane: LaneState, call: LaneCall): void {
  const firstBackground = call.background ? -1 : lane.queue.findIndex((queued) => queued.background);
  if (firstBackground < 0) lane.queue.push(call);
  else lane.queue.splice(firstBackground, 0, call);
}

/** One lane's schedule: calls run one at a time, in enqueue's order, and the chat's sending budget. */
export interface LaneState extends Lane {
  queue: LaneCall[];
  /** The call being run, if any; cleared as it settles. */
  current: LaneCall | undefined;
  /** True while pumpLane runs the queue. */
  pumping: boolean;
  /** Tokens for this chat; a 429 answer pauses it. */
  bucket: TokenBucket;
}

/**
 * Progress edits may spend only the top of a chat's burst, so that a reply after them still finds a
 * token: at least half the burst (one of three in private) stays for messages that must be delivered.
 */
export function canSpareToken(lane: LaneState): boolean {
  return lane.bucket.tokens() >= 1 + Math.floor(lane.burst / 2);
}

/** Nothing queued or running, and its budget whole: forgetting it changes nothing. */
export function isLaneIdle(lane: LaneState): boolean {
  return !lane.current && lane.queue.length === 0 && lane.bucket.tokens() >= lane.burst;
}

export interface LaneRegistry {
  get(lane: Lane): LaneState;
  all(): Iterable<LaneState>;
}

/** Lanes by key; idle ones are forgotten once there are many. */
export function createLaneRegistry(now: () => number): LaneRegistry {
  const lanes = new Map<string, LaneState>();
  const forgetIdle = (): void => {
    for (const [key, lane] of lanes) if (isLaneIdle(lane)) lanes.delete(key);
  };
  return {
    get(lane) {
      const known = lanes.get(lane.key);
      if (known) return known;
      if (lanes.size >= 1000) forgetIdle();
      const perSecond = lane.intervalMs > 0 ? 1000 / lane.intervalMs : Number.POSITIVE_INFINITY;
      const bucket =
        lane.windowMs && lane.intervalMs > 0
          ? createSendWindow(lane.burst, lane.windowMs, now)
          : createTokenBucket({ perSecond, burst: lane.burst }, now);
      const state: LaneState = { ...lane, queue: [], current: undefined, pumping: false, bucket };
      lanes.set(lane.key, state);
      return state;
    },
    all: () => lanes.values(),
  };
}

/** Runs the lane's queued calls one after another, unless it is already doing so. */
export async function pumpLane(lane: LaneState): Promise<void> {
  if (lane.pumping) return;
  lane.pumping = true;
  try {
    for (let call = lane.queue.shift(); call; call = lane.queue.shift()) {
      lane.current = call;
      await call.run();
    }
  } finally {
    lane.pumping = false;
    lane.current = undefined;
  }
}
