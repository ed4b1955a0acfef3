import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrainingResult as isResult, sendWideRows } from '../helpers/datasets.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn } from '../helpers/texts.js';

// The largest training the limits allow: 100 rows × 32 inputs × 312,500 epochs = 10⁹ multiply-adds.
const LONG_EPOCHS = 312_500;
const SLOW = 20_000;
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { MAX_EPOCHS: '1000000', MAX_TRAINING_COST: '1000000000' } });
});
afterAll(() => bot.stop());

describe('a long training (about 10⁹ multiply-adds)', () => {
  it('/train while training says so, with a Stop button that stops it', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const progress = await bot.say(user, chat, `/train ${LONG_EPOCHS}`);
    const busy = await bot.say(user, chat, '/train');
    expect(busy.text).toBe(t('train.alreadyRunning'));
    expect(bot.api.buttons(busy).map((b) => b.text)).toEqual([t('buttons.stop')]);
    expect(await bot.press(busy, t('buttons.stop'), user)).toBe(t('train.stopping'));
    const result = await bot.edited(progress, isResult(member), SLOW);
    expect(result.text).toMatch(/^⏹ Stopped after [\d,]+ of 312,500 epochs/);
  });

  it('edits its progress message in place, with a bar and a Stop button, until the result', async () => {
    const member = bot.member('ru');
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const progress = await bot.say(user, chat, `/train ${LONG_EPOCHS}`);
    await bot.edited(progress, isResult(member), SLOW);
    const edits = bot.api.calls.filter(
      (call) =>
        call.method === 'editMessageText' &&
        call.payload.chat_id === chat.id &&
        call.payload.message_id === progress.message_id &&
        call.answer?.ok,
    );
    const moving = edits.filter((call) => /^🧠 Учусь… ▓+░* [1-9]\d?%\n/.test(String(call.payload.text)));
    expect(moving.length).toBeGreaterThan(0);
    for (const call of moving) {
      expect(call.payload.text).toMatch(/\nэпоха [\d\u00a0]+ из 312\u00a0500, потери \d/);
      expect(JSON.stringify(call.payload.reply_markup)).toContain(t('buttons.stop'));
    }
    expect(edits.at(-1)?.payload.text).toContain(
      t('train.done', {
        epochsRun: t('units.epochs', { count: LONG_EPOCHS, n: countIn('ru', LONG_EPOCHS) }),
        total: countIn('ru', LONG_EPOCHS),
      }),
    );
  });

  it('Stop on the progress message keeps the weights reached, and /train continues from them', async () => {
    const member = bot.member('ru');
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const progress = await bot.say(user, chat, `/train ${LONG_EPOCHS}`);
    expect(await bot.press(progress, t('buttons.stop'), user)).toBe(t('train.stopping'));
    const stopped = await bot.edited(progress, isResult(member), SLOW);
    const match = /^⏹ Остановлено, эпох пройдено: ([\d\u00a0]+) из 312\u00a0500;/.exec(stopped.text ?? '');
    expect(match).not.toBeNull();
    const reached = Number(match?.[1]?.replaceAll('\u00a0', ''));
    expect(reached).toBeLessThan(LONG_EPOCHS);
    const more = await bot.edited(await bot.say(user, chat, '/train 10'), isResult(member), SLOW);
    const total = countIn('ru', reached + 10);
    expect(more.text).toContain(
      t('train.done', { epochsRun: t('units.epochs', { count: 10, n: '10' }), total }),
    );
  });

  it('/set, /example, /reset, /del and /clear wait until the training is stopped, offering [Stop]', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const progress = await bot.say(user, chat, `/train ${LONG_EPOCHS}`);
    for (const command of ['/set lr 0.5', '/example lesson', '/reset', '/del 1', '/clear']) {
      const answer = await bot.say(user, chat, command);
      expect(answer.text, command).toBe(t('settings.busy'));
      expect(bot.api.buttons(answer).map((b) => b.text)).toEqual([t('buttons.stop')]);
    }
    bot.api.sendText(chat, user, '/stop');
    await bot.edited(progress, isResult(member), SLOW);
  });
});
