import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { trainWithMilestones } from '../../src/core/milestones.js';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type ModelSettings, type TrainingMethod } from '../../src/core/types.js';
import type { FakeChat } from '../../src/dev/fake-bot-api.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const isTable = (text: string) => text.includes('</pre>');
// Part of the comparison trains on the worker pool, whose first thread starts slowly on a busy machine.
const compare = async (member: Member, chat: FakeChat, command: string) => {
  const running = await bot.say(member.user, chat, command);
  return { running, table: await bot.edited(running, isTable, 30_000) };
};

/** The core's numbers for one method: the table must show the same epochs and loss. */
function expectedRow(
  example: string,
  settings: Partial<ModelSettings>,
  method: TrainingMethod,
  epochs: number,
) {
  const rows = findExample(example)?.rows ?? [];
  const model = createModel({ ...DEFAULT_SETTINGS, ...settings, method }, rows[0]?.inputs.length ?? 0);
  const milestones = [{ allRight: true }, ...(settings.target ? [{ loss: settings.target }] : [])];
  return trainWithMilestones(model, rows, { epochs, stop: false }, milestones);
}

/** A loss in the table: always in exponent form with the language's decimal mark, zero as 0. */
const lossPattern = (language: 'en' | 'ru') =>
  language === 'en' ? /^\d\.\d{2}e[-+]\d+$|^0$/ : /^\d,\d{2}e[-+]\d+$|^0$/;

/** The cells of the table's row for `method`, split on the column gaps. */
function rowOf(text: string, method: string): string[] {
  const pre = /<pre>([\s\S]*)<\/pre>/.exec(text)?.[1] ?? '';
  const line = pre.split('\n').find((l) => l.startsWith(`${method} `)) ?? '';
  return line.split(/ {2,}/);
}

describe.each(['en', 'ru'] as const)('/compare for a user whose Telegram speaks %s', (language) => {
  it('races the three methods from the seed’s weights in one message, leaving the perceptron unchanged', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    await bot.say(user, chat, '/set target 0.001');
    const trained = await bot.say(user, chat, '/train 500');
    await bot.edited(trained, (text) => text.includes(t('train.outputs')), 30_000);
    const before = {
      weights: (await bot.say(user, chat, '/weights')).text,
      settings: (await bot.say(user, chat, '/settings')).text,
    };
    const vars = {
      rows: t('units.rows', { count: 4, n: '4' }),
      epochs: t('units.epochs', { count: 2000, n: countIn(language, 2000) }),
      seed: 1,
    };
    const { running, table } = await compare(member, chat, '/compare 2000');
    expect(running.text).toBe(t('methods.compare.running', vars));
    const text = table.text ?? '';
    expect(text.startsWith(`${t('methods.compare.title', vars)}\n<pre>`)).toBe(true);
    expect(text).toContain(`${t('methods.compare.legendAllRight')} ${t('methods.compare.legendTarget')}`);
    const header = [
      t('methods.compare.method'),
      '100%',
      t('methods.compare.target', { target: inLanguage(language, '0.001') }),
      t('methods.compare.loss'),
      t('methods.compare.time'),
    ];
    expect(rowOf(text, t('methods.compare.method'))).toEqual(header);
    for (const method of ['gd', 'rprop', 'genetic'] as const) {
      const core = expectedRow('lesson', { target: 0.001 }, method, 2000);
      const epoch = (at: number | null | undefined) =>
        at === null || at === undefined ? '—' : countIn(language, at);
      const [name, allRight, target, loss, time] = rowOf(text, method);
      expect([name, allRight, target]).toEqual([method, epoch(core.reachedAt[0]), epoch(core.reachedAt[1])]);
      expect(loss).toMatch(lossPattern(language));
      expect(time).toMatch(
        new RegExp(`^${t('methods.compare.ms', { n: language === 'en' ? '[\\d.]+' : '[\\d,]+' })}$`),
      );
    }
    expect(bot.api.buttons(table)).toEqual([]);
    expect((await bot.say(user, chat, '/weights')).text).toBe(before.weights);
    expect((await bot.say(user, chat, '/settings')).text).toBe(before.settings);
  });

  it('with the step activation, rprop sits out and the table says why', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example or');
    await bot.say(user, chat, '/set activation step');
    const { table } = await compare(member, chat, '/compare 300');
    expect(table.text).toContain(t('methods.compare.noGradient'));
    expect(rowOf(table.text ?? '', 'rprop')).toEqual(['']);
    // No target column, so the legend explains none; its losses share one form all the same.
    expect(table.text).not.toContain(t('methods.compare.legendTarget'));
    for (const method of ['gd', 'genetic'])
      expect(rowOf(table.text ?? '', method)[2]).toMatch(lossPattern(language));
    expect(rowOf(table.text ?? '', 'gd')[1]).toBe(
      countIn(language, expectedRow('or', { activation: 'step' }, 'gd', 300).reachedAt[0] ?? -1),
    );
  });

  it('refuses bad epochs, no data and a comparison beyond the compute budget', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    expect((await bot.say(user, chat, '/compare')).text).toBe(t('train.noData'));
    await bot.say(user, chat, '/example lesson');
    const max = countIn(language, 100_000);
    for (const bad of ['many', '2.5', '20,000'])
      expect((await bot.say(user, chat, `/compare ${bad}`)).text).toBe(
        t('methods.compare.badEpochs', { token: bad, max }),
      );
    for (const tooFew of ['0', '-3'])
      expect((await bot.say(user, chat, `/compare ${tooFew}`)).text).toBe(
        t('methods.compare.tooFewEpochs', { max }),
      );
    const tooMany = t('units.epochs', { count: 100_001, n: countIn(language, 100_001) });
    expect((await bot.say(user, chat, '/compare 100001')).text).toBe(
      t('methods.compare.tooManyEpochs', { epochs: tooMany, max }),
    );
    await bot.say(user, chat, '/set population 200');
    // 4 rows x 3 inputs x (gd 1 + rprop 1 + genetic 200) = 2,424 per epoch.
    const fit = Math.floor(160_000_000 / 2424);
    expect((await bot.say(user, chat, '/compare 100000')).text).toBe(
      t('methods.compare.tooCostly', {
        work: countIn(language, 2424 * 100_000),
        epochs: t('units.epochs', { count: 100_000, n: countIn(language, 100_000) }),
        population: 200,
        fit: t('units.epochs', { count: fit, n: countIn(language, fit) }),
        fitNumber: fit,
        max: countIn(language, 160_000_000),
      }),
    );
  });

  it('stops on its Stop button and says so; the perceptron is still unchanged', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const weights = (await bot.say(user, chat, '/weights')).text;
    const running = await bot.say(user, chat, '/compare 100000');
    expect(await bot.press(running, t('methods.buttons.stop'), user)).toBe(t('train.stopping'));
    const table = await bot.edited(running, isTable, 30_000);
    expect(table.text).toContain(t('methods.compare.stopped'));
    expect((await bot.say(user, chat, '/weights')).text).toBe(weights);
    // A Stop from an old client, after the table replaced the button, stops nothing.
    const data = bot.api.buttons(running)[0]?.callback_data ?? '';
    expect(await bot.pressRaw(table, data, user)).toBe(t('press.stale'));
  });
});

describe('/compare in a group', () => {
  it('answers with one message, edited once into the table, and keeps members apart', async () => {
    const group = bot.api.group(-7100, 'Class', 'supergroup');
    const alice = bot.member('en');
    const boris = bot.member('ru');
    await bot.say(alice.user, group, '/example lesson');
    await bot.say(boris.user, group, '/add 0 1 -> 1');
    const callsBefore = bot.api.calls.length;
    const { running, table } = await compare(alice, group, '/compare 3000');
    await bot.settle();
    const inGroup = (method: string) =>
      bot.api.calls
        .slice(callsBefore)
        .filter((call) => call.method === method && Number(call.payload.chat_id) === group.id);
    expect(inGroup('sendMessage')).toHaveLength(1);
    expect(inGroup('editMessageText')).toHaveLength(1);
    expect(running.reply_to_message?.from?.id).toBe(alice.user.id);
    expect(table.text).toContain(
      alice.t('methods.compare.title', { rows: '4 rows', epochs: '3,000 epochs', seed: 1 }),
    );
    expect((await bot.say(boris.user, group, '/data')).text).toContain('<pre>1│ 0 1 → 1</pre>');
  });
});
