import type { Update } from 'telegraf/types';
import type { PostgresJournal } from '../storage/postgres/postgres-journal.js';
import type { StoreLogger } from '../storage/store-types.js';
import type { UpdateJournal } from './update-journal.js';

/** The journal in PostgreSQL, shared by every instance, and the timer that takes over dead instances' updates. */
export interface SharedUpdateJournal extends UpdateJournal {
  /**
   * Starts renewing this instance's hold on its updates, and every `sweepMs` hands `onOrphans` the updates
   * dead instances left (each taken over by one instance only), oldest first.
   */
  start(onOrphans: (updates: Update[]) => void): void;
  /** Resolves when the journal's database answers. */
  check(): Promise<void>;
  /** Hands over no more updates of dead instances (at the start of a shutdown). */
  stopSweeping(): void;
  /** Stops the timers and lets go of what is still held, for another instance to take at once. */
  close(): Promise<void>;
}

export function createSharedUpdateJournal(
  journal: PostgresJournal,
  options: {
    sweepMs: number;
    logger: StoreLogger;
    /**
     * This instance is the only one (it polls: Telegram lets one poller at a time): at start it takes
     * every unfinished update at once, a previous run's too, without waiting for that run's lease to end.
     */
    sole?: boolean;
  },
): SharedUpdateJournal {
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const undone = new Set<number>();
  const markUndone = async () => {
    for (const id of [...undone]) {
      await journal.done(id);
      undone.delete(id);
    }
  };
  const orphans = async (anyHolder = false): Promise<Update[]> => {
    const updates: Update[] = [];
    for (;;) {
      const batch = (await journal.claimOrphans(100, anyHolder)) as Update[];
      updates.push(...batch);
      if (batch.length === 0) return updates.sort((a, b) => a.update_id - b.update_id);
    }
  };
  return {
    record: async (update, key) =>
      (await journal.record(update, key)) === 'duplicate' ? 'duplicate' : undefined,
    async done(updateId) {
      try {
        await journal.done(updateId);
        undone.delete(updateId);
      } catch (error) {
        // Marked again at the next sweep: until then other instances would wait for it.
        undone.add(updateId);
        throw error;
      }
    },
    withdraw: (updateId) => journal.withdraw(updateId),
    pending: () => orphans(options.sole),
    earlier: async (update, key) => (await journal.earlier(update.update_id, key)) as Update[],
    start(onOrphans) {
      journal.start();
      if (timer || stopped) return;
      timer = setInterval(() => {
        sweeping = markUndone()
          .then(() => orphans(false))
          .then(
            (updates) => {
              if (updates.length === 0) return;
              // Taken over just as the shutdown began: let go of them for another instance.
              if (stopped) return;
              options.logger.info({ count: updates.length }, 'handling updates a dead instance left');
              onOrphans(updates);
            },
            (err: unknown) => options.logger.warn({ err }, 'could not look for updates of dead instances'),
          );
      }, options.sweepMs);
      timer.unref();
    },
    check: () => journal.check(),
    stopSweeping() {
      clearInterval(timer);
      timer = undefined;
      stopped = true;
    },
    async close() {
      clearInterval(timer);
      timer = undefined;
      await sweeping;
      await markUndone().catch(() => undefined);
      await journal.close();
    },
  };
}
