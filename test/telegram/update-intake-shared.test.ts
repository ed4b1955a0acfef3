// The intake over a journal shared by instances (one with earlier()), here in memory: a member's unfinished
// earlier updates are handled before a later one, each once.
import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { createUpdateIntake } from '../../src/telegram/update-intake.js';
import type { UpdateJournal } from '../../src/telegram/update-journal.js';

const updateOf = (id: number, member: number) =>
  ({ update_id: id, message: { text: String(id), chat: { id: member }, from: { id: member } } }) as Update;
const keyOf = (update: Update) =>
  `member-${(update as { message: { chat: { id: number } } }).message.chat.id}`;

function gate(): { opened: Promise<void>; open(): void } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

function createSharedMemoryJournal() {
  const rows = new Map<number, { update: Update; key: string | undefined; done: boolean }>();
  const failDone = new Set<number>();
  const failRecord = new Set<number>();
  const doneCalls: number[] = [];
  const journal: UpdateJournal = {
    async record(update, key) {
      if (failRecord.has(update.update_id)) throw new Error('connection refused');
      if (rows.has(update.update_id)) return 'duplicate';
      rows.set(update.update_id, { update, key, done: false });
      return undefined;
    },
    async done(id) {
      doneCalls.push(id);
      if (failDone.delete(id)) throw new Error('connection lost');
      const row = rows.get(id);
      if (row) row.done = true;
    },
    async withdraw(id) {
      if (!rows.get(id)?.done) rows.delete(id);
    },
    pending: async () => [],
    async earlier(update, key) {
      return [...rows.values()]
        .filter((row) => row.key === key && !row.done && row.update.update_id < update.update_id)
        .map((row) => row.update)
        .sort((a, b) => a.update_id - b.update_id);
    },
  };
  return { journal, rows, failDone, failRecord, doneCalls };
}

function createTestIntake(gates: Map<number, Promise<void>> = new Map()) {
  const memory = createSharedMemoryJournal();
  const handled: number[] = [];
  const tasks: Promise<unknown>[] = [];
  const logs: string[] = [];
  const log = (_obj: object, msg?: string) => void logs.push(String(msg));
  const intake = createUpdateIntake({
    journal: memory.journal,
    async handle(update) {
      await gates.get(update.update_id);
      handled.push(update.update_id);
    },
    keyOf,
    tellNotSaved: async () => undefined,
    track: (task) => void tasks.push(task),
    logger: { info: log, warn: log, error: log },
  });
  const idle = async () => {
    while (tasks.length > 0) await Promise.allSettled(tasks.splice(0));
  };
  return { intake, ...memory, handled, logs, idle };
}

describe('the intake over a shared journal', () => {
  it('handles an update it acknowledged as held elsewhere once a sweep hands it over (its holder died)', async () => {
    const t = createTestIntake();
    // Another instance recorded update 5 and died before handling it; the dispatcher then delivered it here.
    t.rows.set(5, { update: updateOf(5, 1), key: 'member-1', done: false });
    expect(await t.intake.accept(updateOf(5, 1))).toBe(true);
    await t.idle();
    expect(t.handled).toEqual([]);
    // Its lease ran out: this instance's sweep claims it.
    t.intake.replay([updateOf(5, 1)]);
    await t.idle();
    expect(t.handled).toEqual([5]);
    expect(t.rows.get(5)?.done).toBe(true);
  });

  it('handles an earlier update of the member taken after a later one (a dead instance’s) first, and once', async () => {
    const first = gate();
    const t = createTestIntake(new Map([[3, first.opened]]));
    expect(await t.intake.accept(updateOf(3, 1))).toBe(true);
    expect(await t.intake.accept(updateOf(7, 1))).toBe(true);
    // Taken over from a dead instance while 7 waits for its turn: queued after it.
    await t.journal.record(updateOf(5, 1), 'member-1');
    t.intake.replay([updateOf(5, 1)]);
    first.open();
    await t.idle();
    expect(t.handled).toEqual([3, 5, 7]);
    expect([...t.rows.values()].every((row) => row.done)).toBe(true);
  });

  it('does not handle again an update whose done() failed, and marks it done before the member’s next one', async () => {
    const t = createTestIntake();
    t.failDone.add(1);
    expect(await t.intake.accept(updateOf(1, 1))).toBe(true);
    await t.idle();
    expect(t.rows.get(1)?.done).toBe(false);
    expect(await t.intake.accept(updateOf(2, 1))).toBe(true);
    await t.idle();
    expect(t.handled).toEqual([1, 2]);
    expect(t.rows.get(1)?.done).toBe(true);
    expect(t.logs).toContain('a handled update stays in the inbox');
  });

  it('withdraws the updates of a polled batch after one it could not record, and takes them when they come again', async () => {
    const t = createTestIntake();
    t.failRecord.add(11);
    const batch = [updateOf(10, 1), updateOf(11, 1), updateOf(12, 1)];
    expect(await t.intake.receive(batch)).toEqual({ nextOffset: 11, wait: 'backoff' });
    await t.idle();
    expect([...t.rows.keys()]).toEqual([10]);
    t.failRecord.clear();
    expect(await t.intake.receive(batch.slice(1))).toEqual({ nextOffset: 13, wait: 'none' });
    await t.idle();
    expect(t.handled).toEqual([10, 11, 12]);
  });

  it('acknowledges and does not handle an update another instance recorded', async () => {
    const t = createTestIntake();
    await t.journal.record(updateOf(9, 2), 'member-2');
    expect(await t.intake.accept(updateOf(9, 2))).toBe(true);
    await t.idle();
    expect(t.handled).toEqual([]);
  });
});
