import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { Row } from '../../src/core/types.js';
import type { FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { encodeWindows1251, randomRows, sendFile, toCsv } from '../helpers/files.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const storedRows = async (chat: FakeChat, user: FakeUser): Promise<Row[]> =>
  (await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id)))?.rows ?? [];

const ROWS = randomRows(1000, 32, 7);
const NAMES = Array.from({ length: 32 }, (_, i) => `признак${i + 1}`);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);

describe.each(['en', 'ru'])('a file of 1,000 rows x 32 inputs, for a member speaking %s', (language) => {
  it.each([
    [
      'comma-separated with a header and CRLF',
      toCsv(ROWS, { separator: ',', lineEnd: '\r\n', header: [...NAMES, 'y'] }),
    ],
    [
      'UTF-8 with a BOM, semicolons and decimal commas',
      withBom(toCsv(ROWS, { separator: ';', decimalComma: true })),
    ],
    [
      'Windows-1251 from Russian Excel: Cyrillic header, semicolons, decimal commas, CRLF',
      encodeWindows1251(
        toCsv(ROWS, { separator: ';', decimalComma: true, lineEnd: '\r\n', header: [...NAMES, 'ответ'] }),
      ),
    ],
    ['tab-separated', toCsv(ROWS, { separator: '\t' })],
  ])('%s: all rows are added, number for number', async (_, bytes) => {
    const { user, chat, t } = bot.member(language);
    const answer = await sendFile(bot, user, chat, { file_name: 'class.csv', bytes, mime_type: 'text/csv' });
    expect(answer.text?.split('\n')[0]).toBe(
      t('files.added', { name: 'class.csv', count: 1000, total: 1000 }),
    );
    expect(await storedRows(chat, user)).toEqual(ROWS);
  });
});

describe('column names from a header', () => {
  it('are said on import, shown by /data and named in /weights', async () => {
    const { user, chat, t } = bot.member('en');
    const csv = 'temperature;humidity;bias;rain\n0,9;0,1;1;0\n0,2;0,8;1;1\n0,3;0,9;1;1\n0,8;0,3;1;0\n';
    const answer = await sendFile(bot, user, chat, { file_name: 'weather.csv', bytes: csv });
    expect(answer.text).toBe(
      [
        t('files.added', { name: 'weather.csv', count: 4, total: 4 }),
        t('files.columns', { inputs: 'temperature, humidity, bias', output: 'rain' }),
      ].join('\n'),
    );
    expect((await bot.say(user, chat, '/data')).text).toContain(
      'Columns: temperature, humidity, bias → rain',
    );
    await bot.say(user, chat, '/train 10');
    await bot.settle();
    const weights = (await bot.say(user, chat, '/weights')).text ?? '';
    expect(weights).toMatch(/w\(temperature\) +-?\d/);
    expect(weights).toContain('w(bias)');
    expect(weights).not.toContain('w1');
  });

  it('in Windows-1251 are read as Cyrillic, and the reply says how the file was read', async () => {
    const { user, chat, t } = bot.member('ru');
    const bytes = encodeWindows1251('температура;влажность;дождь\r\n0,9;0,1;0\r\n0,2;0,8;1\r\n');
    const answer = await sendFile(bot, user, chat, { file_name: 'погода.csv', bytes });
    expect(answer.text).toBe(
      [
        t('files.added', { name: 'погода.csv', count: 2, total: 2 }),
        t('files.columns', { inputs: 'температура, влажность', output: 'дождь' }),
        t('files.windows1251'),
      ].join('\n'),
    );
  });

  it('are dropped by /clear, so that new rows start without them', async () => {
    const { user, chat, t } = bot.member('en');
    await sendFile(bot, user, chat, { file_name: 'a.csv', bytes: 'a,b\n1,0\n' });
    const question = await bot.say(user, chat, '/clear');
    await bot.press(question, t('buttons.yesClear'), user);
    await bot.next(chat);
    await bot.say(user, chat, '1 -> 0');
    expect((await bot.say(user, chat, '/data')).text).not.toContain('Columns');
  });
});

describe('a file that adds to existing rows', () => {
  it('must have their width, and counts against the row limit with them', async () => {
    const { user, chat, t } = bot.member('en');
    await bot.say(user, chat, '0 0 1 -> 0');
    const answer = await sendFile(bot, user, chat, { file_name: 'two.csv', bytes: '0,1,1\n1,1,0\n' });
    expect(answer.text).toContain(t('files.rejected', { name: 'two.csv', count: 2 }));
    expect(answer.text).toContain('line 1');
    expect(await storedRows(chat, user)).toEqual([{ inputs: [0, 0, 1], output: 0 }]);
    const ok = await sendFile(bot, user, chat, { file_name: 'three.txt', bytes: '1 1 1 1\n' });
    expect(ok.text).toBe(t('files.added', { name: 'three.txt', count: 1, total: 2 }));
  });
});

async function send(member: Member, bytes: Uint8Array | string, file_name: string, mime_type?: string) {
  return sendFile(bot, member.user, member.chat, { file_name, bytes, ...(mime_type ? { mime_type } : {}) });
}

describe('a bad file gets one clear sentence, and the rows stay as they were', () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const XLSX = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]);

  it.each<[string, Uint8Array | string, string, string | undefined, LocaleKey]>([
    ['a picture sent as a document', PNG, 'photo.png', 'image/png', 'files.binary'],
    ['a picture renamed .csv', PNG, 'rows.csv', 'text/csv', 'files.binary'],
    [
      'a binary file with NUL bytes',
      Uint8Array.from([0x30, 0x2c, 0, 0x31]),
      'rows.txt',
      'text/plain',
      'files.binary',
    ],
    ['an Excel workbook', XLSX, 'class.xlsx', undefined, 'files.notData'],
    ['an Excel workbook renamed .csv', XLSX, 'class.csv', 'text/csv', 'files.spreadsheet'],
    ['an archive', Uint8Array.from([0x1f, 0x8b, 8, 0]), 'rows.zip', 'application/zip', 'files.notData'],
    ['an empty file', new Uint8Array(0), 'empty.csv', 'text/csv', 'files.empty'],
    ['a file of blank lines', '\r\n\r\n  \r\n', 'blank.csv', 'text/csv', 'files.noRows'],
    [
      'a JSON file of another program',
      '{"name":"my-app","version":"1.0.0"}',
      'package.json',
      'application/json',
      'files.notPerceptron',
    ],
    ['broken JSON', '{"format": "perceptron-bot", ', 'model.json', 'application/json', 'files.notJson'],
    ['a JSON array in a .json file', '[1,2,3]', 'list.json', 'application/json', 'files.notPerceptron'],
    [
      'a JSON array in a .json file sent without a type',
      '[1,2,3]',
      'list.JSON',
      undefined,
      'files.notPerceptron',
    ],
  ])('%s', async (_, bytes, fileName, mime, key) => {
    const member = bot.member('ru');
    await bot.say(member.user, member.chat, '0 0 1 -> 0');
    const answer = await send(member, bytes, fileName, mime);
    expect(answer.text).toBe(member.t(key, { name: fileName }));
    expect(await storedRows(member.chat, member.user)).toEqual([{ inputs: [0, 0, 1], output: 0 }]);
  });

  it('a perceptron file whose version is the string "1" is told the version field is wrong', async () => {
    const member = bot.member('en');
    const answer = await send(
      member,
      '{"format":"perceptron-bot","version":"1"}',
      'v.json',
      'application/json',
    );
    expect(answer.text).toBe(member.t('files.badValue', { name: 'v.json', field: 'version' }));
  });

  it('a ragged CSV: the first errors with their line numbers, nothing added', async () => {
    const member = bot.member('en');
    const csv = 'a,b,c,y\n0,0,1,0\n1,1,1\n0,1,x,1\n1,1,1,1\n0,0,0,0,0\n';
    const answer = await send(member, csv, 'ragged.csv', 'text/csv');
    expect(answer.text).toBe(
      [
        member.t('files.rejected', { name: 'ragged.csv', count: 3 }),
        `• ${member.t('rowError.width-mismatch', { line: 3, text: '1,1,1', expected: 3, actual: 2, count: 3 })}`,
        `• ${member.t('rowError.not-a-number', { line: 4, text: '0,1,x,1', token: 'x' })}`,
        `• ${member.t('rowError.width-mismatch', { line: 6, text: '0,0,0,0,0', expected: 3, actual: 4, count: 3 })}`,
      ].join('\n'),
    );
    expect(await storedRows(member.chat, member.user)).toEqual([]);
  });

  it('a file over MAX_FILE_BYTES is refused by its stated size, without downloading it', async () => {
    const member = bot.member('en');
    const big = '0,1\n'.repeat(300_000);
    const before = bot.api.calls.filter((call) => call.method === 'getFile').length;
    const answer = await send(member, big, 'big.csv', 'text/csv');
    expect(answer.text).toBe(member.t('files.tooBig', { name: 'big.csv', size: '1.1 MB', limit: '1 MB' }));
    expect(bot.api.calls.filter((call) => call.method === 'getFile').length).toBe(before);
  });

  it('more rows than MAX_ROWS with the existing ones: the limit, nothing added', async () => {
    const member = bot.member('en');
    await bot.say(member.user, member.chat, '1 1 -> 1');
    const answer = await send(member, toCsv(randomRows(1000, 2, 3), { separator: ',' }), 'many.csv');
    expect(answer.text).toContain(member.t('rowError.too-many-rows', { expected: 1000 }));
    expect(await storedRows(member.chat, member.user)).toHaveLength(1);
  });

  it('while one member sends bad files, another member is answered as usual', async () => {
    const sender = bot.member('en');
    const other = bot.member('en');
    for (let i = 0; i < 5; i++)
      bot.api.uploadDocument(sender.chat, sender.user, {
        file_name: 'x.png',
        bytes: PNG,
        mime_type: 'image/png',
      });
    expect((await bot.say(other.user, other.chat, '/data')).text).toBe(other.t('data.empty'));
    await bot.settle();
  });
});

describe('in a group', () => {
  let groupId = -7000;
  it('a document with the caption /add adds rows; one without is left alone; one replying to the bot adds', async () => {
    const group = bot.api.group(--groupId, 'Class', 'supergroup');
    const { user, t } = bot.member('en');
    const added = await sendFile(bot, user, group, { file_name: 'a.csv', bytes: '0,1,1\n', caption: '/add' });
    expect(added.text).toBe(t('files.added', { name: 'a.csv', count: 1, total: 1 }));
    const silent = bot.api.uploadDocument(group, user, { file_name: 'b.csv', bytes: Buffer.from('1,1,0\n') });
    await bot.settle();
    expect(bot.api.messages(group.id).filter((m) => m.message_id > silent.message_id)).toEqual([]);
    const replied = await sendFile(bot, user, group, {
      file_name: 'c.csv',
      bytes: '1,0,1\n',
      reply_to_message: added,
    });
    expect(replied.text).toBe(t('files.added', { name: 'c.csv', count: 1, total: 2 }));
    expect(await storedRows(group, user)).toEqual([
      { inputs: [0, 1], output: 1 },
      { inputs: [1, 0], output: 1 },
    ]);
  });
});

describe('/help', () => {
  it.each([
    ['en', '1 MB', 'longer than 3 messages'],
    ['ru', '1 МБ', 'длиннее 3 сообщений'],
  ])(
    'in %s names the file size limit and when /data comes as a file, under [More]',
    async (language, size, pages) => {
      const { user, chat, t } = bot.member(language);
      await bot.press(await bot.say(user, chat, '/help'), t('help.buttons.more'), user);
      const help = (await bot.next(chat)).text ?? '';
      expect(help).toContain(t('files.help', { maxSize: size, count: 3 }));
      expect(help).toContain(size);
      expect(help).toContain(pages);
    },
  );
});
