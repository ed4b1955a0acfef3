import type { FakeAnswer, FakeUpdate } from './fake-bot-types.js';
import { errorAnswer, okAnswer } from './fake-telegram-objects.js';

/** Pending updates and getUpdates long polling, with Telegram's offset confirmation. */
export interface UpdateQueue {
  /** Adds an update; update_id is assigned when missing. */
  enqueue(update: Omit<FakeUpdate, 'update_id'> & { update_id?: number }): FakeUpdate;
  /** Runs send; whatever it enqueues is answered to the bot's next getUpdates as one batch. */
  inOneBatch<T>(send: () => T): T;
  /** Answers getUpdates now or when an update arrives or the timeout passes; cancel() forgets a held call. */
  poll(payload: Record<string, unknown>): { answer: Promise<FakeAnswer>; cancel: () => void };
  dropPending(): void;
  /** Removes the updates not delivered yet and returns them, oldest first. */
  take(): FakeUpdate[];
  /** Updates not yet delivered, or delivered and not yet confirmed. */
  pending(): number;
  /** A getUpdates call is being held, waiting for updates. */
  isHolding(): boolean;
  close(): void;
}

interface Entry {
  update: FakeUpdate;
  delivered: boolean;
}

interface HeldPoll {
  limit: number;
  resolve: (answer: FakeAnswer) => void;
  timer: NodeJS.Timeout;
}

function readInteger(value: unknown, fallback: number): number {
  const number = Number(value ?? fallback);
  return Number.isFinite(number) ? Math.trunc(number) : fallback;
}

export function createUpdateQueue(onChange: () => void): UpdateQueue {
  let entries: Entry[] = [];
  let lastUpdateId = 0;
  let held: HeldPoll | undefined;
  let batching = false;

  const deliver = (limit: number): FakeAnswer => {
    const batch = entries.slice(0, limit);
    for (const entry of batch) entry.delivered = true;
    return okAnswer(batch.map((entry) => entry.update));
  };

  const release = (answer: FakeAnswer): void => {
    if (!held) return;
    clearTimeout(held.timer);
    const { resolve } = held;
    held = undefined;
    resolve(answer);
  };

  return {
    enqueue(raw) {
      const update_id = raw.update_id ?? lastUpdateId + 1;
      // A test may send a malformed id, as a broken server could; it does not move the counter.
      if (Number.isSafeInteger(update_id)) lastUpdateId = Math.max(lastUpdateId, update_id);
      const update: FakeUpdate = { ...raw, update_id };
      entries.push({ update, delivered: false });
      if (held && !batching) release(deliver(held.limit));
      onChange();
      return update;
    },
    inOneBatch(send) {
      batching = true;
      try {
        return send();
      } finally {
        batching = false;
        if (held && entries.length > 0) release(deliver(held.limit));
      }
    },
    poll(payload) {
      const offset = readInteger(payload.offset, 0);
      const limit = Math.min(100, Math.max(1, readInteger(payload.limit, 100)));
      const timeoutSeconds = readInteger(payload.timeout, 0);
      // Only updates already delivered are confirmed, so a test can deliver the same update_id again.
      entries = entries.filter((entry) => !(entry.delivered && entry.update.update_id < offset));
      release(errorAnswer({ error_code: 409 }));
      if (entries.length > 0 || timeoutSeconds <= 0)
        return { answer: Promise.resolve(deliver(limit)), cancel() {} };
      const answer = new Promise<FakeAnswer>((resolve) => {
        const timer = setTimeout(() => release(okAnswer([])), timeoutSeconds * 1000);
        held = { limit, resolve, timer };
      });
      const mine = held;
      onChange();
      return {
        answer,
        cancel: () => {
          if (held === mine) release(okAnswer([]));
        },
      };
    },
    dropPending() {
      entries = [];
    },
    take() {
      const waiting = entries.filter((entry) => !entry.delivered);
      entries = entries.filter((entry) => entry.delivered);
      onChange();
      return waiting.map((entry) => entry.update);
    },
    pending: () => entries.length,
    isHolding: () => held !== undefined,
    close: () => release(okAnswer([])),
  };
}
