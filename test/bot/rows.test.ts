import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage, type Translate } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const LESSON_ROWS = '0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1\n0 1 1 -> 0';

/** The reply to a rejected text: a head line, then one bullet per bad line, as the locale words them. */
function rejection(t: Translate, errors: [key: LocaleKey, vars: Record<string, unknown>][]): string {
  const lines = errors.map(([key, vars]) => `• ${t(key, { token: '', ...vars, count: vars.expected })}`);
  return [t('rows.rejected', { count: errors.length }), ...lines].join('\n');
}

describe.each(['en', 'ru'] as const)('rows from a user whose Telegram speaks %s', (language) => {
  it('plain text rows in a private chat are added, with the count, the total and what to do next', async () => {
    const { user, chat, t } = bot.member(language);
    const first = await bot.say(user, chat, '0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1');
    expect(first.text).toBe(t('rows.added', { count: 3, total: 3 }));
    expect(bot.api.buttons(first).map((b) => b.text)).toEqual([t('buttons.train'), t('buttons.showData')]);
    const second = await bot.say(user, chat, '0 1 1 → 0');
    expect(second.text).toBe(t('rows.added', { count: 1, total: 4 }));
  });

  it('the buttons under the reply train and show the data', async () => {
    const { user, chat, t } = bot.member(language);
    const added = await bot.say(user, chat, LESSON_ROWS);
    await bot.press(added, t('buttons.showData'), user);
    expect((await bot.next(chat)).text).toContain('4│ 0 1 1 → 0');
    await bot.press(added, t('buttons.train'), user);
    const progress = await bot.next(chat);
    const result = await bot.edited(progress, (text) => text.includes(t('train.outputs')));
    expect(result.text).toContain(
      t('train.summary', { loss: inLanguage(language, '3.20e-5'), accuracy: 100 }),
    );
  });

  it('/add takes rows on the same line and on the lines after it', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/add 0 0 1 -> 0')).text).toBe(t('rows.added', { count: 1, total: 1 }));
    expect((await bot.say(user, chat, '/add 1 1 1 -> 1\n1 0 1 -> 1')).text).toBe(
      t('rows.added', { count: 2, total: 3 }),
    );
    expect((await bot.say(user, chat, '/add\n0 1 1 -> 0\n1 1 1 => 1')).text).toBe(
      t('rows.added', { count: 2, total: 5 }),
    );
    expect((await bot.say(user, chat, '/data')).text).toContain('5│ 1 1 1 → 1');
  });

  it('/add alone explains how to add rows', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/add')).text).toBe(t('rows.addHelp'));
  });

  it('a text with one bad line adds nothing and names that line and its problem', async () => {
    const { user, chat, t } = bot.member(language);
    const reply = await bot.say(user, chat, '0 0 1 -> 0\n1 1 1 -> 1\n1 x 1 -> 1');
    expect(reply.text).toBe(
      rejection(t, [['rowError.not-a-number', { line: 3, text: '1 x 1 -> 1', token: 'x' }]]),
    );
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
  });

  it('a row of another width names the number of inputs the dataset has', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    const reply = await bot.say(user, chat, '1 1 -> 1');
    expect(reply.text).toBe(
      rejection(t, [['rowError.width-mismatch', { line: 1, text: '1 1 -> 1', expected: 3, actual: 2 }]]),
    );
    expect(reply.text).toContain(language === 'ru' ? 'в ваших строках 3 входа' : 'your rows have 3 inputs');
    expect((await bot.say(user, chat, '/data')).text).toContain(
      t('data.title', { count: 4, inputs: t('units.inputs', { count: 3, n: '3' }) }),
    );
  });
});

describe('every kind of bad row can be sent from the chat', () => {
  const cases: [key: LocaleKey, text: string, vars: Record<string, unknown>][] = [
    ['rowError.no-arrow', '0 0 1', {}],
    ['rowError.no-inputs', '-> 1', {}],
    ['rowError.no-output', '0 0 1 ->', {}],
    ['rowError.two-outputs', '0 0 1 -> 0 1', { token: '1' }],
    ['rowError.not-a-number', '0 abc 1 -> 0', { token: 'abc' }],
    ['rowError.not-finite', '0 1e999 1 -> 0', { token: '1e999' }],
    ['rowError.output-out-of-range', '0 0 1 -> 2', { token: '2' }],
    // A long line is quoted cut to 60 characters.
    [
      'rowError.too-many-inputs',
      `${'1 '.repeat(33)}-> 1`,
      { text: `${'1 '.repeat(29)}1…`, expected: 32, actual: 33 },
    ],
  ];

  it.each(cases)('%s', async (key, text, vars) => {
    const { user, chat, t } = bot.member('en');
    const shown = text.trim();
    const reply = await bot.say(user, chat, text);
    expect(reply.text).toBe(rejection(t, [[key, { line: 1, text: shown, ...vars }]]));
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
  });

  it('width-mismatch inside one text, against its first row', async () => {
    const { user, chat, t } = bot.member('ru');
    const reply = await bot.say(user, chat, '0 0 1 -> 0\n\n1 1 -> 1');
    expect(reply.text).toBe(
      rejection(t, [['rowError.width-mismatch', { line: 3, text: '1 1 -> 1', expected: 3, actual: 2 }]]),
    );
  });

  it('too-many-rows, once the dataset holds the limit of 1,000 rows', async () => {
    const { user, chat, t } = bot.member('en');
    const half = Array.from({ length: 500 }, (_, i) => `${i % 2} -> ${i % 2}`).join('\n');
    expect((await bot.say(user, chat, half)).text).toBe(t('rows.added', { count: 500, total: 500 }));
    expect((await bot.say(user, chat, half)).text).toBe(t('rows.added', { count: 500, total: 1000 }));
    const reply = await bot.say(user, chat, '1 -> 1');
    expect(reply.text).toContain(t('rowError.too-many-rows', { expected: 1000 }));
    expect((await bot.say(user, chat, '/del 1')).text).toBe(t('data.deleted', { count: 1, total: 999 }));
    expect((await bot.say(user, chat, '1 -> 1')).text).toBe(t('rows.added', { count: 1, total: 1000 }));
  });

  it('at most five bad lines are named, then "and more"', async () => {
    const { user, chat, t } = bot.member('en');
    const reply = await bot.say(user, chat, Array.from({ length: 7 }, () => '0 0 1').join('\n'));
    const lines = (reply.text ?? '').split('\n');
    expect(lines.filter((line) => line.startsWith('• '))).toHaveLength(5);
    expect(lines.at(-1)).toBe(t('rows.moreErrors'));
  });
});

describe('a message longer than the limit', () => {
  it('is refused with its length and the limit, and adds nothing', async () => {
    const { user, chat, t } = bot.member('en');
    const text = '0 0 1 -> 0\n'.repeat(400);
    const reply = await bot.say(user, chat, text);
    expect(reply.text).toBe(t('rows.tooLong', { length: text.length, limit: 4096 }));
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
  });

  it('also after /add, in Russian', async () => {
    const { user, chat, t } = bot.member('ru');
    const rows = '0 0 1 -> 0\n'.repeat(400);
    const reply = await bot.say(user, chat, `/add ${rows}`);
    expect(reply.text).toContain(`не больше 4096 символов`);
    expect(reply.text).toBe(t('rows.tooLong', { length: rows.length, limit: 4096 }));
  });
});
