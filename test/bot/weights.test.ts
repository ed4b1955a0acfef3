import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainUntilResult } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const train = (member: Member) => trainUntilResult(bot, member);

describe.each(['en', 'ru'] as const)('/weights for a user whose Telegram speaks %s', (language) => {
  it('before any training there are none', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '/example lesson');
    expect((await bot.say(user, chat, '/weights')).text).toBe(t('weights.none'));
  });

  it('after the lesson: the seed, the epochs trained, the current and the initial weights', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    await train(member);
    const epochs = t('units.epochs', { count: 20_000, n: countIn(member.language, 20_000) });
    expect((await bot.say(user, chat, '/weights')).text).toBe(
      [
        t('weights.title', { seed: 1, epochs }),
        `${t('weights.current')}:`,
        inLanguage(language, '<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>'),
        `${t('weights.initial')}:`,
        inLanguage(language, '<pre>w1 -0.16596\nw2  0.44065\nw3 -0.99977</pre>'),
      ].join('\n'),
    );
  });
});
