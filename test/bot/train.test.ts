import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../src/dev/fake-bot-api.js';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { isTrainingResult as isResult, nextPicture, sendWideRows } from '../helpers/datasets.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

describe.each(['en', 'ru'] as const)('/train for a user whose Telegram speaks %s', (language) => {
  it('shows a progress message with a bar and a Stop button, which becomes the result', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const progress = await bot.say(user, chat, '/train');
    const epochs = countIn(member.language, 20_000);
    expect(progress.text).toBe(
      t('train.progress', { bar: '░░░░░░░░░░', percent: 0, epoch: '0', epochs, loss: '—' }),
    );
    expect(bot.api.buttons(progress).map((b) => b.text)).toEqual([t('buttons.stop')]);
    const result = await bot.edited(progress, isResult(member));
    await bot.settle();
    const final = bot.api.messages(chat.id).find((m) => m.message_id === progress.message_id);
    expect(final?.text).toBe(result.text);
    expect(final?.text).toContain(
      t('train.done', { epochsRun: t('units.epochs', { count: 20_000, n: epochs }), total: epochs }),
    );
    expect(final?.text).toContain(
      t('train.summary', { loss: inLanguage(language, '3.20e-5'), accuracy: 100 }),
    );
    expect(final?.text).toContain(inLanguage(language, '<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>'));
    expect(final?.text).toContain(inLanguage(language, '1│ 0 0 1 → 0  0.00680 ✓'));
    expect(bot.api.buttons(final as FakeMessage).map((b) => b.text)).not.toContain(t('buttons.stop'));
  });

  it('a Stop pressed after the training ended is refused as stale', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const progress = await bot.say(user, chat, '/train');
    const stop = bot.api.buttons(progress)[0]?.callback_data ?? '';
    await bot.edited(progress, isResult(member));
    await nextPicture(bot, chat);
    expect(await bot.pressRaw(progress, stop, user)).toBe(t('press.stale'));
    expect((await bot.say(user, chat, '/stop')).text).toBe(t('train.nothingToStop'));
  });

  it('/example xor then /train says that one neuron cannot separate it', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example xor');
    const progress = await bot.say(user, chat, '/train');
    const result = await bot.edited(progress, isResult(member));
    expect(result.text).toContain(t('train.notSeparable'));
    expect(result.text).not.toContain(
      t('train.summary', { loss: inLanguage(language, '0.0000'), accuracy: 100 }),
    );
  });

  it('/train again continues from the weights reached: the epochs in all grow', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const n = (count: number) => countIn(member.language, count);
    const epochs = (count: number) => t('units.epochs', { count, n: n(count) });
    const train = async (command: string) => {
      const result = await bot.edited(await bot.say(user, chat, command), isResult(member));
      await nextPicture(bot, chat);
      return result;
    };
    await bot.say(user, chat, '/example lesson');
    await train('/train');
    const second = await train('/train');
    expect(second.text).toContain(t('train.done', { epochsRun: epochs(20_000), total: n(40_000) }));
    const third = await train('/train 500');
    expect(third.text).toContain(t('train.done', { epochsRun: epochs(500), total: n(40_500) }));
    expect((await bot.say(user, chat, '/weights')).text).toContain(
      t('weights.title', { seed: 1, epochs: epochs(40_500) }),
    );
  });

  it('/reset goes back to the weights from the seed, and /train then repeats the first result', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const train = async (command: string) => {
      const result = await bot.edited(await bot.say(user, chat, command), isResult(member));
      await nextPicture(bot, chat);
      return result;
    };
    await bot.say(user, chat, '/example lesson');
    const first = await train('/train');
    await train('/train 3000');
    expect((await bot.say(user, chat, '/reset')).text).toBe(t('reset.done', { seed: 1 }));
    const weights = await bot.say(user, chat, '/weights');
    expect(weights.text).toContain(
      t('weights.title', { seed: 1, epochs: t('units.epochs', { count: 0, n: '0' }) }),
    );
    expect(weights.text).toContain(
      inLanguage(language, '<pre>w1 -0.16596\nw2  0.44065\nw3 -0.99977</pre>\n'),
    );
    const again = await train('/train');
    expect(again.text).toBe(first.text);
  });

  it.each([
    ['abc', 'abc'],
    ['1.5', '1.5'],
    ['20,000', '20,000'],
  ])('/train %s says it is not a whole number of epochs, and the range', async (argument, token) => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const reply = await bot.say(user, chat, `/train ${argument}`);
    expect(reply.text).toBe(t('train.badEpochs', { token, max: countIn(member.language, 100_000) }));
    expect((await bot.say(user, chat, '/weights')).text).toBe(t('weights.none'));
  });

  it.each([
    ['100001', 100_001],
    ['999999999', 999_999_999],
    ['1e20', 1e20],
  ])(
    '/train %s says first that it is too many epochs for one training, then the range',
    async (argument, n) => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      await bot.say(user, chat, '/example lesson');
      const reply = await bot.say(user, chat, `/train ${argument}`);
      const epochs = t('units.epochs', { count: n, n: countIn(language, n) });
      expect(reply.text).toBe(t('train.tooManyEpochs', { epochs, max: countIn(language, 100_000) }));
      expect(reply.text?.startsWith(epochs)).toBe(true);
      expect(reply.text).not.toContain(t('train.badEpochs', { token: argument, max: '' }).split('.')[0]);
      expect((await bot.say(user, chat, '/weights')).text).toBe(t('weights.none'));
    },
  );

  it.each(['0', '-5'])('/train %s says that a training runs at least one epoch', async (argument) => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const reply = await bot.say(user, chat, `/train ${argument}`);
    expect(reply.text).toBe(t('train.tooFewEpochs', { max: countIn(language, 100_000) }));
  });

  it('/train over the cost limit says how many epochs would fit', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const reply = await bot.say(user, chat, '/train 60000');
    const units = (key: LocaleKey, count: number) => t(key, { count, n: countIn(member.language, count) });
    expect(reply.text).toBe(
      t('train.tooCostly', {
        rows: units('units.rows', 100),
        inputs: units('units.inputs', 32),
        epochs: units('units.epochs', 60_000),
        max: countIn(member.language, 160_000_000),
        fit: units('units.epochs', 50_000),
        fitNumber: 50_000,
      }),
    );
    expect(reply.text).toContain(language === 'ru' ? 'больше 160\u00a0000\u00a0000' : 'is over 160,000,000');
  });

  it('a result over many rows shows the first 16 and points to /data for the rest', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const result = await bot.edited(await bot.say(user, chat, '/train 10'), isResult(member));
    expect(result.text).toMatch(/^16│ /m);
    expect(result.text).not.toMatch(/^17│ /m);
    expect(result.text).toContain(t('train.moreRows', { count: 84 }));
  });

  it('/train without rows, and /stop with nothing training, say so', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/train')).text).toBe(t('train.noData'));
    expect((await bot.say(user, chat, '/stop')).text).toBe(t('train.nothingToStop'));
  });
});
