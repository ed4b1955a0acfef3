import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** Delivers the service message Telegram sends in a group that has just become a supergroup. */
async function migrate(
  group: FakeChat,
  supergroup: FakeChat,
  from: FakeUser,
  messageId: number,
): Promise<void> {
  const date = Math.floor(Date.now() / 1000);
  const message = { message_id: messageId, date, chat: group, from, migrate_to_chat_id: supergroup.id };
  bot.api.sendUpdate({ message } as never);
  await bot.settle();
}

describe('a class group that becomes a supergroup', () => {
  it('keeps every member’s perceptron under the new chat id, and the old ones stay', async () => {
    const group = bot.api.group(-7001, 'Class 7', 'group');
    const supergroup = bot.api.group(-1_000_000_007_001, 'Class 7', 'supergroup');
    const alice = bot.member('en');
    const boris = bot.member('ru');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0\n1 1 1 -> 1');
    await bot.say(boris.user, group, '/add 0.5 -> 1');
    await migrate(group, supergroup, alice.user, 990_001);

    expect((await bot.say(alice.user, supergroup, '/data')).text).toContain(
      '<pre>1│ 0 0 1 → 0\n2│ 1 1 1 → 1</pre>',
    );
    expect((await bot.say(boris.user, supergroup, '/data')).text).toContain('<pre>1│ 0.5 → 1</pre>');
    expect((await bot.say(boris.user, group, '/data')).text).toContain('<pre>1│ 0.5 → 1</pre>');
  });

  it('keeps the old rows when rows added in the supergroup before the move have another width, and logs it', async () => {
    const group = bot.api.group(-7002, 'Class 8', 'group');
    const supergroup = bot.api.group(-1_000_000_007_002, 'Class 8', 'supergroup');
    const alice = bot.member('en');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0');
    await bot.say(alice.user, supergroup, '/add 1 -> 1');
    await migrate(group, supergroup, alice.user, 990_002);
    expect((await bot.say(alice.user, supergroup, '/data')).text).toContain('<pre>1│ 0 0 1 → 0</pre>');
    expect(bot.logs).toContainEqual(expect.objectContaining({ to: supergroup.id, rows: 1 }));
  });

  it('brings nothing twice when the same move is delivered again', async () => {
    const group = bot.api.group(-7003, 'Class 9', 'group');
    const supergroup = bot.api.group(-1_000_000_007_003, 'Class 9', 'supergroup');
    const alice = bot.member('en');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0');
    const date = Math.floor(Date.now() / 1000);
    const message = {
      message_id: 990_003,
      date,
      chat: group,
      from: alice.user,
      migrate_to_chat_id: supergroup.id,
    };
    const update = bot.api.sendUpdate({ message } as never);
    await bot.settle();
    await bot.say(alice.user, supergroup, '/add 1 1 1 -> 1');
    // Another run of the move (as after a restart, replayed from the journal) finds it done.
    await bot.app.bot.handleUpdate({ update_id: update.update_id, message } as never);
    expect((await bot.say(alice.user, supergroup, '/data')).text).toContain(
      '<pre>1│ 0 0 1 → 0\n2│ 1 1 1 → 1</pre>',
    );
  });
});

const MEMBERS = 30;

/** Row j of member i: a pair of numbers only that member sends. */
const oldRows = (i: number) => Array.from({ length: 5 }, (_, j) => `${i} ${j} -> ${j % 2}`).join('\n');

/** 30 members with 5 rows each in a group, then one batch holding the move and everyone's new row. */
async function moveWithNewRows(groupId: number, migrationFirst: boolean) {
  const group = bot.api.group(groupId, `Class ${groupId}`, 'group');
  const supergroup = bot.api.group(groupId * 1_000_000, `Class ${groupId}`, 'supergroup');
  const members = Array.from({ length: MEMBERS }, () => bot.member('en'));
  for (const [i, member] of members.entries()) bot.api.sendText(group, member.user, `/add ${oldRows(i)}`);
  await bot.settle();
  const date = Math.floor(Date.now() / 1000);
  const from = (members[0] as (typeof members)[number]).user;
  const moves = [
    { message: { message_id: 9001, date, chat: group, from, migrate_to_chat_id: supergroup.id } },
    { message: { message_id: 1, date, chat: supergroup, from, migrate_from_chat_id: group.id } },
  ];
  const username = bot.api.bot.username;
  bot.api.inOneBatch(() => {
    if (migrationFirst) for (const move of moves) bot.api.sendUpdate(move as never);
    for (const member of members) bot.api.sendText(supergroup, member.user, `/add@${username} 9 9 -> 1`);
    if (!migrationFirst) for (const move of moves) bot.api.sendUpdate(move as never);
  });
  await bot.settle();
  return Promise.all(
    members.map(async ({ user }, i) => {
      const doc = await bot.app.deps.perceptrons.read(perceptronKey(supergroup.id, user.id));
      const rows = doc?.rows.map((row) => `${row.inputs.join(' ')} -> ${row.output}`).join('\n');
      return { member: i, rows };
    }),
  );
}

const expected = () =>
  Array.from({ length: MEMBERS }, (_, i) => ({ member: i, rows: `${oldRows(i)}\n9 9 -> 1` }));

describe('a class of 30 whose group becomes a supergroup while they add rows', () => {
  it('keeps everyone’s 5 rows and the new one when the move comes first in the batch', async () => {
    expect(await moveWithNewRows(-7101, true)).toEqual(expected());
  });

  it('keeps everyone’s 5 rows and the new one when the move comes after their new rows', async () => {
    expect(await moveWithNewRows(-7102, false)).toEqual(expected());
  });
});
