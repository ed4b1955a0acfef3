// The journal of updates acknowledged and not yet handled, in PostgreSQL, shared by instances: each
// instance here is a database opened with pools of its own, as a process of the bot opens it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Update } from 'telegraf/types';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import type { JournalItem } from '../../src/storage/postgres/postgres-journal.js';
import { createSharedUpdateJournal } from '../../src/telegram/shared-update-journal.js';
import { createUpdateIntake } from '../../src/telegram/update-intake.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { usePostgres } from './postgres-test-kit.js';
import { createRecordingLogger } from './store-test-kit.js';

const pg = usePostgres();

interface JournalOptions {
  leaseMs?: number;
  waitMs?: number;
  url?: string;
}

/** One instance's journal under `holder`, closed (without letting go) when the test ends. */
async function openJournal(holder: string, options: JournalOptions = {}) {
  const logger = createRecordingLogger();
  const database = openPostgresDatabase({ url: options.url ?? pg.database.url, logger });
  onTestFinished(() => database.close());
  await database.ready;
  const journal = database.journal({
    holder,
    leaseMs: options.leaseMs ?? 60_000,
    waitMs: options.waitMs ?? 10_000,
  });
  return { journal, logger, database };
}

/** Starts each test on an empty journal (the sweeps take whatever is there). */
async function emptyJournal(): Promise<void> {
  await (await openJournal('cleaner')).database.ready;
  await pg.database.query('TRUNCATE update_journal');
}

const item = (id: number, text = `row ${id}`): JournalItem & { text: string } => ({ update_id: id, text });
const ids = (items: JournalItem[]) => items.map((i) => i.update_id);

async function rowsOf(id: number) {
  const { rows } = await pg.database.query(
    `SELECT holder, member_key, doc::text AS doc, done_at IS NOT NULL AS done FROM update_journal WHERE update_id = ${id}`,
  );
  return rows;
}

describe('the update journal in PostgreSQL', () => {
  it('records an update with its member, holder and lease, and marks it done keeping only its id', async () => {
    await emptyJournal();
    const { journal } = await openJournal('run-a');
    expect(await journal.record(item(101), 'chat-1-user-1')).toBe('recorded');
    expect(await rowsOf(101)).toEqual([
      { holder: 'run-a', member_key: 'chat-1-user-1', doc: JSON.stringify(item(101)), done: false },
    ]);
    await journal.done(101);
    expect(await rowsOf(101)).toEqual([
      { holder: 'run-a', member_key: 'chat-1-user-1', doc: null, done: true },
    ]);
  });

  it('calls the same update delivered again, to the same or another instance, a duplicate, before and after it is done', async () => {
    await emptyJournal();
    const a = await openJournal('run-a');
    const b = await openJournal('run-b');
    expect(await a.journal.record(item(201), 'k')).toBe('recorded');
    expect(await a.journal.record(item(201), 'k')).toBe('duplicate');
    expect(await b.journal.record(item(201), 'k')).toBe('duplicate');
    await a.journal.done(201);
    expect(await b.journal.record(item(201), 'k')).toBe('duplicate');
    // Delivered to both at once: exactly one records it.
    const outcomes = await Promise.all([a.journal.record(item(202), 'k'), b.journal.record(item(202), 'k')]);
    expect(outcomes.sort()).toEqual(['duplicate', 'recorded']);
  });

  it('forgets an update withdrawn (recorded, then not taken), so that its next delivery is recorded', async () => {
    await emptyJournal();
    const a = await openJournal('run-a');
    const b = await openJournal('run-b');
    await a.journal.record(item(251), 'k');
    await b.journal.withdraw(251);
    expect(await rowsOf(251)).toHaveLength(1);
    await a.journal.withdraw(251);
    expect(await rowsOf(251)).toEqual([]);
    expect(await b.journal.record(item(251), 'k')).toBe('recorded');
  });

  it('lets an instance record an update again that a dead instance had recorded and never answered', async () => {
    await emptyJournal();
    const dead = await openJournal('run-dead', { leaseMs: 1000 });
    const b = await openJournal('run-b');
    await dead.journal.record(item(301), 'k');
    expect(await b.journal.record(item(301), 'k')).toBe('duplicate');
    await sleep(1200);
    expect(await b.journal.record(item(301), 'k')).toBe('recorded');
    expect((await rowsOf(301))[0]?.holder).toBe('run-b');
  });

  it('rejects a record when PostgreSQL cannot be reached', async () => {
    await emptyJournal();
    const direct = new URL(pg.database.url);
    const proxy = await startTcpProxy(new URL(`postgres://${direct.hostname}:${direct.port || 5432}`));
    const viaProxy = new URL(pg.database.url);
    viaProxy.port = new URL(proxy.url()).port;
    const { journal } = await openJournal('run-a', { url: viaProxy.toString() });
    expect(await journal.record(item(401), 'k')).toBe('recorded');
    await proxy.cut();
    await expect(journal.record(item(402), 'k')).rejects.toThrow();
    await proxy.restart();
    expect(await journal.record(item(402), 'k')).toBe('recorded');
    expect((await rowsOf(402))[0]?.holder).toBe('run-a');
  });

  it('hands each update of a dead instance to exactly one of two instances sweeping at once, oldest first', async () => {
    await emptyJournal();
    const dead = await openJournal('run-dead', { leaseMs: 100 });
    const recorded = Array.from({ length: 60 }, (_, i) => 500 + i);
    await Promise.all(recorded.map((id) => dead.journal.record(item(id), `member-${id % 3}`)));
    const b = await openJournal('run-b');
    const c = await openJournal('run-c');
    await sleep(200);
    const [fromB, fromC] = await Promise.all([
      (async () => [...(await b.journal.claimOrphans(7)), ...(await b.journal.claimOrphans(7))])(),
      (async () => [...(await c.journal.claimOrphans(7)), ...(await c.journal.claimOrphans(100))])(),
    ]);
    const rest = [...(await b.journal.claimOrphans()), ...(await c.journal.claimOrphans())];
    const all = [...ids(fromB), ...ids(fromC), ...ids(rest)];
    expect(all.sort((x, y) => x - y)).toEqual(recorded);
    expect(new Set(all).size).toBe(recorded.length);
    for (const batch of [fromB.slice(0, 7), fromC.slice(0, 7)])
      expect(ids(batch)).toEqual([...ids(batch)].sort((x, y) => x - y));
    const { rows } = await pg.database.query(
      "SELECT count(*)::int AS n FROM update_journal WHERE holder NOT IN ('run-b', 'run-c')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('keeps a live instance’s updates its own while it renews its lease, and lets go of them when it closes', async () => {
    await emptyJournal();
    const a = await openJournal('run-a', { leaseMs: 600 });
    const b = await openJournal('run-b');
    a.journal.start();
    await a.journal.record(item(601), 'k');
    await sleep(1500);
    expect(await b.journal.claimOrphans()).toEqual([]);
    await a.journal.close();
    expect(ids(await b.journal.claimOrphans())).toEqual([601]);
  });

  it('lets the only instance (one that polls) take every unfinished update at start, a previous run’s too', async () => {
    await emptyJournal();
    const previous = await openJournal('run-previous');
    const next = await openJournal('run-next');
    for (const id of [652, 651]) await previous.journal.record(item(id), 'k');
    expect(await next.journal.claimOrphans(100, false)).toEqual([]);
    expect(ids(await next.journal.claimOrphans(100, true))).toEqual([651, 652]);
    expect(await previous.journal.claimOrphans(100, false)).toEqual([]);
  });

  it('gives the member’s earlier updates of a dead instance, in order, to the instance handling a later one', async () => {
    await emptyJournal();
    const dead = await openJournal('run-dead', { leaseMs: 150 });
    const b = await openJournal('run-b');
    for (const id of [701, 702, 703]) await dead.journal.record(item(id), 'member');
    await dead.journal.record(item(704), 'someone-else');
    await b.journal.record(item(705), 'member');
    // Past every lease of the dead instance, however slowly the records went in: with only the first one
    // expired, the instance would rightly take that one alone.
    await sleep(200);
    expect(ids(await b.journal.earlier(705, 'member'))).toEqual([701, 702, 703]);
    // Taken over once: a second look finds them this instance's own, and no other instance gets them.
    const c = await openJournal('run-c');
    expect(ids(await c.journal.claimOrphans())).toEqual([704]);
    for (const id of [701, 702, 703]) await b.journal.done(id);
    expect(await b.journal.earlier(705, 'member')).toEqual([]);
  });

  it('waits while another live instance holds an earlier update of the member, until it is done', async () => {
    await emptyJournal();
    const a = await openJournal('run-a', { leaseMs: 1000 });
    const b = await openJournal('run-b');
    a.journal.start();
    onTestFinished(() => a.journal.close());
    await a.journal.record(item(801), 'member');
    await b.journal.record(item(802), 'member');
    let answered = false;
    const waiting = b.journal.earlier(802, 'member').then((found) => {
      answered = true;
      return found;
    });
    await sleep(400);
    expect(answered).toBe(false);
    await a.journal.done(801);
    expect(await waiting).toEqual([]);
  });

  it('hands its own earlier updates first, without waiting for another instance’s later one', async () => {
    await emptyJournal();
    const a = await openJournal('run-a');
    const b = await openJournal('run-b');
    await b.journal.record(item(901), 'member');
    await a.journal.record(item(902), 'member');
    await b.journal.record(item(903), 'member');
    expect(ids(await b.journal.earlier(904, 'member'))).toEqual([901]);
  });

  it('stops waiting after JOURNAL_WAIT_SECONDS for an instance that holds on, and says so', async () => {
    await emptyJournal();
    const a = await openJournal('run-a');
    const b = await openJournal('run-b', { waitMs: 300 });
    await a.journal.record(item(1001), 'member');
    const startedAt = Date.now();
    expect(await b.journal.earlier(1002, 'member')).toEqual([]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    expect(b.logger.lines.filter((line) => line.level === 'warn')).toEqual([
      expect.objectContaining({ obj: expect.objectContaining({ updateId: 1002, earlier: 1001 }) }),
    ]);
  });
});

describe('two intakes on one shared journal', () => {
  const updateOf = (id: number, member: number) =>
    ({ update_id: id, message: { text: String(id), chat: { id: member }, from: { id: member } } }) as Update;
  const memberOf = (update: Update) => (update as { message: { chat: { id: number } } }).message.chat.id;

  async function openIntake(holder: string, options: { leaseMs: number; hang?: boolean }) {
    const { journal, logger } = await openJournal(holder, { leaseMs: options.leaseMs });
    const shared = createSharedUpdateJournal(journal, { sweepMs: options.leaseMs / 2, logger });
    const handled: number[] = [];
    const tasks: Promise<unknown>[] = [];
    const intake = createUpdateIntake({
      journal: shared,
      async handle(update) {
        if (options.hang) await new Promise(() => undefined);
        await sleep(update.update_id % 3);
        handled.push(update.update_id);
      },
      keyOf: (update) => `member-${memberOf(update)}`,
      tellNotSaved: async () => undefined,
      track: (task) => void tasks.push(task),
      logger,
    });
    return { intake, shared, handled, logger };
  }

  it('applies the updates a dead instance acknowledged before the later ones the other instance takes, in order, each once', async () => {
    await emptyJournal();
    // The first instance acknowledges and never handles (it died); its lease is not renewed.
    const dead = await openIntake('run-dead', { leaseMs: 300, hang: true });
    const live = await openIntake('run-live', { leaseMs: 300 });
    live.shared.start((updates) => live.intake.replay(updates));
    onTestFinished(() => live.shared.close());
    for (const id of [1101, 1102, 1103]) expect(await dead.intake.accept(updateOf(id, 1))).toBe(true);
    expect(await dead.intake.accept(updateOf(1104, 2))).toBe(true);
    // The member's next updates reach the live instance; one is also delivered to the dead one's address again.
    for (const id of [1105, 1106]) expect(await live.intake.accept(updateOf(id, 1))).toBe(true);
    expect(await live.intake.accept(updateOf(1103, 1))).toBe(true);
    const deadline = Date.now() + 5000;
    while (live.handled.length < 6 && Date.now() < deadline) await sleep(20);
    await sleep(300);
    expect(live.handled.filter((id) => id !== 1104)).toEqual([1101, 1102, 1103, 1105, 1106]);
    expect(live.handled.filter((id) => id === 1104)).toEqual([1104]);
    const { rows } = await pg.database.query(
      'SELECT count(*)::int AS n FROM update_journal WHERE done_at IS NULL',
    );
    expect(rows[0].n).toBe(0);
  });
});
