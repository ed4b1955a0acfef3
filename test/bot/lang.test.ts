import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { textsFor } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const en = textsFor('en');
const ru = textsFor('ru');

describe('/lang', () => {
  it('alone offers both languages as buttons; a press switches, and the bot speaks it from then on', async () => {
    const { user, chat } = bot.member('en');
    const menu = await bot.say(user, chat, '/lang');
    expect(menu.text).toBe(en('lang.choose'));
    expect(bot.api.buttons(menu).map((b) => b.text)).toEqual(['🇬🇧 English', '🇷🇺 Русский']);
    await bot.press(menu, '🇷🇺 Русский', user);
    expect((await bot.next(chat)).text).toBe(ru('lang.set'));
    expect((await bot.say(user, chat, '/start')).text).toBe(ru('start.text'));
    expect((await bot.say(user, chat, '0 0 1 -> 0')).text).toBe(ru('rows.added', { count: 1, total: 1 }));
  });

  it('/lang ru and /lang en switch directly, whatever the Telegram language is', async () => {
    const { user, chat } = bot.member('ru');
    expect((await bot.say(user, chat, '/lang en')).text).toBe(en('lang.set'));
    expect((await bot.say(user, chat, '/help')).text).toContain(en('help.title'));
    expect((await bot.say(user, chat, '/lang RU')).text).toBe(ru('lang.set'));
    expect((await bot.say(user, chat, '/help')).text).toContain(ru('help.title'));
  });

  it('an unknown language is refused in the language in force', async () => {
    const { user, chat } = bot.member('ru');
    expect((await bot.say(user, chat, '/lang de')).text).toBe(ru('lang.unknown'));
    expect((await bot.say(user, chat, '/start')).text).toBe(ru('start.text'));
  });

  it('the choice holds in every chat, groups included', async () => {
    const { user, chat } = bot.member('en');
    const group = bot.api.group(-7001, 'Class');
    await bot.say(user, chat, '/lang ru');
    expect((await bot.say(user, group, '/add 0 0 1 -> 0')).text).toBe(
      ru('rows.added', { count: 1, total: 1 }),
    );
  });

  it('is per user: another member keeps their own language', async () => {
    const alice = bot.member('en');
    const boris = bot.member('en');
    await bot.say(alice.user, alice.chat, '/lang ru');
    expect((await bot.say(boris.user, boris.chat, '/start')).text).toBe(en('start.text'));
  });
});
