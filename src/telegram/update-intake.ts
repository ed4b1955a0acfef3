import type { Update } from 'telegraf/types';
import type { StoreLogger } from '../storage/index.js';
import { createKeyedQueue } from '../storage/keyed-queue.js';
import { isValidUpdateId, type UpdateJournal } from './update-journal.js';
import type { BatchOutcome } from './update-poller.js';

export interface UpdateIntakeOptions {
  journal: UpdateJournal;
  /** Handles one update; updates with the same key are handed over one at a time, in update_id order. */
  handle(update: Update): Promise<unknown>;
  /** Whose turn the update waits for (one member in one chat); undefined runs it on its own. */
  keyOf(update: Update): string | undefined;
  /** Tells the sender that their update could not be saved yet and will be taken again by itself. */
  tellNotSaved(update: Update): Promise<unknown>;
  /** Each handling the intake starts; shutdown waits for them. */
  track(task: Promise<unknown>): void;
  logger: StoreLogger;
}

/**
 * Where updates enter the bot. A batch is journaled first, then each member's updates are queued
 * in update_id order, so neither disk timing nor the batch size reorders them. An update that could not
 * be journaled is not taken, and neither is anything after it: the poll offset stays on it, so Telegram
 * keeps it until a later try succeeds.
 */
export interface UpdateIntake {
  receive(batch: unknown[]): Promise<BatchOutcome>;
  /**
   * Takes one update delivered on its own (a webhook): true once it is journaled and queued, or was taken
   * before (delivered twice); false when it could not be journaled, so Telegram must deliver it again.
   * Telegram sends a chat's next update only after this one was acknowledged, which keeps the order.
   */
  accept(update: Update): Promise<boolean>;
  /** Queues the updates a previous run journaled and did not finish, oldest first. */
  replay(updates: readonly Update[]): void;
}

const REMEMBERED_IDS = 10_000;

export function createUpdateIntake(options: UpdateIntakeOptions): UpdateIntake {
  const { journal, logger } = options;
  const queue = createKeyedQueue();
  // After a crash an update can come twice: replayed from the journal, then again from Telegram.
  const taken = createRecentIds(REMEMBERED_IDS);
  const told = createRecentIds(REMEMBERED_IDS);
  // The same update delivered again while its first delivery is still being journaled waits for that one.
  const recording = new Map<number, Promise<boolean>>();
  const inTurn = (update: Update, task: () => Promise<unknown>): Promise<unknown> => {
    const key = options.keyOf(update);
    return key === undefined ? task() : queue.run(key, task);
  };

  // A shared journal's updates handled here: those handled ahead of their own turn (before a later update
  // of their member) pass it, and one still in the journal (its done() failed) is marked done again.
  const handledHere = createRecentIds(REMEMBERED_IDS);
  const finish = (id: number) =>
    journal
      .done(id)
      .catch((err) => logger.warn({ err, updateId: id }, 'a handled update stays in the inbox'));

  /** Handles the member's unfinished earlier updates (other instances' too), then this one. */
  const inOrder = async (update: Update, key: string, earlier: NonNullable<UpdateJournal['earlier']>) => {
    if (handledHere.has(update.update_id)) return;
    for (;;) {
      const before = await earlier(update, key).catch((err: unknown) => {
        logger.warn({ err, updateId: update.update_id }, 'could not look for earlier updates of the member');
        return [];
      });
      const due = before.filter((earlierUpdate) => !handledHere.has(earlierUpdate.update_id));
      await Promise.all(
        before
          .filter((earlierUpdate) => handledHere.has(earlierUpdate.update_id))
          .map((u) => finish(u.update_id)),
      );
      if (due.length === 0) break;
      for (const earlierUpdate of due) {
        const id = earlierUpdate.update_id;
        handledHere.add(id);
        taken.add(id);
        await options
          .handle(earlierUpdate)
          .catch((err: unknown) => logger.error({ err, updateId: id }, 'an update failed'))
          .finally(() => finish(id));
      }
    }
    handledHere.add(update.update_id);
    await options.handle(update);
  };

  const take = (update: Update): void => {
    taken.add(update.update_id);
    const id = update.update_id;
    const key = options.keyOf(update);
    const { earlier } = journal;
    const handled =
      earlier && key !== undefined
        ? queue.run(key, () => inOrder(update, key, earlier).finally(() => finish(id)))
        : inTurn(update, () => options.handle(update)).finally(() => finish(id));
    options.track(handled);
  };

  const leave = async (updates: Update[], saved: PromiseSettledResult<unknown>[]): Promise<void> => {
    const failure = saved.find((result) => result.status === 'rejected');
    logger.error(
      { err: failure?.reason, updateIds: updates.map((u) => u.update_id) },
      'could not save an update on receipt; it stays with Telegram, which delivers it again',
    );
    await Promise.all(
      updates.map(async (update, i) => {
        // Saved but not taken: a restart must not handle it before the one that failed.
        if (saved[i]?.status === 'fulfilled')
          return (journal.withdraw ?? journal.done).call(journal, update.update_id).catch(() => undefined);
        if (!told.add(update.update_id)) return;
        options.track(inTurn(update, () => options.tellNotSaved(update)));
      }),
    );
  };

  return {
    async receive(batch) {
      const updates = readUpdates(batch, logger);
      const last = updates.at(-1)?.update_id;
      const fresh = updates.filter((update) => !taken.has(update.update_id));
      const saved = await Promise.allSettled(
        fresh.map((update) => journal.record(update, options.keyOf(update))),
      );
      const failedAt = saved.findIndex((result) => result.status === 'rejected');
      for (const [i, update] of (failedAt < 0 ? fresh : fresh.slice(0, failedAt)).entries()) {
        const result = saved[i];
        // Recorded before by another instance: handled there, or here once a sweep hands it over.
        if (result?.status !== 'fulfilled' || result.value !== 'duplicate') take(update);
      }
      if (failedAt >= 0) {
        await leave(fresh.slice(failedAt), saved.slice(failedAt));
        return { nextOffset: fresh[failedAt]?.update_id, wait: 'backoff' };
      }
      // A batch of nothing usable would come straight back: pause before asking again.
      const wait = updates.length === 0 && batch.length > 0 ? 'brief' : 'none';
      return { nextOffset: last === undefined ? undefined : last + 1, wait };
    },
    accept(update) {
      const id = update.update_id;
      if (taken.has(id)) return Promise.resolve(true);
      const running = recording.get(id);
      if (running) return running;
      const saving = journal.record(update, options.keyOf(update)).then(
        (outcome) => {
          // Recorded before, by this instance or another one: acknowledged, and handled there. Not marked
          // taken here: if its holder dies, a sweep hands it to this instance, whose replay must handle it.
          if (outcome !== 'duplicate') take(update);
          return true;
        },
        async (error: unknown) => {
          await leave([update], [{ status: 'rejected', reason: error }]);
          return false;
        },
      );
      recording.set(id, saving);
      return saving.finally(() => recording.delete(id));
    },
    replay(updates) {
      for (const update of updates) if (!taken.has(update.update_id)) take(update);
    },
  };
}

/** The batch's updates with a usable update_id, each once, in update_id order; the rest logged and skipped. */
function readUpdates(batch: unknown[], logger: StoreLogger): Update[] {
  const byId = new Map<number, Update>();
  for (const item of batch) {
    const id = (item as { update_id?: unknown } | null)?.update_id;
    if (isValidUpdateId(id)) byId.set(id, item as Update);
    else
      logger.warn(
        { updateId: String(id).slice(0, 100) },
        'an update from the API server has no valid update_id; it is skipped',
      );
  }
  return [...byId.values()].sort((a, b) => a.update_id - b.update_id);
}

/** The last `size` ids; has() tells whether an id is among them, add() is false for one that was. */
function createRecentIds(size: number): { has(id: number): boolean; add(id: number): boolean } {
  const ids = new Set<number>();
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > size) ids.delete(ids.values().next().value as number);
      return true;
    },
  };
}
