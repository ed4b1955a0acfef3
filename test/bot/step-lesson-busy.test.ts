import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { isTrainingResult, sendWideRows } from '../helpers/datasets.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

// A training long enough to be running while the member tries the rest: 10⁹ multiply-adds.
const LONG_EPOCHS = 312_500;
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { MAX_EPOCHS: '1000000', MAX_TRAINING_COST: '1000000000' } });
});
afterAll(() => bot.stop());

describe('while a training runs', () => {
  it('/step, its buttons and the tour’s stages wait, offering [Stop], and change nothing', async () => {
    const member = bot.member('ru');
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const step = await bot.say(user, chat, '/step');
    const lesson = await bot.say(user, chat, '/lesson');
    const key = perceptronKey(chat.id, user.id);
    const before = await bot.app.deps.perceptrons.read(key);
    const progress = await bot.say(user, chat, `/train ${LONG_EPOCHS}`);
    const attempts = [
      () => bot.say(user, chat, '/step'),
      () => bot.press(step, t('step.buttons.next'), user).then(() => bot.next(chat)),
      () => bot.press(step, t('step.buttons.more'), user).then(() => bot.next(chat)),
      () => bot.press(lesson, t('lesson.buttons.start'), user).then(() => bot.next(chat)),
    ];
    for (const attempt of attempts) {
      const answer = await attempt();
      expect(answer.text).toBe(t('settings.busy'));
      expect(bot.api.buttons(answer).map((b) => b.text)).toEqual([t('buttons.stop')]);
    }
    expect(await bot.app.deps.perceptrons.read(key)).toEqual(before);
    bot.api.sendText(chat, user, '/stop');
    await bot.edited(progress, isTrainingResult(member), 20_000);
  });
});
