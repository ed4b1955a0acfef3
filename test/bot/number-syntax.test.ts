import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const say = async (member: Member, text: string) => (await bot.say(member.user, member.chat, text)).text;
const settingLines = async (member: Member) => (await say(member, '/settings'))?.split('\n').slice(1, 4);
const DEFAULT_LINES = (member: Member) => [
  `• ${member.t('settings.epochs', { value: countIn(member.language, 20_000) })}`,
  `• ${member.t('settings.lr', { value: '1' })}`,
  `• ${member.t('settings.seed', { value: '1' })}`,
];

describe.each(['en', 'ru'] as const)(
  'numbers in commands, for a user whose Telegram speaks %s',
  (language) => {
    it.each([['lr 0x10'], ['lr 1_0'], ['lr 0b1'], ['lr 1..2']])(
      '/set %s is refused, as the same text in a row is',
      async (argument) => {
        const member = bot.member(language);
        const value = argument.split(' ')[1] ?? '';
        expect(await say(member, `/set ${argument}`)).toBe(
          member.t('settings.badLr', { max: 100, value: '1' }),
        );
        expect(await say(member, `${value} 1 -> 1`)).toContain(`«${value}»`);
        expect(await settingLines(member)).toEqual(DEFAULT_LINES(member));
      },
    );

    it.each<[string, LocaleKey]>([
      ['epochs 0x10', 'settings.badEpochs'],
      ['epochs 30,000', 'settings.badEpochs'],
      ['epochs 30 000', 'settings.badEpochs'],
      ['seed 0x10', 'settings.badSeed'],
      ['seed 1e', 'settings.badSeed'],
      ['epochs 5000 6000', 'settings.badEpochs'],
      ['seed 4 2', 'settings.badSeed'],
    ])('/set %s is refused and nothing changes', async (argument, key) => {
      const member = bot.member(language);
      const max = countIn(member.language, 100_000);
      const value = key === 'settings.badEpochs' ? countIn(member.language, 20_000) : '1';
      expect(await say(member, `/set ${argument}`)).toBe(member.t(key, { max, value }));
      expect(await settingLines(member)).toEqual(DEFAULT_LINES(member));
    });

    it('/set lr accepts the forms rows accept: 0,5 and 5e-1', async () => {
      const member = bot.member(language);
      const changed = (value: string) =>
        member.t('settings.changed', { what: member.t('settings.lr', { value }) });
      expect(await say(member, '/set lr 0,5')).toBe(changed(inLanguage(language, '0.5')));
      expect(await say(member, '/set lr 25e-2')).toBe(changed(inLanguage(language, '0.25')));
    });

    it.each([
      ['2 3', '2 3'],
      ['20,000', '20,000'],
      ['0x10', '0x10'],
      ['5000 epochs', '5000 epochs'],
    ])('/train %s is refused with a sentence, and no training starts', async (argument, token) => {
      const member = bot.member(language);
      await say(member, '/example lesson');
      expect(await say(member, `/train ${argument}`)).toBe(
        member.t('train.badEpochs', { token, max: countIn(member.language, 100_000) }),
      );
      expect(await say(member, '/weights')).toBe(member.t('weights.none'));
    });

    it.each([['2 3'], ['20,000']])(
      '/compare %s is refused with a sentence naming the range',
      async (token) => {
        const member = bot.member(language);
        await say(member, '/example lesson');
        expect(await say(member, `/compare ${token}`)).toBe(
          member.t('methods.compare.badEpochs', { token, max: countIn(member.language, 100_000) }),
        );
      },
    );

    it('/del refuses a row number in hex or with a decimal mark, and deletes nothing', async () => {
      const member = bot.member(language);
      await say(member, '/example lesson');
      for (const token of ['0x1', '1.0'])
        expect(await say(member, `/del ${token}`)).toBe(member.t('data.delBad', { token, total: 4 }));
      expect(await say(member, '/data')).toContain('4│ 0 1 1 → 0');
    });
  },
);

describe('an invisible character inside a number', () => {
  it('in a row is named, and the row is not added', async () => {
    const member = bot.member('en');
    expect(await say(member, '1\u200b0 1 -> 1')).toBe(
      [
        member.t('rows.rejected', { count: 1 }),
        `• ${member.t('invisible.row', { line: 1, text: '10 1 -> 1', token: '1[U+200B]0' })}`,
      ].join('\n'),
    );
    expect(await say(member, '/data')).toBe(member.t('data.empty'));
  });

  it('in /predict is named, with a query that works', async () => {
    const member = bot.member('ru');
    await say(member, '/example lesson');
    await bot.edited(await bot.say(member.user, member.chat, '/train 10'), (text) => !text.startsWith('🧠'));
    expect(await say(member, '/predict 1 1\u20600 1')).toBe(
      member.t('invisible.query', { token: '1[U+2060]0', sample: '1 1 0' }),
    );
  });
});
