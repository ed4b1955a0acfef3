import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPicture } from '../helpers/datasets.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** What the lesson prints, in each language; the numbers are numpy's (seed 1, 20,000 epochs). */
const LESSON = {
  en: {
    trained:
      '✅ Trained 20,000 epochs (20,000 in all).\nLoss 3.20e-5, accuracy 100%.\nMethod: gradient descent (gd).\nWeights:',
    prediction:
      '🔮 1 1 0 → <b>0.99996</b>, class 1.\nHow: weighted sum 10.17400, then sigmoid(10.17400) = 0.99996.',
  },
  ru: {
    trained:
      '✅ Обучено: 20\u00a0000 эпох (всего 20\u00a0000).\nПотери 3,20e-5, точность 100%.\nМетод: градиентный спуск (gd).\nВеса:',
    prediction:
      '🔮 1 1 0 → <b>0,99996</b>, класс 1.\nКак получилось: взвешенная сумма 10,17400, затем сигмоида(10,17400) = 0,99996.',
  },
} as const;

const WEIGHTS = '<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>';
const OUTPUTS =
  '<pre>1│ 0 0 1 → 0  0.00680 ✓\n2│ 1 1 1 → 1  0.99446 ✓\n3│ 1 0 1 → 1  0.99549 ✓\n4│ 0 1 1 → 0  0.00554 ✓</pre>';

describe.each(['en', 'ru'] as const)('the lesson, for a user whose Telegram speaks %s', (language) => {
  it('/example lesson, /train, /predict 1 1 0 gives 0.99996, class 1, and how it was computed', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '/example lesson');
    const progress = await bot.say(user, chat, '/train');
    const result = await bot.edited(progress, (text) => text.includes(t('train.outputs')));
    const table = `${inLanguage(language, WEIGHTS)}\n${t('train.outputs')}\n${inLanguage(language, OUTPUTS)}`;
    expect(result.text).toBe(`${LESSON[language].trained}\n${table}`);
    expect(bot.api.buttons(result).map((b) => b.text)).toEqual([
      t('buttons.trainMore'),
      t('buttons.weights'),
      t('pictures.button'),
      '🔮 1 1 0',
    ]);
    await nextPicture(bot, chat);
    expect((await bot.say(user, chat, '/predict 1 1 0')).text).toBe(LESSON[language].prediction);
  });

  it('the 🔮 button under the result asks the same question', async () => {
    const { user, chat } = bot.member(language);
    await bot.say(user, chat, '/example lesson');
    const progress = await bot.say(user, chat, '/train');
    const result = await bot.edited(progress, (text) => text.includes(inLanguage(language, '10.38041')));
    await nextPicture(bot, chat);
    await bot.press(result, '🔮 1 1 0', user);
    expect((await bot.next(chat)).text).toBe(LESSON[language].prediction);
  });

  it('the same lesson typed in by hand gives the same answer', async () => {
    const { user, chat } = bot.member(language);
    await bot.say(user, chat, '0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1\n0 1 1 -> 0');
    const progress = await bot.say(user, chat, '/train');
    await bot.edited(progress, (text) => text.includes(inLanguage(language, '10.38041')));
    await nextPicture(bot, chat);
    expect((await bot.say(user, chat, '/predict 1, 1, 0')).text).toBe(LESSON[language].prediction);
  });
});
