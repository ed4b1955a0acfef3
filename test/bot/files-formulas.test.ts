import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeMessage } from '../../src/dev/fake-bot-api.js';
import { parseCsv } from '../helpers/csv.js';
import { sendFile } from '../helpers/files.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  // One message of /data at most, so that a few hundred rows come as a file.
  bot = await startTestBot({ env: { MAX_DATA_MESSAGES: '1' } });
});
afterAll(() => bot.stop());

const HOSTILE_HEADER = `"=HYPERLINK(""http://e.x/"",""a"")",+cmd|' /C calc'!A0,@SUM(1+1),-2+3`;
/** What a spreadsheet runs as a formula (after spaces or double quotes); a plain number such as -0.25 is data. */
const isFormula = (cell: string) => /^[ "]*[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?(e-?\d+)?$/.test(cell);
const rows = Array.from({ length: 300 }, (_, i) => `${(i % 7) / -4},${i % 2},${(i % 5) - 2},${i % 2}`);

const stored = ({ user, chat }: Member) => bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));

/** Every cell of a CSV file the bot sent, read by a reader that honours quotes and by one that does not. */
function expectNoFormula(message: FakeMessage): string[][] {
  const text = bot.api.fileBytes(message).toString('utf8');
  const cells = parseCsv(text);
  expect(cells.flat().filter(isFormula)).toEqual([]);
  expect(text.split(/[,;\t\r\n]/).filter(isFormula)).toEqual([]);
  return cells;
}

describe('CSV files the bot sends keep hostile column names as text', () => {
  it('/export, /data as a file, and a /share copy: no cell runs as a formula, and the file reads back the same', async () => {
    const alice = bot.member('en');
    const added = await sendFile(bot, alice.user, alice.chat, {
      file_name: 'hostile.csv',
      bytes: [HOSTILE_HEADER, ...rows].join('\n'),
    });
    expect(added.text).toContain(alice.t('files.added', { name: 'hostile.csv', count: 300, total: 300 }));
    const names = (await stored(alice))?.columns;
    expect(names?.inputs[1]).toBe("+cmd|' /C calc'!A0");
    const header = [...(names?.inputs ?? []), names?.output];

    const exported = await bot.say(alice.user, alice.chat, '/export');
    await bot.next(alice.chat);
    const cells = expectNoFormula(exported);
    expect(cells[0]).toEqual(header.map((name) => `'${name}`));
    expect(cells[1]).toEqual(['0', '0', '-2', '0']);
    expect(cells[2]).toEqual(['-0.25', '1', '-1', '1']);

    const asFile = await bot.say(alice.user, alice.chat, '/data');
    expect(asFile.document?.file_name).toMatch(/\.csv$/);
    expect(bot.api.fileBytes(asFile).equals(bot.api.fileBytes(exported))).toBe(true);
    expectNoFormula(asFile);

    // Another member copies the names through /share: their files are guarded the same way.
    const link = /start=(s_[\w-]+)/.exec((await bot.say(alice.user, alice.chat, '/share')).text ?? '')?.[1];
    const boris = bot.member('ru');
    const question = await bot.say(boris.user, boris.chat, `/start ${link}`);
    await bot.press(question, boris.t('share.yes'), boris.user);
    await bot.next(boris.chat);
    const copied = await bot.say(boris.user, boris.chat, '/export');
    await bot.next(boris.chat);
    expect(expectNoFormula(copied)[0]).toEqual(header.map((name) => `'${name}`));

    // The exported file, sent back, gives the same rows and names.
    const carol = bot.member('en');
    await sendFile(bot, carol.user, carol.chat, {
      file_name: 'back.csv',
      bytes: bot.api.fileBytes(exported),
    });
    const original = await stored(alice);
    const back = await stored(carol);
    expect(back?.rows).toEqual(original?.rows);
    expect(back?.columns).toEqual(original?.columns);
  });
});
