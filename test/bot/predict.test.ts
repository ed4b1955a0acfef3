import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainUntilResult } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

async function trainLesson(member: Member): Promise<void> {
  await bot.say(member.user, member.chat, '/example lesson');
  await trainUntilResult(bot, member);
}

describe.each(['en', 'ru'])('/predict for a user whose Telegram speaks %s', (language) => {
  it('without rows, it asks for rows and a training first', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/predict 1 1 0')).text).toBe(t('predict.noData'));
  });

  it('with rows but before any training, it asks for /train', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '/example lesson');
    expect((await bot.say(user, chat, '/predict 1 1 0')).text).toBe(t('predict.untrained'));
  });

  it('a wrong number of inputs names the number expected and shows a query that works', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await trainLesson(member);
    const reply = await bot.say(user, chat, '/predict 1 1');
    expect(reply.text).toBe(t('predict.wrong-arity', { actual: 2, expected: 3, count: 3, sample: '1 1 0' }));
    expect(reply.text).toContain(language === 'ru' ? 'нужно 3 входа' : 'I expect 3 inputs');
    expect((await bot.say(user, chat, '/predict 1 1 0 1')).text).toBe(
      t('predict.wrong-arity', { actual: 4, expected: 3, count: 3, sample: '1 1 0' }),
    );
  });

  it('a word where a number should be is named', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await trainLesson(member);
    expect((await bot.say(user, chat, '/predict 1 yes 0')).text).toBe(
      t('predict.not-a-number', { token: 'yes', sample: '1 1 0' }),
    );
    expect((await bot.say(user, chat, '/predict 1 Infinity 0')).text).toBe(
      t('predict.not-finite', { token: 'Infinity', sample: '1 1 0' }),
    );
  });

  it('an arrow and an output are refused: only the inputs are asked for', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await trainLesson(member);
    expect((await bot.say(user, chat, '/predict 1 1 0 -> 1')).text).toBe(
      t('predict.has-arrow', { sample: '1 1 0' }),
    );
  });

  it('/predict alone shows a query that works', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await trainLesson(member);
    expect((await bot.say(user, chat, '/predict')).text).toBe(t('predict.empty', { sample: '1 1 0' }));
  });
});

describe('/predict on rows of your own', () => {
  it("shows the first row's inputs as the sample query", async () => {
    const { user, chat, t } = bot.member('en');
    await bot.say(user, chat, '0.5 1 -> 1\n0 0 -> 0');
    await bot.edited(await bot.say(user, chat, '/train 100'), (text) => text.includes(t('train.outputs')));
    expect((await bot.say(user, chat, '/predict 1')).text).toBe(
      t('predict.wrong-arity', { actual: 1, expected: 2, count: 2, sample: '0.5 1' }),
    );
    expect((await bot.say(user, chat, '/predict 0.5 1')).text).toMatch(
      /^🔮 0\.5 1 → <b>0\.\d{5}<\/b>, class [01]\.\nHow: weighted sum -?\d+\.\d{5}, then sigmoid\(-?\d+\.\d{5}\) = 0\.\d{5}\.$/,
    );
  });

  it('after /clear and rows of another width, it asks for /train instead of weights that do not fit', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await trainLesson(member);
    const question = await bot.say(user, chat, '/clear');
    await bot.press(question, t('buttons.yesClear'), user);
    await bot.say(user, chat, '0 1 -> 1\n1 0 -> 0');
    expect((await bot.say(user, chat, '/predict 0 1')).text).toBe(t('predict.untrained'));
  });
});
