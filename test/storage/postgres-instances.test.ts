// Two instances of the bot on one database: each opens pools of its own, as two processes would.
import { describe, expect, it } from 'vitest';
import { usePostgres } from './postgres-test-kit.js';
import { appendValue, isNumbersDoc, type NumbersDoc } from './store-test-kit.js';

const pg = usePostgres();

/** Resolves once `count` sessions wait for an advisory lock on the test database. */
async function lockWaiters(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const { rows } = await pg.database.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    if (rows[0].n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${count} session(s) came to wait for an advisory lock`);
}

function gate(): { opened: Promise<void>; open(): void } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('two instances updating one member', () => {
  it('lose no update and keep each instance’s own order, their calls interleaved', async () => {
    const first = pg.openInstance().store('perceptrons', isNumbersDoc);
    const second = pg.openInstance().store('perceptrons', isNumbersDoc);
    const key = 'chat--100-user-7';
    const fromFirst = Array.from({ length: 60 }, (_, i) => i);
    const fromSecond = Array.from({ length: 60 }, (_, i) => 1000 + i);
    await Promise.all(
      fromFirst.flatMap((n, i) => [
        first.update(key, appendValue(n)),
        second.update(key, appendValue(fromSecond[i] as number)),
      ]),
    );
    const values = (await first.read(key))?.values ?? [];
    expect(values).toHaveLength(120);
    expect(values.filter((v) => v < 1000)).toEqual(fromFirst);
    expect(values.filter((v) => v >= 1000)).toEqual(fromSecond);
    expect(await second.read(key)).toEqual(await first.read(key));
  });

  it('read what the other wrote last, each having read and written the document before', async () => {
    const first = pg.openInstance().store('exercise-users', isNumbersDoc);
    const second = pg.openInstance().store('exercise-users', isNumbersDoc);
    for (let n = 1; n <= 4; n++) {
      const [writer, reader] = n % 2 === 1 ? [first, second] : [second, first];
      await writer.update('user-1', appendValue(n));
      expect((await reader.read('user-1'))?.values).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it('apply the updates in the order they asked for the lock, across instances', async () => {
    const first = pg.openInstance().store('profiles', isNumbersDoc);
    const second = pg.openInstance().store('profiles', isNumbersDoc);
    const held = gate();
    const entered = gate();
    const one = first.update('user-1', async (doc) => {
      entered.open();
      await held.opened;
      return appendValue(1)(doc);
    });
    await entered.opened;
    const two = second.update('user-1', appendValue(2));
    await lockWaiters(1);
    // The first instance's next update queues behind its own first, then behind the second's at the lock.
    const three = first.update('user-1', appendValue(3));
    held.open();
    await Promise.all([one, two, three]);
    expect((await second.read('user-1'))?.values).toEqual([1, 2, 3]);
  });

  it('read the last stored document while another instance holds the lock, without waiting for it', async () => {
    const first = pg.openInstance().store('shares', isNumbersDoc);
    const second = pg.openInstance().store('shares', isNumbersDoc);
    await first.update('user-1', appendValue(1));
    const held = gate();
    const entered = gate();
    const slow = first.update('user-1', async (doc) => {
      entered.open();
      await held.opened;
      return appendValue(2)(doc);
    });
    await entered.opened;
    expect(await second.read('user-1')).toEqual({ version: 1, values: [1] });
    await second.update('user-2', appendValue(5));
    held.open();
    await slow;
    expect((await second.read('user-1'))?.values).toEqual([1, 2]);
  });

  it('go on when an instance dies holding a member’s lock: its update is lost whole, the other’s is applied', async () => {
    const first = pg.openInstance().store('trainings', isNumbersDoc);
    const second = pg.openInstance().store('trainings', isNumbersDoc);
    await first.update('user-1', appendValue(1));
    const entered = gate();
    const never = gate();
    const dying = first.update('user-1', async (doc) => {
      entered.open();
      await never.opened;
      return appendValue(2)(doc);
    });
    dying.catch(() => undefined);
    await entered.opened;
    const waiting = second.update('user-1', appendValue(3));
    await lockWaiters(1);
    // The session that holds the lock is the one whose transaction waits on the first instance.
    await pg.database.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'",
    );
    expect((await waiting).values).toEqual([1, 3]);
    never.open();
    await expect(dying).rejects.toThrow();
    expect((await second.read('user-1'))?.values).toEqual([1, 3]);
  });
});

describe('a database that refuses writes', () => {
  it('rejects the update, leaves the stored document whole, and takes updates again once it accepts them', async () => {
    const instance = pg.openInstance();
    const store = instance.store('exercise-entries', isNumbersDoc);
    await store.update('entry-1', appendValue(1));
    const { name } = pg.database;
    const reconnect = () =>
      pg.database.admin(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      );
    await pg.database.admin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    await reconnect();
    try {
      await expect(store.update('entry-1', appendValue(2))).rejects.toThrow();
      await expect(store.update('entry-1', appendValue(2))).rejects.toThrow(/read-only/);
      await expect(store.update('entry-2', appendValue(2))).rejects.toThrow(/read-only/);
      expect(await store.read('entry-1')).toEqual<NumbersDoc>({ version: 1, values: [1] });
      expect(await store.read('entry-2')).toBeUndefined();
    } finally {
      await pg.database.admin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
      await reconnect();
    }
    await store.update('entry-1', appendValue(3)).catch(() => undefined);
    expect((await store.update('entry-1', appendValue(4))).values.at(-1)).toBe(4);
  });
});
