import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('leaves a perceptron a member already has in the supergroup as it is', async () => {
    const group = bot.api.group(-7002, 'Class 8', 'group');
    const supergroup = bot.api.group(-1_000_000_007_002, 'Class 8', 'supergroup');
    const alice = bot.member('en');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0');
    await bot.say(alice.user, supergroup, '/add 1 -> 1');
    await migrate(group, supergroup, alice.user, 990_002);
    expect((await bot.say(alice.user, supergroup, '/data')).text).toContain('<pre>1│ 1 → 1</pre>');
  });
});
