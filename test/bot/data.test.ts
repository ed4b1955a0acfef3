import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const LESSON_ROWS = '0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1\n0 1 1 -> 0';

/** Every message the bot sends after the last action, up to the one that carries buttons. */
async function collectUntilButtons(
  user: FakeUser,
  chat: FakeChat,
  text: string,
  on: TestBot = bot,
): Promise<FakeMessage[]> {
  const parts = [await on.say(user, chat, text)];
  while (on.api.buttons(parts.at(-1) as FakeMessage).length === 0) parts.push(await on.next(chat));
  return parts;
}

describe.each(['en', 'ru'])('/data, /del and /clear for a user whose Telegram speaks %s', (language) => {
  it('/data shows the rows numbered, in monospace, with a Train button', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    const table = await bot.say(user, chat, '/data');
    const title = t('data.title', { count: 4, inputs: t('units.inputs', { count: 3, n: '3' }) });
    expect(table.text).toBe(`${title}\n<pre>1│ 0 0 1 → 0\n2│ 1 1 1 → 1\n3│ 1 0 1 → 1\n4│ 0 1 1 → 0</pre>`);
    expect(table.text).toContain(language === 'ru' ? '4 строки, 3 входа' : '4 rows, 3 inputs');
    expect(bot.api.buttons(table).map((b) => b.text)).toEqual([t('buttons.train')]);
  });

  it('/data on an empty dataset says how to add rows', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
  });

  it('/del N M deletes those rows and the rest are numbered again', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    expect((await bot.say(user, chat, '/del 2 3')).text).toBe(t('data.deleted', { count: 2, total: 2 }));
    expect((await bot.say(user, chat, '/data')).text).toContain('<pre>1│ 0 0 1 → 0\n2│ 0 1 1 → 0</pre>');
    expect((await bot.say(user, chat, '/del 1,1')).text).toBe(t('data.deleted', { count: 1, total: 1 }));
  });

  it.each([
    ['5', '5'],
    ['0', '0'],
    ['two', 'two'],
    ['1 -2', '-2'],
  ])('/del %s names the bad number and the range, and deletes nothing', async (argument, token) => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    expect((await bot.say(user, chat, `/del ${argument}`)).text).toBe(t('data.delBad', { token, total: 4 }));
    expect((await bot.say(user, chat, '/data')).text).toContain('4│ 0 1 1 → 0');
  });

  it('/del alone explains itself', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    expect((await bot.say(user, chat, '/del')).text).toBe(t('data.delHelp'));
  });

  it('/clear asks first; Cancel keeps the rows', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    const question = await bot.say(user, chat, '/clear');
    expect(question.text).toBe(t('data.confirmClear', { count: 4 }));
    expect(bot.api.buttons(question).map((b) => b.text)).toEqual([
      t('buttons.yesClear'),
      t('buttons.cancel'),
    ]);
    expect(await bot.press(question, t('buttons.cancel'), user)).toBeUndefined();
    expect((await bot.next(chat)).text).toBe(t('data.cancelled'));
    expect((await bot.say(user, chat, '/data')).text).toContain('4│ 0 1 1 → 0');
  });

  it('/clear then Yes empties the dataset; a second press of that old Yes is refused as stale', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    const question = await bot.say(user, chat, '/clear');
    expect(await bot.press(question, t('buttons.yesClear'), user)).toBeUndefined();
    expect((await bot.next(chat)).text).toBe(t('data.cleared'));
    expect((await bot.say(user, chat, '/data')).text).toBe(t('data.empty'));
    await bot.say(user, chat, '1 1 1 -> 1');
    expect(await bot.press(question, t('buttons.yesClear'), user)).toBe(t('press.stale'));
    expect((await bot.say(user, chat, '/data')).text).toContain('1│ 1 1 1 → 1');
  });

  it('the Yes of an earlier /clear is stale once a newer /clear asked again', async () => {
    const { user, chat, t } = bot.member(language);
    await bot.say(user, chat, LESSON_ROWS);
    const older = await bot.say(user, chat, '/clear');
    const newer = await bot.say(user, chat, '/clear');
    expect(await bot.press(older, t('buttons.yesClear'), user)).toBe(t('press.stale'));
    expect((await bot.say(user, chat, '/data')).text).toContain('4│ 0 1 1 → 0');
    expect(await bot.press(newer, t('buttons.yesClear'), user)).toBeUndefined();
    expect((await bot.next(chat)).text).toBe(t('data.cleared'));
  });

  it('/clear with no rows says the dataset is empty', async () => {
    const { user, chat, t } = bot.member(language);
    expect((await bot.say(user, chat, '/clear')).text).toBe(t('data.empty'));
  });
});

describe('a dataset too big for one message, with MAX_DATA_MESSAGES above its size', () => {
  let paging: TestBot;
  beforeAll(async () => {
    paging = await startTestBot({ env: { MAX_DATA_MESSAGES: '100' } });
  });
  afterAll(() => paging.stop());

  it('1,000 rows of 32 inputs come in several messages, each within 4,096 characters, all rows in order', async () => {
    const bot = paging;
    const { user, chat, t } = bot.member('en');
    const row = (r: number) =>
      `${Array.from({ length: 32 }, (_, i) => (r >> (i % 10)) & 1).join(' ')} -> ${r % 2}`;
    for (let start = 0; start < 1000; start += 50) {
      const chunk = Array.from({ length: 50 }, (_, i) => row(start + i)).join('\n');
      expect((await bot.say(user, chat, chunk)).text).toBe(t('rows.added', { count: 50, total: start + 50 }));
    }
    const parts = await collectUntilButtons(user, chat, '/data', bot);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.text?.length).toBeLessThanOrEqual(4096);
      expect(part.text).toMatch(/<pre>[\s\S]*<\/pre>$/);
    }
    expect(
      parts[0]?.text?.startsWith(
        t('data.title', { count: 1000, inputs: t('units.inputs', { count: 32, n: '32' }) }),
      ),
    ).toBe(true);
    const numbers = parts.flatMap((part) =>
      [...(part.text ?? '').matchAll(/^(?:<pre>)?\s*(\d+)│/gm)].map((m) => Number(m[1])),
    );
    expect(numbers).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(parts.at(-1)?.text).toContain(`1000│ ${row(999).replace(' -> ', ' → ')}`);
  });
});
