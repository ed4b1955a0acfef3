import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT, SCREEN_LIMIT } from '../../src/bot/kit/reply.js';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { evaluateModel } from '../../src/core/evaluate.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { numberFormatFor } from '../../src/core/number-format.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type Row } from '../../src/core/types.js';
import type { FakeChat } from '../../src/dev/fake-bot-api.js';
import { nextPicture, sendWideRows } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage } from '../helpers/texts.js';

let bot: TestBot;
let groups = -7000;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;
const stored = (chat: FakeChat, member: Member) =>
  bot.app.deps.perceptrons.read(perceptronKey(chat.id, member.user.id));
const buttonsOf = (message: Parameters<TestBot['api']['buttons']>[0]) =>
  bot.api.buttons(message).map((b) => b.text);
/** The rows a step works out in full: the first line of each, `Row 1: 0 0 1 → 0`. */
const workedRows = (text: string) =>
  (text.match(/^(?:<pre>)?(?:Row|Строка) \d+:.*$/gm) ?? []).map((line) => line.replace('<pre>', ''));

/** The lesson's numbers for its first epoch (numpy's, rounded as the bot prints them). */
const FIRST_EPOCH_WEIGHTS = [
  'w1 = -0.16596 + 1 × 0.28621 = 0.12025',
  'w2 = 0.44065 + 1 × 0.06391 = 0.50456',
  'w3 = -0.99977 + 1 × 0.14913 = -0.85064',
].join('\n');

describe.each(['en', 'ru'] as const)('/step for a member speaking %s', (language) => {
  const marked = (text: string) => inLanguage(language, text);

  it('works out the lesson’s first epoch with numpy’s numbers and stores it like one epoch of /train', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const step = await bot.say(user, chat, '/step');
    const text = step.text ?? '';
    expect(text).toContain(t('step.forward', { activation: t('activation.sigmoid') }));
    expect(text).toContain(
      t('step.row', { n: 1, inputs: '0 0 1', target: '0' }) +
        '\n' +
        t('step.sum', { formula: marked('0×(-0.16596) + 0×0.44065 + 1×(-0.99977) = -0.99977') }),
    );
    expect(text).toContain(
      t('step.termSigmoid', {
        error: marked('-0.26899'),
        output: marked('0.26899'),
        term: marked('-0.05289'),
      }),
    );
    expect(text).toContain(`<pre>${marked(FIRST_EPOCH_WEIGHTS)}</pre>`);
    expect(text).toContain(
      t('step.footer', { loss: marked('0.3099'), total: t('units.epochs', { count: 1, n: '1' }) }),
    );
    expect(buttonsOf(step)).toEqual([
      t('step.buttons.everyRow'),
      t('step.buttons.next'),
      t('step.buttons.more'),
      t('pictures.button'),
    ]);
    const doc = await stored(chat, member);
    const once = trainModel(createModel(DEFAULT_SETTINGS, 3), lessonRows, { epochs: 1 }).model;
    expect(doc?.model).toEqual(once);
    expect(doc?.model?.lossHistory).toEqual([{ epoch: 1, loss: expect.closeTo(0.30994585, 8) }]);
  });

  it('fits a phone’s screen: one row in full, a table of the others, and [🔎 Show every row] for all', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '/example lesson');
    const step = await bot.say(user, chat, '/step');
    const text = step.text ?? '';
    expect(text.length).toBeLessThanOrEqual(SCREEN_LIMIT);
    expect(workedRows(text)).toEqual([t('step.row', { n: 1, inputs: '0 0 1', target: '0' })]);
    expect(text).toContain(`${t('step.others')}\n<pre>`);
    const cells = (...numbers: string[]) => numbers.map((n) => marked(n).replace(/[.-]/g, '\\$&')).join(' +');
    expect(text).toMatch(new RegExp(`^2 +${cells('0.32628', '0.67372', '0.14810')}$`, 'm'));
    expect(text).toMatch(new RegExp(`^4 +${cells('0.36375', '-0.36375', '-0.08419')}(</pre>)?$`, 'm'));
    await bot.press(step, t('step.buttons.everyRow'), user);
    const every = (await bot.next(chat)).text ?? '';
    expect(workedRows(every)).toHaveLength(4);
    expect(every).toContain(
      t('step.error', { target: '1', output: marked('0.32628'), error: marked('0.67372') }),
    );
    expect(every).toContain(`<pre>${marked(FIRST_EPOCH_WEIGHTS)}</pre>`);
    expect(every).not.toContain(t('step.others'));
    // After another epoch the old message's button would show a past epoch: it says it has expired.
    await bot.press(step, t('step.buttons.next'), user);
    await bot.next(chat);
    expect(await bot.press(step, t('step.buttons.everyRow'), user)).toBe(t('press.stale'));
  });

  it('[⏭ Next epoch] and [⏩ 10 more] go on, and leave the weights of /train with as many epochs', async () => {
    const stepper = bot.member(language);
    const { user, chat, t } = stepper;
    await bot.say(user, chat, '/example lesson');
    const rows = t('units.rows', { count: 4, n: '4' });
    const title = (epoch: number) =>
      t('step.title', { epoch, activation: t('activation.sigmoid'), lr: '1', rows });
    let step = await bot.say(user, chat, '/step');
    await bot.press(step, t('step.buttons.next'), user);
    step = await bot.next(chat);
    expect(step.text).toContain(title(2));
    for (const epoch of [12, 22]) {
      await bot.press(step, t('step.buttons.more'), user);
      step = await bot.next(chat);
      const skipped = t('step.skipped', { epochs: t('units.epochs', { count: 9, n: '9' }) });
      expect(step.text).toMatch(new RegExp(`^${skipped}\\n${title(epoch).replace(/[()]/g, '\\$&')}\\n`));
    }
    await bot.press(step, t('step.buttons.next'), user);
    await bot.next(chat);
    const stepped = (await stored(chat, stepper))?.model;
    expect(stepped?.epochsTrained).toBe(23);

    const trainer = bot.member(language);
    await bot.say(trainer.user, trainer.chat, '/example lesson');
    const progress = await bot.say(trainer.user, trainer.chat, '/train 23');
    await bot.edited(progress, (text) => text.includes(trainer.t('train.outputs')));
    const trained = (await stored(trainer.chat, trainer))?.model;
    expect(stepped?.weights).toEqual(trained?.weights);
    expect(stepped?.lossHistory).toEqual(trained?.lossHistory);
    expect(stepped?.weights).toEqual(
      trainModel(createModel(DEFAULT_SETTINGS, 3), lessonRows, { epochs: 23 }).model.weights,
    );
  });

  it('[📈 Picture] under a step draws the perceptron the step left', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const step = await bot.say(user, chat, '/step');
    await bot.press(step, t('pictures.button'), user);
    const photo = await nextPicture(bot, chat);
    expect(bot.api.fileBytes(photo).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    const model = trainModel(createModel(DEFAULT_SETTINGS, 3), lessonRows, { epochs: 1 }).model;
    const { loss, accuracy } = evaluateModel(model, lessonRows);
    const vars = {
      loss: numberFormatFor(language).loss(loss),
      accuracy: Math.round(accuracy * 100),
      count: 1,
      n: '1',
    };
    expect(photo.caption).toContain(t('pictures.captionTrained', vars));
  });

  it('shows the perceptron rule for the step activation', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, '/example and');
    await bot.say(user, chat, '/set activation step');
    const text = (await bot.say(user, chat, '/step')).text ?? '';
    expect(text).toContain(t('step.deltaStep'));
    const out = { activation: t('activation.step'), sum: marked('-0.99977'), output: '0' };
    expect(text).toContain(t('step.out', out));
    expect(text).toContain(t('step.termStep', { term: marked('0.00000') }));
    expect(text).not.toContain(t('step.deltaSigmoid'));
  });

  it('says what to do when there are no rows, or when a number follows /step', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    expect((await bot.say(user, chat, '/step')).text).toBe(t('step.noData'));
    await bot.say(user, chat, '/example lesson');
    expect((await bot.say(user, chat, '/step 5')).text).toBe(t('step.noArgument'));
    await bot.say(user, chat, '/set method rprop');
    const method = t('methods.names.rprop');
    expect((await bot.say(user, chat, '/step')).text).toBe(t('step.otherMethod', { method }));
    expect((await stored(chat, member))?.model).toBeUndefined();
  });

  it('does its epoch even past a target loss the weights have reached, as asked', async () => {
    const member = bot.member(language);
    const { user, chat } = member;
    await bot.say(user, chat, '/example lesson');
    await bot.say(user, chat, '/set target 0.5');
    const step = await bot.say(user, chat, '/step');
    await bot.press(step, member.t('step.buttons.more'), user);
    await bot.next(chat);
    const model = (await stored(chat, member))?.model;
    expect(model?.epochsTrained).toBe(11);
    expect(model?.weights).toEqual(
      trainModel(createModel(DEFAULT_SETTINGS, 3), lessonRows, { epochs: 11 }).model.weights,
    );
  });

  it('keeps the weights when the learning rate is too large for the data, and says so', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '1e308 -> 1');
    await bot.say(user, chat, '/set activation step');
    await bot.say(user, chat, '/set lr 100');
    const text = (await bot.say(user, chat, '/step')).text ?? '';
    expect(text).toContain(t('step.diverged'));
    expect(text).toContain('= Infinity');
    const model = (await stored(chat, member))?.model;
    expect(model?.epochsTrained).toBe(0);
    expect(model?.weights).toEqual(model?.initialWeights);
    expect(Number.isFinite(model?.weights[0])).toBe(true);
  });

  it('fits a phone’s screen for 100 rows of 32 inputs, and one message with every row it can show', async () => {
    const member = bot.member(language);
    await sendWideRows(bot, member);
    const step = await bot.say(member.user, member.chat, '/step');
    expect(step.text?.length).toBeLessThanOrEqual(SCREEN_LIMIT);
    const rowLabel = (n: number) => `\n${member.t('step.row', { n, inputs: '', target: '' }).split(':')[0]}:`;
    expect(step.text).toMatch(new RegExp(`<pre>${rowLabel(1).slice(1)}`));
    expect(step.text).not.toContain(rowLabel(2));
    await bot.press(step, member.t('step.buttons.everyRow'), member.user);
    const every = await bot.next(member.chat);
    expect(every.text?.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(every.text).toContain(rowLabel(8));
    expect(every.text).not.toContain(rowLabel(9));
    expect(every.text).toContain(member.t('step.moreRows', { count: 92 }));
    // 100 × 32 cells are past the runner's inline limit: this epoch ran on a worker thread.
    const doc = await stored(member.chat, member);
    const fresh = createModel(doc?.settings ?? DEFAULT_SETTINGS, 32);
    expect(doc?.model).toEqual(trainModel(fresh, doc?.rows ?? [], { epochs: 1 }).model);
  });
});

describe('/step in a group', () => {
  it('answers only the member whose button it is, and steps that member’s perceptron only', async () => {
    const group = bot.api.group(--groups, 'Class', 'supergroup');
    const alice = bot.member('en');
    const boris = bot.member('ru');
    await bot.say(alice.user, group, '/add 0 0 1 -> 0\n1 1 1 -> 1');
    const step = await bot.say(alice.user, group, '/step');
    expect(step.reply_to_message).toBeDefined();
    expect(await bot.press(step, alice.t('step.buttons.next'), boris.user)).toBe(boris.t('press.notYours'));
    expect(await bot.press(step, alice.t('pictures.button'), boris.user)).toBe(boris.t('press.notYours'));
    expect((await stored(group, alice))?.model?.epochsTrained).toBe(1);
    expect(await stored(group, boris)).toBeUndefined();
    await bot.press(step, alice.t('step.buttons.next'), alice.user);
    expect((await bot.next(group)).text).toContain('<b>Epoch 2</b>');
    expect((await stored(group, alice))?.model?.epochsTrained).toBe(2);
  });
});

describe('/step on a bot with a low work limit', () => {
  let small: TestBot;
  beforeAll(async () => {
    small = await startTestBot({ env: { MAX_TRAINING_COST: '100' } });
  });
  afterAll(() => small.stop());

  it('[⏩ 10 more] says which limit it would pass, and changes nothing; one step still fits', async () => {
    const member = small.member('ru');
    const { user, chat, t } = member;
    await small.say(user, chat, '/example lesson');
    const step = await small.say(user, chat, '/step');
    await small.press(step, t('step.buttons.more'), user);
    const refusal = await small.next(chat);
    expect(refusal.text).toBe(
      t('step.tooCostly', {
        epochs: '10 эпох',
        rows: '4 строки',
        inputs: '3 входа',
        maxEpochs: '100\u00a0000',
        max: '100',
      }),
    );
    const doc = await small.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
    expect(doc?.model?.epochsTrained).toBe(1);
  });
});
