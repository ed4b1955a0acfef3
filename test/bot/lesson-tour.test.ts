import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT, SCREEN_LIMIT } from '../../src/bot/kit/reply.js';
import type { PerceptronDoc } from '../../src/bot/kit/state/documents.js';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { evaluateModel } from '../../src/core/evaluate.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { numberFormatFor } from '../../src/core/number-format.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';
import type { FakeChat, FakeMessage } from '../../src/dev/fake-bot-api.js';
import { nextPicture } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { countIn, inLanguage } from '../helpers/texts.js';

let bot: TestBot;
let groups = -8000;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const rowsOf = (name: string) => (findExample(name) as { rows: Row[] }).rows;
const LESSON_ROWS = rowsOf('lesson');
const XOR_ROWS = rowsOf('xor');
const start = () => createModel(DEFAULT_SETTINGS, 3);
const trained = (rows: Row[], epochs: number) => trainModel(start(), rows, { epochs }).model;

/** What the perceptron should be after each stage of the tour, computed by the core. */
const EXPECTED: Record<number, { rows: Row[]; model: ModelState | undefined }> = {
  1: { rows: LESSON_ROWS, model: undefined },
  2: { rows: LESSON_ROWS, model: undefined },
  3: { rows: LESSON_ROWS, model: start() },
  4: { rows: LESSON_ROWS, model: start() },
  5: { rows: LESSON_ROWS, model: trained(LESSON_ROWS, 1) },
  6: { rows: LESSON_ROWS, model: trained(LESSON_ROWS, 20_000) },
  7: { rows: LESSON_ROWS, model: trained(LESSON_ROWS, 20_000) },
  8: { rows: XOR_ROWS, model: trained(XOR_ROWS, 20_000) },
};

const stored = (chat: FakeChat, member: Member) =>
  bot.app.deps.perceptrons.read(perceptronKey(chat.id, member.user.id));

function expectStage(doc: PerceptronDoc | undefined, stage: number): void {
  const expected = EXPECTED[stage];
  expect(doc?.rows, `rows after stage ${stage}`).toEqual(expected?.rows);
  expect(doc?.settings, `settings after stage ${stage}`).toEqual(DEFAULT_SETTINGS);
  expect(doc?.model, `model after stage ${stage}`).toEqual(expected?.model);
}

/** What each stage's message must show, beyond its own texts: the lesson's numbers. */
const SHOWN: Record<number, string[]> = {
  1: ['<pre>1│ 0 0 1 → 0\n2│ 1 1 1 → 1\n3│ 1 0 1 → 1\n4│ 0 1 1 → 0</pre>', '<tg-spoiler>'],
  3: ['<pre>w1 -0.16596\nw2  0.44065\nw3 -0.99977</pre>'],
  4: ['0×(-0.16596) + 0×0.44065 + 1×(-0.99977) = -0.99977', '(-0.99977) = 0.26899', '(-0.55912) = 0.36375'],
  5: ['w1 = -0.16596 + 1 × 0.28621 = 0.12025\nw2 = 0.44065 + 1 × 0.06391 = 0.50456'],
  6: ['3.20e-5', '<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>', '4│ 0 1 1 → 0  0.00554 ✓'],
  7: ['1×10.38041 + 1×(-0.20641) + 0×(-4.98452) = 10.17400', '(10.17400) = 0.99996'],
  8: ['1│ 0 0 1 → 0  0.5', '2│ 0 1 1 → 1  0.5'],
};

/** Each stage's opening and closing text, by stage from 1. */
const STAGE_TEXTS = ({ t, language }: Member): [string, string][] => [
  [t('lesson.table.text'), t('lesson.table.rule')],
  [t('lesson.neuron.text'), t('lesson.neuron.next')],
  [t('lesson.weights.text'), t('lesson.weights.next')],
  [t('lesson.forward.text'), t('lesson.forward.next')],
  [t('lesson.adjust.text'), t('lesson.adjust.next', { loss: inLanguage(language, '0.3099') })],
  [
    t('lesson.train.text', { first: inLanguage(language, '0.3099'), loss: inLanguage(language, '3.20e-5') }),
    t('lesson.train.next'),
  ],
  [t('lesson.predict.text'), t('lesson.predict.next')],
  [t('lesson.xor.text'), t('lesson.xor.next')],
];

describe.each(['en', 'ru'] as const)('/lesson for a member speaking %s', (language) => {
  it('walks through eight stages to xor, each leaving the perceptron in the state it describes', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    await bot.say(user, chat, '0.5 0.25 -> 1');
    await bot.say(user, chat, '/set seed 42');
    await bot.say(user, chat, '/set method genetic');
    await bot.say(user, chat, '/set target 0.01');
    let message = await bot.say(user, chat, '/lesson');
    expect(message.text).toContain(t('lesson.intro'));
    expect(message.text).toContain(t('lesson.replaces', { count: 1 }));
    expect((await stored(chat, member))?.rows).toEqual([{ inputs: [0.5, 0.25], output: 1 }]);
    let label = t('lesson.buttons.start');
    for (const [i, [opening, closing]] of STAGE_TEXTS(member).entries()) {
      const stage = i + 1;
      await bot.press(message, label, user);
      const shown = await nextStage(chat, stage);
      message = shown.buttons;
      const text = shown.text.text ?? '';
      expect(text.startsWith(opening), text).toBe(true);
      expect(text.endsWith(closing), text).toBe(true);
      for (const part of SHOWN[stage] ?? []) expect(text).toContain(inLanguage(language, part));
      expect(text.length).toBeLessThanOrEqual(stage === 5 ? SCREEN_LIMIT : MESSAGE_LIMIT);
      expectStage(await stored(chat, member), stage);
      label = stage < 8 ? t('lesson.buttons.next') : t('lesson.buttons.again');
      expect(
        bot.api
          .buttons(message)
          .map((b) => b.text)
          .at(-1),
      ).toBe(label);
      if (PICTURE_STAGES.includes(stage)) {
        expect(bot.api.buttons(shown.text)).toEqual([]);
        expectPicture(message, member, EXPECTED[stage]?.model as ModelState, EXPECTED[stage]?.rows ?? []);
      }
    }
    expect(message.caption).toContain(t('pictures.captionNotSeparable'));
    expect(evaluateModel(EXPECTED[8]?.model as ModelState, XOR_ROWS).separable).toBe(false);
  });

  it('can be left at any stage: after the weights /train gives the lesson’s answer, after one step /step goes on', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const intro = await bot.say(user, chat, '/lesson');
    await pressThrough(member, intro, 5);
    const step = await bot.say(user, chat, '/step');
    expect(step.text).toContain('<b>');
    const two = trained(LESSON_ROWS, 2);
    const afterStep = (await stored(chat, member))?.model;
    expect(afterStep?.weights).toEqual(two.weights);
    expect(afterStep?.lossHistory).toEqual(two.lossHistory);
    expect(afterStep?.continuedAt).toEqual([1]);
    const progress = await bot.say(user, chat, '/train 19998');
    await bot.edited(progress, (text) => text.includes(t('train.outputs')));
    await nextPicture(bot, chat);
    expect((await stored(chat, member))?.model?.weights).toEqual(trained(LESSON_ROWS, 20_000).weights);
    expect((await bot.say(user, chat, '/predict 1 1 0')).text).toContain(
      `<b>${inLanguage(language, '0.99996')}</b>`,
    );
  });

  it('[🔎 Show every row] under stage 5 works out all four rows, and changes nothing stored', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const messages = await pressThrough(member, await bot.say(user, chat, '/lesson'), 5);
    const adjust = messages[4] as FakeMessage;
    expect(adjust.text?.match(/^(?:<pre>)?(?:Row|Строка) \d+:/gm)).toHaveLength(1);
    expect(bot.api.buttons(adjust).map((b) => b.text)).toEqual([
      t('step.buttons.everyRow'),
      t('lesson.buttons.next'),
    ]);
    await bot.say(user, chat, '/step');
    const before = await stored(chat, member);
    await bot.press(adjust, t('step.buttons.everyRow'), user);
    const every = (await bot.next(chat)).text ?? '';
    expect(every.match(/^(?:<pre>)?(?:Row|Строка) \d+:/gm)).toHaveLength(4);
    expect(every).toContain(
      t('step.error', {
        target: '0',
        output: inLanguage(language, '0.36375'),
        error: inLanguage(language, '-0.36375'),
      }),
    );
    expect(every).toContain(inLanguage(language, 'w3 = -0.99977 + 1 × 0.14913 = -0.85064'));
    expect(await stored(chat, member)).toEqual(before);
  });

  it('an old [Next ▶️] button sets the stage it names, wherever the member has got to', async () => {
    const member = bot.member(language);
    const { user, chat, t } = member;
    const messages = await pressThrough(member, await bot.say(user, chat, '/lesson'), 7);
    expectStage(await stored(chat, member), 7);
    await bot.press(messages[2] as FakeMessage, t('lesson.buttons.next'), user);
    expect((await bot.next(chat)).text).toContain(t('lesson.forward.next'));
    expectStage(await stored(chat, member), 4);
  });
});

const PICTURE_STAGES = [6, 8];

/** A stage's message, and the message with its button: the picture that follows it after a training. */
async function nextStage(chat: FakeChat, stage: number) {
  const text = await bot.next(chat);
  return { text, buttons: PICTURE_STAGES.includes(stage) ? await nextPicture(bot, chat) : text };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG of the stage's perceptron, captioned with its loss and accuracy in the member's language. */
function expectPicture(message: FakeMessage, { t, language }: Member, model: ModelState, rows: Row[]): void {
  expect(bot.api.fileBytes(message).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const { loss, accuracy } = evaluateModel(model, rows);
  const n = countIn(language, 20_000);
  const vars = {
    loss: numberFormatFor(language).loss(loss),
    accuracy: Math.round(accuracy * 100),
    count: 20_000,
    n,
  };
  expect(message.caption).toContain(t('pictures.captionTrained', vars));
}

/** Presses through the tour from its introduction until `stage`; returns the stage messages in order. */
async function pressThrough({ user, chat, t }: Member, intro: FakeMessage, stage: number) {
  const messages: FakeMessage[] = [];
  let message = intro;
  for (let s = 1; s <= stage; s++) {
    await bot.press(message, t(s === 1 ? 'lesson.buttons.start' : 'lesson.buttons.next'), user);
    message = (await nextStage(chat, s)).buttons;
    messages.push(message);
  }
  return messages;
}

describe('the tour elsewhere', () => {
  it('/start offers it with a button', async () => {
    const { user, chat, t } = bot.member('ru');
    const welcome = await bot.say(user, chat, '/start');
    await bot.press(welcome, t('lesson.buttons.open'), user);
    const intro = await bot.next(chat);
    expect(intro.text).toContain(t('lesson.intro'));
    expect(intro.text).not.toContain('⚠️');
  });

  it('works in a group, where its buttons answer only the member who started it', async () => {
    const group = bot.api.group(--groups, 'Class', 'supergroup');
    const alice = bot.member('en');
    const boris = bot.member('ru');
    const intro = await bot.say(alice.user, group, '/lesson');
    expect(await bot.press(intro, alice.t('lesson.buttons.start'), boris.user)).toBe(
      boris.t('press.notYours'),
    );
    expect(await stored(group, boris)).toBeUndefined();
    const [, , weights] = await pressThrough({ ...alice, chat: group }, intro, 3);
    expect(weights?.reply_to_message).toBeDefined();
    expectStage(await stored(group, alice), 3);
    expect(await stored(group, boris)).toBeUndefined();
  });
});

describe('a bot whose limits do not allow 20,000 epochs', () => {
  let limited: TestBot;
  beforeAll(async () => {
    limited = await startTestBot({ env: { MAX_EPOCHS: '1000' } });
  });
  afterAll(() => limited.stop());

  it('ends the tour before the training, says why, and leaves the stage before it', async () => {
    const member = limited.member('ru');
    const { user, chat, t } = member;
    let message = await limited.say(user, chat, '/lesson');
    expect(message.text).toContain('1\u00a0000 эпох за одну команду /train');
    for (let s = 1; s <= 6; s++) {
      await limited.press(message, t(s === 1 ? 'lesson.buttons.start' : 'lesson.buttons.next'), user);
      message = await limited.next(chat);
    }
    expect(message.text).toBe(t('lesson.limited', { maxEpochs: '1\u00a0000', max: '160\u00a0000\u00a0000' }));
    const doc = await limited.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
    expect(doc?.model).toEqual(
      trainModel(createModel({ ...DEFAULT_SETTINGS, epochs: 1000 }, 3), LESSON_ROWS, { epochs: 1 }).model,
    );
    expect(doc?.settings.epochs).toBe(1000);
  });
});
