import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTIONS, COMMANDS } from '../../src/bot/kit/command-list.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { textsFor } from '../helpers/texts.js';

const menuIn = (language: 'en' | 'ru') => {
  const t = textsFor(language);
  return COMMANDS.map((command) => ({ command, description: t(COMMAND_DESCRIPTIONS[command]) }));
};

const asList = (commands: unknown) => (typeof commands === 'string' ? JSON.parse(commands) : commands);

describe('the command menu', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('is published for everyone in the default language, English', () => {
    expect(asList(bot.api.commands())).toEqual(menuIn('en'));
  });

  it('is published for English and for Russian clients, each in its language', () => {
    expect(asList(bot.api.commands({ language_code: 'en' }))).toEqual(menuIn('en'));
    expect(asList(bot.api.commands({ language_code: 'ru' }))).toEqual(menuIn('ru'));
    expect(menuIn('ru')[0]?.description).toBe('Что умеет этот бот');
  });

  it('lists every command the bot answers', () => {
    expect(menuIn('en').map((c) => c.command)).toEqual([
      'start',
      'help',
      'lesson',
      'add',
      'data',
      'del',
      'clear',
      'export',
      'share',
      'example',
      'train',
      'stop',
      'compare',
      'step',
      'predict',
      'weights',
      'plot',
      'replay',
      'settings',
      'set',
      'reset',
      'lang',
      'exercise',
      'submit',
      'leaderboard',
      'results',
      'quiet',
      'timezone',
      'newexercise',
      'myexercises',
    ]);
  });
});

describe.each([
  ['every setMyCommands fails', undefined, { error_code: 500 }],
  [
    'the Russian menu is refused once',
    (p: Record<string, unknown>) => p.language_code === 'ru',
    { error_code: 400, times: 1 },
  ],
] as const)('when %s', (_, predicate, failure) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ beforeStart: (api) => api.failWith('setMyCommands', predicate, failure) });
  });
  afterAll(() => bot.stop());

  it('still publishes the menus that were not refused', () => {
    const published = ['en', 'ru'].filter(
      (language_code) => bot.api.commands({ language_code }) !== undefined,
    );
    expect(published).toEqual(predicate ? ['en'] : []);
  });

  it('the bot still starts and answers, and logs a warning', async () => {
    const { user, chat, t } = bot.member('ru');
    expect((await bot.say(user, chat, '/start')).text).toBe(t('start.text'));
    const warnings = bot.logs.filter((line) => line.level === 40);
    expect(warnings.map((line) => line.msg)).toContain(
      'could not publish a command menu; the bot works without it',
    );
    expect(bot.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
