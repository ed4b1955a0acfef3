import type { Lane } from './outgoing-policy.js';
import { createSendWindow } from './send-window.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

/** A call waiting in a lane (or being run by it); fail() settles it at once, e.g. at shutdown. */
export interface LaneCall {
  readonly method: string;
  /** Sent on the bot's own account: answers queued after it may go first, a few times. */
  readonly background: boolean;
  /** How many answers went before this background call. */
  overtaken: number;
  run(): Promise<void>;
  fail(error: unknown): void;
}

/**
 * Answers a background call lets go before it. More would let a busy group's chatter hold a training's
 * result back for good: at most three, and it goes, three intervals late at worst.
 */
export const MAX_OVERTAKEN = 3;

/**
 * Queues a call in its lane: a background call at the end; an answer before the first background call
 * that has not yet let MAX_OVERTAKEN answers pass, else at the end. Answers keep their order among
 * themselves, and so do background calls.
 */
export function enqueue(lane: LaneState, call: LaneCall): void {
  const at = call.background
    ? -1
    : lane.queue.findIndex((queued) => queued.background && queued.overtaken < MAX_OVERTAKEN);
  if (at < 0) {
    lane.queue.push(call);
    return;
  }
  for (const queued of lane.queue.slice(at)) if (queued.background) queued.overtaken += 1;
  lane.queue.splice(at, 0, call);
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
