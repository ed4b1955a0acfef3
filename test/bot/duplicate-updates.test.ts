import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** A text message built by hand, so that the very same update can be delivered again. */
function rawText(chat: FakeChat, from: FakeUser, text: string): FakeMessage {
  return { message_id: 900_001, date: Math.floor(Date.now() / 1000), chat, from, text };
}

describe('an update delivered twice', () => {
  it('adds its rows once', async () => {
    const { user, chat, t } = bot.member('en');
    const message = rawText(chat, user, '0 0 1 -> 0\n1 1 1 -> 1');
    const update = bot.api.sendUpdate({ message });
    expect((await bot.next(chat)).text).toBe(t('rows.added', { count: 2, total: 2 }));
    bot.api.sendUpdate({ update_id: update.update_id, message });
    await bot.settle();
    expect((await bot.say(user, chat, '/data')).text).toContain(
      t('data.title', { count: 2, inputs: t('units.inputs', { count: 3, n: '3' }) }),
    );
  });

  it('clears once: rows added after a /clear survive the same Yes delivered again', async () => {
    const { user, chat, t } = bot.member('en');
    await bot.say(user, chat, '0 0 1 -> 0');
    const question = await bot.say(user, chat, '/clear');
    const data = bot.api.buttons(question)[0]?.callback_data ?? '';
    const press = { id: 'twice', from: user, message: question, chat_instance: String(chat.id), data };
    const update = bot.api.sendUpdate({ callback_query: press });
    expect((await bot.next(chat)).text).toBe(t('data.cleared'));
    await bot.say(user, chat, '1 1 1 -> 1');
    bot.api.sendUpdate({ update_id: update.update_id, callback_query: press });
    await bot.settle();
    expect((await bot.say(user, chat, '/data')).text).toContain('1│ 1 1 1 → 1');
  });
});
