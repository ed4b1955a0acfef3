import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { findTextProblem } from '../../src/dev/fake-html-check.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { textsFor } from '../helpers/texts.js';

let bot: TestBot;
let nextMessageId = 900_000;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const en = textsFor('en');

/** A message as Telegram would deliver it, built by hand for updates the fake has no action for. */
function rawMessage(chat: FakeChat, from: FakeUser, fields: Record<string, unknown>): FakeMessage {
  nextMessageId += 1;
  return {
    message_id: nextMessageId,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    ...fields,
  } as FakeMessage;
}

/** The bot is still well: it answers /start, it never apologised for a failure, and it logged no error. */
async function expectStillWell(user: FakeUser, chat: FakeChat): Promise<void> {
  bot.api.sendText(chat, user, '/start');
  await bot.next(chat, en('start.text'));
  expect(bot.sentTexts()).not.toContain(en('errors.internal'));
  expect(bot.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
}

describe('bad input never crashes the bot', () => {
  const GARBAGE = [
    '',
    '   ',
    '😀',
    '🤖 1 -> 0',
    '1️⃣ 0 1 -> 1',
    '\u200f\u200b\ufeff',
    '\u0000\u0001\u0002 1 -> 1',
    '-> -> ->',
    '→→→ 1',
    '1 2 3 4 5 6 7 8 9 0',
    '<b>1</b> 0 1 -> 1',
    '<script>alert(1)</script> 1',
    '& 1 -> &amp;',
    'NaN -> NaN',
    '0x10 0b1 1_000 -> 1',
    '1e308 1e308 -> 1',
    `${'9'.repeat(400)} -> 1`,
    '/',
    '//',
    '/123',
    '/add ->',
    '/add <i>1</i> -> 1',
    '/predict <b>',
    '/del -1 0 999999999999999999999',
    '/train 99999999999999999999999',
    '/train <b>5</b>',
    '/set seed 1e400',
    '/set <b> 1',
    '/set epochs 1e3',
    '/set lr NaN',
    '/example <i>',
    '/example lesson extra words',
    '/lang 🇷🇺',
    '/start@perceptron_test_bot extra',
    '/help@PERCEPTRON_TEST_BOT',
  ];

  it.each(GARBAGE.map((text) => [JSON.stringify(text).slice(0, 40), text]))('%s', async (_, text) => {
    const { user, chat } = bot.member('en');
    bot.api.sendText(chat, user, text);
    await expectStillWell(user, chat);
  });

  it.each([
    ['a text of 100,000 characters with numbers', `${'0 0 1 -> 0\n'.repeat(9091)}`],
    ['a text of 100,000 characters without numbers', 'a'.repeat(100_000)],
    ['/add with 100,000 characters', `/add ${'1 -> 1 '.repeat(16_666)}`],
    ['/predict with 100,000 characters', `/predict ${'1 '.repeat(50_000)}`],
    ['/train with 100,000 digits', `/train ${'9'.repeat(100_000)}`],
    ['/set with a 100,000-character name', `/set ${'x'.repeat(100_000)} 1`],
    ['/set epochs with 100,000 digits', `/set epochs ${'9'.repeat(100_000)}`],
    ['/example with a 100,000-character name', `/example ${'я'.repeat(100_000)}`],
    ['/del with 50,000 numbers', `/del ${'1 '.repeat(50_000)}`],
    ['/lang with 100,000 characters', `/lang ${'x'.repeat(100_000)}`],
  ])('%s is answered briefly', async (_, text) => {
    const { user, chat } = bot.member('en');
    await bot.say(user, chat, '/example lesson');
    const reply = await bot.say(user, chat, text);
    expect(reply.text?.length).toBeLessThan(1000);
    await expectStillWell(user, chat);
  });

  it('a message without text (a sticker) gets a pointer to how rows look, in a private chat', async () => {
    const { user, chat, t } = bot.member('en');
    bot.api.sendUpdate({
      message: rawMessage(chat, user, { sticker: { file_id: 'sticker', width: 512, height: 512 } }),
    });
    expect((await bot.next(chat)).text).toBe(t('rows.ignoredText'));
    await expectStillWell(user, chat);
  });

  it('a photo with rows in its caption, an edited message, a channel post and an inline press change nothing', async () => {
    const { user, chat, t } = bot.member('en');
    bot.api.sendUpdate({
      message: rawMessage(chat, user, { photo: [{ file_id: 'p' }], caption: '0 0 1 -> 0' }),
    });
    bot.api.sendUpdate({ edited_message: rawMessage(chat, user, { text: '0 0 1 -> 0', edit_date: 1 }) });
    bot.api.sendUpdate({
      channel_post: { message_id: 1, date: 1, chat: { id: -1009, type: 'channel' }, text: '/start' },
    });
    bot.api.sendUpdate({
      callback_query: {
        id: 'inline',
        from: user,
        inline_message_id: 'x',
        chat_instance: '1',
        data: `hl|${user.id}|`,
      },
    });
    await bot.settle();
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
    await expectStillWell(user, chat);
  });

  it('stickers and stray text in a group are left alone', async () => {
    const { user } = bot.member('en');
    const group = bot.api.group(-8001, 'Class');
    const sticker = rawMessage(group, user, { sticker: { file_id: 'sticker', width: 512, height: 512 } });
    bot.api.sendUpdate({ message: sticker });
    bot.api.sendText(group, user, 'hello everyone 👋');
    const reply = await bot.say(user, group, '/data');
    expect(reply.text).toBe(en('data.empty'));
    expect(bot.api.messages(group.id).map((m) => m.message_id)).toEqual([reply.message_id]);
  });
});

describe('unknown commands', () => {
  it('in a private chat are answered with a pointer to /help', async () => {
    const { user, chat, t } = bot.member('ru');
    expect((await bot.say(user, chat, '/frobnicate')).text).toBe(t('unknownCommand'));
    expect((await bot.say(user, chat, '/frobnicate@perceptron_test_bot 1 2')).text).toBe(t('unknownCommand'));
  });

  it('meant for another bot are left alone, in a private chat too', async () => {
    const { user, chat, t } = bot.member('en');
    const ignored = bot.api.sendText(chat, user, '/frobnicate@OtherBot');
    const next = await bot.say(user, chat, '/data');
    expect(next.text).toBe(t('data.empty'));
    expect(bot.api.messages(chat.id).filter((m) => m.message_id > ignored.message_id)).toHaveLength(1);
  });
});

describe('everything the bot sent in this file', () => {
  it('is HTML that Telegram accepts', () => {
    const problems = bot
      .sentTexts()
      .map((text) => ({ text: text.slice(0, 200), problem: findTextProblem(text, 'HTML', 'text') }))
      .filter((entry) => entry.problem !== undefined);
    expect(problems).toEqual([]);
  });
});
