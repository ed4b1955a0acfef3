import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage } from '../../src/dev/fake-bot-api.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -5000;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** A new group, so that no test sees another test's messages. */
const newGroup = (): FakeChat => bot.api.group(--groups, `Class ${-groups}`, 'supergroup');

/** The ids of the bot's messages in the chat that came after `message`. */
const botMessagesAfter = (chat: FakeChat, message: FakeMessage): number[] =>
  bot.api
    .messages(chat.id)
    .filter((m) => m.message_id > message.message_id)
    .map((m) => m.message_id);

describe('two members of one group', () => {
  it('keep separate perceptrons: the rows of one are not in the other one’s /data', async () => {
    const group = newGroup();
    const alice = bot.member('en');
    const boris = bot.member('ru');
    expect((await bot.say(alice.user, group, '/add 0 0 1 -> 0\n1 1 1 -> 1')).text).toBe(
      alice.t('rows.added', { count: 2, total: 2 }),
    );
    expect((await bot.say(boris.user, group, '/add 0.5 -> 1')).text).toBe(
      boris.t('rows.added', { count: 1, total: 1 }),
    );
    const aliceData = await bot.say(alice.user, group, '/data');
    expect(aliceData.text).toContain('<pre>1│ 0 0 1 → 0\n2│ 1 1 1 → 1</pre>');
    expect(aliceData.text).not.toContain('0.5');
    const borisData = await bot.say(boris.user, group, '/data');
    expect(borisData.text).toContain('<pre>1│ 0.5 → 1</pre>');
    expect(borisData.text).toContain('Ваши данные');
  });

  it('and their perceptron in the group is not the one in their private chat', async () => {
    const group = newGroup();
    const { user, chat, t } = bot.member('en');
    await bot.say(user, group, '/add 0 0 1 -> 0');
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
  });

  it('replies quote the member’s message', async () => {
    const group = newGroup();
    const { user } = bot.member('en');
    const sent = bot.api.sendText(group, user, '/add 0 0 1 -> 0');
    const reply = await bot.api.waitForMessage(group.id);
    expect(reply.reply_to_message?.message_id).toBe(sent.message_id);
    const call = bot.api.calls.find(
      (c) =>
        c.method === 'sendMessage' &&
        c.answer?.ok &&
        (c.answer.result as FakeMessage).message_id === reply.message_id,
    );
    expect(call?.payload.reply_parameters).toMatchObject({ message_id: sent.message_id });
  });

  it('/start in a group explains that everyone has their own neuron', async () => {
    const group = newGroup();
    const { user, t } = bot.member('ru');
    expect((await bot.say(user, group, '/start')).text).toBe(`${t('start.text')}\n\n${t('start.group')}`);
  });
});

describe('commands in a group', () => {
  it('/train@perceptron_test_bot trains, and the result quotes the command', async () => {
    const group = newGroup();
    const { user, t } = bot.member('en');
    await bot.say(user, group, '/example@perceptron_test_bot lesson');
    const command = bot.api.sendText(group, user, '/train@perceptron_test_bot');
    const progress = await bot.api.waitForMessage(group.id);
    expect(progress.reply_to_message?.message_id).toBe(command.message_id);
    const result = await bot.edited(progress, (text) => text.includes(t('train.outputs')));
    expect(result.text).toContain('w1 10.38041');
  });

  it('/train@SomeOtherBot is left to that bot', async () => {
    const group = newGroup();
    const { user, t } = bot.member('en');
    await bot.say(user, group, '/example lesson');
    const ignored = bot.api.sendText(group, user, '/train@SomeOtherBot');
    const next = await bot.say(user, group, '/weights@perceptron_test_bot');
    expect(next.text).toBe(t('weights.none'));
    expect(botMessagesAfter(group, ignored)).toEqual([next.message_id]);
  });

  it('an unknown command is ignored, unless it names this bot', async () => {
    const group = newGroup();
    const { user, t } = bot.member('en');
    const ignored = bot.api.sendText(group, user, '/frobnicate');
    const next = await bot.say(user, group, '/frobnicate@perceptron_test_bot');
    expect(next.text).toBe(t('unknownCommand'));
    expect(botMessagesAfter(group, ignored)).toEqual([next.message_id]);
  });

  it('plain text is ignored, unless it replies to the bot', async () => {
    const group = newGroup();
    const { user, t } = bot.member('en');
    const help = await bot.say(user, group, '/help');
    const ignored = bot.api.sendText(group, user, '0 0 1 -> 0');
    const added = await bot.say(user, group, '1 1 1 -> 1', { reply_to_message: help });
    expect(added.text).toBe(t('rows.added', { count: 1, total: 1 }));
    expect(botMessagesAfter(group, ignored)).toEqual([added.message_id]);
    expect((await bot.say(user, group, '/data')).text).toContain('<pre>1│ 1 1 1 → 1</pre>');
  });
});

describe('buttons in a group', () => {
  it('a member pressing another member’s button is told it is not theirs, and nothing changes', async () => {
    const group = newGroup();
    const alice = bot.member('en');
    const boris = bot.member('ru');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0');
    await bot.say(boris.user, group, '/add 1 1 1 -> 1');
    const question = await bot.say(alice.user, group, '/clear');
    expect(await bot.press(question, alice.t('buttons.yesClear'), boris.user)).toBe(
      boris.t('press.notYours'),
    );
    expect((await bot.say(alice.user, group, '/data')).text).toContain('1│ 0 0 1 → 0');
    expect((await bot.say(boris.user, group, '/data')).text).toContain('1│ 1 1 1 → 1');
    expect(await bot.press(question, alice.t('buttons.yesClear'), alice.user)).toBeUndefined();
    expect((await bot.next(group)).text).toBe(alice.t('data.cleared'));
  });

  it('forged button data changes nothing: another owner’s id, one’s own id with their nonce, or malformed', async () => {
    const group = newGroup();
    const alice = bot.member('en');
    const boris = bot.member('en');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0');
    await bot.say(boris.user, group, '/add 1 1 1 -> 1');
    const question = await bot.say(alice.user, group, '/clear');
    const data = bot.api.buttons(question)[0]?.callback_data ?? '';
    const nonce = data.split('|')[2];
    expect(data).toBe(`cc|${alice.user.id}|${nonce}`);
    const t = boris.t;
    expect(await bot.pressRaw(question, data, boris.user)).toBe(t('press.notYours'));
    expect(await bot.pressRaw(question, `cc|${boris.user.id}|${nonce}`, boris.user)).toBe(t('press.stale'));
    expect(await bot.pressRaw(question, `cc|${boris.user.id}|`, boris.user)).toBe(t('press.stale'));
    expect(await bot.pressRaw(question, 'cc|not-a-number|x', boris.user)).toBe(t('press.unknown'));
    expect(await bot.pressRaw(question, 'zz|1|2', boris.user)).toBe(t('press.unknown'));
    expect(await bot.pressRaw(question, '💥'.repeat(20), boris.user)).toBe(t('press.unknown'));
    expect((await bot.say(alice.user, group, '/data')).text).toContain('1│ 0 0 1 → 0');
    expect((await bot.say(boris.user, group, '/data')).text).toContain('1│ 1 1 1 → 1');
  });
});
