import type { Lane } from './outgoing-policy.js';

/** One lane's schedule: a FIFO of calls run one at a time, and when the next may start. */
export interface LaneState extends Lane {
  queue: Array<() => Promise<void>>;
  busy: boolean;
  nextFreeAt: number;
  /** Set by a 429 answer: nothing goes to this chat before then. */
  pausedUntil: number;
}

export function readyAt(lane: LaneState): number {
  return Math.max(lane.nextFreeAt, lane.pausedUntil);
}

/** Nothing queued or running, and nothing that would make the next call wait. */
export function isLaneFree(lane: LaneState, now: number): boolean {
  return !lane.busy && lane.queue.length === 0 && now >= readyAt(lane);
}

/** Lanes by key; idle ones are forgotten once there are many. */
export function createLaneRegistry(now: () => number): (lane: Lane) => LaneState {
  const lanes = new Map<string, LaneState>();
  const forgetIdle = (): void => {
    for (const [key, lane] of lanes) if (isLaneFree(lane, now())) lanes.delete(key);
  };
  return (lane) => {
    const known = lanes.get(lane.key);
    if (known) return known;
    if (lanes.size >= 1000) forgetIdle();
    const state: LaneState = { ...lane, queue: [], busy: false, nextFreeAt: 0, pausedUntil: 0 };
    lanes.set(lane.key, state);
    return state;
  };
}

/** Runs the lane's queued calls one after another, unless it is already doing so. */
export async function pumpLane(lane: LaneState): Promise<void> {
  if (lane.busy) return;
  lane.busy = true;
  try {
    for (let job = lane.queue.shift(); job; job = lane.queue.shift()) await job();
  } finally {
    lane.busy = false;
  }
}
