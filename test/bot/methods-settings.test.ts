import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { MAX_POPULATION: '120' } });
});
afterAll(() => bot.stop());

describe.each(['en', 'ru'] as const)(
  'the methods settings for a user whose Telegram speaks %s',
  (language) => {
    it('/set method, population and target repeat the value in force; /settings lists them', async () => {
      const { user, chat, t } = bot.member(language);
      const changed = (key: LocaleKey, value: string) => t('settings.changed', { what: t(key, { value }) });
      expect((await bot.say(user, chat, '/set method rprop')).text).toBe(
        changed('methods.setting.method', t('methods.names.rprop')),
      );
      expect((await bot.say(user, chat, '/set method GENETIC')).text).toBe(
        changed('methods.setting.method', t('methods.names.genetic')),
      );
      expect((await bot.say(user, chat, '/set population 120')).text).toBe(
        changed('methods.setting.population', '120'),
      );
      expect((await bot.say(user, chat, '/set target 0,001')).text).toBe(
        changed('methods.setting.target', inLanguage(language, '0.001')),
      );
      const settings = (await bot.say(user, chat, '/settings')).text;
      expect(settings).toContain(`• ${t('methods.setting.method', { value: t('methods.names.genetic') })}`);
      expect(settings).toContain(`• ${t('methods.setting.population', { value: '120' })}`);
      expect(settings).toContain(
        `• ${t('methods.setting.target', { value: inLanguage(language, '0.001') })}`,
      );
      expect((await bot.say(user, chat, '/set target off')).text).toBe(
        changed('methods.setting.target', t('settings.off')),
      );
      expect((await bot.say(user, chat, '/set method gd')).text).toBe(
        changed('methods.setting.method', t('methods.names.gd')),
      );
    });

    it.each([
      ['method sgd', 'method'],
      ['method', 'method'],
      ['population 2', 'population'],
      ['population 121', 'population'],
      ['population 10.5', 'population'],
      ['population many', 'population'],
      ['target 0', 'target'],
      ['target 1', 'target'],
      ['target -0.1', 'target'],
      ['target soon', 'target'],
      ['target', 'target'],
    ] as const)('/set %s is refused and the value in force is repeated', async (argument, setting) => {
      const { user, chat, t } = bot.member(language);
      const expected = {
        method: t('methods.bad.method', { value: t('methods.names.gd') }),
        population: t('methods.bad.population', { min: 3, max: 120, value: '50' }),
        target: t('methods.bad.target', { value: t('settings.off') }),
      }[setting];
      expect((await bot.say(user, chat, `/set ${argument}`)).text).toBe(expected);
      const settings = (await bot.say(user, chat, '/settings')).text;
      expect(settings).toContain(`• ${t('methods.setting.method', { value: t('methods.names.gd') })}`);
      expect(settings).toContain(`• ${t('methods.setting.population', { value: '50' })}`);
      expect(settings).toContain(`• ${t('methods.setting.target', { value: t('settings.off') })}`);
    });

    it('rprop with the step activation is refused either way round, saying why, and nothing changes', async () => {
      const { user, chat, t } = bot.member(language);
      await bot.say(user, chat, '/set activation step');
      expect((await bot.say(user, chat, '/set method rprop')).text).toBe(
        t('methods.bad.noGradientMethod', { value: t('methods.names.gd') }),
      );
      await bot.say(user, chat, '/set activation sigmoid');
      await bot.say(user, chat, '/set method rprop');
      expect((await bot.say(user, chat, '/set activation step')).text).toBe(
        t('methods.bad.noGradientActivation', { value: t('activation.sigmoid') }),
      );
      const settings = (await bot.say(user, chat, '/settings')).text;
      expect(settings).toContain(`• ${t('settings.activation', { value: t('activation.sigmoid') })}`);
      expect(settings).toContain(`• ${t('methods.setting.method', { value: t('methods.names.rprop') })}`);
    });

    it('with the step activation, /settings says the target is accuracy 100%', async () => {
      const { user, chat, t } = bot.member(language);
      await bot.say(user, chat, '/set target 0.01');
      await bot.say(user, chat, '/set activation step');
      expect((await bot.say(user, chat, '/settings')).text).toContain(
        `• ${t('methods.setting.target', { value: t('methods.setting.targetStep', { value: inLanguage(language, '0.01') }) })}`,
      );
    });

    it('the method buttons and the target buttons of /settings change them', async () => {
      const { user, chat, t } = bot.member(language);
      const menu = await bot.say(user, chat, '/settings');
      await bot.press(menu, t('methods.names.rprop'), user);
      expect((await bot.next(chat)).text).toBe(
        t('settings.changed', { what: t('methods.setting.method', { value: t('methods.names.rprop') }) }),
      );
      await bot.press(menu, t('methods.buttons.target', { value: inLanguage(language, '0.001') }), user);
      expect((await bot.next(chat)).text).toBe(
        t('settings.changed', {
          what: t('methods.setting.target', { value: inLanguage(language, '0.001') }),
        }),
      );
      await bot.press(menu, t('methods.buttons.targetOff'), user);
      expect((await bot.next(chat)).text).toBe(
        t('settings.changed', { what: t('methods.setting.target', { value: t('settings.off') }) }),
      );
    });

    it('/help names the population limit and what the methods cost, under [More]', async () => {
      const { user, chat, t } = bot.member(language);
      const help = await bot.say(user, chat, '/help');
      await bot.press(help, t('help.buttons.more'), user);
      expect((await bot.next(chat)).text).toContain(t('methods.helpLimits', { maxPopulation: '120' }));
    });
  },
);
