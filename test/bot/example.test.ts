import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExampleName } from '../../src/core/examples.js';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage, type Translate } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const NAMES = ['lesson', 'and', 'or', 'nand', 'not', 'xor', 'smileys'];

const DESCRIPTIONS: Record<ExampleName, LocaleKey> = {
  lesson: 'examples.lesson.description',
  and: 'examples.and.description',
  or: 'examples.or.description',
  nand: 'examples.nand.description',
  not: 'examples.not.description',
  xor: 'examples.xor.description',
  smileys: 'examples.smileys.description',
};

function loadedText(t: Translate, name: ExampleName, count: number, tries: string): string {
  const description = t(DESCRIPTIONS[name]);
  return `${t('example.loaded', { name, count, description })}\n${t('example.next', { tries })}`;
}

describe.each(['en', 'ru'] as const)('/example for a user whose Telegram speaks %s', (language) => {
  it('/example alone offers a button for every built-in example', async () => {
    const { user, chat, t } = bot.member(language);
    const menu = await bot.say(user, chat, '/example');
    expect(menu.text).toBe(t('example.choose'));
    expect(menu.reply_markup?.inline_keyboard?.map((row) => row.map((b) => b.text))).toEqual([
      ['lesson', 'and', 'or'],
      ['nand', 'not', 'xor'],
      ['smileys'],
    ]);
  });

  it('a press on an example button loads it', async () => {
    const { user, chat, t } = bot.member(language);
    const menu = await bot.say(user, chat, '/example');
    await bot.press(menu, 'and', user);
    expect((await bot.next(chat)).text).toBe(
      loadedText(t, 'and', 4, inLanguage(language, '/predict 0.9 0.8 1')),
    );
    expect((await bot.say(user, chat, '/data')).text).toContain(
      '<pre>1│ 0 0 1 → 0\n2│ 0 1 1 → 0\n3│ 1 0 1 → 0\n4│ 1 1 1 → 1</pre>',
    );
  });

  it("/example lesson loads the lesson's table and says what to try next", async () => {
    const { user, chat, t } = bot.member(language);
    const loaded = await bot.say(user, chat, '/example lesson');
    expect(loaded.text).toBe(loadedText(t, 'lesson', 4, '/predict 1 1 0'));
    expect(bot.api.buttons(loaded).map((b) => b.text)).toEqual([t('buttons.train'), t('buttons.showData')]);
    expect((await bot.say(user, chat, '/data')).text).toContain(
      '<pre>1│ 0 0 1 → 0\n2│ 1 1 1 → 1\n3│ 1 0 1 → 1\n4│ 0 1 1 → 0</pre>',
    );
  });

  it('/example over existing rows asks first, and Yes replaces them', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '0.5 0.5 -> 1\n0 0 -> 0');
    const question = await bot.say(user, chat, '/example lesson');
    expect(question.text).toBe(t('example.confirmReplace', { name: 'lesson', count: 2 }));
    expect(bot.api.buttons(question).map((b) => b.text)).toEqual([
      t('buttons.yesReplace'),
      t('buttons.cancel'),
    ]);
    await bot.press(question, t('buttons.yesReplace'), user);
    expect((await bot.next(chat)).text).toBe(loadedText(t, 'lesson', 4, '/predict 1 1 0'));
    expect((await bot.say(user, chat, '/data')).text).toContain('4│ 0 1 1 → 0');
    expect(await bot.press(question, t('buttons.yesReplace'), user)).toBe(t('press.stale'));
  });

  it('/example over existing rows, then Cancel, keeps them', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '0.5 0.5 -> 1\n0 0 -> 0');
    const question = await bot.say(user, chat, '/example xor');
    await bot.press(question, t('buttons.cancel'), user);
    expect((await bot.next(chat)).text).toBe(t('data.cancelled'));
    const data = await bot.say(user, chat, '/data');
    expect(data.text).toContain(inLanguage(language, '<pre>1│ 0.5 0.5 → 1\n2│   0   0 → 0</pre>'));
    expect(await bot.press(question, t('buttons.yesReplace'), user)).toBe(t('press.stale'));
  });

  it('an unknown example is named, with the list of examples', async () => {
    const { user, chat, t } = bot.member(language);
    const reply = await bot.say(user, chat, '/example iris');
    expect(reply.text).toBe(t('example.unknown', { name: 'iris', names: NAMES.join(', ') }));
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
  });
});
