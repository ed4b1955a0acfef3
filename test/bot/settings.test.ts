import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { trainUntilResult } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const train = (member: Member, command?: string) => trainUntilResult(bot, member, command);

const LINES: [name: string, key: LocaleKey][] = [
  ['epochs', 'settings.epochs'],
  ['lr', 'settings.lr'],
  ['seed', 'settings.seed'],
  ['activation', 'settings.activation'],
  ['bias', 'settings.bias'],
];

/** The /settings message: a title, one line per setting, then how to change them. */
function settingsText({ t }: Member, values: Record<string, string>): string {
  const lines = LINES.map(([name, key]) => `• ${t(key, { value: values[name] })}`);
  const methodLines = [
    `• ${t('methods.setting.method', { value: t('methods.names.gd') })}`,
    `• ${t('methods.setting.population', { value: '50' })}`,
    `• ${t('methods.setting.target', { value: t('settings.off') })}`,
  ];
  const pictures = `• ${t('pictures.setting', { value: values.pictures ?? t('settings.on') })}`;
  const usage = `${t('settings.usage')}\n${t('methods.usage')}`;
  return `${[t('settings.title'), ...lines, ...methodLines, pictures].join('\n')}\n\n${usage}`;
}

describe.each(['en', 'ru'] as const)('/settings and /set for a user whose Telegram speaks %s', (language) => {
  it('/settings shows every setting with buttons for the usual choices', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const reply = await bot.say(user, chat, '/settings');
    expect(reply.text).toBe(
      settingsText(member, {
        epochs: countIn(member.language, 20_000),
        lr: '1',
        seed: '1',
        activation: t('activation.sigmoid'),
        bias: t('settings.off'),
      }),
    );
    expect(reply.reply_markup?.inline_keyboard?.map((row) => row.map((b) => b.text))).toEqual([
      [t('activation.sigmoid'), t('activation.step')],
      [
        t('settings.biasButton', { value: t('settings.on') }),
        t('settings.biasButton', { value: t('settings.off') }),
      ],
      [1000, 5000, 20_000].map((n) => t('units.epochs', { count: n, n: countIn(member.language, n) })),
      ['0.1', '0.5', '1'].map((value) => t('settings.lrButton', { value: inLanguage(language, value) })),
      ['1', '42'].map((value) => t('settings.seedButton', { value })),
      [t('methods.names.gd'), t('methods.names.rprop'), t('methods.names.genetic')],
      [t('methods.buttons.target', { value: inLanguage(language, '0.001') }), t('methods.buttons.targetOff')],
    ]);
  });

  it('each /set repeats the value now in force, and /settings shows them all', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const changed = (key: LocaleKey, value: string) => t('settings.changed', { what: t(key, { value }) });
    const epochs = countIn(member.language, 5000);
    expect((await bot.say(user, chat, '/set epochs 5000')).text).toBe(changed('settings.epochs', epochs));
    expect((await bot.say(user, chat, '/set lr 0.5')).text).toBe(
      changed('settings.lr', inLanguage(language, '0.5')),
    );
    expect((await bot.say(user, chat, '/set seed 42')).text).toBe(changed('settings.seed', '42'));
    expect((await bot.say(user, chat, '/set activation step')).text).toBe(
      changed('settings.activation', t('activation.step')),
    );
    expect((await bot.say(user, chat, '/set bias on')).text).toBe(changed('settings.bias', t('settings.on')));
    expect((await bot.say(user, chat, '/settings')).text).toBe(
      settingsText(member, {
        epochs,
        lr: inLanguage(language, '0.5'),
        seed: '42',
        activation: t('activation.step'),
        bias: t('settings.on'),
      }),
    );
  });

  it.each([
    ['epochs 0', 'settings.badEpochs'],
    ['epochs 100001', 'settings.badEpochs'],
    ['epochs many', 'settings.badEpochs'],
    ['lr 0', 'settings.badLr'],
    ['lr 101', 'settings.badLr'],
    ['lr fast', 'settings.badLr'],
    ['seed -1', 'settings.badSeed'],
    ['seed 4294967296', 'settings.badSeed'],
    ['seed 1.5', 'settings.badSeed'],
    ['activation relu', 'settings.badActivation'],
    ['bias maybe', 'settings.badBias'],
  ] as [string, LocaleKey][])(
    '/set %s is refused and the value in force is repeated',
    async (argument, key) => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      const values: Record<string, string> = {
        'settings.badEpochs': countIn(member.language, 20_000),
        'settings.badLr': '1',
        'settings.badSeed': '1',
        'settings.badActivation': t('activation.sigmoid'),
        'settings.badBias': t('settings.off'),
      };
      const max = key === 'settings.badLr' ? 100 : countIn(member.language, 100_000);
      expect((await bot.say(user, chat, `/set ${argument}`)).text).toBe(t(key, { max, value: values[key] }));
      expect((await bot.say(user, chat, '/settings')).text).toContain(
        `• ${t('settings.epochs', { value: countIn(member.language, 20_000) })}\n• ${t('settings.lr', { value: '1' })}\n• ${t('settings.seed', { value: '1' })}`,
      );
    },
  );

  it('an unknown setting is named, with the list of settings', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/set speed 3')).text).toBe(t('settings.unknown', { name: 'speed' }));
  });

  it('/set alone shows how to use it', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/set')).text).toBe(`${t('settings.usage')}\n${t('methods.usage')}`);
  });

  it('a settings button changes that setting', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const menu = await bot.say(user, chat, '/settings');
    const fiveThousand = countIn(member.language, 5000);
    expect(await bot.press(menu, t('units.epochs', { count: 5000, n: fiveThousand }), user)).toBeUndefined();
    expect((await bot.next(chat)).text).toBe(
      t('settings.changed', { what: t('settings.epochs', { value: fiveThousand }) }),
    );
    await bot.press(menu, t('activation.step'), user);
    expect((await bot.next(chat)).text).toBe(
      t('settings.changed', { what: t('settings.activation', { value: t('activation.step') }) }),
    );
    expect((await bot.say(user, chat, '/settings')).text).toContain(
      `• ${t('settings.activation', { value: t('activation.step') })}`,
    );
  });
});

describe('settings change what /train does', () => {
  it('the epochs set are the epochs trained', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    await bot.say(user, chat, '/example lesson');
    await bot.say(user, chat, '/set epochs 5000');
    expect((await train(member)).text).toContain('✅ Trained 5,000 epochs (5,000 in all).');
  });

  it('a new seed after training draws the weights again, and says so', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    await train(member);
    expect((await bot.say(user, chat, '/set seed 42')).text).toBe(
      `${t('settings.changed', { what: t('settings.seed', { value: '42' }) })}\n${t('settings.weightsRedrawn')}`,
    );
    const weights = await bot.say(user, chat, '/weights');
    expect(weights.text).toContain('(seed 42, trained 0 epochs)');
    expect(weights.text).not.toContain('-0.16596');
  });

  it('bias on adds a bias weight; step makes the outputs 0 or 1', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '0 0 -> 0\n0 1 -> 1\n1 0 -> 1\n1 1 -> 1');
    await bot.say(user, chat, '/set bias on');
    await bot.say(user, chat, '/set activation step');
    const result = await train(member, '/train 100');
    expect(result.text).toMatch(
      new RegExp(
        `<pre>w1 +-?\\d+\\.\\d{5}\\nw2 +-?\\d+\\.\\d{5}\\n${t('weights.bias')} +-?\\d+\\.\\d{5}</pre>`,
      ),
    );
    expect((await bot.say(user, chat, '/predict 1 1')).text).toMatch(
      /→ <b>1\.00000<\/b>, class 1\.\nHow: weighted sum [\d.]+, then step\([\d.]+\) = 1\.00000\.$/,
    );
  });
});
