import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { StoreLogger } from '../store-types.js';

/** One update as the journal keeps it: its id, and the JSON it came as. */
export interface JournalItem {
  update_id: number;
}

/** What record() did with an update. */
export type RecordOutcome = 'recorded' | 'duplicate';

/**
 * The updates acknowledged and not yet handled, in the table `update_journal`, shared by every instance.
 * Each row is held by the run of an instance that handles it, under a lease that run renews while it
 * lives; a row whose lease ran out is taken over by another instance, at most once.
 */
export interface PostgresJournal {
  /**
   * Writes the update, held by this run, before it is acknowledged; rejects when the database cannot be
   * written (the update must then not be acknowledged). 'duplicate' when the same update_id is already
   * there, held by a live run or handled: it must not be handled here. One left by a dead run is taken over.
   */
  record(item: JournalItem, memberKey: string | undefined): Promise<RecordOutcome>;
  /** Removes an update recorded here and not taken after all: it will be delivered again, and recorded then. */
  withdraw(updateId: number): Promise<void>;
  /** Marks the update handled (its id is kept a day for record() to know it). */
  done(updateId: number): Promise<void>;
  /**
   * The member's updates below `updateId` still unfinished that this run must handle before it, in
   * update_id order: its own, and those of dead runs, which it takes over. While the lowest of them is
   * held by another live run, it waits for that run to finish it, up to `waitMs` (then it returns nothing,
   * and the caller goes on: a member is not held up forever by one stuck instance). Empty when there are
   * none; call again after handling them, as more may have come below `updateId` meanwhile.
   */
  earlier(updateId: number, memberKey: string): Promise<JournalItem[]>;
  /**
   * Takes over up to `limit` updates of dead runs, in update_id order; with `anyHolder`, those of every
   * other run, dead or not (for the only instance there can be: one that polls).
   */
  claimOrphans(limit?: number, anyHolder?: boolean): Promise<JournalItem[]>;
  /** Resolves when the database answers. */
  check(): Promise<void>;
  /** Starts renewing this run's lease and removing handled rows older than a day. */
  start(): void;
  /** Stops renewing, and lets go of what this run still holds so that another instance takes it at once. */
  close(): Promise<void>;
  /** The name of this run in the `holder` column. */
  readonly holder: string;
}

export interface PostgresJournalOptions {
  pool: Pool;
  /** Settles when the schema is ready; every call waits for it. */
  ready: Promise<void>;
  /** This run's name in the table: unique to the run (an instance restarted is another run). */
  holder: string;
  /** How long a run's hold lasts without being renewed; renewed every third of it. */
  leaseMs: number;
  /** How long an update waits for an earlier one of its member that another live instance holds. */
  waitMs: number;
  /** How long a handled update's id is kept, for duplicates; a day by default. */
  keepDoneMs?: number;
  logger: StoreLogger;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const POLL_MS = 50;
const LEASE = "now() + $2 * interval '1 millisecond'";

export function createPostgresJournal(options: PostgresJournalOptions): PostgresJournal {
  const { pool, ready, holder, leaseMs, waitMs, logger } = options;
  const keepDoneMs = options.keepDoneMs ?? DAY_MS;
  let timer: NodeJS.Timeout | undefined;
  let renewing: Promise<unknown> = Promise.resolve();
  let started = false;

  const parse = (rows: { doc: string }[]): JournalItem[] =>
    rows.map((row) => JSON.parse(row.doc) as JournalItem).sort((a, b) => a.update_id - b.update_id);

  const renew = async () => {
    await pool.query(
      `UPDATE update_journal SET held_until = ${LEASE} WHERE holder = $1 AND done_at IS NULL`,
      [holder, leaseMs],
    );
    await pool.query("DELETE FROM update_journal WHERE done_at < now() - $1 * interval '1 millisecond'", [
      keepDoneMs,
    ]);
  };

  const takeOver = async (updateId: number): Promise<JournalItem | undefined> => {
    // Of two runs taking the same row over, the second finds the lease renewed and takes nothing.
    const { rows } = await pool.query<{ doc: string }>(
      `UPDATE update_journal SET holder = $1, held_until = ${LEASE}
       WHERE update_id = $3 AND done_at IS NULL AND held_until < now() RETURNING doc::text AS doc`,
      [holder, leaseMs, updateId],
    );
    return parse(rows)[0];
  };

  return {
    holder,
    async record(item, memberKey) {
      await ready;
      const { rowCount } = await pool.query(
        `INSERT INTO update_journal (update_id, member_key, doc, holder, held_until)
         VALUES ($3, $4, $5::json, $1, ${LEASE}) ON CONFLICT (update_id) DO NOTHING`,
        [holder, leaseMs, item.update_id, memberKey ?? null, JSON.stringify(item)],
      );
      if (rowCount === 1) return 'recorded';
      // Delivered again: by Telegram after an instance died before its answer, or to two instances.
      return (await takeOver(item.update_id)) ? 'recorded' : 'duplicate';
    },
    async withdraw(updateId) {
      await ready;
      await pool.query(
        'DELETE FROM update_journal WHERE update_id = $1 AND holder = $2 AND done_at IS NULL',
        [updateId, holder],
      );
    },
    async done(updateId) {
      await ready;
      await pool.query('UPDATE update_journal SET done_at = now(), doc = NULL WHERE update_id = $1', [
        updateId,
      ]);
    },
    async earlier(updateId, memberKey) {
      await ready;
      const deadline = Date.now() + waitMs;
      for (;;) {
        const { rows } = await pool.query<{ update_id: string; holder: string; gone: boolean; doc: string }>(
          `SELECT update_id, holder, held_until < now() AS gone, doc::text AS doc FROM update_journal
           WHERE member_key = $1 AND update_id < $2 AND done_at IS NULL ORDER BY update_id`,
          [memberKey, updateId],
        );
        const mine: JournalItem[] = [];
        let blockedBy: { update_id: string; holder: string } | undefined;
        for (const row of rows) {
          if (row.holder === holder) {
            mine.push(JSON.parse(row.doc) as JournalItem);
            continue;
          }
          const taken = row.gone ? await takeOver(Number(row.update_id)) : undefined;
          if (!taken) {
            blockedBy = row;
            break;
          }
          logger.info(
            { updateId: taken.update_id, from: row.holder },
            'took over an update of a dead instance',
          );
          mine.push(taken);
        }
        if (mine.length > 0 || !blockedBy) return mine;
        if (Date.now() >= deadline) {
          logger.warn(
            { updateId, earlier: Number(blockedBy.update_id), holder: blockedBy.holder, waitMs },
            'an earlier update of the member is still held by another instance; this one goes first',
          );
          return [];
        }
        await sleep(POLL_MS);
      }
    },
    async claimOrphans(limit = 100, anyHolder = false) {
      await ready;
      const orphan = anyHolder ? 'holder <> $1' : 'held_until < now()';
      const { rows } = await pool.query<{ doc: string }>(
        `UPDATE update_journal SET holder = $1, held_until = ${LEASE}
         WHERE update_id IN (
           SELECT update_id FROM update_journal WHERE done_at IS NULL AND ${orphan}
           ORDER BY update_id LIMIT $3 FOR UPDATE SKIP LOCKED
         ) AND done_at IS NULL AND ${orphan}
         RETURNING doc::text AS doc`,
        [holder, leaseMs, limit],
      );
      return parse(rows);
    },
    async check() {
      await ready;
      await pool.query('SELECT 1');
    },
    start() {
      started = true;
      if (timer) return;
      timer = setInterval(
        () => {
          renewing = renew().catch((err: unknown) =>
            logger.warn({ err }, 'could not renew the hold on updates being handled; retried'),
          );
        },
        Math.max(50, Math.floor(leaseMs / 3)),
      );
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      timer = undefined;
      await renewing;
      // A run that never started took nothing (and its database may be what stopped it).
      if (!started) return;
      await pool
        .query('UPDATE update_journal SET held_until = now() WHERE holder = $1 AND done_at IS NULL', [holder])
        .catch((err: unknown) => logger.warn({ err }, 'could not let go of the updates still held'));
    },
  };
}
