import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

describe('the words /set takes', () => {
  it('a word that only JavaScript objects know is no setting', async () => {
    const { user, chat, t } = bot.member('en');
    expect((await bot.say(user, chat, '/set constructor 1')).text).toBe(
      t('settings.unknown', { name: 'constructor' }),
    );
  });

  it.each([
    ['activation', 'settings.badActivation', 'activation.sigmoid'],
    ['bias', 'settings.badBias', 'settings.off'],
    ['method', 'methods.bad.method', 'methods.names.gd'],
  ] as const)(
    '/set %s constructor is refused and the value in force is repeated',
    async (name, key, value) => {
      const { user, chat, t } = bot.member('en');
      await bot.say(user, chat, '/example lesson');
      expect((await bot.say(user, chat, `/set ${name} constructor`)).text).toBe(t(key, { value: t(value) }));
    },
  );

  it('pictures take the same words for on and off as the bias', async () => {
    const { user, chat, t } = bot.member('ru');
    expect((await bot.say(user, chat, '/set pictures false')).text).toBe(
      t('pictures.settingChanged', { value: t('settings.off') }),
    );
    expect((await bot.say(user, chat, '/set картинки вкл')).text).toBe(
      t('pictures.settingChanged', { value: t('settings.on') }),
    );
  });
});
