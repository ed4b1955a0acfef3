import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { createUpdateIntake } from '../../src/telegram/update-intake.js';
import type { UpdateJournal } from '../../src/telegram/update-journal.js';

/** Update `id` from `member`, carrying the id as its text. */
const updateOf = (id: number, member: number) =>
  ({
    update_id: id,
    message: { text: String(id), chat: { id: member }, from: { id: member } },
  }) as unknown as Update;
const memberOf = (update: Update) => (update as { message: { chat: { id: number } } }).message.chat.id;

/** An intake over a journal in memory whose writes fail while `failing` is set, as on a full disk. */
function createTestIntake() {
  const files = new Map<number, Update>();
  const writes: number[] = [];
  const saved: number[] = [];
  const state = { failing: false };
  const journal: UpdateJournal = {
    async record(update) {
      writes.push(update.update_id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.failing) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      files.set(update.update_id, update);
      saved.push(update.update_id);
    },
    async done(id) {
      files.delete(id);
    },
    pending: async () => [...files.values()],
  };
  const handled: number[] = [];
  const told: number[] = [];
  const tasks: Promise<unknown>[] = [];
  const quiet = () => undefined;
  const intake = createUpdateIntake({
    journal,
    async handle(update) {
      // Still in the journal while it is handled: a crash now replays it.
      expect(files.has(update.update_id)).toBe(true);
      handled.push(update.update_id);
    },
    keyOf: (update) => String(memberOf(update)),
    async tellNotSaved(update) {
      told.push(update.update_id);
    },
    track: (task) => void tasks.push(task),
    logger: { info: quiet, warn: quiet, error: quiet },
  });
  const idle = async () => {
    while (tasks.length > 0) await Promise.all(tasks.splice(0));
  };
  return { intake, files, writes, saved, state, handled, told, idle };
}

describe('an update delivered on its own (a webhook)', () => {
  it('is accepted once it is in the journal, and handled after, in the order accepted', async () => {
    const t = createTestIntake();
    const accepted = t.intake.accept(updateOf(1, 7)).then((answer) => ({ answer, saved: [...t.saved] }));
    expect(await accepted).toEqual({ answer: true, saved: [1] });
    expect(await t.intake.accept(updateOf(2, 7))).toBe(true);
    await t.idle();
    expect(t.handled).toEqual([1, 2]);
    expect(t.files.size).toBe(0);
  });

  it('is accepted again without a second write or handling when it comes twice', async () => {
    const t = createTestIntake();
    await t.intake.accept(updateOf(3, 7));
    await t.idle();
    expect(await t.intake.accept(updateOf(3, 7))).toBe(true);
    await t.idle();
    expect(t.writes).toEqual([3]);
    expect(t.handled).toEqual([3]);
  });

  it('is written and handled once when its deliveries overlap', async () => {
    const t = createTestIntake();
    const answers = await Promise.all([1, 2, 3].map(() => t.intake.accept(updateOf(4, 7))));
    await t.idle();
    expect(answers).toEqual([true, true, true]);
    expect(t.writes).toEqual([4]);
    expect(t.handled).toEqual([4]);
  });

  it('is refused while it cannot be written, its sender told once, and taken when it comes again', async () => {
    const t = createTestIntake();
    t.state.failing = true;
    expect(await t.intake.accept(updateOf(5, 7))).toBe(false);
    expect(await t.intake.accept(updateOf(5, 7))).toBe(false);
    await t.idle();
    expect(t.handled).toEqual([]);
    expect(t.told).toEqual([5]);
    t.state.failing = false;
    expect(await t.intake.accept(updateOf(5, 7))).toBe(true);
    await t.idle();
    expect(t.handled).toEqual([5]);
  });

  it('is not handled again when it comes after the same update was replayed from the journal', async () => {
    const t = createTestIntake();
    t.files.set(6, updateOf(6, 7));
    t.intake.replay(await Promise.resolve([updateOf(6, 7)]));
    expect(await t.intake.accept(updateOf(6, 7))).toBe(true);
    await t.idle();
    expect(t.handled).toEqual([6]);
    expect(t.writes).toEqual([]);
  });
});
