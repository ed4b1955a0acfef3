import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { Row } from '../../src/core/types.js';
import { trainUntilResult } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const stored = async ({ chat, user }: Member): Promise<Row[] | undefined> =>
  (await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id)))?.rows;

/** The rows of a /data answer as a member would copy them: each line without its number. */
const copiedRows = (text: string) =>
  (/<pre>([\s\S]*)<\/pre>/.exec(text)?.[1] ?? '')
    .split('\n')
    .map((line) => line.replace(/^\s*\d+│ /, ''))
    .join('\n');

/** Lines with their spaces squeezed: what they say, not how they are aligned. */
const words = (text: string) => text.split('\n').map((line) => line.trim().replace(/ +/g, ' '));

/** /clear, confirmed. */
async function clear({ user, chat, t }: Member): Promise<void> {
  await bot.press(await bot.say(user, chat, '/clear'), t('buttons.yesClear'), user);
  await bot.next(chat);
}

const HALVES = '0.5 1 1 -> 0.5\n0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1\n0 1 1 -> 0';

describe('numbers a Russian member reads', () => {
  it('have a decimal comma in /predict, /weights, /step, /data and the training’s result', async () => {
    const member = bot.member('ru');
    const { user, chat } = member;
    await bot.say(user, chat, HALVES);
    const step = (await bot.say(user, chat, '/step')).text ?? '';
    expect(step).toContain('Строка 1: 0,5 1 1 → 0,5');
    expect(step).toContain('0,5×(-0,16596) + 1×0,44065 + 1×(-0,99977) = -0,64210');
    expect(step).toMatch(/Потери этой эпохи: 0,\d{4}\./);
    expect((await bot.say(user, chat, '/data')).text).toContain('<pre>1│ 0,5   1   1 → 0,5\n');
    const result = (await trainUntilResult(bot, member)).text ?? '';
    expect(result).toMatch(/\nПотери \d,\d\de-\d+, точность 80%\.\n/);
    expect(result).toMatch(/<pre>w1 +\d+,\d{5}\n/);
    expect(result).toMatch(/<pre>1│ 0,5 {3}1 {3}1 → 0,5 {2}0,\d{5} ✗\n/);
    expect((await bot.say(user, chat, '/weights')).text).toMatch(/<pre>w1 +\d+,\d{5}\n[\s\S]*w1 -0,16596\n/);
    const predict = await bot.say(user, chat, '/predict 0,5 1 1');
    expect(predict.text).toMatch(
      /^🔮 0,5 1 1 → <b>0,\d{5}<\/b>, класс [01]\.\nКак получилось: взвешенная сумма -?\d+,\d{5}/,
    );
    expect(predict.text).not.toMatch(/\d\.\d/);
  });

  it('that the member may copy back read back as the same rows, one input or several', async () => {
    const member = bot.member('ru');
    const { user, chat } = member;
    await bot.say(user, chat, '0,5 0,25 -> 0,5\n-1,5e-7 1 -> 1');
    const rows = await stored(member);
    const shown = (await bot.say(user, chat, '/data')).text ?? '';
    expect(words(copiedRows(shown))).toEqual(['0,5 0,25 → 0,5', '-1,5e-7 1 → 1']);
    await clear(member);
    await bot.say(user, chat, copiedRows(shown));
    expect(await stored(member)).toEqual(rows);

    // One input: a lone 0,5 reads as two inputs, 0 and 5, so the table writes it with a point.
    await clear(member);
    await bot.say(user, chat, '0.5 -> 0,5\n2 -> 1');
    const single = (await bot.say(user, chat, '/data')).text ?? '';
    expect(words(copiedRows(single))).toEqual(['0.5 → 0,5', '2 → 1']);
    await clear(member);
    await bot.say(user, chat, copiedRows(single));
    expect(await stored(member)).toEqual([
      { inputs: [0.5], output: 0.5 },
      { inputs: [2], output: 1 },
    ]);
  });
});

describe('numbers an English member reads', () => {
  it('keep the decimal point', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    await bot.say(user, chat, HALVES);
    expect((await bot.say(user, chat, '/step')).text).toContain('Row 1: 0.5 1 1 → 0.5');
    expect((await bot.say(user, chat, '/data')).text).toContain('<pre>1│ 0.5   1   1 → 0.5\n');
    const result = (await trainUntilResult(bot, member)).text ?? '';
    expect(result).toMatch(/\nLoss \d\.\d\de-\d+, accuracy 80%\.\n/);
    const predict = await bot.say(user, chat, '/predict 0,5 1 1');
    expect(predict.text).toMatch(/^🔮 0\.5 1 1 → <b>0\.\d{5}<\/b>, class [01]\.\n/);
    expect(predict.text).not.toMatch(/\d,\d/);
  });
});
