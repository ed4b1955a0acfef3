import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { createUpdateIntake } from '../../src/telegram/update-intake.js';
import type { UpdateJournal } from '../../src/telegram/update-journal.js';

/** A few milliseconds that differ from id to id, so that writes and handlers finish out of order. */
const jitter = (id: number) => new Promise((resolve) => setTimeout(resolve, (id * 37) % 7));

/** A journal in memory whose writes of the ids in `failing` throw, as on a full disk. */
function createMemoryJournal() {
  const files = new Map<number, Update>();
  const failing = new Set<number>();
  const journal: UpdateJournal = {
    async record(update) {
      await jitter(update.update_id);
      if (failing.has(update.update_id)) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      files.set(update.update_id, update);
    },
    async done(id) {
      files.delete(id);
    },
    pending: async () => [...files.values()],
  };
  return { journal, files, failing };
}

/** Update `id` from `member` (its chat and user), carrying the id as its text. */
const updateOf = (id: number, member: number) =>
  ({
    update_id: id,
    message: { text: String(id), chat: { id: member }, from: { id: member } },
  }) as unknown as Update;

const memberOf = (update: Update) => (update as { message: { chat: { id: number } } }).message.chat.id;

function createTestIntake() {
  const memory = createMemoryJournal();
  const handled: string[] = [];
  const told: number[] = [];
  const logs: { level: string; obj: object }[] = [];
  const tasks: Promise<unknown>[] = [];
  const log = (level: string) => (obj: object) => void logs.push({ level, obj });
  const intake = createUpdateIntake({
    journal: memory.journal,
    async handle(update) {
      await jitter(update.update_id + 3);
      handled.push(`${memberOf(update)}:${update.update_id}`);
    },
    keyOf: (update) => String(memberOf(update)),
    async tellNotSaved(update) {
      told.push(update.update_id);
    },
    track: (task) => void tasks.push(task),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  });
  const idle = async () => {
    while (tasks.length > 0) await Promise.all(tasks.splice(0));
  };
  return { intake, ...memory, handled, told, logs, idle };
}

const ofMember = (handled: string[], member: number) => handled.filter((h) => h.startsWith(`${member}:`));

describe('the update intake', () => {
  it('hands each member’s updates over in update_id order, whatever order the journal writes finish in', async () => {
    const t = createTestIntake();
    const batch = Array.from({ length: 40 }, (_, i) => updateOf(i + 1, (i % 2) + 1));
    expect(await t.intake.receive(batch)).toEqual({ nextOffset: 41, wait: 'none' });
    await t.idle();
    expect(ofMember(t.handled, 1)).toEqual(
      batch.filter((_, i) => i % 2 === 0).map((u) => `1:${u.update_id}`),
    );
    expect(ofMember(t.handled, 2)).toEqual(
      batch.filter((_, i) => i % 2 === 1).map((u) => `2:${u.update_id}`),
    );
    expect(t.files.size).toBe(0);
  });

  it('takes nothing from the first update it cannot save on, keeps the offset there, and takes it all once writing works', async () => {
    const t = createTestIntake();
    t.failing.add(2);
    const batch = [updateOf(1, 1), updateOf(2, 2), updateOf(3, 1), updateOf(4, 2)];
    expect(await t.intake.receive(batch)).toEqual({ nextOffset: 2, wait: 'backoff' });
    await t.idle();
    expect(t.handled).toEqual(['1:1']);
    expect(t.told).toEqual([2]);
    expect([...t.files.keys()]).toEqual([]);
    expect(t.logs.filter((l) => l.level === 'error')).toHaveLength(1);

    expect(await t.intake.receive(batch.slice(1))).toEqual({ nextOffset: 2, wait: 'backoff' });
    expect(t.told).toEqual([2]);
    t.failing.clear();
    expect(await t.intake.receive(batch.slice(1))).toEqual({ nextOffset: 5, wait: 'none' });
    await t.idle();
    expect(ofMember(t.handled, 1)).toEqual(['1:1', '1:3']);
    expect(ofMember(t.handled, 2)).toEqual(['2:2', '2:4']);
  });

  it('skips and logs updates without a safe integer update_id, and pauses when a batch has nothing else', async () => {
    const t = createTestIntake();
    const bad = [{ update_id: '/../../tmp/x' }, { update_id: 2 ** 60 }, { update_id: -1 }, null];
    expect(await t.intake.receive([...bad, updateOf(7, 1)])).toEqual({ nextOffset: 8, wait: 'none' });
    expect(await t.intake.receive(bad)).toEqual({ nextOffset: undefined, wait: 'brief' });
    await t.idle();
    expect(t.handled).toEqual(['1:7']);
    expect(t.logs.filter((l) => l.level === 'warn').map((l) => l.obj)).toContainEqual({
      updateId: '/../../tmp/x',
    });
  });

  it('handles an update replayed from the journal once, when Telegram delivers it again', async () => {
    const t = createTestIntake();
    t.intake.replay([updateOf(5, 1)]);
    expect(await t.intake.receive([updateOf(5, 1), updateOf(6, 1)])).toEqual({ nextOffset: 7, wait: 'none' });
    await t.idle();
    expect(t.handled).toEqual(['1:5', '1:6']);
  });
});
