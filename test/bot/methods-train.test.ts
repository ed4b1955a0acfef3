import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/config.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelSettings, type TrainingMethod } from '../../src/core/types.js';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

// Trainings of the genetic algorithm go to the worker pool, whose first thread starts slowly on a busy machine.
const train = async ({ user, chat, t }: Member, command = '/train') =>
  bot.edited(await bot.say(user, chat, command), (text) => text.includes(t('train.outputs')), 30_000);

/** What the core gives for an example with these settings: the bot must say the same. */
function trainInCore(example: string, settings: Partial<ModelSettings>, epochs: number) {
  const rows = findExample(example)?.rows ?? [];
  const model = createModel({ ...DEFAULT_SETTINGS, ...settings }, rows[0]?.inputs.length ?? 0);
  return trainModel(model, rows, { epochs });
}

/** The weights as the result shows them, in the language's decimal mark. */
const weightsLine = (language: Language, weights: number[]) =>
  weights.map((w) => inLanguage(language, w.toFixed(5))).join('|');
const shownWeights = (text: string) =>
  [...(/<pre>(w1[^<]*)<\/pre>/.exec(text)?.[1] ?? '').matchAll(/-?\d+[.,]\d{5}/g)].map((m) => m[0]).join('|');

describe.each(['en', 'ru'] as const)(
  'training with each method, for a user whose Telegram speaks %s',
  (language) => {
    it.each<[TrainingMethod, LocaleKey]>([
      ['gd', 'methods.names.gd'],
      ['rprop', 'methods.names.rprop'],
      ['genetic', 'methods.names.genetic'],
    ])(
      '%s stops at the target loss and says at which epoch; the result names the method',
      async (method, name) => {
        const member = bot.member(language);
        const { user, chat, t } = member;
        await bot.say(user, chat, '/example lesson');
        await bot.say(user, chat, `/set method ${method}`);
        await bot.say(user, chat, '/set target 0.001');
        const result = await train(member);
        const expected = trainInCore('lesson', { method, target: 0.001 }, 20_000);
        expect(expected.reachedTarget).toBe(true);
        const epoch = countIn(language, expected.epochsRun);
        expect(result.text).toContain(
          t('methods.result.reachedTarget', { target: inLanguage(language, '0.001'), epoch }),
        );
        expect(result.text).toContain(t('methods.result.method', { method: t(name) }));
        expect(shownWeights(result.text ?? '')).toBe(weightsLine(language, expected.model.weights));
      },
    );

    it.each<TrainingMethod>(['gd', 'genetic'])(
      'with the step activation %s stops once every row is right, and says so',
      async (method) => {
        const member = bot.member(language);
        const { user, chat, t } = member;
        await bot.say(user, chat, '/example or');
        await bot.say(user, chat, '/set activation step');
        await bot.say(user, chat, `/set method ${method}`);
        await bot.say(user, chat, '/set target 0.001');
        const result = await train(member);
        const expected = trainInCore('or', { method, activation: 'step', target: 0.001 }, 20_000);
        const epoch = countIn(language, expected.epochsRun);
        expect(result.text).toContain(t('methods.result.reachedAllRight', { epoch }));
        expect(result.text).toContain(
          t('train.summary', { loss: inLanguage(language, '0.0000'), accuracy: 100 }),
        );
      },
    );

    it.each<TrainingMethod>(['rprop', 'genetic'])(
      '%s: "Train more" continues the same run: 30 then 20 epochs give the weights of 50',
      async (method) => {
        const member = bot.member(language);
        const { user, chat, t } = member;
        await bot.say(user, chat, '/example smileys');
        await bot.say(user, chat, `/set method ${method}`);
        const first = await train(member, '/train 30');
        await bot.say(user, chat, '/set epochs 20');
        await bot.press(first, t('buttons.trainMore'), user);
        const more = await bot.edited(await bot.next(chat), (text) => text.includes(t('train.outputs')));
        const whole = trainInCore('smileys', { method }, 50);
        expect(more.text).toContain(
          t('train.done', { epochsRun: t('units.epochs', { count: 20, n: '20' }), total: '50' }),
        );
        expect(shownWeights(more.text ?? '')).toBe(weightsLine(language, whole.model.weights));
      },
    );

    it.each<TrainingMethod>(['rprop', 'genetic'])(
      '%s explains data one neuron cannot separate',
      async (method) => {
        const member = bot.member(language);
        const { user, chat, t } = member;
        await bot.say(user, chat, '/example xor');
        await bot.say(user, chat, `/set method ${method}`);
        const result = await train(member, '/train 200');
        expect(result.text).toContain(t('train.notSeparable'));
        expect(result.text).toContain('✗');
      },
    );

    it('genetic: Stop keeps the weights and the population reached; /train continues that run', async () => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      await bot.say(user, chat, '/example lesson');
      await bot.say(user, chat, '/set method genetic');
      const progress = await bot.say(user, chat, '/train 100000');
      expect(await bot.press(progress, t('buttons.stop'), user)).toBe(t('train.stopping'));
      // Stopped while still waiting for a worker, the result says it never started, with no outputs.
      const isStopped = (text: string) =>
        text.includes(t('train.outputs')) || text.includes(t('lifecycle.notStarted'));
      const stopped = await bot.edited(progress, isStopped, 30_000);
      expect(stopped.text).toContain(t('methods.result.method', { method: t('methods.names.genetic') }));
      const reached = Number(
        (/(\d[\d,\u00a0]*)/.exec(stopped.text ?? '')?.[1] ?? '').replace(/[,\u00a0]/g, ''),
      );
      expect(reached).toBeLessThan(100_000);
      const more = await train(member, '/train 10');
      const whole = trainInCore('lesson', { method: 'genetic' }, reached + 10);
      expect(shownWeights(more.text ?? '')).toBe(weightsLine(language, whole.model.weights));
    });

    it('/reset starts a new run: the same weights as a first training', async () => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      await bot.say(user, chat, '/example smileys');
      await bot.say(user, chat, '/set method rprop');
      await train(member, '/train 25');
      expect((await bot.say(user, chat, '/reset')).text).toBe(t('reset.done', { seed: 1 }));
      const again = await train(member, '/train 25');
      expect(shownWeights(again.text ?? '')).toBe(
        weightsLine(language, trainInCore('smileys', { method: 'rprop' }, 25).model.weights),
      );
    });

    it('genetic names the population in the cost of a training too large', async () => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      await bot.say(user, chat, '/example lesson');
      await bot.say(user, chat, '/set method genetic');
      await bot.say(user, chat, '/set population 200');
      const refused = await bot.say(user, chat, '/train 100000');
      const fit = Math.floor(160_000_000 / (4 * 3 * 200));
      expect(refused.text).toBe(
        t('methods.tooCostly', {
          population: 200,
          rows: t('units.rows', { count: 4, n: '4' }),
          inputs: t('units.inputs', { count: 3, n: '3' }),
          epochs: t('units.epochs', { count: 100_000, n: countIn(language, 100_000) }),
          fit: t('units.epochs', { count: fit, n: countIn(language, fit) }),
          fitNumber: fit,
          max: countIn(language, 160_000_000),
        }),
      );
    });
  },
);
