import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { textsFor } from '../helpers/texts.js';

const { folder, start, stop } = useRestartingBots();

const ID = 5151;
const en = textsFor('en');
const ru = textsFor('ru');
const files = (dataDir: string) => ({
  profile: join(dataDir, 'profiles', `user-${ID}.json`),
  perceptron: join(dataDir, 'perceptrons', `chat-${ID}-user-${ID}.json`),
});

/** A member with an English Telegram who chose Russian and loaded the lesson; then the bot stops. */
async function storeLessonInRussian(): Promise<string> {
  const dataDir = folder();
  const bot = await start(dataDir);
  const user = bot.api.user(ID, { language_code: 'en' });
  const chat = bot.api.privateChat(user);
  await bot.say(user, chat, '/lang ru');
  await bot.say(user, chat, '/example lesson');
  await stop(bot);
  return dataDir;
}

/** After a restart: the first reply to /data, the /data itself, and the reply to a second /data. */
async function askForData(dataDir: string): Promise<string[]> {
  const bot = await start(dataDir);
  const user = bot.api.user(ID, { language_code: 'en' });
  const chat = bot.api.privateChat(user);
  const first = await bot.say(user, chat, '/data');
  const data = await bot.next(chat);
  const again = await bot.say(user, chat, '/data');
  return [first.text, data.text, again.text].map(String);
}

describe('after a restart, a member whose stored file was unreadable', () => {
  it.each<[string, ('profile' | 'perceptron')[], LocaleKey, 'en' | 'ru', boolean]>([
    [
      'only the profile: the language is reset and the rows are kept',
      ['profile'],
      'recovery.profile',
      'en',
      true,
    ],
    [
      'only the perceptron: the rows are reset and the language is kept',
      ['perceptron'],
      'recovery.perceptron',
      'ru',
      false,
    ],
    ['both: both are reset', ['profile', 'perceptron'], 'recovery.both', 'en', false],
  ])('is told what was reset, once, when it was %s', async (_, corrupt, notice, language, rowsKept) => {
    const dataDir = await storeLessonInRussian();
    for (const which of corrupt)
      writeFileSync(files(dataDir)[which], '{"version":1,"rows":[{"inp', { mode: 0o600 });

    const [first, data, again] = await askForData(dataDir);
    const t = language === 'en' ? en : ru;
    expect(first).toBe(t(notice));
    const lesson = t('data.title', { count: 4, inputs: t('units.inputs', { count: 3, n: '3' }) });
    expect(data).toContain(rowsKept ? lesson : t('data.empty'));
    expect(again).toBe(data);
  });
});
